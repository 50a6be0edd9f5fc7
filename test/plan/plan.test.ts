import { beforeAll, describe, expect, it } from "vitest";
import { loadHighlighter } from "../../src/highlight/highlight.js";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { DeckSchema } from "../../src/model/deck.js";
import { parse } from "../../src/parse/parse.js";
import { plan } from "../../src/plan/plan.js";
import { capacityOf } from "../../src/measure/capacity.js";
import { BUILT_IN_THEMES_DIR, loadTheme } from "../../src/themes/load.js";
import { join } from "node:path";
import { exampleDeck, fixtures, snapshotJson } from "../support/fixtures.js";

function planText(markdown: string, file = "test.md") {
  const diagnostics = new Diagnostics(file);
  const capacity = capacityOf(loadTheme(join(BUILT_IN_THEMES_DIR, "meridian")).theme);
  const deck = DeckSchema.parse(plan(parse(markdown, file, diagnostics), { images: new Map(), capacity }, diagnostics));
  return { deck, diagnostics: diagnostics.list };
}

beforeAll(loadHighlighter);

describe("plan: Deck snapshots", () => {
  for (const fixture of [...fixtures("syntax"), exampleDeck()]) {
    it(fixture.name, async () => {
      const { deck, diagnostics } = planText(fixture.markdown, fixture.file);
      await expect(snapshotJson({ deck, diagnostics })).toMatchFileSnapshot(`__snapshots__/${fixture.name}.deck.json`);
    });
  }
});

describe("plan: layout choice", () => {
  it("chooses each layout from the content", () => {
    const { deck } = planText(fixtures("syntax").find((f) => f.name === "layouts")?.markdown ?? "");
    expect(deck.slides.map((s) => s.layout)).toEqual([
      "title", "bullets", "table", "quote", "two-column", "quote", "two-column", "section", "section", "closing",
    ]);
  });

  it("makes a title slide from front matter and then treats every # as a section", () => {
    const { deck } = planText("---\ntitle: T\nauthor: A\ndate: D\n---\n\n# One\n\n## x\n\n# Two\n\n## y\n");
    expect(deck.slides.map((s) => s.layout)).toEqual(["title", "section", "bullets", "section", "bullets"]);
    expect(deck.slides[0]).toMatchObject({ layout: "title", byline: [{ text: "A · D" }] });
    expect(deck.slides.filter((s) => s.layout === "section").map((s) => s.layout === "section" && s.sectionNumber)).toEqual([1, 2]);
  });

  it("numbers slides from 1 and keeps the deck metadata defaults", () => {
    const { deck } = planText("## a\n\n## b\n");
    expect(deck.slides.map((s) => s.number)).toEqual([1, 2]);
    expect(deck.meta).toMatchObject({ title: "a", aspect: "16:9", lang: "en-US", footer: null });
  });

  it("splits two columns at the second sub-heading", () => {
    const { deck } = planText("## C\n\n### L\n\n- l1\n- l2\n\n### R\n\n- r1\n");
    const slide = deck.slides[0];
    expect(slide?.layout).toBe("two-column");
    if (slide?.layout !== "two-column") return;
    const texts = (c: (typeof slide.columns)[number]) => c.body.flatMap((b) => (b.kind === "text" ? b.paragraphs.map((p) => p.runs[0]?.text) : []));
    expect(slide.columns.map((c) => [c.heading?.[0]?.text, texts(c)])).toEqual([
      ["L", ["l1", "l2"]],
      ["R", ["r1"]],
    ]);
  });

  it("makes table rows as wide as the header and right-aligns numeric columns", () => {
    const { deck } = planText("## T\n\n| a | n |\n|---|---|\n| x | 1,200 |\n| y |\n");
    const slide = deck.slides[0];
    if (slide?.layout !== "table") throw new Error("expected a table slide");
    expect(slide.table.rows.map((r) => r.length)).toEqual([2, 2]);
    expect(slide.table.align).toEqual(["left", "right"]);
  });
});

describe("plan: diagnostics", () => {
  it("reports an unknown layout with the allowed names and a did-you-mean", () => {
    const { deck, diagnostics } = planText("## S\n\n<!-- layout: two-colum -->\n\n- x\n");
    expect(diagnostics).toEqual([
      expect.objectContaining({ id: "unknown-layout", severity: "error", line: 3, column: 14, hint: "did you mean `two-column`?" }),
    ]);
    expect(diagnostics[0]?.message).toContain("`bullets`");
    expect(deck.slides[0]?.layout).toBe("bullets");
  });

  it("shows both paragraphs of a title-like first or last `# ` on its slide, one line each", () => {
    const { deck, diagnostics } = planText("# Deck\n\nThe subtitle\n\nA second paragraph, kept\n\n## Open\n\n- x\n\n# Thanks\n\nQuestions?\n\nhttps://example.com\n");
    expect(diagnostics).toEqual([]);
    expect(deck.slides.map((s) => [s.layout, s.title?.map((r) => r.text).join("")])).toEqual([["title", "Deck"], ["bullets", "Open"], ["closing", "Thanks"]]);
    const lines = deck.slides.map((s) => ("subtitle" in s ? s.subtitle?.map((r) => r.text).join("") : null));
    expect(lines).toEqual(["The subtitle\nA second paragraph, kept", null, "Questions?\nhttps://example.com"]);
    expect(deck.slides[2]?.layout === "closing" && deck.slides[2].subtitle?.at(-1)?.href).toBe("https://example.com");
  });

  it("never drops what a layout has no place for: it goes on a slide of its own, with the same title, and a warning", () => {
    const { deck, diagnostics } = planText("## Q\n\n> One said\n\n> Another said\n");
    expect(diagnostics.map((d) => [d.id, d.line])).toEqual([["content-moved", 5]]);
    expect(deck.slides.map((s) => [s.layout, s.title?.map((r) => r.text).join("")])).toEqual([["quote", "Q"], ["quote", "Q"]]);
  });

  it("keeps text around a columns div on the columns slide, in reading order, with a warning", () => {
    const { deck, diagnostics } = planText("## S\n\nIntro\n\n:::: columns\n::: column\nL\n:::\n::: column\nR\n:::\n::::\n\nAfter\n");
    expect(diagnostics.map((d) => [d.id, d.line])).toEqual([["content-moved", 3]]);
    expect(deck.slides).toHaveLength(1);
    const slide = deck.slides[0];
    const text = (c: { body: { kind: string; paragraphs?: { runs: { text: string }[] }[] }[] }) => c.body.flatMap((b) => b.paragraphs ?? []).map((p) => p.runs.map((r) => r.text).join(""));
    expect(slide?.layout === "two-column" && slide.columns.map(text)).toEqual([["Intro", "L"], ["R", "After"]]);
  });

  it("keeps a column's builds when text stands before the columns", () => {
    const { deck } = planText("## S\n\nIntro\n\n:::: columns\n::: column\nL\n:::\n\n. . .\n\n::: column\nR\n:::\n::::\n");
    const slide = deck.slides[0];
    const steps = slide?.layout === "two-column" ? slide.columns.map((c) => c.body.flatMap((b) => (b.kind === "text" ? b.paragraphs.map((p) => p.step ?? 0) : []))) : [];
    expect(steps).toEqual([[0, 0], [1]]);
  });

  it("says so when the author chose the layout with a directive", () => {
    const { deck, diagnostics } = planText("## A\n\n<!-- layout: quote -->\n\n> said\n\n- also\n");
    expect(diagnostics.map((d) => [d.id, d.line])).toEqual([["content-moved", 7]]);
    expect(deck.slides.map((s) => s.layout)).toEqual(["quote", "bullets"]);
  });
});
