/** fontMeasurer: the fit stage's Measurer backed by measureText and measureCellHeight. */
import { describe, expect, it } from "vitest";
import { fontFor } from "../../src/measure/fonts.js";
import { measureCellHeight, measureText, WrappedParagraphs } from "../../src/measure/measure.js";
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
