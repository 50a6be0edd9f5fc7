import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { parse } from "../../src/parse/parse.js";
import { plan } from "../../src/plan/plan.js";
import type { Capacity } from "../../src/plan/context.js";
import { capacityOf } from "../../src/measure/capacity.js";
import { BUILT_IN_THEMES_DIR, loadTheme } from "../../src/themes/load.js";

const capacity: Capacity = { tableRows: 3, tableRowsAfterIntro: 2, codeLines: 4 };

function planText(markdown: string, cap = capacity) {
  const diagnostics = new Diagnostics("t.md");
  const deck = plan(parse(markdown, "t.md", diagnostics), { images: new Map(), capacity: cap }, diagnostics);
  return { deck, diagnostics: diagnostics.list };
}

const table = (rows: number) => `| n | v |\n|---|---|\n${Array.from({ length: rows }, (_, i) => `| ${i + 1} | x |`).join("\n")}\n`;

describe("continuation slides", () => {
  it("continues a long table with its header repeated and (cont.) slides", () => {
    const { deck } = planText(`## T\n\nIntro.\n\n${table(7)}`);
    const slides = deck.slides.filter((s) => s.layout === "table");
    expect(slides.map((s) => (s.layout === "table" ? s.table.rows.map((r) => r[0]?.runs[0]?.text) : []))).toEqual([["1", "2"], ["3", "4", "5"], ["6", "7"]]);
    expect(slides.map((s) => s.continued)).toEqual([false, true, true]);
    expect(slides.map((s) => (s.layout === "table" ? s.intro.length : -1))).toEqual([1, 0, 0]);
    expect(new Set(slides.map((s) => (s.layout === "table" ? JSON.stringify(s.table.header) : "")))).toHaveProperty("size", 1);
    expect(deck.slides.map((s) => s.number)).toEqual([1, 2, 3]);
  });

  it("keeps a table that fits on one slide", () => {
    expect(planText(`## T\n\n${table(3)}`).deck.slides).toHaveLength(1);
  });

  it("continues long code, counting its lines", () => {
    const code = Array.from({ length: 10 }, (_, i) => `line${i + 1}`).join("\n");
    const { deck } = planText(`## C\n\n\`\`\`\n${code}\n\`\`\`\n`);
    const pages = deck.slides.map((s) => (s.layout === "code" ? [s.code.firstLine, s.code.lines.length, s.continued] : []));
    expect(pages).toEqual([[1, 4, false], [5, 4, true], [9, 2, true]]);
  });

  it("derives the capacity from the theme's regions and sizes", () => {
    const theme = loadTheme(join(BUILT_IN_THEMES_DIR, "meridian")).theme;
    const derived = capacityOf(theme);
    expect(derived.tableRows).toBeGreaterThan(derived.tableRowsAfterIntro);
    const body = theme.regions.body?.h ?? 0;
    expect((derived.tableRows + 1) * 0.5).toBeLessThanOrEqual(body);
  });
});

describe("agenda and links between slides", () => {
  const markdown = "---\ntitle: T\nagenda: true\n---\n\n# One\n\n## Detail\n\n- see [two](#two) and [nothing](#nothing)\n\n# Two\n";
  it("adds an agenda after the title slide whose items link to the sections", () => {
    const { deck } = planText(markdown);
    expect(deck.slides.map((s) => s.layout)).toEqual(["title", "agenda", "section", "bullets", "closing"]);
    const agenda = deck.slides[1];
    expect(agenda?.layout === "agenda" && agenda.items.map((i) => [i.sectionNumber, i.title[0]?.text, i.slide])).toEqual([[1, "One", 3]]);
  });

  it("turns #anchors into jumps to slides and reports unknown ones", () => {
    const { deck, diagnostics } = planText(markdown);
    const detail = deck.slides[3];
    const runs = detail?.layout === "bullets" && detail.body[0]?.kind === "text" ? detail.body[0].paragraphs[0]?.runs : [];
    expect(runs?.filter((r) => r.text === "two" || r.text === "nothing").map((r) => r.href)).toEqual(["#slide-5", null]);
    expect(diagnostics.map((d) => d.id)).toEqual(["unknown-anchor"]);
  });
});

describe("a slide continued for what its layout has no place for", () => {
  it("draws a Marp background picture once, on the slide, not again on the continuation", () => {
    const diagnostics = new Diagnostics("t.md");
    const images = new Map([["pic.png", { path: "/x/pic.png", width: 100, height: 100 }]]);
    const markdown = "---\nmarp: true\n---\n\n![bg left](pic.png)\n\n# Q\n\n<!-- layout: quote -->\n\n> said\n\n- also\n";
    const deck = plan(parse(markdown, "t.md", diagnostics), { images, capacity }, diagnostics);
    expect(deck.slides.map((s) => s.layout)).toEqual(["quote", "bullets"]);
    expect(deck.slides.map((s) => s.look?.pictures?.images.length ?? 0)).toEqual([1, 0]);
    expect(diagnostics.list.map((d) => d.id)).toContain("content-moved");
  });
});
