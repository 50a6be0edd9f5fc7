/**
 * Fonts for measuring: stand-ins, advances checked against the font files read directly with
 * fontkit, kerning, styles, estimates for what no subset covers, and PowerPoint's line height.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { fontFor, KERNING_FROM_PT } from "../../src/measure/fonts.js";
import { parseSubsets } from "../../src/measure/faces.js";
import { chooseStandIn } from "../../src/measure/standIns.js";

const require = createRequire(import.meta.url);

/** A @fontsource subset file, read with fontkit directly (not through src/measure). */
function fontFile(pkg: string, file: string): fontkit.Font {
  const dir = dirname(require.resolve(`${pkg}/400.css`));
  const font = fontkit.create(readFileSync(join(dir, "files", file)));
  if (!("unitsPerEm" in font)) throw new Error("a collection");
  return font;
}

/** Sum of the glyphs' advances, in inches at `size` points. */
function unkerned(font: fontkit.Font, text: string, size: number): number {
  const units = [...text].reduce((sum, c) => sum + font.glyphForCodePoint(c.codePointAt(0) ?? 0).advanceWidth, 0);
  return ((units / font.unitsPerEm) * size) / 72;
}

describe("stand-ins", () => {
  it.each([
    ["Calibri", "Carlito"],
    ["Arial", "Arimo"],
    ["Helvetica", "Arimo"],
    ["Liberation Sans", "Arimo"],
    ["Times New Roman", "Tinos"],
    ["Liberation Serif", "Tinos"],
    ["Cambria", "Caladea"],
    ["Courier New", "Cousine"],
    ["Liberation Mono", "Cousine"],
    ["Georgia", "Gelasio"],
    ["Carlito", "Carlito"],
    ["arimo", "Arimo"],
  ])("%s is measured with %s", (family, standIn) => {
    const font = fontFor([family], false, false);
    expect(font.standIn).toBe(standIn);
    expect(font.serves).toBe(family);
  });

  it("takes the first fallback that has a stand-in", () => {
    expect(chooseStandIn(["Inter", "Segoe UI", "Arial", "Calibri"])).toEqual({ standIn: { family: "Arimo", package: "@fontsource/arimo" }, serves: "Arial" });
  });

  it("uses Carlito's metrics, and says so, when no family of the list has a stand-in", () => {
    const font = fontFor(["Inter", "Segoe UI"], false, false);
    expect(font.standIn).toBe("Carlito");
    expect(font.serves).toBeNull();
  });
});

describe("advance", () => {
  const carlito = fontFile("@fontsource/carlito", "carlito-latin-400-normal.woff");

  it("gives 'Hello' in Calibri 24 pt the width of Carlito's glyph advances", () => {
    const expected = unkerned(carlito, "Hello", 24);
    // H, e, l, l, o: 1276 + 1019 + 470 + 470 + 1080 = 4315 units of 2048 (Calibri's advances, which Carlito copies).
    expect(expected).toBeCloseTo(((4315 / 2048) * 24) / 72, 9);
    expect(fontFor(["Calibri"], false, false).advance("Hello", 24)).toBeCloseTo(expected, 9);
  });

  it("applies pair kerning from 12 pt, as the deck asks PowerPoint to (kern=1200)", () => {
    const font = fontFor(["Calibri"], false, false);
    const kerned = (carlito.layout("AVAW", { kern: true, liga: false }).advanceWidth / carlito.unitsPerEm) * (KERNING_FROM_PT / 72);
    expect(font.advance("AVAW", KERNING_FROM_PT)).toBeCloseTo(kerned, 9);
    expect(font.advance("AVAW", KERNING_FROM_PT)).toBeLessThan(unkerned(carlito, "AVAW", KERNING_FROM_PT));
    expect(font.advance("AVAW", 11)).toBeCloseTo(unkerned(carlito, "AVAW", 11), 9);
  });

  it.each([
    ["Calibri", "carlito"],
    ["Arial", "arimo"],
    ["Times New Roman", "tinos"],
    ["Cambria", "caladea"],
    ["Courier New", "cousine"],
    ["Georgia", "gelasio"],
  ])("kerns %s as fontkit's layout engine does (GPOS read directly)", (family, id) => {
    const samples = ["AVAWAY To Ty Yo", "Water, Vault, LTA, P.J. Fry", "The quick brown fox jumps over the lazy dog.", "«Tower» “Yacht” 'Ave' (V)"];
    for (const [bold, italic] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const file = fontFile(`@fontsource/${id}`, `${id}-latin-${bold ? 700 : 400}-${italic ? "italic" : "normal"}.woff2`);
      const font = fontFor([family], bold, italic);
      for (const text of samples) {
        const laidOut = (file.layout(text, { kern: true, liga: false, clig: false, dlig: false, calt: false }).advanceWidth / file.unitsPerEm) * (24 / 72);
        expect(font.advance(text, 24), `${family} ${bold ? "bold " : ""}${italic ? "italic " : ""}${text}`).toBeCloseTo(laidOut, 9);
      }
    }
  });

  it("scales with the type size", () => {
    const font = fontFor(["Arial"], false, false);
    expect(font.advance("measure", 40)).toBeCloseTo(4 * font.advance("measure", 10), 2);
  });

  it("measures bold wider than regular, from the bold files", () => {
    const regular = fontFor(["Calibri"], false, false);
    const bold = fontFor(["Calibri"], true, false);
    const boldFile = fontFile("@fontsource/carlito", "carlito-latin-700-normal.woff");
    expect(bold.advance("The quarterly numbers", 11)).toBeGreaterThan(regular.advance("The quarterly numbers", 11));
    expect(bold.advance("numbers", 11)).toBeCloseTo(unkerned(boldFile, "numbers", 11), 9);
    expect(bold.simulated).toBe(false);
  });

  it("has italic and bold italic styles for every stand-in", () => {
    for (const family of ["Calibri", "Arial", "Times New Roman", "Cambria", "Courier New", "Georgia"]) {
      for (const [bold, italic] of [[false, true], [true, true]] as const) {
        const font = fontFor([family], bold, italic);
        expect(font.simulated, `${family} ${bold ? "bold " : ""}italic`).toBe(false);
        expect(font.advance("Italic text", 20)).toBeGreaterThan(0);
      }
    }
  });

  it("gives a monospaced stand-in one width for every character", () => {
    const mono = fontFor(["Courier New"], false, false);
    expect(mono.advance("iiiii", 10)).toBeCloseTo(mono.advance("WWWWW", 10), 9);
    expect(mono.advance("x", 10)).toBeCloseTo((0.6 * 10) / 72, 3);
  });

  it("finds Greek, Cyrillic and Vietnamese letters in their own subsets", () => {
    const font = fontFor(["Calibri"], false, false);
    const greek = fontFile("@fontsource/carlito", "carlito-greek-400-normal.woff");
    const cyrillic = fontFile("@fontsource/carlito", "carlito-cyrillic-400-normal.woff");
    expect(font.advance("Ωμέγα", 10)).toBeCloseTo(unkerned(greek, "Ωμέγα", 10), 9);
    expect(font.advance("Жизнь", 10)).toBeCloseTo(unkerned(cyrillic, "Жизнь", 10), 9);
    expect(font.advance("Tiếng Việt", 10)).toBeGreaterThan(font.advance("Tieng Viet", 10) * 0.9);
  });

  it("estimates what no subset has: CJK and emoji 1 em, other scripts the font's average width", () => {
    const font = fontFor(["Calibri"], false, false);
    expect(font.advance("日本語", 18)).toBeCloseTo((3 * 18) / 72, 9);
    expect(font.advance("한국어", 18)).toBeCloseTo((3 * 18) / 72, 9);
    expect(font.advance("👩‍💻", 18)).toBeCloseTo(18 / 72, 9);
    expect(font.advance("🎉🎉", 18)).toBeCloseTo((2 * 18) / 72, 9);
    const average = carlito["OS/2"].xAvgCharWidth / carlito.unitsPerEm;
    expect(font.advance("مرحبا", 10)).toBeCloseTo((5 * average * 10) / 72, 9);
    // A combining mark no subset has adds nothing.
    expect(font.advance("a\u0489", 10)).toBeCloseTo(font.advance("a", 10), 9);
  });
});

describe("parseSubsets", () => {
  it("reads each @font-face's WOFF2 file and unicode-range, wildcards included", () => {
    const css = `/* x-latin */
@font-face {
  font-family: 'X';
  src: url(./files/x-latin-400-normal.woff2) format('woff2'), url(./files/x-latin-400-normal.woff) format('woff');
  unicode-range: U+0000-00FF,U+0131,U+2000-206F;
}
@font-face {
  src: url(./files/x-cjk-400-normal.woff2) format('woff2');
  unicode-range: U+4E??;
}`;
    expect(parseSubsets(css, "/fonts")).toEqual([
      { file: join("/fonts", "files/x-latin-400-normal.woff2"), ranges: [[0, 0xff], [0x131, 0x131], [0x2000, 0x206f]] },
      { file: join("/fonts", "files/x-cjk-400-normal.woff2"), ranges: [[0x4e00, 0x4eff]] },
    ]);
  });
});

describe("lineHeight", () => {
  it("is PowerPoint's: 1.2 × the size × the line spacing, whatever the font", () => {
    expect(fontFor(["Calibri"], false, false).lineHeight(24, 1)).toBeCloseTo(0.4, 9);
    expect(fontFor(["Arial"], false, false).lineHeight(24, 1.1)).toBeCloseTo(0.44, 9);
    expect(fontFor(["Courier New"], true, true).lineHeight(10, 0.9)).toBeCloseTo(0.15, 9);
  });
});
