import { deckTokens } from "../../src/parse/tokens.js";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import type { Diagnostic } from "../../src/model/diagnostic.js";
import { OutlineSchema, type Block, type LeafBlock, type Run } from "../../src/model/outline.js";
import type { Position } from "../../src/model/position.js";
import { block, Locator } from "../../src/parse/blocks.js";
import { lex } from "../../src/parse/lexer.js";
import { parse } from "../../src/parse/parse.js";
import { compile } from "../../src/pipeline.js";
import { readZip } from "../../src/write/zip.js";
import { FIXED_DATE } from "../support/fixtures.js";
import { projectPptx } from "../support/projection.js";

function parseText(markdown: string) {
  const diagnostics = new Diagnostics("test.md");
  const outline = OutlineSchema.parse(parse(markdown, "test.md", diagnostics));
  return { outline, diagnostics: diagnostics.list };
}

/** The blocks of the first slide. */
function blocksOf(markdown: string): Block[] {
  return parseText(markdown).outline.slides[0]?.blocks ?? [];
}

/** The runs of the first slide's first paragraph (or first list item). */
function runsOf(markdown: string): Run[] {
  const first = blocksOf(markdown)[0];
  if (first?.type === "paragraph") return first.runs;
  if (first?.type === "list") return first.items[0]?.runs ?? [];
  throw new Error(`expected a paragraph or a list, got ${first?.type}`);
}

const textOf = (runs: readonly Run[]) => runs.map((r) => r.text).join("");

/** The runs with the style flags they set, for compact comparisons. */
function styled(runs: readonly Run[]): [string, string[]][] {
  const names = ["bold", "italic", "strike", "code", "underline", "superscript", "subscript", "highlight"] as const;
  return runs.map((r) => [r.text, [...names.filter((n) => r[n] === true), ...(r.href === null ? [] : [`href=${r.href}`])]]);
}

/** The leaf block one top-level HTML token becomes, as parse hands it to `block()`. */
function htmlToken(markdown: string): { found: LeafBlock | null; diagnostics: Diagnostics["list"] } {
  const diagnostics = new Diagnostics("test.md");
  const lines = markdown.split("\n");
  const toPosition = (offset: number): Position => {
    let rest = offset;
    for (const [i, line] of lines.entries()) {
      if (rest <= line.length) return { line: i + 1, column: rest + 1 };
      rest -= line.length + 1;
    }
    return { line: lines.length, column: 1 };
  };
  const locator = new Locator(markdown, 0, toPosition);
  const [token] = deckTokens(lex(markdown)).filter((t) => t.type !== "space");
  if (!token) throw new Error("no token");
  const offset = locator.next(token.raw);
  return { found: block(token, toPosition(offset), locator.child(token.raw, offset), diagnostics), diagnostics: diagnostics.list };
}

const where = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => [d.id, d.line, d.column]);

describe("HTML inside Markdown: line breaks", () => {
  it.each(["<br>", "<br/>", "<br />", "<BR>"])("%s is a line break inside the paragraph", (tag) => {
    expect(textOf(runsOf(`## S\n\nfirst${tag}second\n`))).toBe("first\nsecond");
  });

  it("breaks a bullet, and eats the white space around the break", () => {
    expect(textOf(runsOf("## S\n\n- one <br> two\n"))).toBe("one\ntwo");
  });

  it("does not pile breaks into blank lines, nor start or end a paragraph with one", () => {
    expect(textOf(runsOf("## S\n\n<br>a<br><br>b<br>\n"))).toBe("a\nb");
  });

  it("reads a Markdown hard break the same way", () => {
    expect(textOf(runsOf("## S\n\nfirst  \nsecond\n"))).toBe("first\nsecond");
    expect(textOf(runsOf("## S\n\nfirst\\\nsecond\n"))).toBe("first\nsecond");
  });
});

describe("HTML inside Markdown: inline tags", () => {
  it.each([
    ["<b>", "bold"],
    ["<strong>", "bold"],
    ["<i>", "italic"],
    ["<em>", "italic"],
    ["<u>", "underline"],
    ["<ins>", "underline"],
    ["<s>", "strike"],
    ["<del>", "strike"],
    ["<strike>", "strike"],
    ["<sup>", "superscript"],
    ["<sub>", "subscript"],
    ["<code>", "code"],
    ["<kbd>", "code"],
    ["<samp>", "code"],
    ["<mark>", "highlight"],
  ])("%s gives %s", (open, flag) => {
    const close = open.replace("<", "</");
    expect(styled(runsOf(`## S\n\nbefore ${open}inside${close} after\n`))).toEqual([
      ["before ", []],
      ["inside", [flag]],
      [" after", []],
    ]);
  });

  it("O(2<sup>N</sup>) keeps its exponent apart, and H<sub>2</sub>O its index", () => {
    expect(styled(runsOf("## S\n\nO(2<sup>N</sup>) and H<sub>2</sub>O\n"))).toEqual([
      ["O(2", []],
      ["N", ["superscript"]],
      [") and H", []],
      ["2", ["subscript"]],
      ["O", []],
    ]);
  });

  it("nests tags and combines them with Markdown emphasis", () => {
    expect(styled(runsOf("## S\n\n<b>bold <i>both</i></b> **md <u>under</u>** <i>*x*</i> <sup><b>1</b></sup>\n"))).toEqual([
      ["bold ", ["bold"]],
      ["both", ["bold", "italic"]],
      [" ", []],
      ["md ", ["bold"]],
      ["under", ["bold", "underline"]],
      [" ", []],
      ["x", ["italic"]],
      [" ", []],
      ["1", ["bold", "superscript"]],
    ]);
  });

  it("is case-insensitive and takes attributes", () => {
    expect(styled(runsOf('## S\n\n<B class="x">loud</B> <Span style="color:red">plain</Span>\n'))).toEqual([
      ["loud", ["bold"]],
      [" plain", []],
    ]);
  });

  it("ends a tag left open at the end of its paragraph, and ignores a stray closing tag", () => {
    const { outline } = parseText("## S\n\n<b>open\n\nnext</b> plain\n");
    const [first, second] = outline.slides[0]?.blocks ?? [];
    expect(first?.type === "paragraph" && styled(first.runs)).toEqual([["open", ["bold"]]]);
    expect(second?.type === "paragraph" && styled(second.runs)).toEqual([["next plain", []]]);
  });

  it("keeps the text of tags it has no style for (<span>, <font>, <small>, <abbr>, unknown ones)", () => {
    const runs = runsOf('## S\n\n<span class="a">one</span> <font color="red">two</font> <small>three</small> <abbr title="x">four</abbr> <custom-tag>five</custom-tag>\n');
    expect(styled(runs)).toEqual([["one two three four five", []]]);
  });

  it("<a href> is a link; <a> without href is text", () => {
    expect(styled(runsOf('## S\n\nsee <a href="https://example.com/?a=1&amp;b=2">the <b>site</b></a> or <a name="x">here</a>\n'))).toEqual([
      ["see ", []],
      ["the ", ["href=https://example.com/?a=1&b=2"]],
      ["site", ["bold", "href=https://example.com/?a=1&b=2"]],
      [" or here", []],
    ]);
  });

  it("styles text inside headings, tables and quotes", () => {
    const { outline } = parseText("## E = mc<sup>2</sup>\n\n| a<br>b | <u>c</u> |\n|---|---|\n| 1 | 2 |\n\n> <i>quoted</i>\n");
    const slide = outline.slides[0];
    expect(styled(slide?.title ?? [])).toEqual([["E = mc", []], ["2", ["superscript"]]]);
    const [table, quote] = slide?.blocks ?? [];
    expect(table?.type === "table" && table.header.map((c) => styled(c.runs))).toEqual([[["a\nb", []]], [["c", ["underline"]]]]);
    expect(quote?.type === "blockquote" && quote.paragraphs.map(styled)).toEqual([[["quoted", ["italic"]]]]);
  });

  it("Markdown-only runs keep their shape: no HTML flags unless set", () => {
    expect(runsOf("## S\n\n**b** and <u>u</u>\n")).toEqual([
      { text: "b", bold: true, italic: false, strike: false, code: false, href: null },
      { text: " and ", bold: false, italic: false, strike: false, code: false, href: null },
      { text: "u", bold: false, italic: false, strike: false, code: false, href: null, underline: true },
    ]);
  });
});

describe("HTML inside Markdown: character references", () => {
  it("decodes every HTML5 named reference, and numeric ones", () => {
    expect(textOf(runsOf("## S\n\n&rarr; &larr; &nbsp;|&mdash; &ndash; &hellip; &notin; &frac12; &Omega; &check; &#x263A; &#65; &#128512;\n"))).toBe(
      "→ ← \u00A0|— – … ∉ ½ Ω ✓ ☺ A 😀",
    );
  });

  it("decodes them in link text, links, image alt text, headings, table cells and HTML attributes", () => {
    const { outline } = parseText(
      '## Cause &rarr; effect\n\n[a &rarr; b](https://x.org/?q=1&amp;r=2) <a href="https://x.org/&eacute;">&eacute;t&eacute;</a>\n\n| &hearts; |\n|---|\n| &euro;5 |\n\n![a &rarr; b](pic.png)\n',
    );
    const slide = outline.slides[0];
    expect(textOf(slide?.title ?? [])).toBe("Cause → effect");
    const [paragraph, table, image] = slide?.blocks ?? [];
    expect(paragraph?.type === "paragraph" && styled(paragraph.runs)).toEqual([
      ["a → b", ["href=https://x.org/?q=1&r=2"]],
      [" ", []],
      ["été", ["href=https://x.org/é"]],
    ]);
    expect(table?.type === "table" && [table.header[0]?.runs[0]?.text, table.rows[0]?.[0]?.runs[0]?.text]).toEqual(["♥", "€5"]);
    expect(image?.type === "image" && image.alt).toBe("a → b");
  });

  it("leaves code spans literal, as code blocks are", () => {
    expect(styled(runsOf("## S\n\nwrite `&nbsp;` for &laquo;&nbsp;&raquo;\n"))).toEqual([
      ["write ", []],
      ["&nbsp;", ["code"]],
      [" for «\u00A0»", []],
    ]);
  });

  it("leaves text that only looks like a reference alone", () => {
    expect(textOf(runsOf("## S\n\nAT&T &notareference; a & b\n"))).toBe("AT&T &notareference; a & b");
  });
});

describe("HTML inside Markdown: images", () => {
  it("<img> inside text is its alt text, with `inline-image` at the tag", () => {
    const { outline, diagnostics } = parseText('## S\n\nsee <img src="a.png" alt="the chart"> here\n');
    const first = outline.slides[0]?.blocks[0];
    expect(first?.type === "paragraph" && textOf(first.runs)).toBe("see the chart here");
    expect(where(diagnostics)).toEqual([["inline-image", 3, 5]]);
  });

  it("a block <img src alt title width> is an image block, like ![alt](src \"title\"); width is not used", () => {
    const { found, diagnostics } = htmlToken('<img src="images/a.png" alt="A &amp; B" title="Caption" width="300">\n');
    expect(found).toEqual({ type: "image", src: "images/a.png", alt: "A & B", caption: "Caption", fit: "contain", position: { line: 1, column: 1 } });
    expect(diagnostics).toEqual([]);
  });

  it("an <img> wrapped in <p align=center> (as READMEs write it) is still an image block", () => {
    const { found } = htmlToken('<p align="center">\n  <img src="logo.png" alt="Logo">\n</p>\n');
    expect(found).toMatchObject({ type: "image", src: "logo.png", alt: "Logo", position: { line: 2, column: 3 } });
  });

  it("is an image block inside a column", () => {
    const [columns] = blocksOf('## S\n\n:::: columns\n::: column\n<img src="a.png" alt="A">\n:::\n::: column\ntext\n:::\n::::\n');
    expect(columns?.type === "columns" && columns.columns[0]).toEqual([
      { type: "image", src: "a.png", alt: "A", caption: null, fit: "contain", position: { line: 5, column: 1 } },
    ]);
  });
});

describe("HTML inside Markdown: blocks", () => {
  it("<div>, <p>, <center>, <section> keep their text; block elements start new lines", () => {
    for (const tag of ["div", "p", "center", "section"]) {
      const { found, diagnostics } = htmlToken(`<${tag} class="x">\nhello <b>world</b> &rarr;\n</${tag}>\n`);
      expect(found?.type === "paragraph" && styled(found.runs)).toEqual([["hello ", []], ["world", ["bold"]], [" →", []]]);
      expect(diagnostics).toEqual([]);
    }
    const { found } = htmlToken("<div><p>One</p><p>Two</p><ul><li>three</li><li>four</li></ul></div>\n");
    expect(found?.type === "paragraph" && textOf(found.runs)).toBe("One\nTwo\nthree\nfour");
  });

  it("the text of an HTML block is not Markdown (as in CommonMark)", () => {
    const { found } = htmlToken("<div>\n**not bold**\n</div>\n");
    expect(found?.type === "paragraph" && styled(found.runs)).toEqual([["**not bold**", []]]);
  });

  it.each(["style", "script", "iframe", "video", "audio", "object", "svg", "template", "noscript"])(
    "<%s> is dropped with one `raw-html` warning at the tag, naming it",
    (name) => {
      const { found, diagnostics } = htmlToken(`<div>\nbefore <${name} a="1">inside\n</${name}> after\n</div>\n`);
      expect(found?.type === "paragraph" && textOf(found.runs)).toBe("before after");
      expect(where(diagnostics)).toEqual([["raw-html", 2, 8]]);
      expect(diagnostics[0]?.message).toContain(`<${name}>`);
    },
  );

  it("a block that is only <style> gives no block and one warning", () => {
    const { found, diagnostics } = htmlToken("<style>\np { color: red }\n</style>\n");
    expect(found).toBeNull();
    expect(where(diagnostics)).toEqual([["raw-html", 1, 1]]);
  });

  it("comments stay invisible", () => {
    const { found, diagnostics } = htmlToken("<div>a <!-- hidden --> b</div>\n");
    expect(found?.type === "paragraph" && textOf(found.runs)).toBe("a  b");
    expect(diagnostics).toEqual([]);
    expect(htmlToken("<!-- layout: quote -->\n").found).toBeNull();
  });

  it("inside columns, through parse(): text kept, <style> dropped at its line:col", () => {
    const { outline, diagnostics } = parseText("## S\n\n:::: columns\n::: column\n<div>\nkept <i>text</i>\n</div>\n\n  <style>p{}</style>\n:::\n::::\n");
    const columns = outline.slides[0]?.blocks[0];
    expect(columns?.type === "columns" && columns.columns[0]?.map((b) => b.type === "paragraph" && textOf(b.runs))).toEqual(["kept text"]);
    expect(where(diagnostics)).toEqual([["raw-html", 9, 3]]);
  });

  it("inside a list item and a quote", () => {
    const { outline, diagnostics } = parseText("## S\n\n- item\n\n  <div>in <b>item</b></div>\n\n> quote\n>\n> <p>in quote</p>\n");
    const [list, quote] = outline.slides[0]?.blocks ?? [];
    expect(list?.type === "list" && textOf(list.items[0]?.runs ?? [])).toBe("item in item");
    expect(quote?.type === "blockquote" && quote.paragraphs.map(textOf)).toEqual(["quote", "in quote"]);
    expect(diagnostics).toEqual([]);
  });

  it("top-level HTML blocks through parse(): text kept, a lone <img> a picture, directives still directives, <script> dropped at its line", () => {
    const { outline, diagnostics } = parseText('## S\n\n<!-- layout: bullets -->\n\n<div>\nkept <b>words</b>\n</div>\n\n<p align="center"><img src="a.png" alt="A chart"></p>\n\n<script>alert(1)</script>\n');
    const slide = outline.slides[0];
    expect(slide?.layout?.name).toBe("bullets");
    expect(slide?.blocks.map((b) => (b.type === "paragraph" ? textOf(b.runs) : b.type === "image" ? `image ${b.src} ${b.alt}` : b.type))).toEqual(["kept words", "image a.png A chart"]);
    expect(where(diagnostics)).toEqual([["raw-html", 11, 1]]);
  });
});

describe("HTML inside Markdown: positions", () => {
  it("an inline <script> is dropped, its text too, with `raw-html` at the tag", () => {
    const { outline, diagnostics } = parseText("## S\n\n- first\n- text <script>alert('x')</script> more <iframe src=x></iframe>\n");
    const list = outline.slides[0]?.blocks[0];
    expect(list?.type === "list" && textOf(list.items[1]?.runs ?? [])).toBe("text more");
    expect(where(diagnostics)).toEqual([["raw-html", 4, 8], ["raw-html", 4, 41]]);
  });

  it("two identical tags on different lines each get their own line", () => {
    const { diagnostics } = parseText("## S\n\na <img src=x alt=one>\nb <img src=x alt=one>\n");
    expect(where(diagnostics)).toEqual([["inline-image", 3, 3], ["inline-image", 4, 3]]);
  });
});

describe("HTML inside Markdown: no word lost", () => {
  it("every word of a README-style HTML snippet is in the outline, unless a warning names why", () => {
    const html = [
      '<div align="center">',
      "<h3>Fast <em>and</em> small</h3>",
      "<p>Works with <kbd>Ctrl</kbd>+<kbd>C</kbd>, O(2<sup>N</sup>) &rarr; O(N<sub>log</sub>)<br>and <mark>marks</mark> &amp; <font color=red>fonts</font>.</p>",
      "<table><tr><td>cell one</td><td>cell two</td></tr></table>",
      "<style>.hidden { display: none }</style>",
      "</div>",
    ].join("\n");
    const { found, diagnostics } = htmlToken(`${html}\n`);
    const shown = found?.type === "paragraph" ? textOf(found.runs) : "";
    const words = html
      .replace(/<style>[\s\S]*?<\/style>/g, " ")
      .replace(/<[^>]+>/g, " ")
      .replace(/&rarr;/g, "→")
      .replace(/&amp;/g, "&")
      .split(/[\s,.+()]+/)
      .filter((w) => w !== "");
    for (const word of words) expect(shown).toContain(word);
    expect(where(diagnostics)).toEqual([["raw-html", 5, 1]]);
  });
});

describe("HTML inside Markdown: on the written slide", () => {
  const markdown = [
    "## O(2<sup>N</sup>)",
    "",
    "- H<sub>2</sub>O, <u>under</u>, <mark>marked</mark>, <kbd>Ctrl</kbd><br>next line &rarr; done",
    "",
    "| a | b |",
    "| --- | --- |",
    "| x<br>y | <s>old</s> |",
    "",
  ].join("\n");

  it("writes breaks as a:br in one paragraph, and the run properties PowerPoint has", async () => {
    const result = await compile(markdown, "/tmp/deckwright-html-test/deck.md", { modified: FIXED_DATE });
    expect(result.diagnostics).toEqual([]);
    const pptx = result.pptx ?? new Uint8Array();
    const slide = projectPptx(pptx).slides[0];
    const texts = slide?.shapes.flatMap((s) => (s.paragraphs ?? []).map((p) => p.text)) ?? [];
    expect(texts).toContain("O(2N)");
    expect(texts).toContain("H2O, under, marked, Ctrl\nnext line → done");
    const table = slide?.shapes.find((s) => s.table)?.table;
    expect(table?.rows[1]).toEqual(["x\ny", "old"]);

    const xml = readZip(pptx).find((e) => e.name === "ppt/slides/slide1.xml");
    const text = new TextDecoder().decode(xml?.data);
    const runWith = (t: string) => new RegExp(`<a:r><a:rPr[^>]*?(?:/>|>(?:(?!</a:rPr>|<a:r>).)*</a:rPr>)<a:t>${t}</a:t>`).exec(text)?.[0] ?? "";
    expect(runWith("N")).toContain('baseline="30000"');
    expect(runWith("2")).toContain('baseline="-40000"');
    expect(runWith("under")).toContain('u="sng"');
    expect(runWith("marked")).toMatch(/<a:highlight><a:srgbClr val="[0-9A-F]{6}"\/><\/a:highlight>/);
    expect(runWith("old")).toContain('strike="sngStrike"');
    expect(runWith("Ctrl")).toContain('<a:latin typeface="Courier New"');
    expect(text).toMatch(/<a:t>Ctrl<\/a:t><\/a:r><a:br>(?:(?!<\/a:br>).)*<\/a:br><a:r>/);
  });
});
