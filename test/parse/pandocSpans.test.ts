/** pandoc's and Quarto's spans: the attributes are not text; `.underline` and `.mark` style the words. */
import { expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { parse } from "../../src/parse/parse.js";

it("underlines `.underline` spans, marks `.mark` spans, and keeps other spans' words plain", () => {
  const diagnostics = new Diagnostics("t.md");
  const outline = parse("## A\n\nSome [under]{.underline} and [marked]{.mark .x} and [plain]{#id}.\n", "t.md", diagnostics);
  const block = outline.slides[0]?.blocks[0];
  if (block?.type !== "paragraph") throw new Error("expected a paragraph");
  expect(block.runs.map((r) => [r.text, r.underline ?? false, r.highlight ?? false])).toEqual([
    ["Some ", false, false],
    ["under", true, false],
    [" and ", false, false],
    ["marked", false, true],
    [" and plain.", false, false],
  ]);
  expect(diagnostics.list).toEqual([]);
});
