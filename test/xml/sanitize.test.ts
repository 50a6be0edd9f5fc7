import { describe, expect, it } from "vitest";
import {
  findIllegalXmlChars,
  hasIllegalXmlChars,
  stripIllegalXmlCharRefs,
  stripIllegalXmlChars,
} from "../../src/xml/sanitize.js";

/** XML 1.0 §2.2 `Char`, for a BMP code unit that is not part of a surrogate pair. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd);
}

describe("stripIllegalXmlChars", () => {
  it("returns a clean string unchanged (the same string)", () => {
    const clean = "Plain text, tabs\tand\nnew lines\r\n, « accents », 😀 and \u{10FFFF}";
    expect(stripIllegalXmlChars(clean)).toBe(clean);
    expect(hasIllegalXmlChars(clean)).toBe(false);
  });

  it("agrees with the XML 1.0 Char production for every lone BMP code unit", () => {
    const disagreements: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      const s = `a${String.fromCharCode(cp)}b`;
      if (stripIllegalXmlChars(s) !== (isXmlChar(cp) ? s : "ab")) disagreements.push(`U+${cp.toString(16)}`);
      if (hasIllegalXmlChars(s) === isXmlChar(cp)) disagreements.push(`has U+${cp.toString(16)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it("removes C0 controls but keeps tab, LF and CR", () => {
    expect(stripIllegalXmlChars("a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\th\ni\rj")).toBe("abcdefg\th\ni\rj");
  });

  it("removes U+FFFE and U+FFFF but keeps U+FFFD and the C1 range", () => {
    expect(stripIllegalXmlChars("\ufffe\uffff\ufffd\u0085\u009f")).toBe("\ufffd\u0085\u009f");
  });

  it("keeps surrogate pairs and removes lone surrogates", () => {
    expect(stripIllegalXmlChars("😀")).toBe("😀");
    expect(stripIllegalXmlChars("x\ud83dy")).toBe("xy"); // lone high
    expect(stripIllegalXmlChars("x\ude00y")).toBe("xy"); // lone low
    expect(stripIllegalXmlChars("\ude00\ud83d")).toBe(""); // reversed pair
    expect(stripIllegalXmlChars("\ud83d\ud83d\ude00")).toBe("😀"); // high, then a valid pair
    expect(stripIllegalXmlChars("end\ud83d")).toBe("end");
  });

  it("is stable when called repeatedly (no regex lastIndex state)", () => {
    for (let i = 0; i < 3; i++) expect(stripIllegalXmlChars("a\u0001b")).toBe("ab");
    for (let i = 0; i < 3; i++) expect(hasIllegalXmlChars("a\u0001b")).toBe(true);
  });
});

describe("findIllegalXmlChars", () => {
  it("finds nothing in clean text", () => {
    expect(findIllegalXmlChars("fine 😀\t")).toEqual([]);
  });

  it("reports UTF-16 indices and code points in order", () => {
    expect(findIllegalXmlChars("a\u0000😀\u001b\uffff\ud800z")).toEqual([
      { index: 1, codePoint: 0x0 },
      { index: 4, codePoint: 0x1b },
      { index: 5, codePoint: 0xffff },
      { index: 6, codePoint: 0xd800 },
    ]);
  });
});

describe("stripIllegalXmlCharRefs", () => {
  it("removes references to forbidden characters and keeps the others", () => {
    expect(stripIllegalXmlCharRefs("&#0;&#x1B;&#xD800;&#xFFFF;&#1114112;&#x2022;&#9;&#x1F600;&amp;")).toBe(
      "&#x2022;&#9;&#x1F600;&amp;",
    );
  });

  it("returns text without references unchanged", () => {
    const s = "no refs &amp; here";
    expect(stripIllegalXmlCharRefs(s)).toBe(s);
  });
});
