/**
 * Builds one click at a time (src/parse/builds.ts): pandoc's `. . .` and remark's `--` show what
 * follows on the next click; `::: incremental` (or front matter `incremental: true`) gives each
 * list item a click of its own; `::: nonincremental` turns it off inside.
 */
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import type { Block, OutlineSlide } from "../../src/model/outline.js";
import { parse } from "../../src/parse/parse.js";

function read(markdown: string) {
  const diagnostics = new Diagnostics("deck.md");
  const outline = parse(markdown, "deck.md", diagnostics);
  return { outline, diagnostics: diagnostics.list.map((d) => [d.id, d.line] as const) };
}

/** Each block as its kind and step (0: shown from the start); a list as the steps of its items. */
function steps(blocks: readonly Block[]): unknown[] {
  return blocks.map((b) => {
    if (b.type === "list") return b.items.map((i) => i.step ?? 0);
    if (b.type === "columns") return b.columns.map(steps);
    return `${b.type}:${b.step ?? 0}`;
  });
}
const slideSteps = (slide: OutlineSlide | undefined) => steps(slide?.blocks ?? []);

describe("builds: pauses", () => {
  it("content before the first pause is shown from the start; all blocks after one pause come together", () => {
    const { outline, diagnostics } = read("## S\n\nIntro\n\n. . .\n\nOne\n\n| a |\n|---|\n| 1 |\n\n. . .\n\n- x\n- y\n");
    expect(slideSteps(outline.slides[0])).toEqual(["paragraph:0", "paragraph:1", "table:1", [2, 2]]);
    expect(diagnostics).toEqual([]);
  });

  it("counts per slide, and a pause after `---` belongs to the slide that follows", () => {
    const { outline } = read("## A\n\nx\n\n. . .\n\ny\n\n---\n\n. . .\n\n## B\n\nz\n\n## C\n\nw\n");
    expect(outline.slides.map(slideSteps)).toEqual([["paragraph:0", "paragraph:1"], ["paragraph:1"], ["paragraph:0"]]);
  });

  it("a pause right under a line of text still starts a new block", () => {
    const { outline } = read("## S\n\nfirst\n. . .\nsecond\n");
    expect(slideSteps(outline.slides[0])).toEqual(["paragraph:0", "paragraph:1"]);
  });

  it("remark's `--` is a pause, also right under text and after `???` notes", () => {
    const { outline, diagnostics } = read("## Steps\n\nStep one\n--\nStep two\n\n???\n\nsay it\n\n--\n\n- three\n");
    expect(slideSteps(outline.slides[0])).toEqual(["paragraph:0", "paragraph:1", [2]]);
    expect(outline.slides[0]?.notes).toBe("say it");
    expect(diagnostics).toEqual([]);
  });

  it("a pause between two columns shows the second a click later", () => {
    const { outline } = read("## S\n\n:::: columns\n::: column\nLeft\n:::\n\n. . .\n\n::: column\nRight\n:::\n::::\n");
    expect(slideSteps(outline.slides[0])).toEqual([[["paragraph:0"], ["paragraph:1"]]]);
  });
});

describe("builds: incremental lists", () => {
  it("`::: incremental` gives each item, nested ones too, a click of its own, with no warning", () => {
    const { outline, diagnostics } = read("## S\n\nIntro\n\n::: incremental\n- a\n  - a1\n- b\n:::\n\nAfter\n");
    expect(slideSteps(outline.slides[0])).toEqual(["paragraph:0", [1, 2, 3], "paragraph:0"]);
    expect(diagnostics).toEqual([]);
  });

  it("a pause after an incremental list comes after its last item; one before it does not add an empty click of content", () => {
    const { outline } = read("## S\n\n::: incremental\n- a\n- b\n:::\n\n. . .\n\nEnd\n");
    expect(slideSteps(outline.slides[0])).toEqual([[1, 2], "paragraph:3"]);
  });

  it("`incremental: true` in the front matter builds every list; `::: nonincremental` turns it off inside", () => {
    const { outline, diagnostics } = read("---\nincremental: true\n---\n\n## S\n\n- a\n- b\n\n::: nonincremental\n- c\n- d\n:::\n\n## T\n\n- e\n");
    expect(outline.frontMatter.incremental).toBe(true);
    expect(outline.slides.map(slideSteps)).toEqual([[[1, 2], [0, 0]], [[1]]]);
    expect(diagnostics).toEqual([]);
  });

  it("`incremental` is deckwright's own key: a value that is not true or false is an error", () => {
    expect(read("---\nincremental: sometimes\n---\n\n## S\n").diagnostics).toEqual([["invalid-front-matter", 2]]);
  });

  it("an incremental div inside a column builds there, and its content is kept", () => {
    const { outline, diagnostics } = read("## S\n\n:::: columns\n::: column\n::: incremental\n- a\n- b\n:::\n:::\n::: column\n- c\n:::\n::::\n");
    expect(slideSteps(outline.slides[0])).toEqual([[[[1, 2]], [[0]]]]);
    expect(diagnostics).toEqual([]);
  });

  it("without pauses or incremental divs, no block has a step (outlines keep their shape)", () => {
    const { outline } = read("## S\n\n- a\n\n| a |\n|---|\n| 1 |\n\ntext\n");
    expect(JSON.stringify(outline)).not.toContain('"step"');
  });
});
