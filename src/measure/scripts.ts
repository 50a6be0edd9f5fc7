/**
 * What a character is for measuring and line breaking: wide East Asian or emoji (1 em; a line
 * may break around Chinese and Japanese characters and emoji, while Korean breaks at spaces),
 * invisible (no width), a space that hangs at a line's end, a hyphen or dash after which a line
 * may break, and the punctuation that may not start or end a line.
 */

/** Han ideographs, kana, bopomofo, CJK symbols and full-width forms: a line may break between any two. */
const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303F\u31C0-\u31EF\u3200-\u33FF\uFE30-\uFE4F\uFF01-\uFF60\uFFE0-\uFFE6]/u;
/** Hangul is as wide, but Korean lines break at spaces, as Latin ones do. */
const HANGUL = /\p{Script=Hangul}/u;
const EMOJI = /\p{Extended_Pictographic}/u;
/** Combining marks, joiners, variation selectors, format and control characters: no width of their own. */
const INVISIBLE = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}\uFE00-\uFE0F]$/u;
/** Spaces that a line may break after, and that hang past the right edge at a line's end. */
const HANGING_SPACE = /^[ \t\u1680\u2000-\u2006\u2008-\u200A\u205F\u3000]$/u;
/** Breaking after these keeps them on the first line: hyphen-minus, hyphen, en dash, em dash. */
const BREAK_AFTER = new Set(["-", "\u2010", "\u2013", "\u2014"]);
/** Zero-width space: a break opportunity that is not seen. */
const ZERO_WIDTH_SPACE = "\u200B";
/** Kinsoku: these never start a line (closing brackets, stops, small kana, the prolonged sound mark). */
const NO_LINE_START = new Set([...")]}»›\u201D\u2019,.:;!?%\u3001\u3002\uFF0C\uFF0E\uFF1A\uFF1B\uFF01\uFF1F\uFF09\uFF3D\uFF5D\u300D\u300F\u3011\u3015\u3009\u300B\u3017\u3019\u301F\u30FC\u30FB\u3005\u309D\u309E\u30FD\u30FE\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308E\u3095\u3096\u30A1\u30A3\u30A5\u30A7\u30A9\u30C3\u30E3\u30E5\u30E7\u30EE\u30F5\u30F6"]);
/** Kinsoku: these never end a line (opening brackets and quotes). */
const NO_LINE_END = new Set([..."([{«‹\u201C\u2018\uFF08\uFF3B\uFF5B\u300C\u300E\u3010\u3014\u3008\u300A\u3016\u3018\u301D"]);

/** Wide East Asian text or an emoji: 1 em when the font lacks it. */
export function isWide(grapheme: string): boolean {
  return IDEOGRAPHIC.test(grapheme) || HANGUL.test(grapheme) || EMOJI.test(grapheme);
}

/** Chinese or Japanese text, or an emoji: a line may break before and after it. */
function breaksAround(grapheme: string): boolean {
  return IDEOGRAPHIC.test(grapheme) || EMOJI.test(grapheme);
}

/** A cluster with an emoji picture character (Extended_Pictographic) in it; of a longer text, whether any of its clusters is one. */
export function isEmoji(text: string): boolean {
  // ASCII has no emoji pictures (the keycap digits need U+20E3): most words are read without the Unicode expression.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return EMOJI.test(text);
  return false;
}

export function isInvisible(char: string): boolean {
  return INVISIBLE.test(char) || char === ZERO_WIDTH_SPACE;
}

export function isHangingSpace(grapheme: string): boolean {
  return HANGING_SPACE.test(grapheme);
}

const isDigit = (grapheme: string) => /^\p{Nd}/u.test(grapheme);
const isWordPart = (grapheme: string) => /^[\p{L}\p{N}\p{M})\]}"'\u2019\u201D]/u.test(grapheme);

/** What line breaking asks of a grapheme cluster, as bits (breakClass). */
const HANGING = 1;
const NO_BREAK_SPACE = 2;
const ZERO_WIDTH = 4;
const NO_START = 8;
const NO_END = 16;
const DASH = 32;
const HYPHEN_MINUS = 64;
const WORD_PART = 128;
const DIGIT = 256;
const AROUND = 512;

function classify(grapheme: string): number {
  return (
    (isHangingSpace(grapheme) ? HANGING : 0) |
    (grapheme === "\u00A0" ? NO_BREAK_SPACE : 0) |
    (grapheme === ZERO_WIDTH_SPACE ? ZERO_WIDTH : 0) |
    (NO_LINE_START.has(grapheme) ? NO_START : 0) |
    (NO_LINE_END.has(grapheme) ? NO_END : 0) |
    (BREAK_AFTER.has(grapheme) ? DASH : 0) |
    (grapheme === "-" ? HYPHEN_MINUS : 0) |
    (isWordPart(grapheme) ? WORD_PART : 0) |
    (isDigit(grapheme) ? DIGIT : 0) |
    (breaksAround(grapheme) ? AROUND : 0)
  );
}

/** The classes of the ASCII characters, worked out once: most text is ASCII, and each class is several regular expressions. */
const ASCII_CLASSES = Array.from({ length: 128 }, (_, code) => classify(String.fromCharCode(code)));

/** What line breaking needs to know of a grapheme cluster ("" at the start of a paragraph: nothing), for breakBetween. */
export function breakClass(grapheme: string): number {
  if (grapheme.length === 1) {
    const code = grapheme.charCodeAt(0);
    if (code < 128) return ASCII_CLASSES[code] ?? 0;
  }
  return grapheme === "" ? 0 : classify(grapheme);
}

/** A cluster of this class hangs past a line's end (isHangingSpace). */
export const isHangingClass = (cls: number): boolean => (cls & HANGING) !== 0;

/** canBreakBetween, on the clusters' classes (breakClass). */
export function breakBetween(before: number, after: number, beforeThat: number): boolean {
  if ((after & (HANGING | NO_BREAK_SPACE)) !== 0 || (before & NO_BREAK_SPACE) !== 0) return false;
  if ((before & (HANGING | ZERO_WIDTH)) !== 0) return true;
  if ((after & NO_START) !== 0 || (before & NO_END) !== 0) return false;
  if ((before & DASH) !== 0) return (beforeThat & WORD_PART) !== 0 && (after & DASH) === 0 && !((before & HYPHEN_MINUS) !== 0 && (after & DIGIT) !== 0 && (beforeThat & DIGIT) !== 0);
  return (before & AROUND) !== 0 || (after & AROUND) !== 0;
}

/**
 * May a line break between two adjacent grapheme clusters (`beforeThat` is the one before `before`,
 * or "" at the start)? After spaces (never before one); after a hyphen or dash that ends a word
 * part (not a leading "-", not "10-20"); around Chinese and Japanese characters and emoji, but not
 * before closing or after opening punctuation; and after a zero-width space.
 */
export function canBreakBetween(before: string, after: string, beforeThat: string): boolean {
  return breakBetween(breakClass(before), breakClass(after), breakClass(beforeThat));
}
