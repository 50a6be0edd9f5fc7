import type { Diagnostic } from "../model/diagnostic.js";

const PAINT = { error: "\u001b[31m", warning: "\u001b[33m", dim: "\u001b[2m", reset: "\u001b[0m" } as const;

/** `file:line:col: severity message [id]`, then the hint indented on its own line; the severity coloured when asked. */
export function formatDiagnostic(d: Diagnostic, options: { color?: boolean } = {}): string {
  let where = d.file ?? "deckwright";
  if (d.line !== undefined) where += `:${d.line}:${d.column ?? 1}`;
  const severity = options.color ? `${PAINT[d.severity]}${d.severity}${PAINT.reset}` : d.severity;
  const id = options.color ? `${PAINT.dim}[${d.id}]${PAINT.reset}` : `[${d.id}]`;
  const head = `${where}: ${severity} ${d.message} ${id}`;
  return d.hint === undefined ? head : `${head}\n  ${d.hint}`;
}
