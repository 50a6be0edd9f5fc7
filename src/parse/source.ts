import type { Position } from "../model/position.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { findIllegalXmlChars, replaceIllegalXmlChars } from "../xml/sanitize.js";

/** Maps character offsets of a text to 1-based line:column positions. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  at(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }
}

const MAX_CHARACTER_WARNINGS = 20;

const REFERENCE = /&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));/g;

/** `&#1;`, `&#xFFFF;`: character references to characters XML forbids become U+FFFD, with a warning. */
function replaceForbiddenReferences(text: string, diagnostics: Diagnostics): string {
  if (!text.includes("&#")) return text;
  let lines: LineIndex | null = null;
  return text.replace(REFERENCE, (whole, hex: string | undefined, decimal: string | undefined, offset: number) => {
    const code = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
    const forbidden = code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || findIllegalXmlChars(String.fromCodePoint(Math.min(code, 0x10ffff))).length > 0;
    if (!forbidden) return whole;
    lines ??= new LineIndex(text);
    diagnostics.warning("illegal-character", `Unexpected character reference ${whole} to a character XML forbids; replaced with U+FFFD`, lines.at(offset));
    return "\uFFFD";
  });
}

/** `U+000B` */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Makes Markdown text safe to work on: drops a byte-order mark, turns CRLF and CR into LF,
 * and replaces every character that XML 1.0 forbids with U+FFFD (one code unit for one, so
 * every later position is still right), warning with the position of each.
 */
export function normaliseSource(raw: string, diagnostics: Diagnostics): string {
  const text = replaceForbiddenReferences(raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), diagnostics);
  const illegal = findIllegalXmlChars(text);
  if (illegal.length === 0) return text;
  const lines = new LineIndex(text);
  for (const { index, codePoint } of illegal.slice(0, MAX_CHARACTER_WARNINGS)) {
    diagnostics.warning("illegal-character", `Unexpected character ${codePointName(codePoint)}, which XML forbids; replaced with U+FFFD`, lines.at(index));
  }
  if (illegal.length > MAX_CHARACTER_WARNINGS) {
    diagnostics.warning("illegal-character", `${illegal.length - MAX_CHARACTER_WARNINGS} more characters that XML forbids were replaced`, null);
  }
  return replaceIllegalXmlChars(text);
}
