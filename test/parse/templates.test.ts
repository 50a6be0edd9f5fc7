/**
 * remark's `layout: true` templates (src/parse/templates.ts): the template slide is not shown,
 * its content goes on each slide after it (first, or where `{{content}}` is) until the next
 * template or `layout: false`; with no slide after it, it is shown with a warning.
 */
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import type { OutlineSlide } from "../../src/model/outline.js";
import { parse } from "../../src/parse/parse.js";

function read(markdown: string) {
  const diagnostics = new Diagnostics("deck.md");
  const outline = parse(markdown, "deck.md", diagnostics, { flavor: "remark" });
  return { slides: outline.slides.map(words), diagnostics: diagnostics.list.map((d) => [d.id, d.line] as const) };
}

const words = (slide: OutlineSlide) => [slide.title?.map((r) => r.text).join("") ?? null, ...slide.blocks.map((b) => (b.type === "paragraph" || b.type === "subheading" ? b.runs.map((r) => r.text).join("") : b.type))];

describe("remark layout templates", () => {
  it("puts the template's content first on every following slide, until `layout: false`", () => {
    const { slides, diagnostics } = read("# Deck\n\n---\nlayout: true\n.footer[Shared]\n\n---\n\n## A\n\nOne\n\n---\n\n## B\n\nTwo\n\n---\nlayout: false\n\n## C\n\nThree\n");
    expect(slides).toEqual([["Deck"], ["A", "Shared", "One"], ["B", "Shared", "Two"], ["C", "Three"]]);
    expect(diagnostics).toEqual([]);
  });

  it("puts the slide's content where `{{content}}` stands; a new template replaces the old", () => {
    const { slides } = read("# Deck\n\n---\nlayout: true\n\nTop\n\n{{content}}\n\nEnd\n\n---\n\n## A\n\nMiddle\n\n---\nlayout: true\n\nOther\n\n---\n\n## B\n\nMine\n");
    expect(slides).toEqual([["Deck"], ["A", "Top", "Middle", "End"], ["B", "Other", "Mine"]]);
  });

  it("gives its title to a following slide without one", () => {
    const { slides } = read("# Deck\n\n---\nlayout: true\n\n## Shared title\n\n---\n\nBody\n");
    expect(slides).toEqual([["Deck"], ["Shared title", "Body"]]);
  });

  it("shows a template that no slide follows, with a warning at its `layout: true`", () => {
    const { slides, diagnostics } = read("# Deck\n\n---\nlayout: true\n\nLonely\n");
    expect(slides).toEqual([["Deck"], [null, "Lonely"]]);
    expect(diagnostics).toEqual([["orphan-template", 4]]);
  });

  it("names a template's notes, which are not shown", () => {
    const { diagnostics } = read("# Deck\n\n---\nlayout: true\n\nT\n\n???\n\nsecret\n\n---\n\n## A\n");
    expect(diagnostics).toEqual([["template-notes", 4]]);
  });
});
