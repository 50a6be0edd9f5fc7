import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { formatDiagnostic } from "../../src/diagnostics/format.js";
import { parse } from "../../src/parse/parse.js";
import { plan } from "../../src/plan/plan.js";
import { capacityOf } from "../../src/measure/capacity.js";
import { render } from "../../src/render/render.js";
import type { SlideSpec, TextElement } from "../../src/model/slideSpec.js";
import { fontMeasurer } from "../../src/measure/measurer.js";
import { builtInThemeNames, loadTheme, resolveThemeDir } from "../../src/themes/load.js";
import { compileFixture, exampleDeck, fixtures, type Fixture } from "../support/fixtures.js";

/** Every text box and table of the slides, measured with the theme's fonts: how far each overflows (inches). */
function overflows(slides: SlideSpec[], theme: string): { slide: number; what: string; by: number }[] {
  const loaded = loadTheme(resolveThemeDir(theme, "."));
  const measurer = fontMeasurer(loaded.theme);
  const body = loaded.theme.regions.body;
  const bottom = body ? body.y + body.h : 7;
  const found: { slide: number; what: string; by: number }[] = [];
  slides.forEach((slide, i) => {
    for (const e of slide.elements) {
      if (e.type === "text" && e.layer === "slide" && e.role !== "decoration") {
        const m = measurer.text(e);
        if (m.overflow > 0.01) found.push({ slide: i + 1, what: `${e.role} text`, by: m.overflow });
        if (e.role === "title" && m.lines.reduce((a, b) => a + b, 0) > 2) found.push({ slide: i + 1, what: "title over two lines", by: 0 });
      }
      if (e.type === "table") {
        const end = e.box.y + e.rowHeights.reduce((a, b) => a + b, 0);
        if (end > bottom + 0.01) found.push({ slide: i + 1, what: "table", by: end - bottom });
      }
    }
  });
  return found;
}

const overlong = fixtures("fitting").filter((f) => f.name !== "long-word");
const byName = (name: string): Fixture => {
  const found = fixtures("fitting").find((f) => f.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
};
const body = (slide: SlideSpec | undefined) => slide?.elements.find((e): e is TextElement => e.type === "text" && e.role === "body");

describe("every text box fits, by measurement, in every built-in theme", () => {
  for (const theme of builtInThemeNames()) {
    it(`${theme}: the example deck fits as written, with no fitting needed`, async () => {
      const { slides, diagnostics } = await compileFixture(exampleDeck(), theme);
      expect(diagnostics).toEqual([]);
      expect(overflows(slides, theme)).toEqual([]);
    });

    it(`${theme}: deliberately overlong outlines are shrunk or continued until they fit`, async () => {
      for (const fixture of overlong) {
        const { slides, diagnostics } = await compileFixture(fixture, theme);
        expect({ fixture: fixture.name, errors: diagnostics.filter((d) => d.severity === "error") }).toEqual({ fixture: fixture.name, errors: [] });
        expect({ fixture: fixture.name, overflows: overflows(slides, theme) }).toEqual({ fixture: fixture.name, overflows: [] });
      }
    });
  }
});

describe("the measurement check itself", () => {
  it("catches overflow on slides rendered without fitting", async () => {
    const fixture = byName("many-bullets");
    const diagnostics = new Diagnostics(fixture.file);
    const theme = loadTheme(resolveThemeDir("meridian", "."));
    const deck = plan(parse(fixture.markdown, fixture.file, diagnostics), { images: new Map(), capacity: capacityOf(theme.theme) }, diagnostics);
    expect(overflows(render(deck, theme, diagnostics), "meridian")).toEqual([expect.objectContaining({ slide: 1, what: "body text" })]);
  });
});

describe("what fitting does, and says", () => {
  for (const fixture of fixtures("fitting")) {
    it(`${fixture.name}: its warnings`, async () => {
      const { diagnostics } = await compileFixture(fixture);
      await expect(`${diagnostics.map((d) => formatDiagnostic(d)).join("\n")}\n`).toMatchFileSnapshot(`__snapshots__/${fixture.name}.diagnostics.txt`);
    });
  }

  it("shrinks long bullets to a size between the minimum and the designed size", async () => {
    const { slides, diagnostics } = await compileFixture(byName("long-bullets"));
    expect(slides).toHaveLength(1);
    const size = body(slides[0])?.style.size ?? 0;
    expect(size).toBeLessThan(24);
    expect(size).toBeGreaterThanOrEqual(16);
    expect(diagnostics).toEqual([expect.objectContaining({ id: "text-shrunk", line: 1 })]);
  });

  it("continues many bullets on (cont.) slides at the designed size, every bullet kept in order", async () => {
    const { slides, deck } = await compileFixture(byName("many-bullets"));
    const bulletSlides = deck.slides.filter((s) => s.title?.[0]?.text === "Many bullets");
    expect(bulletSlides.length).toBeGreaterThan(3);
    expect(bulletSlides.slice(1).every((s) => s.continued)).toBe(true);
    for (const slide of slides.slice(0, bulletSlides.length)) expect(body(slide)?.style.size).toBe(24);
    const texts = bulletSlides.flatMap((s) => (s.layout === "bullets" && s.body[0]?.kind === "text" ? s.body[0].paragraphs.map((p) => p.runs[0]?.text) : []));
    expect(texts).toEqual(Array.from({ length: 40 }, (_, i) => `Item number ${i + 1}`));
    expect(deck.slides.at(-1)?.title?.[0]?.text).toBe("After");
  });

  it("keeps a long title to two lines by shrinking it", async () => {
    const { slides, diagnostics } = await compileFixture(byName("long-title"));
    const title = slides[0]?.elements.find((e): e is TextElement => e.type === "text" && e.role === "title");
    expect(title?.style.size).toBeLessThan(32);
    expect(diagnostics.map((d) => d.id)).toEqual(["title-shrunk"]);
  });

  it("continues a wide table with its header on every slide", async () => {
    const { slides } = await compileFixture(byName("wide-table"));
    const tables = slides.flatMap((s) => s.elements.filter((e) => e.type === "table"));
    expect(tables.length).toBeGreaterThan(1);
    for (const t of tables) expect(t.type === "table" && t.header.map((c) => c.runs[0]?.text)).toEqual(Array.from({ length: 12 }, (_, i) => `Column ${i + 1}`));
    expect(tables.reduce((n, t) => n + (t.type === "table" ? t.rows.length : 0), 0)).toBe(8);
  });

  it("reports a word too long for any box instead of hiding it", async () => {
    const { diagnostics } = await compileFixture(byName("long-word"));
    expect(diagnostics).toEqual([expect.objectContaining({ id: "text-overflow", severity: "warning" })]);
  });

  it("breaks CJK text between characters and fits it", async () => {
    const { slides, diagnostics } = await compileFixture(byName("cjk"));
    expect(diagnostics).toEqual([]);
    const text = body(slides[0]);
    if (!text) throw new Error("no body");
    const m = fontMeasurer(loadTheme(resolveThemeDir("meridian", ".")).theme).text(text);
    expect(m.lines[0]).toBeGreaterThan(1);
  });
});
