/**
 * The Markdown file's bytes → its text. UTF-8 (with or without a byte-order mark) is the
 * format; UTF-16 is read when a byte-order mark says so. Anything else is refused with the
 * position of the first byte that does not fit, rather than read with U+FFFD in silence:
 *
 * - NUL bytes in a file without a UTF-16 mark: `not-text` (a binary file), at the first one;
 * - bytes that are not UTF-8: `not-utf8`, at the first one, naming it (a Latin-1 or
 *   Windows-1252 file is the usual cause).
 */
import { isUtf8 } from "node:buffer";
import type { Diagnostic } from "../model/diagnostic.js";

export type Decoded = { text: string } | { problem: Omit<Diagnostic, "file" | "severity"> };

export function decodeMarkdown(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, "utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, "utf-16be");
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { problem: { id: "not-text", ...position(bytes, nul), message: "Unexpected binary file (it has NUL bytes), expected a Markdown text file", hint: "a UTF-16 file needs a byte-order mark; otherwise save it as UTF-8" } };
  }
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad !== -1) {
    const count = countInvalidUtf8(bytes, bad);
    const byte = `0x${(bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, "0")}`;
    return {
      problem: {
        id: "not-utf8",
        ...position(bytes, bad),
        message: `Unexpected byte ${byte}: the file is not UTF-8 (${count === 1 ? "1 byte does" : `${count} bytes do`} not fit)`,
        hint: "save the file as UTF-8 (an editor's \"Save with encoding\"; or iconv -f latin1 -t utf-8)",
      },
    };
  }
  return { text: new TextDecoder("utf-8").decode(bytes) };
}

function utf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): Decoded {
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    return { problem: { id: "not-utf8", line: 1, column: 1, message: `Unexpected text: the file starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()}` } };
  }
}

/** 1-based line and column (in characters) of the byte at `offset`. */
function position(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) {
    line++;
    start = i + 1;
  }
  const before = new TextDecoder("utf-8").decode(bytes.subarray(start, offset));
  return { line, column: [...before].length + 1 };
}

/** The length of the well-formed UTF-8 sequence at `i` (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF), or 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] ?? 0;
  if (b0 < 0x80) return 1;
  const cont = (k: number, low = 0x80, high = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= low && b <= high;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const low = b0 === 0xe0 ? 0xa0 : 0x80;
    const high = b0 === 0xed ? 0x9f : 0xbf;
    return cont(1, low, high) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const low = b0 === 0xf0 ? 0x90 : 0x80;
    const high = b0 === 0xf4 ? 0x8f : 0xbf;
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    if ((bytes[i] ?? 0) < 0x80) {
      i++;
      continue;
    }
    const n = sequenceLength(bytes, i);
    if (n === 0) return i;
    i += n;
  }
  return -1;
}

function countInvalidUtf8(bytes: Uint8Array, from: number): number {
  let count = 0;
  for (let i = from; i < bytes.length; ) {
    const n = sequenceLength(bytes, i);
    if (n === 0) {
      count++;
      i++;
    } else i += n;
  }
  return count;
}
