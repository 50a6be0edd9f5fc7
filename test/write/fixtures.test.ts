import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../../src/pipeline.js";
import { checkPackage } from "../../src/validate/structure.js";
import { readZip } from "../../src/write/zip.js";
import { compileFixture, FIXED_DATE, fixtures, REPO_ROOT } from "../support/fixtures.js";
import { projectPptx } from "../support/projection.js";
import { xsdSkipReason, xsdValidate } from "../support/xsd.js";

const skip = xsdSkipReason();

describe("every syntax fixture: a valid deck, snapshotted as a projection", () => {
  for (const fixture of fixtures("syntax")) {
    it(fixture.name, async () => {
      const { pptx, diagnostics } = await compileFixture(fixture);
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      if (!pptx) throw new Error("no deck");
      expect(checkPackage(pptx)).toEqual([]);
      await expect(`${JSON.stringify(projectPptx(pptx), null, 2)}\n`).toMatchFileSnapshot(`__snapshots__/${fixture.name}.pptx.json`);
    });
  }

  it.skipIf(skip !== undefined)("every fixture validates against the ECMA-376 schemas, charts included", async () => {
    for (const fixture of fixtures("syntax")) {
      const { pptx } = await compileFixture(fixture);
      if (!pptx) throw new Error(`no deck for ${fixture.name}`);
      expect({ fixture: fixture.name, failures: await xsdValidate(pptx) }).toEqual({ fixture: fixture.name, failures: [] });
    }
  });
  if (skip) console.warn(skip);
});

describe("native objects", () => {
  it("writes a picture with its description, a real chart, a table and coloured code runs", async () => {
    const charts = fixtures("syntax").find((f) => f.name === "charts");
    const images = fixtures("syntax").find((f) => f.name === "images");
    const code = fixtures("syntax").find((f) => f.name === "code");
    if (!charts || !images || !code) throw new Error("fixtures missing");
    const parts = async (f: typeof charts) => readZip((await compileFixture(f)).pptx ?? new Uint8Array());
    const text = (entries: Awaited<ReturnType<typeof parts>>, prefix: string) =>
      entries.filter((e) => e.name.startsWith(prefix)).map((e) => new TextDecoder().decode(e.data)).join("");
    const chartParts = await parts(charts);
    expect(chartParts.filter((e) => /^ppt\/charts\/chart\d+\.xml$/.test(e.name))).toHaveLength(3);
    expect(text(chartParts, "ppt/charts/")).toContain("<c:lineChart>");
    expect(text(await parts(images), "ppt/slides/")).toContain('descr="A square figure"');
    const codeXml = text(await parts(code), "ppt/slides/slide1.xml");
    expect(codeXml).toMatch(/<a:srgbClr val="8F2D9C"\/>.*<a:t>def<\/a:t>/s);
  });

  it("gives an SVG picture a real PNG fallback beside the SVG itself", async () => {
    const images = fixtures("syntax").find((f) => f.name === "images");
    if (!images) throw new Error("fixture missing");
    const media = readZip((await compileFixture(images)).pptx ?? new Uint8Array()).filter((e) => e.name.startsWith("ppt/media/"));
    const svg = media.find((e) => e.name.endsWith(".svg"));
    expect(svg).toBeDefined();
    const pngs = media.filter((e) => e.name.endsWith(".png"));
    expect(pngs.length).toBeGreaterThan(0);
    for (const png of pngs) expect([...png.data.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it("marks right-to-left paragraphs and keeps CJK and emoji", async () => {
    const { pptx } = await compile("## A\n\n- مرحبا\n- 日本語 🎉\n", "a.md", { modified: FIXED_DATE });
    const xml = new TextDecoder().decode(readZip(pptx ?? new Uint8Array()).find((e) => e.name === "ppt/slides/slide1.xml")?.data);
    expect(xml).toMatch(/<a:pPr\b(?=[^>]*\srtl="1")(?=[^>]*\salgn="r")/);
    expect(xml).toContain("<a:t>日本語 🎉</a:t>");
  });
});

describe("the theme part", () => {
  it("carries the theme's link colour and fonts, so PowerPoint colours links as the theme does", async () => {
    const { pptx } = await compile("## A\n\n- [l](https://x.org)\n", "a.md", { modified: FIXED_DATE, theme: "nocturne" });
    const xml = new TextDecoder().decode(readZip(pptx ?? new Uint8Array()).find((e) => e.name === "ppt/theme/theme1.xml")?.data);
    expect(xml).toContain('<a:hlink><a:srgbClr val="86CFC3"/></a:hlink>');
    expect(xml).toContain('<a:folHlink><a:srgbClr val="86CFC3"/></a:folHlink>');
    expect(xml).toContain('<a:minorFont><a:latin typeface="Arial"/>');
  });
});

describe("the examples deck", () => {
  it("builds every feature into a valid deck", async () => {
    const file = "examples/features.md";
    const { pptx, diagnostics, slides } = await compile(readFileSync(join(REPO_ROOT, file), "utf8"), join(REPO_ROOT, file), { modified: FIXED_DATE });
    expect(diagnostics).toEqual([]);
    expect(new Set(slides.map((s) => s.layout))).toEqual(
      new Set(["title", "agenda", "section", "bullets", "two-column", "three-column", "table", "chart", "image", "image-text", "code", "closing"]),
    );
    if (!pptx) throw new Error("no deck");
    expect(checkPackage(pptx)).toEqual([]);
    if (!skip) expect(await xsdValidate(pptx)).toEqual([]);
  });
});
