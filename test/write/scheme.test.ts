/** The theme's palette as PowerPoint's colour scheme, referred to by slides and charts (issue 15, item 8). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import { loadTheme, resolveThemeDir } from "../../src/themes/load.js";
import { chartWithSchemeAccents, schemeNames, themeScheme, withColorScheme } from "../../src/write/scheme.js";
import { readZip } from "../../src/write/zip.js";
import { FIXED_DATE, REPO_ROOT } from "../support/fixtures.js";

const features = () => readFileSync(join(REPO_ROOT, "examples", "features.md"), "utf8");
const partsOf = (pptx: Uint8Array | null) => new Map(readZip(pptx ?? new Uint8Array()).map((e) => [e.name, new TextDecoder().decode(e.data)] as const));

describe("the colour scheme of a built-in theme", () => {
  const theme = loadTheme(resolveThemeDir("meridian", ".")).theme;
  const scheme = themeScheme(theme);

  it("is the theme's text, background, muted, surface, chart colours and link", () => {
    expect(scheme).toMatchObject({ dk1: "1E2A38", lt1: "FFFFFF", dk2: "5A6675", lt2: "EEF3F8", accent1: "0F62A8", accent2: "E69F00", hlink: "0F62A8" });
  });

  it("names a colour two slots share by the first: text and background, then the accents", () => {
    const names = schemeNames(scheme);
    expect(names.get("1E2A38")).toBe("tx1");
    expect(names.get("0F62A8")).toBe("accent1");
    expect(names.get("ABCDEF")).toBeUndefined();
  });

  it("replaces every slot of a theme part's scheme, system colours too", () => {
    const xml = '<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:accent1><a:srgbClr val="4472C4"/></a:accent1></a:clrScheme>';
    expect(withColorScheme(xml, scheme)).toBe('<a:clrScheme name="Office"><a:dk1><a:srgbClr val="1E2A38"/></a:dk1><a:accent1><a:srgbClr val="0F62A8"/></a:accent1></a:clrScheme>');
  });

  it("turns a chart's accent colours into references, with their modifiers, and leaves other colours", () => {
    const xml = '<a:srgbClr val="0F62A8"/><a:srgbClr val="e69f00"><a:alpha val="50000"/></a:srgbClr><a:srgbClr val="123456"/>';
    expect(chartWithSchemeAccents(xml, scheme)).toBe('<a:schemeClr val="accent1"/><a:schemeClr val="accent2"><a:alpha val="50000"/></a:schemeClr><a:srgbClr val="123456"/>');
  });

  it("is in the deck's theme part, and its slides and charts refer to it", async () => {
    const result = await compile(features(), "examples/features.md", { modified: FIXED_DATE, theme: "meridian" });
    const parts = partsOf(result.pptx);
    const themePart = parts.get("ppt/theme/theme1.xml") ?? "";
    expect(themePart).toContain('<a:accent1><a:srgbClr val="0F62A8"/></a:accent1>');
    expect(themePart).toContain('<a:dk1><a:srgbClr val="1E2A38"/></a:dk1>');
    const slides = [...parts].filter(([name]) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).map(([, xml]) => xml).join("");
    expect(slides).toContain('<a:schemeClr val="accent1"/>');
    const charts = [...parts].filter(([name]) => /^ppt\/charts\/chart\d+\.xml$/.test(name)).map(([, xml]) => xml);
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) expect(chart).toMatch(/<a:schemeClr val="accent[1-6]"/);
  });
});
