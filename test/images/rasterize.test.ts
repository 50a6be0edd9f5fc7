/**
 * SVG fallbacks (src/images/rasterize.ts): an SVG nested in an SVG as a data: URL, as draw.io
 * exports diagrams, is drawn whole (resvg alone draws it without its text or pictures), and an
 * SVG that draws nothing although it has shapes is a `picture-blank` warning at its image.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { readImages } from "../../src/images/read.js";
import { drawsBlank, svgToPng } from "../../src/images/rasterize.js";
import { parse } from "../../src/parse/parse.js";

const encode = (text: string) => new TextEncoder().encode(text);
const svgUrl = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
/** Text only, as a draw.io label: what resvg leaves out of a nested SVG. */
const LABEL = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><text x="5" y="35" font-size="30" font-family="DejaVu Sans, sans-serif">Label</text></svg>`;
const nested = (inner: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100"><image xlink:href="${svgUrl(inner)}" width="200" height="100"/></svg>`;

async function opaquePixels(png: Uint8Array): Promise<number> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let count = 0;
  for (let i = info.channels - 1; i < data.length; i += info.channels) if ((data[i] ?? 0) > 0) count++;
  return count;
}

describe("SVG fallbacks", () => {
  it("draws the text of an SVG nested in an SVG (draw.io), two levels deep too", async () => {
    expect(await opaquePixels(svgToPng(encode(nested(LABEL)), 2))).toBeGreaterThan(1000);
    expect(await opaquePixels(svgToPng(encode(nested(nested(LABEL))), 2))).toBeGreaterThan(1000);
  });

  it("tells an SVG that draws nothing from one that draws, and from an empty one", () => {
    expect(drawsBlank(encode(nested(LABEL)))).toBe(false);
    expect(drawsBlank(encode(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="none"/></svg>`))).toBe(true);
    expect(drawsBlank(encode(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`))).toBe(false);
  });

  describe("reading", () => {
    const dir = mkdtempSync(join(tmpdir(), "deckwright-raster-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "diagram.svg"), nested(LABEL));
    writeFileSync(join(dir, "blank.svg"), `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M0 0 L10 10" stroke="none"/></svg>`);

    it("an SVG whose fallback would be blank is a `picture-blank` warning at its image; a draw.io one is not", () => {
      const diagnostics = new Diagnostics("deck.md");
      const outline = parse("## A\n\n![d](diagram.svg)\n\n## B\n\n![b](blank.svg)\n", "deck.md", diagnostics);
      readImages(outline, { baseDir: dir, allowOutside: false }, diagnostics);
      expect(diagnostics.list.map((d) => [d.id, d.severity, d.line])).toEqual([["picture-blank", "warning", 7]]);
    });
  });
});
