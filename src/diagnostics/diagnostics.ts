import type { Diagnostic } from "../model/diagnostic.js";
import type { Position } from "../model/position.js";

/**
 * Collects the problems of one run, so that every problem is reported, not only the first.
 * Stages take a Diagnostics, add to it, and carry on where they safely can.
 */
export class Diagnostics {
  readonly list: Diagnostic[] = [];

  constructor(readonly file: string) {}

  error(id: string, message: string, at: Position | null, hint?: string): void {
    this.add("error", id, message, at, hint);
  }

  warning(id: string, message: string, at: Position | null, hint?: string): void {
    this.add("warning", id, message, at, hint);
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === "error");
  }

  private add(severity: Diagnostic["severity"], id: string, message: string, at: Position | null, hint?: string): void {
    const diagnostic: Diagnostic = { id, severity, message, file: this.file };
    if (at) {
      diagnostic.line = at.line;
      diagnostic.column = at.column;
    }
    if (hint !== undefined) diagnostic.hint = hint;
    this.list.push(diagnostic);
  }
}

/** Thrown by the library when a build cannot go on; carries every problem found so far. */
export class DeckwrightError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join("\n"));
    this.name = "DeckwrightError";
  }
}
