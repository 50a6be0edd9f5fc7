import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SlideSpecSchema } from "../../src/model/slideSpec.js";
import { compile } from "../../src/pipeline.js";
import { BUILT_IN_THEMES_DIR } from "../../src/themes/load.js";
import { compileFixture, exampleDeck, FIXED_DATE, fixtures, snapshotJson } from "../support/fixtures.js";

describe("render: SlideSpec snapshots", () => {
  for (const fixture of [...fixtures("syntax"), exampleDeck()]) {
    it(fixture.name, async () => {
      const { slides, diagnostics } = await compileFixture(fixture);
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      for (const slide of slides) SlideSpecSchema.parse(slide);
      await expect(snapshotJson(slides)).toMatchFileSnapshot(`__snapshots__/${fixture.name}.slides.json`);
    });
  }
});

describe("render: the example deck", () => {
  it("puts every title in the title role and every element inside the slide and off the footer band", async () => {
    const { slides, deck } = await compileFixture(exampleDeck());
    expect(slides).toHaveLength(deck.slides.length);
    for (const slide of slides) {
      const titles = slide.elements.filter((e) => e.type === "text" && e.role === "title");
      expect(titles).toHaveLength(1);
      for (const e of slide.elements) {
        expect(e.box.x + e.box.w).toBeLessThanOrEqual(13.334);
        expect(e.box.y + e.box.h).toBeLessThanOrEqual(7.5);
        if (e.type === "text" && e.role !== "other") expect(e.box.y + e.box.h).toBeLessThanOrEqual(6.78);
      }
    }
  });

  it("shares one left edge between title, body and footer on content slides", async () => {
    const { slides } = await compileFixture(exampleDeck());
    const bullets = slides.find((s) => s.layout === "bullets");
    const lefts = new Set(bullets?.elements.filter((e) => e.type === "text").map((e) => e.box.x));
    expect([...lefts]).toEqual([0.6]);
  });

  it("lays out 4:3 decks on a 10-inch-wide slide", async () => {
    const { slides } = await compile("---\naspect: \"4:3\"\n---\n\n## A\n\n- b\n", "a.md", { modified: FIXED_DATE });
    const body = slides[0]?.elements.find((e) => e.type === "text" && e.role === "body");
    expect(body?.box.x).toBe(0.6);
    expect(body?.box.w).toBe(8.8);
  });
});

describe("render: template faults name the template", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  function themeWith(file: string, source: string): string {
    const dir = mkdtempSync(join(tmpdir(), "deckwright-theme-"));
    dirs.push(dir);
    cpSync(join(BUILT_IN_THEMES_DIR, "meridian"), dir, { recursive: true });
    writeFileSync(join(dir, file), source);
    return dir;
  }

  it("reports a field that does not exist (strict mode) with the template file", async () => {
    const theme = themeWith("layouts/bullets.hbs", "<slide>\n<text region=\"title\">{{slide.subtitle}}</text>\n</slide>\n");
    const result = await compile("## A\n\n- b\n", "a.md", { modified: FIXED_DATE, theme });
    expect(result.pptx).toBeNull();
    expect(result.diagnostics).toEqual([expect.objectContaining({ id: "template-error", file: join(theme, "theme.json") })]);
    expect(result.diagnostics[0]?.message).toContain(join(theme, "layouts/bullets.hbs"));
    expect(result.diagnostics[0]?.message).toContain("subtitle");
  });

  it("reports markup that names an unknown region, with the allowed names", async () => {
    const theme = themeWith("layouts/bullets.hbs", "<slide>\n<text region=\"nowhere\"><r>x</r></text>\n</slide>\n");
    const result = await compile("## A\n", "a.md", { modified: FIXED_DATE, theme });
    expect(result.diagnostics[0]?.message).toMatch(/unknown region `nowhere`; the theme's regions are title, /);
  });

  it("cannot be broken by user text: markup characters in Markdown stay text", async () => {
    const result = await compile('## 5 < 6 & "quotes" \\</text> \' = `\n\n- a\n', "a.md", { modified: FIXED_DATE });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const title = result.slides[0]?.elements.find((e) => e.type === "text" && e.role === "title");
    expect(title?.type === "text" && title.paragraphs[0]?.runs.map((r) => r.text).join("")).toBe('5 < 6 & "quotes" </text> \' = `');
  });

  it("reports an invalid theme.json with the path of the bad value", async () => {
    const theme = themeWith("theme.json", JSON.stringify({ extends: "meridian", name: "x", colors: { accent: "#12345" } }));
    const result = await compile("## A\n", "a.md", { modified: FIXED_DATE, theme });
    expect(result.diagnostics).toEqual([
      { id: "invalid-theme", severity: "error", file: join(theme, "theme.json"), message: 'colors.accent: expected a hex colour like "#1A2B3C", got "#12345"' },
    ]);
  });
});
