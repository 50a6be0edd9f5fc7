/** Shrinking text (src/fit/shrink.ts): the same result, fewer measurements where the steps cannot help. */
import { describe, expect, it } from "vitest";
import { shrinkToFit } from "../../src/fit/shrink.js";
import type { Measurer, TextMeasure } from "../../src/measure/types.js";
import type { TextElement } from "../../src/model/slideSpec.js";

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
});
