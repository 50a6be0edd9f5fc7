/** fontMeasurer: the fit stage's Measurer backed by measureText and measureCellHeight. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fontFor } from "../../src/measure/fonts.js";
import { measureCellHeight, measureText, runsPast, WrappedParagraphs } from "../../src/measure/measure.js";
import { fontMeasurer } from "../../src/measure/measurer.js";
import type { TextElement, TextStyle } from "../../src/model/slideSpec.js";
import { specParagraph, specRun } from "../support/specs.js";

const style: TextStyle = { font: "Segoe UI", size: 18, color: "000000", bold: false, italic: false, align: "left", valign: "top", lineSpacing: 1, paragraphSpacing: 6 };
const run = (text: string) => specRun(text);
const fonts = { heading: { family: "Segoe UI", fallbacks: ["Arial"] }, body: { family: "Segoe UI", fallbacks: ["Arial"] }, code: { family: "Consolas", fallbacks: [] } };

const element: TextElement = {
  type: "text",
  role: "body",
  layer: "slide",
  box: { x: 0, y: 0, w: 3, h: 1 },
  style,
  indent: 0.3,
  fill: null,
  inset: 0.05,
  paragraphs: ["A first point that is long enough to wrap in a narrow box", "A second"].map((text) => specParagraph(text)),
};

describe("fontMeasurer", () => {
  const measurer = fontMeasurer({ fonts });

  it("reports measureText's height, overflow, overflowing paragraph and line counts, with the theme's fallbacks", () => {
    const direct = measureText(element, { "Segoe UI": ["Arial"] });
    expect(direct.fonts[0]?.standIn).toBe("Arimo");
    expect(measurer.text(element)).toEqual({
      height: direct.height,
      overflow: direct.overflow,
      overflowingParagraph: direct.overflowingParagraph,
      lines: direct.paragraphs.map((p) => p.lines.length),
    });
    expect(measurer.text(element).lines[0]).toBeGreaterThan(1);
  });

  it("measures cells in the theme's fonts, bold where the style is (the header row)", () => {
    const runs = [run("Revenue by region")];
    const width = 0.2 + fontFor(["Arial"], false, false).advance("Revenue by region", 18) + 0.001;
    const oneLine = 0.12 + (1.2 * 18) / 72;
    expect(measurer.cell(runs, width, style)).toBeCloseTo(oneLine, 9);
    expect(measurer.cell(runs, width, { ...style, bold: true })).toBeCloseTo(oneLine + (1.2 * 18) / 72, 9);
    expect(measureCellHeight(runs, width, { ...style, bold: true }, { "Segoe UI": ["Arial"] })).toBeCloseTo(measureCellHeight(runs, width, style, { "Segoe UI": ["Arial"] }, { header: true }), 9);
  });
});

describe("WrappedParagraphs", () => {
  const families = { "Segoe UI": ["Arial"] };

  it("gives the measurement measureText gives without it, and wraps a paragraph once for the same width and style", () => {
    const wrapped = new WrappedParagraphs();
    const first = measureText(element, families, wrapped);
    expect(first).toEqual(measureText(element, families));
    // The same paragraphs in a box of another height (a flow places what it measured): the lines are reused.
    const placed = measureText({ ...element, box: { ...element.box, h: 5 } }, families, wrapped);
    expect(placed.paragraphs[0]?.lines).toBe(first.paragraphs[0]?.lines);
    expect(placed.overflow).not.toBe(first.overflow);
  });

  it("wraps again at another width, size or style", () => {
    const wrapped = new WrappedParagraphs();
    const first = measureText(element, families, wrapped);
    const variants: TextElement[] = [
      { ...element, box: { ...element.box, w: 1.5 } },
      { ...element, inset: 0.5 },
      { ...element, style: { ...style, size: 30 } },
      { ...element, style: { ...style, bold: true } },
      { ...element, style: { ...style, font: "Consolas" } },
    ];
    for (const variant of variants) {
      const again = measureText(variant, families, wrapped);
      expect(again.paragraphs[0]?.lines).not.toBe(first.paragraphs[0]?.lines);
      expect(again).toEqual(measureText(variant, families));
    }
  });
});

describe("WrappedParagraphs by content", () => {
  const families = { "Segoe UI": ["Arial"] };

  it("gives a paragraph object the lines of another with the same text, font and size (a slide rendered again in pieces)", () => {
    const wrapped = new WrappedParagraphs();
    const first = measureText(element, families, wrapped);
    // New objects, equal content: what the fit stage gets when a continued slide is rendered again.
    const again = measureText({ ...element, paragraphs: element.paragraphs.map((p) => ({ ...p, runs: p.runs.map((r) => ({ ...r })) })) }, families, wrapped);
    expect(again.paragraphs[0]?.lines).toBe(first.paragraphs[0]?.lines);
    expect(again).toEqual(first);
  });

  it("does not share lines between runs that differ only in how their text is cut into runs' fonts", () => {
    const wrapped = new WrappedParagraphs();
    const plain = specParagraph("wide words here and there");
    const boldStart = { ...plain, runs: [specRun("wide words", { bold: true }), specRun(" here and there")] };
    const a = measureText({ ...element, paragraphs: [plain] }, families, wrapped);
    const b = measureText({ ...element, paragraphs: [boldStart] }, families, wrapped);
    expect(b.paragraphs[0]?.lines).not.toBe(a.paragraphs[0]?.lines);
    expect(b).toEqual(measureText({ ...element, paragraphs: [boldStart] }, families));
  });

  it("stays right after it starts afresh at its limit", () => {
    const wrapped = new WrappedParagraphs(2);
    const texts = ["one two three four five six seven", "eight nine ten eleven twelve", "thirteen fourteen fifteen sixteen", "a second"];
    for (let round = 0; round < 3; round++) {
      for (const text of texts) {
        const box = { ...element, paragraphs: [specParagraph(text)] };
        expect(measureText(box, families, wrapped)).toEqual(measureText(box, families));
      }
    }
  });
});

describe("runsPast", () => {
  const families = { "Segoe UI": ["Arial"] };
  const words = ["a", "point", "that", "wraps", "onto", "another", "line", "Wide", "kerning", "AV", "To", "\u00e9t\u00e9", "\u4e2d\u6587"];
  const paragraphArb = fc.record({
    text: fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 14 }).map((w) => w.join(" ")),
    level: fc.integer({ min: 0, max: 2 }),
    spaceBefore: fc.option(fc.integer({ min: 0, max: 24 }), { nil: null }),
    size: fc.option(fc.constantFrom(12, 14, 18, 28), { nil: null }),
  });

  it("says what measureText's overflow says, with or without the wrapped paragraphs, whatever the text, box and margin", () => {
    fc.assert(
      fc.property(
        fc.array(paragraphArb, { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0.3, max: 6, noNaN: true }),
        fc.double({ min: 1, max: 6, noNaN: true }),
        fc.constantFrom(0, 0.005, 0.5),
        (paragraphs, h, w, by) => {
          const box: TextElement = { ...element, box: { x: 0, y: 0, w, h }, paragraphs: paragraphs.map((p) => specParagraph(p.text, { level: p.level, spaceBefore: p.spaceBefore, size: p.size })) };
          const expected = measureText(box, families).overflow > by;
          expect(runsPast(box, families, by)).toBe(expected);
          expect(runsPast(box, families, by, new WrappedParagraphs())).toBe(expected);
        },
      ),
      { numRuns: 300, seed: 14 },
    );
  });

  it("lays out no paragraph after the one that ends past the box", () => {
    let wraps = 0;
    const counting = new (class extends WrappedParagraphs {
      override get(...args: Parameters<WrappedParagraphs["get"]>) {
        const [paragraph, style, content, available, size, make] = args;
        return super.get(paragraph, style, content, available, size, () => {
          wraps += 1;
          return make();
        });
      }
    })();
    const tall: TextElement = { ...element, box: { ...element.box, h: 0.5 }, paragraphs: Array.from({ length: 20 }, (_, i) => specParagraph(`Point ${i} is long enough to take a line or two in this box`)) };
    expect(runsPast(tall, families, 0.005, counting)).toBe(true);
    expect(wraps).toBeLessThan(5);
    expect(measureText(tall, families).overflow).toBeGreaterThan(0.005);
  });
});
