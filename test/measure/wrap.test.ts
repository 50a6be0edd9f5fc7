/** Line breaking as PowerPoint does it. */
import { describe, expect, it } from "vitest";
import { fontFor } from "../../src/measure/fonts.js";
import { wrap, type WrapRun } from "../../src/measure/wrap.js";
import { breakBetween, breakClass, canBreakBetween } from "../../src/measure/scripts.js";

const calibri = fontFor(["Calibri"], false, false);
const bold = fontFor(["Calibri"], true, false);
const run = (text: string, size = 20, font = calibri): WrapRun => ({ text, font, size });
const texts = (runs: WrapRun[], width: number) => wrap(runs, width).map((l) => l.text);

describe("wrap", () => {
  it("keeps a paragraph that fits on one line", () => {
    const lines = wrap([run("Short one")], 5);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.width).toBeCloseTo(calibri.advance("Short one", 20), 9);
    expect(lines[0]?.size).toBe(20);
  });

  it("wraps a long bullet at the last space that fits, greedily", () => {
    const text = "The quick brown fox jumps over the lazy dog while the committee reviews the quarterly numbers";
    const width = calibri.advance("The quick brown fox jumps over the lazy", 20) + 0.01;
    const lines = texts([run(text)], width);
    expect(lines).toEqual(["The quick brown fox jumps over the lazy ", "dog while the committee reviews the ", "quarterly numbers"]);
    for (const line of wrap([run(text)], width)) expect(line.width).toBeLessThanOrEqual(width);
  });

  it("moves a word that does not fit to the next line even when only a little is missing", () => {
    const width = calibri.advance("alpha beta", 20) - 0.001;
    expect(texts([run("alpha beta")], width)).toEqual(["alpha ", "beta"]);
  });

  it("lets trailing spaces hang past the edge without counting them", () => {
    const width = calibri.advance("alpha", 20);
    const lines = wrap([run("alpha      beta")], width + 1e-6);
    expect(lines.map((l) => l.text)).toEqual(["alpha      ", "beta"]);
    expect(lines[0]?.width).toBeCloseTo(width, 9);
    // Spaces between words on one line count.
    expect(wrap([run("a  b")], 10)[0]?.width).toBeCloseTo(calibri.advance("a  b", 20), 9);
  });

  it("breaks a 2,000-character word between characters, filling each line", () => {
    const word = "abcdefghij".repeat(200);
    const width = 3;
    const lines = wrap([run(word, 18)], width);
    expect(lines.map((l) => l.text).join("")).toBe(word);
    const total = calibri.advance(word, 18);
    const widest = Math.max(...[..."abcdefghij"].map((c) => calibri.advance(c, 18)));
    expect(lines.length).toBeGreaterThanOrEqual(Math.ceil(total / width));
    expect(lines.length).toBeLessThanOrEqual(Math.ceil(total / (width - widest)));
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(width + 1e-9);
    // Each full line has no room for the next character.
    for (const [i, line] of lines.slice(0, -1).entries()) {
      const next = lines[i + 1]?.text[0] ?? "";
      expect(line.width + calibri.advance(next, 18)).toBeGreaterThan(width - 0.01);
    }
  });

  it("puts a long word after other words on its own line before breaking it", () => {
    const lines = texts([run(`Bravo ${"x".repeat(80)}`, 20)], 4);
    expect(lines[0]).toBe("Bravo ");
    expect(lines.slice(1).join("")).toBe("x".repeat(80));
  });

  it("breaks after hyphens and dashes, and keeps them on the first line", () => {
    const width = calibri.advance("state-of-", 20) + 0.001;
    expect(texts([run("state-of-the-art")], width)).toEqual(["state-of-", "the-art"]);
    const dash = calibri.advance("before–", 20) + 0.001;
    expect(texts([run("before–after")], dash)).toEqual(["before–", "after"]);
  });

  it("does not break after a leading minus or inside a number range", () => {
    const width = calibri.advance("x -4", 20) + 0.001;
    expect(texts([run("x -42")], width)).toEqual(["x ", "-42"]);
    const range = calibri.advance("pages 10-2", 20) + 0.001;
    expect(texts([run("pages 10-20")], range)).toEqual(["pages ", "10-20"]);
  });

  it("breaks between CJK ideographs and kana, but never before a closing mark", () => {
    const text = "日本語のテキストは単語の間にスペースがないので、表意文字の間で改行されます。";
    const lines = wrap([run(text, 20)], (10 * 20) / 72 + 0.001);
    expect(lines.map((l) => l.text).join("")).toBe(text);
    expect(lines[0]?.text).toBe("日本語のテキストは単");
    for (const line of lines) {
      expect(line.text).not.toMatch(/^[、。]/);
      expect(line.width).toBeLessThanOrEqual((10 * 20) / 72 + 0.001);
    }
  });

  it("breaks between Latin words and CJK text", () => {
    const width = calibri.advance("mixed English", 20) + (3 * 20) / 72 + 0.001;
    expect(texts([run("mixed English中文字符混合的段落")], width)[0]).toBe("mixed English中文字");
  });

  it("forces a line at \\n, keeping empty lines", () => {
    const lines = wrap([run("one\ntwo\n\nthree")], 10);
    expect(lines.map((l) => l.text)).toEqual(["one", "two", "", "three"]);
    expect(lines[2]?.size).toBe(20);
  });

  it("gives a paragraph with no text one empty line", () => {
    expect(wrap([run("", 14)], 5)).toEqual([{ text: "", width: 0, size: 14 }]);
    expect(wrap([], 5)).toHaveLength(1);
  });

  it("measures each run in its own font and size, and takes each line's largest size", () => {
    const runs = [run("small words here ", 12), run("BIG", 40), run(" then small again and more small words", 12)];
    const width = calibri.advance("small words here ", 12) + calibri.advance("BIG", 40) + 0.01;
    const lines = wrap(runs, width);
    expect(lines[0]?.text).toBe("small words here BIG ");
    expect(lines[0]?.size).toBe(40);
    expect(lines[0]?.width).toBeCloseTo(calibri.advance("small words here ", 12) + calibri.advance("BIG", 40), 9);
    expect(lines.slice(1).every((l) => l.size === 12)).toBe(true);
  });

  it("wraps bold text sooner than regular", () => {
    const text = "Bold text is wider than regular text at the same size";
    const width = calibri.advance(text, 20) + 0.001;
    expect(wrap([run(text)], width)).toHaveLength(1);
    expect(wrap([run(text, 20, bold)], width)).toHaveLength(2);
  });

  it("joins a word split across runs (no break at a run boundary)", () => {
    const width = calibri.advance("un", 20) + bold.advance("common", 20) + 0.001;
    expect(texts([run("un"), run("common", 20, bold), run(" words")], width)).toEqual(["uncommon ", "words"]);
  });

  it("never breaks at a no-break space", () => {
    const width = calibri.advance("go 100\u00A0k", 20) + 0.001;
    expect(texts([run("go 100\u00A0km")], width)).toEqual(["go ", "100\u00A0km"]);
  });

  it("advances a tab to the next 1-inch stop", () => {
    const [line] = wrap([run("a\tb")], 10);
    expect(line?.width).toBeCloseTo(1 + calibri.advance("b", 20), 9);
  });
});

describe("break classes", () => {
  it("decide as the characters do: ASCII from the table, anything else worked out", () => {
    const clusters = ["a", "Z", "1", " ", "\t", "-", "\u2013", "\u00A0", "\u200B", ")", "(", ".", "漢", "か", "한", "😀", "👍🏽", "é", "\u3000", "\u201D", ""];
    for (const before of clusters) {
      for (const after of clusters) {
        for (const beforeThat of clusters) {
          expect(breakBetween(breakClass(before), breakClass(after), breakClass(beforeThat))).toBe(canBreakBetween(before, after, beforeThat));
        }
      }
    }
    expect(canBreakBetween(" ", "a", "b")).toBe(true);
    expect(canBreakBetween("a", " ", "b")).toBe(false);
    expect(canBreakBetween("-", "b", "a")).toBe(true);
    expect(canBreakBetween("-", "2", "1")).toBe(false);
    expect(canBreakBetween("-", "b", "")).toBe(false);
    expect(canBreakBetween("漢", "字", "")).toBe(true);
    expect(canBreakBetween("漢", "。", "")).toBe(false);
  });
});
