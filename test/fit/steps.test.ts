/**
 * Builds through plan, render and fit: the click of each item and block reaches the SlideSpec
 * (paragraph `step`s in text boxes, a whole element's `step` for tables, pictures, charts and
 * code); a slide continued on another has its clicks counted from 1 again (src/fit/steps.ts);
 * layouts that show their content whole say so.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { fitDeck } from "../../src/fit/fit.js";
import { denseSteps } from "../../src/fit/steps.js";
import type { Element, SlideSpec, TextElement } from "../../src/model/slideSpec.js";
import { parse } from "../../src/parse/parse.js";
import { plan } from "../../src/plan/plan.js";
import { capacityOf } from "../../src/measure/capacity.js";
import { fontMeasurer } from "../../src/measure/measurer.js";
import { loadHighlighter } from "../../src/highlight/highlight.js";
import { BUILT_IN_THEMES_DIR, loadTheme } from "../../src/themes/load.js";

beforeAll(async () => {
  await loadHighlighter();
});

function build(markdown: string, themeName = "meridian") {
  const theme = loadTheme(join(BUILT_IN_THEMES_DIR, themeName));
  const diagnostics = new Diagnostics("t.md");
  const planned = plan(parse(markdown, "t.md", diagnostics), { images: new Map(), capacity: capacityOf(theme.theme) }, diagnostics);
  const { slides } = fitDeck(planned, theme, fontMeasurer(theme.theme), diagnostics);
  return { slides, diagnostics: diagnostics.list.map((d) => d.id) };
}

/** Each element that builds as `type: steps`: a text box by its paragraphs' steps (0: from the start), any other element by its own. */
function builds(slide: SlideSpec | undefined): string[] {
  return (slide?.elements ?? []).flatMap((e: Element) => {
    if (e.type === "slide-number") return [];
    if (e.step !== undefined) return [`${e.type}: ${e.step}`];
    if (e.type === "text" && e.paragraphs.some((p) => p.step !== undefined)) return [`text: ${e.paragraphs.map((p) => p.step ?? 0).join(" ")}`];
    return [];
  });
}

describe("steps through plan, render and fit", () => {
  for (const theme of ["meridian", "folio", "nocturne"]) {
    it(`reach the SlideSpec in ${theme}: paragraphs in the body, tables and code panels whole`, () => {
      const { slides, diagnostics } = build("## S\n\nIntro\n\n::: incremental\n- a\n- b\n:::\n\n. . .\n\n| x |\n|---|\n| 1 |\n\n. . .\n\n```ts\nlet a = 1;\n```\n", theme);
      expect(builds(slides[0])).toEqual(["text: 0 1 2", "table: 3", "text: 4"]);
      expect(diagnostics).toEqual([]);
    });
  }

  it("reach the table of a table slide and the columns of a two-column slide", () => {
    const { slides } = build("## T\n\nIntro\n\n. . .\n\n| x |\n|---|\n| 1 |\n\n## C\n\n:::: columns\n::: column\nLeft\n:::\n. . .\n::: column\nRight\n:::\n::::\n");
    expect(slides.map((s) => s.layout)).toEqual(["table", "two-column"]);
    expect(builds(slides[0])).toEqual(["table: 1"]);
    expect(builds(slides[1])).toEqual(["text: 1"]);
  });

  it("count from 1 again on a continuation slide, in order, with no empty click", () => {
    const items = Array.from({ length: 30 }, (_, i) => `- point ${i + 1}`).join("\n");
    const { slides, diagnostics } = build(`## Long\n\n::: incremental\n${items}\n:::\n`);
    expect(slides.length).toBeGreaterThan(1);
    expect(diagnostics).toContain("text-continued");
    for (const slide of slides) {
      const body = slide.elements.find((e): e is TextElement => e.type === "text" && e.role === "body");
      const steps = body?.paragraphs.map((p) => p.step) ?? [];
      expect(steps).toEqual(steps.map((_, i) => i + 1));
    }
  });

  it("a quote slide shows its content whole, with a warning at the build", () => {
    const { slides, diagnostics } = build("## Q\n\n. . .\n\n> Words\n");
    expect(slides[0]?.layout).toBe("quote");
    expect(builds(slides[0])).toEqual([]);
    expect(diagnostics).toEqual(["build-ignored"]);
  });
});

describe("denseSteps", () => {
  const text = (steps: (number | undefined)[]): TextElement => ({
    type: "text", role: "body", layer: "slide", box: { x: 0, y: 0, w: 1, h: 1 }, indent: 0, fill: null, inset: 0,
    style: { font: "Arial", size: 12, color: "000000", bold: false, italic: false, align: "left", valign: "top", lineSpacing: 1, paragraphSpacing: 0 },
    paragraphs: steps.map((step) => ({ runs: [], bullet: "none", level: 0, number: 1, size: null, color: null, bold: null, spaceBefore: null, rtl: false, ...(step === undefined ? {} : { step }) })),
  });
  const spec = (elements: Element[]): SlideSpec => ({ layout: "bullets", position: { line: 1, column: 1 }, background: "FFFFFF", elements, notes: null });

  it("numbers the clicks 1, 2, 3 … in order across elements, leaving what shows from the start alone", () => {
    const shape: Element = { type: "shape", shape: "rect", layer: "slide", box: { x: 0, y: 0, w: 1, h: 1 }, fill: null, line: null, lineWidth: 0, step: 9 };
    const out = denseSteps(spec([text([undefined, 4, 7]), shape]));
    expect(builds(out)).toEqual(["text: 0 1 2", "shape: 3"]);
  });

  it("returns a slide already numbered so as it is", () => {
    const already = spec([text([undefined, 1, 2])]);
    expect(denseSteps(already)).toBe(already);
  });
});
