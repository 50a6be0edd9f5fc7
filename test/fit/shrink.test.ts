/** Shrinking text (src/fit/shrink.ts): the same result, fewer measurements where the steps cannot help. */
import { describe, expect, it } from "vitest";
import { shrinkToFit } from "../../src/fit/shrink.js";
import type { Measurer, TextMeasure } from "../../src/measure/types.js";
import type { TextElement } from "../../src/model/slideSpec.js";
import { fontMeasurer } from "../../src/measure/measurer.js";
import { specParagraph } from "../support/specs.js";

/** A measurer whose text is `lines` lines of `size` × 1.2 points high, counting its calls. */
function counting(lines: number): { measurer: Measurer; calls: number[] } {
  const calls: number[] = [];
  const measurer: Measurer = {
    text(element): TextMeasure {
      calls.push(element.style.size);
      const height = (lines * element.style.size * 1.2) / 72;
      return { height, overflow: height - element.box.h, overflowingParagraph: null, lines: [lines] };
    },
    cell: () => 0.3,
  };
  return { measurer, calls };
}

const box = (h: number): TextElement => ({
  type: "text", role: "body", layer: "slide", box: { x: 0, y: 0, w: 10, h }, indent: 0.3, fill: null, inset: 0,
  style: { font: "Carlito", size: 24, color: "000000", bold: false, italic: false, align: "left", valign: "top", lineSpacing: 1, paragraphSpacing: 0 },
  paragraphs: [{ runs: [{ text: "x", bold: false, italic: false, strike: false, font: null, color: null, href: null }], bullet: "none", level: 0, number: 1, size: null, color: null, bold: null, spaceBefore: null, rtl: false }],
});

describe("shrinkToFit", () => {
  it("text that overflows even at the minimum is measured twice (designed, minimum), not at every step", () => {
    const { measurer, calls } = counting(40); // 40 lines: no size from 24 down to 16 pt fits 4 in
    const shrunk = shrinkToFit(box(4), measurer, 16);
    expect(calls).toEqual([24, 16]);
    expect(shrunk.to).toBe(16);
    expect(shrunk.measure.overflow).toBeGreaterThan(0);
  });

  it("text that fits a step smaller steps down as before, to the largest size that fits", () => {
    const { measurer, calls } = counting(10); // 10 lines of 24 pt = 4 in; 3.6 in fits at 21 pt
    const shrunk = shrinkToFit(box(3.6), measurer, 16);
    expect(shrunk.to).toBe(21);
    expect(calls).toEqual([24, 23, 22, 21]);
  });

  it("a step the text runs past is asked of runsPast, not measured, and the result is the one measuring every step gives", () => {
    const { measurer, calls } = counting(10); // fits 3.6 in at 21 pt
    const asked: number[] = [];
    const withRunsPast: Measurer = {
      ...measurer,
      runsPast(element, by) {
        asked.push(element.style.size);
        return measurer.text(element).overflow > by;
      },
    };
    const shrunk = shrinkToFit(box(3.6), withRunsPast, 16);
    expect(shrunk.to).toBe(21);
    // 23 and 22 are answered by runsPast (the counting measurer's text() runs inside it); 21 fits, so it is measured.
    expect(asked).toEqual([23, 22, 21]);
    expect(calls).toEqual([24, 23, 22, 21, 21]);
  });

  it("gives with the font measurer's runsPast what it gives measuring every step in full, on text that shrinks and text that continues", () => {
    const fonts = { heading: { family: "Calibri", fallbacks: [] }, body: { family: "Calibri", fallbacks: [] }, code: { family: "Consolas", fallbacks: [] } };
    const full = fontMeasurer({ fonts });
    const measureAll: Measurer = { text: (e) => full.text(e), cell: full.cell };
    const bullets = (n: number, h: number): TextElement => ({
      ...box(h),
      style: { ...box(h).style, font: "Calibri", paragraphSpacing: 6 },
      inset: 0.05,
      paragraphs: Array.from({ length: n }, (_, i) => specParagraph(`Point ${i + 1} is bold in part and links to the notes, with words to wrap`)),
    });
    for (const [n, h] of [[8, 3], [14, 4], [22, 4], [6, 4], [10, 2.5]] as const) {
      expect(shrinkToFit(bullets(n, h), fontMeasurer({ fonts }), 16)).toEqual(shrinkToFit(bullets(n, h), measureAll, 16));
    }
  });
});

