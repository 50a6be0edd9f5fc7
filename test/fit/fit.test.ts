import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { fitDeck } from "../../src/fit/fit.js";
import { renumber } from "../../src/fit/renumber.js";
import type { Measurer } from "../../src/measure/types.js";
import { fontMeasurer } from "../../src/measure/measurer.js";
import type { TextElement } from "../../src/model/slideSpec.js";
import { parse } from "../../src/parse/parse.js";
import { plan } from "../../src/plan/plan.js";
import { capacityOf } from "../../src/measure/capacity.js";
import { BUILT_IN_THEMES_DIR, loadTheme } from "../../src/themes/load.js";
import { segmenterWork } from "../measure/segmenterWork.js";

const theme = loadTheme(join(BUILT_IN_THEMES_DIR, "meridian"));

/**
 * A measurer with simple, known rules: every paragraph is one line of 1.2 × size (plus the
 * spacing), and a paragraph whose text starts with "WIDE" takes three lines.
 */
const fake: Measurer = {
  text(element: TextElement) {
    let height = 0;
    let overflowingParagraph: number | null = null;
    const lines = element.paragraphs.map((p, i) => {
      const size = p.size ?? element.style.size;
      const n = p.runs[0]?.text.startsWith("WIDE") ? 3 : 1;
      if (i > 0) height += element.style.paragraphSpacing / 72;
      height += (n * size * 1.2) / 72;
      if (overflowingParagraph === null && height > element.box.h) overflowingParagraph = i;
      return n;
    });
    return { height, overflow: height - element.box.h, overflowingParagraph, lines };
  },
  cell: (_runs, _width, style) => (style.size * 1.2) / 72 + 0.12,
};

function fit(markdown: string, measurer: Measurer = fake) {
  const diagnostics = new Diagnostics("t.md");
  const planned = plan(parse(markdown, "t.md", diagnostics), { images: new Map(), capacity: capacityOf(theme.theme) }, diagnostics);
  const { deck, slides } = fitDeck(planned, theme, measurer, diagnostics);
  return { deck, slides, diagnostics: diagnostics.list };
}

const bullets = (n: number) => Array.from({ length: n }, (_, i) => `- point ${i + 1}`).join("\n");
const bodyOf = (slide: ReturnType<typeof fit>["slides"][number] | undefined) =>
  slide?.elements.find((e): e is TextElement => e.type === "text" && e.role === "body");

describe("fitting text", () => {
  it("leaves text that fits as it is, with no warning", () => {
    const { slides, diagnostics } = fit(`## A\n\n${bullets(5)}\n`);
    expect(diagnostics).toEqual([]);
    expect(bodyOf(slides[0])?.style.size).toBe(24);
  });

  it("shrinks overflowing text step by step and says by how much it overflowed, at its line", () => {
    const { slides, diagnostics } = fit(`## A\n\n${bullets(10)}\n`);
    const size = bodyOf(slides[0])?.style.size ?? 0;
    expect(size).toBeLessThan(24);
    expect(size).toBeGreaterThanOrEqual(theme.theme.sizes.minimum);
    expect(fake.text(bodyOf(slides[0]) as TextElement).overflow).toBeLessThanOrEqual(0.005);
    expect(diagnostics).toEqual([expect.objectContaining({ id: "text-shrunk", line: 1, message: expect.stringMatching(/^Text overflowed its box by \d\.\d\d in; shrunk from 24 pt to \d+(\.5)? pt$/) })]);
  });

  it("continues bullets on (cont.) slides when the minimum size is not enough, reporting the line", () => {
    const { deck, slides, diagnostics } = fit(`## A\n\n${bullets(40)}\n\n## B\n`);
    expect(slides.length).toBeGreaterThan(2);
    expect(deck.slides.map((s) => s.continued)).toEqual([false, ...Array.from({ length: slides.length - 2 }, () => true), false]);
    expect(deck.slides.map((s) => s.number)).toEqual(slides.map((_, i) => i + 1));
    const all = deck.slides.flatMap((s) => (s.layout === "bullets" && s.body[0]?.kind === "text" ? s.body[0].paragraphs.map((p) => p.runs[0]?.text) : []));
    expect(all).toEqual(Array.from({ length: 40 }, (_, i) => `point ${i + 1}`));
    const continued = diagnostics.find((d) => d.id === "text-continued");
    expect(continued?.line).toBeGreaterThan(3);
    const bodies = slides.map(bodyOf).filter((b): b is TextElement => b !== undefined);
    expect(bodies).toHaveLength(slides.length - 1);
    for (const body of bodies) expect(fake.text(body).overflow).toBeLessThanOrEqual(0.005);
  });

  it("keeps nested points with their parent when it continues", () => {
    const nested = Array.from({ length: 20 }, (_, i) => `- top ${i + 1}\n  - under ${i + 1}`).join("\n");
    const { deck } = fit(`## A\n\n${nested}\n`);
    for (const slide of deck.slides) {
      const first = slide.layout === "bullets" && slide.body[0]?.kind === "text" ? slide.body[0].paragraphs[0] : undefined;
      expect(first?.level).toBe(0);
    }
  });

  it("shrinks a title that takes more than two lines", () => {
    const { slides, diagnostics } = fit("## WIDE title that wraps\n\n- a\n");
    const title = slides[0]?.elements.find((e): e is TextElement => e.type === "text" && e.role === "title");
    expect(title?.style.size).toBe(theme.theme.sizes.minimum);
    expect(diagnostics.map((d) => d.id)).toContain("title-shrunk");
  });

  it("follows a link to a slide that moved when a continuation came before it", () => {
    const { deck, slides } = fit(`## A\n\n- see [B](#b)\n${bullets(40)}\n\n## B\n`);
    const target = deck.slides.findIndex((s) => s.title?.[0]?.text === "B") + 1;
    const hrefs = JSON.stringify(slides[0]).match(/#slide-\d+/g);
    expect(hrefs).toEqual([`#slide-${target}`]);
  });
});

describe("fitting text measured with the theme's fonts", () => {
  it("takes work that grows with a long word's length, not its square, in a bullet and a table cell, at every size it tries", () => {
    const measured = fontMeasurer(theme.theme);
    const deck = (word: string) => `## Bullet\n\n- ${word}\n\n## Table\n\n| A | B |\n| --- | --- |\n| x | ${word} |\n`;
    const work = (n: number) => segmenterWork(() => fit(deck("é".repeat(n)), measured));
    expect(work(8000)).toBeLessThanOrEqual(5 * work(2000));
  });

  it("numbers slides again after a continuation, keeping as they were the slides and SlideSpecs no jump in them changes", () => {
    const { deck, slides } = fit(`## A\n\n- see [C](#c)\n${bullets(40)}\n\n## B\n\n- [out](https://example.com)\n\n## C\n\n- back to [A](#a)\n`);
    expect(deck.slides.map((s) => s.number)).toEqual(deck.slides.map((_, i) => i + 1));
    const c = deck.slides.findIndex((s) => s.title?.[0]?.text === "C") + 1;
    expect(JSON.stringify(slides[0]).match(/#slide-\d+/g)).toEqual([`#slide-${c}`]);
    expect(JSON.stringify(slides.at(-1)).match(/#slide-\d+/g)).toEqual(["#slide-1"]);
  });

  it("renumber keeps, not copies, what no moved jump changes, and changes no input", () => {
    const { deck, slides } = fit("## A\n\n- one\n\n## B\n\n- [out](https://example.com)\n\n## C\n\n- back to [B](#b)\n");
    expect(JSON.stringify(slides[2])).toContain("#slide-2");
    // As if a continuation had come after A: B and C are the 3rd and 4th slides now.
    const moved = { ...deck, slides: [deck.slides[0], { ...deck.slides[0], continued: true }, deck.slides[1], deck.slides[2]].map((s) => s as (typeof deck.slides)[number]) };
    const specs = [slides[0], slides[0], slides[1], slides[2]].map((s) => s as (typeof slides)[number]);
    const before = JSON.stringify(specs);
    const out = renumber(moved, specs);
    expect(out.deck.slides.map((s) => s.number)).toEqual([1, 2, 3, 4]);
    expect(out.slides[2]).toBe(specs[2]);
    expect(out.slides[0]).toBe(specs[0]);
    expect(JSON.stringify(out.slides[3])).toContain("#slide-3");
    expect(JSON.stringify(out.slides[3]).replace("#slide-3", "#slide-2")).toBe(JSON.stringify(specs[3]));
    expect(JSON.stringify(specs)).toBe(before);
  });
});

