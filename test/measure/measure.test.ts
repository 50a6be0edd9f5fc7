/** measureText and measureCellHeight: the text box model as src/write/writer.ts writes it. */
import { describe, expect, it } from "vitest";
import { fontFor } from "../../src/measure/fonts.js";
import { CELL_MARGIN, familiesOf, measureCellHeight, measureText } from "../../src/measure/measure.js";
import type { SpecParagraph, TextElement, TextStyle } from "../../src/model/slideSpec.js";
import { specParagraph, specRun } from "../support/specs.js";

const style: TextStyle = {
  font: "Calibri",
  size: 20,
  color: "000000",
  bold: false,
  italic: false,
  align: "left",
  valign: "top",
  lineSpacing: 1.1,
  paragraphSpacing: 12,
};

const run = specRun;
const paragraph = specParagraph;

const box = (paragraphs: SpecParagraph[], extra: Partial<TextElement> = {}): TextElement => ({
  type: "text",
  role: "body",
  layer: "slide",
  box: { x: 1, y: 1, w: 6, h: 3 },
  style,
  indent: 0.35,
  fill: null,
  inset: 0.1,
  paragraphs,
  ...extra,
});

/** One line of `size` points at the style's line spacing, in inches. */
const line = (size = 20) => (1.2 * size * style.lineSpacing) / 72;
const calibri = fontFor(["Calibri"], false, false);

describe("measureText", () => {
  it("adds up the lines, the space before every paragraph but the first, and the insets", () => {
    const m = measureText(box([paragraph("One"), paragraph("Two"), paragraph("Three")]), {});
    expect(m.paragraphs.map((p) => p.lines.length)).toEqual([1, 1, 1]);
    expect(m.paragraphs.map((p) => p.spaceBefore)).toEqual([0, 12 / 72, 12 / 72]);
    expect(m.height).toBeCloseTo(0.2 + 3 * line() + 24 / 72, 9);
    expect(m.overflow).toBeCloseTo(m.height - 3, 9);
    expect(m.overflowingParagraph).toBeNull();
    expect(m.paragraphs[2]?.bottom).toBeCloseTo(m.height - 0.1, 9);
  });

  it("uses a paragraph's own space before and size", () => {
    const m = measureText(box([paragraph("One", { spaceBefore: 6 }), paragraph("Two", { spaceBefore: 0, size: 30 })]), {});
    expect(m.paragraphs.map((p) => p.spaceBefore)).toEqual([6 / 72, 0]);
    expect(m.height).toBeCloseTo(0.2 + 6 / 72 + line(20) + line(30), 9);
  });

  it("narrows a bulleted paragraph by indent × (level + 1), and a plain one not at all, as pptxgenjs writes marL", () => {
    const m = measureText(
      box([paragraph("a"), paragraph("b", { level: 2 }), paragraph("c", { bullet: "number", level: 1 }), paragraph("d", { bullet: "none", level: 3 })]),
      {},
    );
    expect(m.paragraphs.map((p) => p.available)).toEqual([6 - 0.2 - 0.35, 6 - 0.2 - 1.05, 6 - 0.2 - 0.7, 6 - 0.2].map((n) => expect.closeTo(n, 9)));
    // pptxgenjs writes its own 27 pt when the indent is 0.
    expect(measureText(box([paragraph("a")], { indent: 0 }), {}).paragraphs[0]?.available).toBeCloseTo(6 - 0.2 - 27 / 72, 9);
  });

  it("wraps a long bullet into the lines the width allows", () => {
    const text = "Revenue grew in every region this quarter, led by strong demand for the new subscription tiers and services";
    const m = measureText(box([paragraph(text)]), {});
    const available = 6 - 0.2 - 0.35;
    const lines = m.paragraphs[0]?.lines.length ?? 0;
    expect(lines).toBe(Math.ceil(calibri.advance(text, 20) / available));
    expect(m.paragraphs[0]?.height).toBeCloseTo(lines * line(), 9);
  });

  it("reports the overflow and the first paragraph that does not entirely fit", () => {
    const paragraphs = Array.from({ length: 8 }, (_, i) => paragraph(`Point number ${i + 1}`));
    const m = measureText(box(paragraphs, { box: { x: 1, y: 1, w: 6, h: 2 } }), {});
    const perParagraph = line() + 12 / 72;
    expect(m.overflow).toBeCloseTo(0.2 + 8 * line() + 7 * (12 / 72) - 2, 9);
    expect(m.overflow).toBeGreaterThan(0);
    // Paragraph k (0-based) ends at 0.1 + line + k × (line + spacing); it fits while that + 0.1 ≤ 2.
    const fits = Math.floor((2 - 0.2 - line()) / perParagraph) + 1;
    expect(m.overflowingParagraph).toBe(fits);
  });

  it("measures runs in their own fonts, weights and slants, and a paragraph's bold override", () => {
    const text = "Wide bold words take more room than regular ones";
    const regular = measureText(box([paragraph(text)]), {}).paragraphs[0]?.lines[0]?.width ?? 0;
    const bold = measureText(box([paragraph(text, { bold: true })]), {}).paragraphs[0]?.lines[0]?.width ?? 0;
    const code = measureText(box([{ ...paragraph(""), runs: [run(text, { font: "Courier New" })] }]), {});
    expect(bold).toBeGreaterThan(regular);
    expect(code.fonts.map((f) => f.standIn)).toEqual(["Cousine"]);
  });

  it("takes a line's height from its largest run", () => {
    const p = paragraph("");
    p.runs = [run("small "), run("BIG", {})];
    const m = measureText(box([{ ...p, size: 28 }]), {});
    expect(m.paragraphs[0]?.height).toBeCloseTo(line(28), 9);
  });

  it("measures an empty paragraph as one line, as the writer's single space", () => {
    const m = measureText(box([{ ...paragraph(""), runs: [] }]), {});
    expect(m.paragraphs[0]?.lines.length).toBe(1);
    expect(m.height).toBeCloseTo(0.2 + line(), 9);
  });

  it("falls back through the theme's fallbacks and reports the stand-in used", () => {
    const withFallbacks = measureText(box([paragraph("Text")], { style: { ...style, font: "Segoe UI" } }), { "segoe ui": ["Tahoma", "Arial"] });
    expect(withFallbacks.fonts).toEqual([{ family: "Segoe UI", standIn: "Arimo", compatible: true }]);
    const none = measureText(box([paragraph("Text")], { style: { ...style, font: "Segoe UI" } }), {});
    expect(none.fonts).toEqual([{ family: "Segoe UI", standIn: "Carlito", compatible: false }]);
  });
});

describe("familiesOf", () => {
  it("lists each theme family with its fallbacks, for measureText", () => {
    const fonts = {
      heading: { family: "Cambria", fallbacks: ["Caladea", "Georgia"] },
      body: { family: "Calibri", fallbacks: ["Carlito"] },
      code: { family: "Consolas", fallbacks: ["Courier New"] },
    };
    expect(familiesOf({ fonts })).toEqual({ Cambria: ["Caladea", "Georgia"], Calibri: ["Carlito"], Consolas: ["Courier New"] });
    const code = measureText(box([paragraph("x")], { style: { ...style, font: "Consolas" } }), familiesOf({ fonts }));
    expect(code.fonts).toEqual([{ family: "Consolas", standIn: "Cousine", compatible: true }]);
  });
});

describe("measureCellHeight", () => {
  const tableStyle: TextStyle = { ...style, size: 14, lineSpacing: 1 };

  it("is one single-spaced line and the cell's top and bottom margins for short text", () => {
    expect(measureCellHeight([run("Q3")], 2, tableStyle)).toBeCloseTo(CELL_MARGIN.top + CELL_MARGIN.bottom + (1.2 * 14) / 72, 9);
    expect(measureCellHeight([], 2, tableStyle)).toBeCloseTo(0.12 + (1.2 * 14) / 72, 9);
  });

  it("grows by a line for each line the text wraps to, within the left and right margins", () => {
    const text = "A long cell that has to wrap across several lines of its narrow column";
    const height = measureCellHeight([run(text)], 1.5, tableStyle);
    const lines = Math.round((height - 0.12) / ((1.2 * 14) / 72));
    expect(lines).toBeGreaterThanOrEqual(Math.ceil(calibri.advance(text, 14) / (1.5 - 0.2)));
    expect(lines).toBeLessThanOrEqual(Math.ceil(calibri.advance(text, 14) / (1.5 - 0.2)) + 1);
  });

  it("measures header cells bold", () => {
    const text = "Operating income before";
    const width = calibri.advance(text, 14) + 0.2 + 0.001;
    expect(measureCellHeight([run(text)], width, tableStyle)).toBeCloseTo(0.12 + (1.2 * 14) / 72, 9);
    expect(measureCellHeight([run(text)], width, tableStyle, {}, { header: true })).toBeGreaterThan(0.12 + (1.2 * 14) / 72);
  });
});
