/**
 * Grapheme clusters (`Intl.Segmenter`), read a window of a few hundred code units at a time.
 *
 * V8 before 12.4 (Node 20) pays for every segment it yields in proportion to the length of the
 * whole string (crbug.com/326176949): segmenting one word of 40,000 `é` took ~0.9 s, and four
 * times the length sixteen times as long. Windows keep each call short, so the work grows with the
 * text's length. The clusters are the same as the whole text's: a boundary depends only on the
 * code points before it and the one after it, so every segment of a window but its last, which the
 * window's end may cut, is one of the text's; the next window starts where that last one did.
 */

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
/** Printable ASCII, tab and line feed: every character a cluster of its own. */
const SIMPLE = /^[\x20-\x7E\t\n]*$/;
/** Code units per window: short enough that V8's cost per segment stays small, long enough that a call's overhead is shared. */
export const WINDOW = 256;

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
/** One character, one cluster: the segmenter's call costs more than the rest of a short word's measuring. */
const isOneCodePoint = (text: string) => text.length === 1 || (text.length === 2 && isHighSurrogate(text.charCodeAt(0)) && isLowSurrogate(text.charCodeAt(1)));

/**
 * The grapheme clusters of `text`, in order. `window` is the code units segmented at a time (a
 * test may make it small); a cluster longer than that is found by doubling the window for it.
 */
export function graphemes(text: string, window = WINDOW): string[] {
  if (isOneCodePoint(text)) return [text];
  if (SIMPLE.test(text)) {
    // ASCII: a character is a code unit (spreading the string would walk it as code points, more slowly).
    const clusters = new Array<string>(text.length);
    for (let i = 0; i < text.length; i++) clusters[i] = text.charAt(i);
    return clusters;
  }
  if (text.length <= window) return Array.from(segmenter.segment(text), ({ segment }) => segment);
  const clusters: string[] = [];
  let start = 0;
  let size = window;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    // Never between the halves of a surrogate pair: the code point after the last boundary must be whole.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) end++;
    // A window widened for one long cluster is read only up to the start of the next: reading on would cost its whole length per segment.
    const wanted = size === window ? Infinity : 1;
    let held: Intl.SegmentData | undefined;
    let taken = 0;
    for (const data of segmenter.segment(text.slice(start, end))) {
      if (held !== undefined) {
        clusters.push(held.segment);
        taken++;
      }
      held = data;
      if (taken === wanted) break;
    }
    if (held === undefined) break;
    if (end === text.length && taken < wanted) {
      // The window reached the text's end and was read to it: its last segment is whole.
      clusters.push(held.segment);
      break;
    }
    if (taken === 0) {
      size *= 2;
      continue;
    }
    start += held.index;
    size = window;
  }
  return clusters;
}
