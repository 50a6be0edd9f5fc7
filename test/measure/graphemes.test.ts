/** Grapheme clusters read in windows: the same clusters as the whole text's, for work that grows with the text's length. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fontFor } from "../../src/measure/fonts.js";
import { graphemes, WINDOW } from "../../src/measure/graphemes.js";
import { measureCellHeight } from "../../src/measure/measure.js";
import { wrap } from "../../src/measure/wrap.js";
import type { TextStyle } from "../../src/model/slideSpec.js";
import { specRun } from "../support/specs.js";
import { segmenterWork } from "./segmenterWork.js";

const whole = (text: string) => Array.from(new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text), ({ segment }) => segment);

/** Pieces that join into clusters across any window edge: marks, joiners, modifiers, flags, jamo, conjuncts, CR LF, lone surrogates. */
const PIECES = [
  "a", " ", "é", "e", "\u0301", "\u0308", "\u200D", "\uFE0F", "👩", "👧", "🇫", "🇷", "🏻", "❤", "ก", "ำ", "ั", "ع", "\u0600",
  "\u0915", "\u094D", "\u0937", "\u093F", "\u0903", "\u1100", "\u1161", "\u11A8", "한", "漢", "\r", "\n", "\t", "\u00A0", "\u200B", "\uD83D", "\uDE00", "x\u20E3",
];
const tricky = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((parts) => parts.join(""));

const calibri = fontFor(["Calibri"], false, false);
const style: TextStyle = { font: "Calibri", size: 18, color: "000000", bold: false, italic: false, align: "left", valign: "top", lineSpacing: 1, paragraphSpacing: 0 };

/** Words of one cluster repeated: precomposed, combining, ZWJ emoji, flags, Thai, Arabic, Devanagari conjuncts, CJK. */
const WORDS: Record<string, string> = {
  "é": "é",
  "e + U+0301": "e\u0301",
  "ZWJ family": "👩‍👩‍👧",
  flags: "🇫🇷",
  Thai: "ภาษาไทย",
  Arabic: "مرحبا",
  Devanagari: "क्षि",
  CJK: "漢字",
};

/** A word of about `n` code units four times as long takes at most five times the work (quadratic work would take sixteen). */
function expectLinear(unit: string, n: number, measure: (text: string) => void): void {
  const word = (units: number) => unit.repeat(Math.ceil(units / unit.length));
  const short = segmenterWork(() => measure(word(n)));
  const long = segmenterWork(() => measure(word(4 * n)));
  expect(long).toBeLessThanOrEqual(5 * short);
}

describe("graphemes", () => {
  it("gives the clusters the segmenter gives for the whole text, whatever the window", () => {
    fc.assert(
      fc.property(tricky, fc.integer({ min: 1, max: 24 }), (text, window) => {
        expect(graphemes(text, window)).toEqual(whole(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the whole text's clusters for long texts at the default window, a cluster longer than the window included", () => {
    const texts = [
      "é".repeat(3 * WINDOW + 7),
      "👩‍👩‍👧".repeat(200),
      "🇫🇷".repeat(301) + "🇫" + "🇷🇫".repeat(300),
      "a" + "\u0301".repeat(5 * WINDOW) + "é".repeat(2 * WINDOW),
      "\r\n".repeat(WINDOW) + "\u0915\u094D\u0937".repeat(WINDOW),
    ];
    for (const text of texts) expect(graphemes(text)).toEqual(whole(text));
  });

  it("reads printable ASCII and single characters without the segmenter", () => {
    const work = segmenterWork(() => {
      expect(graphemes("plain text\twith a tab\n")).toEqual([..."plain text\twith a tab\n"]);
      expect(graphemes("😀")).toEqual(["😀"]);
      expect(graphemes("é")).toEqual(["é"]);
    });
    expect(work).toBe(0);
  });
});

describe("the work of measuring one long word grows with its length, not its square", () => {
  for (const [name, unit] of Object.entries(WORDS)) {
    it(`${name}: wrapped`, () => {
      expectLinear(unit, 2000, (text) => wrap([{ text, font: calibri, size: 18 }], 4));
    });
  }

  it("its width, of ZWJ emoji too", () => {
    for (const unit of Object.values(WORDS)) expectLinear(unit, 2000, (text) => calibri.advance(text, 18));
  });

  it("in a table cell", () => {
    for (const unit of Object.values(WORDS)) expectLinear(unit, 2000, (text) => measureCellHeight([specRun(text)], 2, style));
  });
});
