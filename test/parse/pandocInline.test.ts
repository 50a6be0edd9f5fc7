/**
 * pandoc's small inline constructs (src/parse/pandocInline.ts, src/parse/footnotes.ts):
 * footnotes numbered per slide with their text at the slide's end, `^super^` and `~sub~`,
 * emoji shortcodes; and reveal.js' `Note:` bullets, front-matter placeholders.
 */
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import type { Block, OutlineSlide, Run } from "../../src/model/outline.js";
import { parse } from "../../src/parse/parse.js";

function read(markdown: string) {
  const diagnostics = new Diagnostics("deck.md");
  const outline = parse(markdown, "deck.md", diagnostics);
  return { outline, slides: outline.slides, diagnostics: diagnostics.list.map((d) => [d.id, d.line, d.column] as const), messages: diagnostics.list.map((d) => d.message) };
}

/** Runs as compact strings: `text^` superscript, `text_` subscript, `text~~` strike, `text\`` code. */
const marks = (runs: readonly Run[]) => runs.map((r) => `${r.text}${r.superscript ? "^" : ""}${r.subscript ? "_" : ""}${r.strike ? "~~" : ""}${r.code ? "`" : ""}`);
const runsOf = (block: Block | undefined): Run[] => (block?.type === "paragraph" ? block.runs : block?.type === "list" ? block.items.flatMap((i) => i.runs) : []);
const footnotes = (slide: OutlineSlide | undefined) =>
  (slide?.blocks ?? []).filter((b) => b.type === "paragraph" && b.footnote !== undefined).map((b) => (b.type === "paragraph" ? [b.footnote, b.runs.map((r) => r.text).join("")] : []));

describe("footnotes", () => {
  it("a reference is a superscript number; its note, multi-line, is a small paragraph at the slide's end", () => {
    const { slides, diagnostics } = read("## A\n\nFirst[^a] and second[^b], first again[^a].\n\n[^a]: Note one\n    goes on here.\n\n    A second paragraph.\n[^b]: Note two.\n");
    expect(marks(runsOf(slides[0]?.blocks[0]))).toEqual(["First", "1^", " and second", "2^", ", first again", "1^", "."]);
    expect(footnotes(slides[0])).toEqual([[1, "1 Note one goes on here.\nA second paragraph."], [2, "2 Note two."]]);
    expect(slides[0]?.blocks).toHaveLength(3);
    expect(diagnostics).toEqual([]);
  });

  it("inline `^[note]` is a footnote; numbers start again on each slide; notes are defined anywhere", () => {
    const { slides, diagnostics } = read("## A\n\nPress E^[see the [appendix](#x)] now.\n\n## B\n\n- item[^z]\n\n[^z]: Zed.\n");
    expect(marks(runsOf(slides[0]?.blocks[0]))).toEqual(["Press E", "1^", " now."]);
    expect(footnotes(slides[0])).toEqual([[1, "1 see the appendix"]]);
    expect(marks(runsOf(slides[1]?.blocks[0]))).toEqual(["item", "1^"]);
    expect(footnotes(slides[1])).toEqual([[1, "1 Zed."]]);
    expect(diagnostics).toEqual([]);
  });

  it("a reference with no note, and a note with no reference, are warnings at their line; both texts are kept", () => {
    const { slides, diagnostics } = read("## A\n\nText\nand more[^missing].\n\n[^lonely]: Nobody points here.\n");
    expect(marks(runsOf(slides[0]?.blocks[0]))).toEqual(["Text and more", "[^missing]", "."]);
    expect(footnotes(slides[0])).toEqual([[1, "1 Nobody points here."]]);
    expect(diagnostics).toEqual([
      ["footnote-undefined", 4, 9],
      ["footnote-unused", 6, 1],
    ]);
  });

  it("on a slide of `::: column`s, the notes go at the end of the last column (a block after the columns would be a slide of its own)", () => {
    const { slides } = read("## A\n\n:::: columns\n::: column\nLeft^[a note]\n:::\n::: column\nRight\n:::\n::::\n");
    const columns = slides[0]?.blocks[0];
    expect(slides[0]?.blocks).toHaveLength(1);
    expect(columns?.type === "columns" ? columns.columns[1]?.map((b) => b.type === "paragraph" && b.footnote) : null).toEqual([undefined, 1]);
  });

  it("not inside code", () => {
    const { slides } = read("## A\n\n`x[^1]` and `^[y]`\n\n```\n[^1]: not a note\n```\n");
    expect(marks(runsOf(slides[0]?.blocks[0]))).toEqual(["x[^1]`", " and ", "^[y]`"]);
    expect(slides[0]?.blocks[1]).toMatchObject({ type: "code", text: "[^1]: not a note" });
  });
});

describe("`^super^` and `~sub~`", () => {
  it("`2^10^` and `H~2~O` are superscript and subscript; `~~strike~~` stays strike; a lone `^` or `~` stays", () => {
    const { slides } = read("## A\n\n2^10^ and H~2~O, ~~old~~ ~one~ a ^ b ~ c, x^a b^\n");
    expect(marks(runsOf(slides[0]?.blocks[0]))).toEqual(["2", "10^", " and H", "2_", "O, ", "old~~", " ", "one_", " a ^ b ~ c, x^a b^"]);
  });

  it("not inside code", () => {
    const { slides } = read("## A\n\n`2^10^ H~2~O`\n");
    expect(marks(runsOf(slides[0]?.blocks[0]))).toEqual(["2^10^ H~2~O`"]);
  });
});

describe("emoji shortcodes", () => {
  it("`:warning:` is its emoji; an unknown `:word:` and times stay as written; not inside code", () => {
    const { slides, diagnostics } = read("## A\n\n:warning: Do not :red_circle: at 10:30:00 :nosuchemoji: `:warning:`\n");
    expect(marks(runsOf(slides[0]?.blocks[0]))).toEqual(["⚠️ Do not 🔴 at 10:30:00 :nosuchemoji: ", ":warning:`"]);
    expect(diagnostics).toEqual([]);
  });

  it("a Font Awesome shortcode is left out, named by a `foreign-syntax` warning at it", () => {
    const { slides, diagnostics, messages } = read("## A\n\nTeach :fa-chalkboard: here\n");
    expect(marks(runsOf(slides[0]?.blocks[0]))).toEqual(["Teach here"]);
    expect(diagnostics).toEqual([["foreign-syntax", 3, 7]]);
    expect(messages[0]).toContain(":fa-chalkboard:");
  });

  it("in a slide title too: the emoji shown, the icon named", () => {
    const { slides, diagnostics } = read("## :rocket: Launch :fa-star:\n\ntext\n");
    expect(slides[0]?.title?.map((r) => r.text).join("")).toBe("🚀 Launch");
    expect(diagnostics).toEqual([["foreign-syntax", 1, 20]]);
  });
});

describe("reveal.js `Note:` bullets", () => {
  it("keep their `* ` and `- ` markers (and nesting) in the speaker notes", () => {
    const { slides } = read("## Risks\n\n* Lost laptops\n\nNote:\n* Remind them about backups\n* Mention the library\n  - nested point\n\n## Next\n\ntext\nNote:\n- a\n- b\n");
    expect(slides[0]?.notes).toBe("* Remind them about backups\n* Mention the library\n  - nested point");
    expect(slides[1]?.notes).toBe("- a\n- b");
  });
});

describe("front-matter placeholders", () => {
  it("`title: {{TITLE}}` is the text as written, with a warning at the value; a quoted one is text already", () => {
    const { outline, diagnostics } = read("---\ntitle: {{TITLE}}\nauthor: {{ page.author }}\ndate: \"{{when}}\"\n---\n\n## A\n\ntext\n");
    expect(outline.frontMatter).toEqual({ title: "{{TITLE}}", author: "{{ page.author }}", date: "{{when}}" });
    expect(diagnostics).toEqual([
      ["front-matter-placeholder", 2, 8],
      ["front-matter-placeholder", 3, 9],
    ]);
  });
});
