import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { OutlineSchema } from "../../src/model/outline.js";
import { parse } from "../../src/parse/parse.js";
import { exampleDeck, fixtures, snapshotJson } from "../support/fixtures.js";

function parseText(markdown: string, file = "test.md") {
  const diagnostics = new Diagnostics(file);
  const outline = parse(markdown, file, diagnostics);
  return { outline: OutlineSchema.parse(outline), diagnostics: diagnostics.list };
}

describe("parse: Outline snapshots", () => {
  for (const fixture of [...fixtures("syntax"), exampleDeck()]) {
    it(fixture.name, async () => {
      const { outline, diagnostics } = parseText(fixture.markdown, fixture.file);
      await expect(snapshotJson({ outline, diagnostics })).toMatchFileSnapshot(`__snapshots__/${fixture.name}.outline.json`);
    });
  }
});

describe("parse: positions", () => {
  it("gives every slide, block and list item its line and column", () => {
    const { outline } = parseText("---\ntitle: T\n---\n\n## Slide\n\n- a\n  - b\n\n> quote\n");
    const slide = outline.slides[0];
    expect(slide?.position).toEqual({ line: 5, column: 1 });
    const list = slide?.blocks[0];
    expect(list?.type === "list" && list.items.map((i) => [i.position.line, i.position.column])).toEqual([[7, 1], [8, 3]]);
    expect(slide?.blocks[1]?.position).toEqual({ line: 10, column: 1 });
  });

  it("gives the same positions for CRLF with a BOM as for LF", () => {
    const lf = "---\ntitle: T\n---\n\n## Slide\n\n- a\n  - b\n";
    const crlf = `\uFEFF${lf.replace(/\n/g, "\r\n")}`;
    expect(parseText(crlf).outline).toEqual(parseText(lf).outline);
  });

  it("points a layout directive at its name", () => {
    const { outline } = parseText("## S\n\n<!-- layout: quote -->\n");
    expect(outline.slides[0]?.layout).toEqual({ name: "quote", position: { line: 3, column: 14 } });
  });

  it("names another tool's div class once a deck, however many divs have it, and keeps their content", () => {
    const { outline, diagnostics } = parseText("## S\n\n::: aside\n- a\n:::\n\n## T\n\n::: aside\n- b\n:::\n\n::: footer\nf\n:::\n");
    expect(diagnostics.map((d) => [d.id, d.line])).toEqual([["unknown-div", 3], ["unknown-div", 13]]);
    expect(outline.slides.map((s) => s.blocks.length)).toEqual([1, 2]);
  });

  it("keeps positions inside fenced divs that are not notes", () => {
    const { outline, diagnostics } = parseText("## S\n\n::: aside\n- x\n:::\n");
    expect(diagnostics.map((d) => d.id)).toEqual(["unknown-div"]);
    expect(outline.slides[0]?.blocks[0]?.position).toEqual({ line: 4, column: 1 });
  });
});

describe("parse: slides", () => {
  it("splits at # and ## headings and at ---, never making an empty slide", () => {
    const { outline } = parseText("# A\n\n---\n\n## B\n\ntext\n\n---\n\nmore\n\n---\n");
    expect(outline.slides.map((s) => s.start)).toEqual(["heading1", "heading2", "break"]);
  });

  it("attaches notes and a directive written after --- to the next slide", () => {
    const { outline } = parseText("## A\n\n---\n\n<!-- layout: quote -->\n\n::: notes\nfor B\n:::\n\n## B\n\n> q\n");
    expect(outline.slides[1]?.notes).toBe("for B");
    expect(outline.slides[1]?.layout?.name).toBe("quote");
    expect(outline.slides[0]?.notes).toBeNull();
  });

  it("reads ::: {.notes} as pandoc writes it, with lists as lines", () => {
    const { outline } = parseText("## A\n\n::: {.notes}\nSay this.\n\n- and this\n:::\n");
    expect(outline.slides[0]?.notes).toBe("Say this.\n\n• and this");
  });

  it("treats headings inside code blocks as code", () => {
    const { outline } = parseText("## A\n\n```md\n# not a slide\n```\n");
    expect(outline.slides).toHaveLength(1);
    expect(outline.slides[0]?.blocks[0]).toMatchObject({ type: "code", text: "# not a slide" });
  });
});

describe("parse: text", () => {
  it("flattens inline styles into runs", () => {
    const { outline } = parseText("## A\n\n**b *bi*** `c` ~~s~~ [l](https://x.org)\n");
    const block = outline.slides[0]?.blocks[0];
    expect(block?.type === "paragraph" && block.runs).toEqual([
      { text: "b ", bold: true, italic: false, strike: false, code: false, href: null },
      { text: "bi", bold: true, italic: true, strike: false, code: false, href: null },
      { text: " ", bold: false, italic: false, strike: false, code: false, href: null },
      { text: "c", bold: false, italic: false, strike: false, code: true, href: null },
      { text: " ", bold: false, italic: false, strike: false, code: false, href: null },
      { text: "s", bold: false, italic: false, strike: true, code: false, href: null },
      { text: " ", bold: false, italic: false, strike: false, code: false, href: null },
      { text: "l", bold: false, italic: false, strike: false, code: false, href: "https://x.org" },
    ]);
  });

  it("replaces characters XML forbids with U+FFFD and warns with their position", () => {
    const { outline, diagnostics } = parseText("## Bad\u0001 title\n\n- x\uFFFF\n");
    expect(outline.slides[0]?.title?.[0]?.text).toBe("Bad\uFFFD title");
    expect(diagnostics.map((d) => [d.id, d.line, d.column])).toEqual([
      ["illegal-character", 1, 7],
      ["illegal-character", 3, 4],
    ]);
  });

  it("keeps emoji and CJK text", () => {
    const { outline } = parseText("## 日本語 🎉\n");
    expect(outline.slides[0]?.title?.[0]?.text).toBe("日本語 🎉");
  });
});
