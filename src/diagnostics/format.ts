import type { Diagnostic } from "../model/diagnostic.js";

/** `file:line:col: severity message [id]`, then the hint indented on its own line. */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file ?? "deckwright";
  if (d.line !== undefined) where += `:${d.line}:${d.column ?? 1}`;
  const head = `${where}: ${d.severity} ${d.message} [${d.id}]`;
  return d.hint === undefined ? head : `${head}\n  ${d.hint}`;
}
