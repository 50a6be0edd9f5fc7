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
  return EMOJI.test(text);
}

export function isInvisible(char: string): boolean {
  return INVISIBLE.test(char) || char === ZERO_WIDTH_SPACE;
}

export function isHangingSpace(grapheme: string): boolean {
  return HANGING_SPACE.test(grapheme);
}

const isDigit = (grapheme: string) => /^\p{Nd}/u.test(grapheme);

/**
 * May a line break between two adjacent grapheme clusters (`beforeThat` is the one before `before`,
 * or "" at the start)? After spaces (never before one); after a hyphen or dash that ends a word
 * part (not a leading "-", not "10-20"); around Chinese and Japanese characters and emoji, but not
 * before closing or after opening punctuation; and after a zero-width space.
 */
export function canBreakBetween(before: string, after: string, beforeThat: string): boolean {
  if (isHangingSpace(after) || before === "\u00A0" || after === "\u00A0") return false;
  if (isHangingSpace(before) || before === ZERO_WIDTH_SPACE) return true;
  if (NO_LINE_START.has(after) || NO_LINE_END.has(before)) return false;
  if (BREAK_AFTER.has(before)) return isWordPart(beforeThat) && !BREAK_AFTER.has(after) && !(before === "-" && isDigit(after) && isDigit(beforeThat));
  return breaksAround(before) || breaksAround(after);
}

const isWordPart = (grapheme: string) => /^[\p{L}\p{N}\p{M})\]}"'\u2019\u201D]/u.test(grapheme);
