/**
 * Marp's directives and picture keywords (src/parse/marp.ts, flavors.ts): local directives hold
 * from their slide on, spot ones on their slide only, front-matter ones from the first slide;
 * `![bg]` pictures go behind or beside the slide; whatever is not honoured is named at its line.
 */
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { cssColor, marpDirectives, marpImage } from "../../src/parse/flavors.js";
import { parse } from "../../src/parse/parse.js";

function read(body: string, frontMatter = "") {
  const diagnostics = new Diagnostics("deck.md");
  const outline = parse(`---\nmarp: true\n${frontMatter}---\n${body}`, "deck.md", diagnostics);
  const warnings = diagnostics.list.filter((d) => d.id !== "foreign-front-matter").map((d) => [d.id, d.line, d.message] as const);
  return { outline, warnings };
}

describe("Marp directives", () => {
  it("local ones hold from their slide on, spot ones on their slide only", () => {
    const { outline, warnings } = read("\n## A\n\n<!-- footer: Acme -->\n<!-- _paginate: true -->\n\n---\n\n## B\n\n<!-- paginate: true -->\n\n---\n\n## C\n");
    expect(outline.slides.map((s) => s.style)).toEqual([
      { paginate: true, footer: "Acme" },
      { paginate: true, footer: "Acme" },
      { paginate: true, footer: "Acme" },
    ]);
    expect(warnings).toEqual([]);
  });

  it("once a deck uses `paginate`, slides it does not reach have no number (Marp's default)", () => {
    const { outline } = read("\n## A\n\n---\n\n## B\n\n<!-- paginate: true -->\n");
    expect(outline.slides.map((s) => s.style?.paginate)).toEqual([false, true]);
  });

  it("a deck that never says `paginate` keeps the theme's numbers (no style at all)", () => {
    expect(read("\n## A\n\n- x\n").outline.slides[0]?.style).toBeUndefined();
  });

  it("reads front-matter directives, several in one comment, and names what it does not honour at its line", () => {
    const { outline, warnings } = read("\n## A\n\n<!--\n_class: lead invert\n_color: chartreuse-ish\ntransition: fade\n-->\n", "paginate: true\nbackgroundColor: '#eef'\n");
    expect(outline.slides[0]?.style).toEqual({ paginate: true, lead: true, background: { color: "EEEEFF", position: { line: 4, column: 18 } } });
    expect(warnings.map(([id, line, message]) => [id, line, message.split(":")[0]]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ["foreign-syntax", 10, "The Marp class `invert` is not applied"],
      ["foreign-syntax", 11, "The Marp directive `_color` is ignored"],
      ["foreign-syntax", 12, "The Marp directive `transition` is ignored"],
    ]);
  });

  it("`header` becomes the footer's text where there is no footer, and is named where there is", () => {
    const { outline, warnings } = read("\n## A\n\n---\n\n<!-- _footer: Own -->\n\n## B\n", "header: Talk\n");
    expect(outline.slides.map((s) => s.style?.footer)).toEqual(["Talk", "Own"]);
    expect(warnings.map(([id, line]) => [id, line])).toEqual([["foreign-syntax", 3]]);
  });

  it("`backgroundImage: url(…)` is a picture behind the slide; a gradient is named", () => {
    const { outline, warnings } = read("\n<!-- _backgroundImage: url('a.png') -->\n\n## A\n\n---\n\n<!-- _backgroundImage: linear-gradient(red, blue) -->\n\n## B\n");
    expect(outline.slides[0]?.style?.pictures).toMatchObject({ images: [{ src: "a.png", fit: "cover" }], side: null });
    expect(outline.slides[1]?.style).toBeUndefined();
    expect(warnings.map(([, line]) => line)).toEqual([11]);
  });

  it("a comment that does not start with a directive stays speaker notes", () => {
    expect(read("\n## A\n\n<!-- Note: smile -->\n").outline.slides[0]?.notes).toBe("Note: smile");
    expect(marpDirectives("<!-- Note: smile -->")).toBeNull();
  });

  it("a spot directive in the front matter (`_footer`, `_class`) is the first slide's own, never a misspelt key", () => {
    const { outline, warnings } = read("\n## A\n\n<!-- _color: white -->\n\n---\n\n## B\n", `_footer: ""\n_class: lead\n_color: black\n_backgroundColor: navy\n_backgroundSize: cover\n`);
    const diagnostics = new Diagnostics("deck.md");
    parse(`---\nmarp: true\n_footer: ""\n_foo: 1\n---\n\n## A\n`, "deck.md", diagnostics);
    expect(diagnostics.list.filter((d) => d.severity === "error")).toEqual([]);
    expect(diagnostics.list.filter((d) => d.message.includes("_foo")).map((d) => [d.severity, d.line])).toEqual([["warning", 4]]);
    // The slide's own `_color` wins over the front matter's; nothing of it holds on the second slide.
    expect(outline.slides[0]?.style).toEqual({ lead: true, color: { color: "FFFFFF", position: { line: 12, column: 6 } }, background: { color: "000080", position: { line: 6, column: 19 } } });
    expect(outline.slides[1]?.style).toBeUndefined();
    expect(warnings.map(([id, line, message]) => [id, line, message.split(":")[0]])).toEqual([["foreign-syntax", 7, "The Marp directive `_backgroundSize` is ignored"]]);
  });

  it("reads `backgroundColor: #000` unquoted as the colour, in the front matter and in a comment, as Marp's loose YAML does", () => {
    const { outline, warnings } = read("\n## A\n\n---\n\n<!-- backgroundColor: #fff -->\n\n## B\n", "backgroundColor: #000\ncolor: #ffffff\n_header: # Hi\nstyle: |\n  h1 { color: #f00 }\n");
    expect(warnings).toEqual([]);
    expect(outline.slides[0]?.style).toEqual({ background: { color: "000000", position: { line: 3, column: 18 } }, color: { color: "FFFFFF", position: { line: 4, column: 8 } }, footer: "# Hi" });
    expect(outline.slides[1]?.style?.background?.color).toBe("FFFFFF");
  });

  it("a slide whose first block is a sub-heading has it as its title; a later one stays a sub-heading", () => {
    const { outline } = read("\n## A\n\n---\n\n### Deeper\n\nText\n\n#### Under\n");
    expect(outline.slides.map((s) => s.title?.map((r) => r.text).join("") ?? null)).toEqual(["A", "Deeper"]);
    expect(outline.slides[1]?.blocks.map((b) => b.type)).toEqual(["paragraph", "subheading"]);
  });
});

describe("Marp pictures", () => {
  it("`![bg right:40%]` is a side picture; the text of its paragraph stays", () => {
    const { outline } = read("\n## Tooling\n\nFast runner\n![bg right:40% sepia](p.png)\n");
    const slide = outline.slides[0];
    expect(slide?.blocks).toMatchObject([{ type: "paragraph", runs: [{ text: "Fast runner" }] }]);
    expect(slide?.style?.pictures).toMatchObject({ side: "right", share: 0.4, images: [{ src: "p.png", alt: "", fit: "cover" }] });
  });

  it("pictures before the heading belong to its slide; several go side by side; a slide of pictures alone is kept", () => {
    const { outline } = read("\n![bg](a.png)\n![bg contain](b.png)\n\n## A\n\n---\n\n![bg vertical 50%](c.png)\n");
    expect(outline.slides.map((s) => s.title?.[0]?.text ?? null)).toEqual(["A", null]);
    expect(outline.slides[0]?.style?.pictures?.images.map((i) => [i.src, i.fit])).toEqual([["a.png", "cover"], ["b.png", "contain"]]);
    expect(outline.slides[1]?.style?.pictures).toMatchObject({ vertical: true, images: [{ scale: 0.5, fit: "contain" }] });
  });

  it("`w:200px h:1in` sizes a picture of its own, in inches at 96 px an inch", () => {
    const image = read("\n## A\n\n![w:192px h:1in Chart](p.png)\n").outline.slides[0]?.blocks[0];
    expect(image).toMatchObject({ type: "image", alt: "Chart", width: 2, height: 1 });
  });

  it("reads the keywords, and leaves an alt text without them alone", () => {
    expect(marpImage("bg left:30% fit")).toMatchObject({ background: true, side: "left", share: 0.3, fit: "contain", ignored: [] });
    expect(marpImage("A left turn at 80%")).toBeNull();
    expect(marpImage("w:3em")).toMatchObject({ width: null, ignored: ["w:3em"] });
  });

  it("reads CSS colours deckwright can check", () => {
    expect([cssColor("#abc"), cssColor("rgb(255, 0, 16)"), cssColor("Navy"), cssColor("hsl(1, 2%, 3%)")]).toEqual(["AABBCC", "FF0010", "000080", null]);
  });
});
