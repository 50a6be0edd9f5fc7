/**
 * XML 1.0 character hygiene.
 *
 * XML 1.0 (§2.2) allows only `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]`. In a JavaScript string that rules out the C0 controls other than
 * tab, LF and CR; U+FFFE and U+FFFF; and surrogate code units that are not half of a
 * valid pair. A correctly paired surrogate (an emoji, say) is one code point above
 * U+FFFF and is allowed.
 *
 * The patterns use the `u` flag, under which a well-formed surrogate pair is a single
 * code point that the class below does not match, while a lone surrogate is matched.
 */

const ILLEGAL_CLASS = "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uD800-\\uDFFF\\uFFFE\\uFFFF]";

/** Non-global, so `test` keeps no `lastIndex` state between calls. */
const HAS_ILLEGAL = new RegExp(ILLEGAL_CLASS, "u");
const ALL_ILLEGAL = new RegExp(ILLEGAL_CLASS, "gu");

export interface IllegalXmlChar {
  /** Index in UTF-16 code units, as for `String.prototype.slice`. */
  readonly index: number;
  readonly codePoint: number;
}

/** True when `s` contains a character that XML 1.0 forbids. */
export function hasIllegalXmlChars(s: string): boolean {
  return HAS_ILLEGAL.test(s);
}

/** `s` without the characters that XML 1.0 forbids; returns `s` itself when it is clean. */
export function stripIllegalXmlChars(s: string): string {
  if (!HAS_ILLEGAL.test(s)) return s;
  return s.replace(ALL_ILLEGAL, "");
}

/** Every character in `s` that XML 1.0 forbids, in order. */
export function findIllegalXmlChars(s: string): IllegalXmlChar[] {
  if (!HAS_ILLEGAL.test(s)) return [];
  const found: IllegalXmlChar[] = [];
  for (const match of s.matchAll(ALL_ILLEGAL)) {
    found.push({ index: match.index, codePoint: match[0].codePointAt(0) ?? 0 });
  }
  return found;
}

/**
 * Numeric character references to characters XML 1.0 forbids (`&#0;`, `&#x1B;`,
 * `&#xD800;`, `&#xFFFF;`, out of range …) are not well-formed either, even though every
 * character of the reference itself is legal.
 */
const CHAR_REF = /&#(?:x([0-9A-Fa-f]+)|([0-9]+));/g;

function isLegalXmlCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** `s` without numeric character references to characters XML 1.0 forbids. */
export function stripIllegalXmlCharRefs(s: string): string {
  if (!s.includes("&#")) return s;
  return s.replace(CHAR_REF, (ref, hex: string | undefined, dec: string | undefined) => {
    const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec ?? "", 10);
    return isLegalXmlCodePoint(cp) ? ref : "";
  });
}

/**
 * `s` with each character XML 1.0 forbids replaced by U+FFFD. Every forbidden character is
 * one UTF-16 code unit, so offsets into the result match offsets into `s`.
 */
export function replaceIllegalXmlChars(s: string): string {
  if (!HAS_ILLEGAL.test(s)) return s;
  return s.replace(ALL_ILLEGAL, "\uFFFD");
}
