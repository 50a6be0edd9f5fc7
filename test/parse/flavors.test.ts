/**
 * Decks written for pandoc, Marp, remark and reveal.js: slides split by pandoc's slide level,
 * other tools' notes and separators understood, their syntax never shown as slide text, and
 * each construct left out named by a diagnostic at its line (src/parse/flavors.ts, parse.ts).
 */
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import type { OutlineSlide } from "../../src/model/outline.js";
import { parse } from "../../src/parse/parse.js";

function read(markdown: string) {
  const diagnostics = new Diagnostics("deck.md");
  const outline = parse(markdown, "deck.md", diagnostics);
  return { outline, diagnostics: diagnostics.list.map((d) => [d.id, d.line] as const) };
}

const titles = (slides: readonly OutlineSlide[]) => slides.map((s) => [s.start, s.title?.map((r) => r.text).join("") ?? null]);
/** Every word of the slide's text: paragraphs, list items and sub-headings. */
const text = (slide: OutlineSlide | undefined): string => JSON.stringify(slide?.blocks ?? []).match(/"text":"([^"]*)"/g)?.map((m) => m.slice(8, -1)).join(" ") ?? "";

describe("pandoc's slide level", () => {
  it("`#` headings followed by content are slides (Marp decks, plain outlines): level 1, nothing dropped", () => {
    const { outline, diagnostics } = read("# First\n\n- a\n\n---\n\n# Second\n\nBody text under it\n\n## A sub-heading\n\n- b\n");
    expect(titles(outline.slides)).toEqual([["heading2", "First"], ["heading2", "Second"]]);
    expect(text(outline.slides[1])).toBe("Body text under it A sub-heading b");
    expect(diagnostics).toEqual([]);
  });

  it("deckwright's own decks keep `#` sections and `##` slides, with a title-like first and last `#`", () => {
    const { outline } = read("# Deck\n\nA subtitle\n\n# Part\n\n## Slide\n\n- a\n\n### Sub\n\n- b\n\n# Thanks\n\nQuestions?\n");
    expect(titles(outline.slides)).toEqual([["heading1", "Deck"], ["heading1", "Part"], ["heading2", "Slide"], ["heading1", "Thanks"]]);
  });

  it("at level 1, a title-like first slide and an empty `#` are still title and section slides", () => {
    const { outline } = read("# Deck\n\nBy me\n\n---\n\n# Part two\n\n---\n\n# Point\n\n- a\n- b\n");
    expect(titles(outline.slides)).toEqual([["heading1", "Deck"], ["heading1", "Part two"], ["heading2", "Point"]]);
  });

  it("`slide-level` in the front matter chooses: headings above are sections, below are sub-headings", () => {
    const { outline } = read("---\nslide-level: 3\n---\n\n# Part\n\n## Chapter\n\nIntro kept\n\n### Slide\n\n- a\n\n#### Sub\n\n- b\n");
    expect(titles(outline.slides)).toEqual([["heading1", "Part"], ["heading1", "Chapter"], ["heading2", "Slide"]]);
    expect(outline.slides[1]?.blocks.length).toBe(1);
    expect(text(outline.slides[2])).toBe("a Sub b");
  });

  it("never deeper than 2 unless asked: `###` stays a sub-heading", () => {
    const { outline } = read("## Slide\n\n### Left\n\n- l\n\n### Right\n\n- r\n");
    expect(titles(outline.slides)).toEqual([["heading2", "Slide"]]);
  });
});

describe("front matter after a leading comment (pandoc reads it)", () => {
  it("is front matter, with its positions", () => {
    const { outline, diagnostics } = read("<!-- generated table of contents -->\n\n---\ntitle: Field notes\ntitel: typo\n---\n\n# Day one\n\n- camp\n");
    expect(outline.frontMatter.title).toBe("Field notes");
    expect(diagnostics).toEqual([["unknown-front-matter-key", 5]]);
    expect(titles(outline.slides)).toEqual([["heading2", "Day one"]]);
  });
});

describe("choosing the flavour", () => {
  it("`flavor:` in the front matter and parse's `flavor` option win over detection", () => {
    const remark = "## A\n\nText\n\n???\n\nsecret\n";
    expect(read(remark).outline.slides[0]?.notes).toBe("secret");
    const diagnostics = new Diagnostics("deck.md");
    expect(parse(remark, "deck.md", diagnostics, { flavor: "pandoc" }).slides[0]?.notes).toBeNull();
    expect(read(`---\nflavor: pandoc\n---\n\n${remark}`).outline.slides[0]?.notes).toBeNull();
    expect(read("---\nflavor: reveal\n---\n\n## A\n\nNote: say this\n").outline.slides[0]?.notes).toBe("say this");
  });
});

describe("remark", () => {
  it("`???` makes the rest of the slide its notes; `--` goes on with the same slide; no setext heading", () => {
    const { outline, diagnostics } = read("class: center, middle\n\n# Title\n\n---\n\n## Steps\n\n- one\n--\n- two\n\n???\n\nSay it slowly\n\n- a note item\n\n---\n\n## Next\n\nText\n");
    expect(titles(outline.slides)).toEqual([["heading1", "Title"], ["heading2", "Steps"], ["heading2", "Next"]]);
    expect(text(outline.slides[1])).toBe("one two");
    expect(outline.slides[1]?.notes).toBe("Say it slowly\n\n- a note item");
    expect(JSON.stringify(outline)).not.toContain("class:");
    expect(diagnostics).toEqual([]);
  });

  it("`.class[text]` macros are unwrapped to their text, nested too", () => {
    const { outline } = read("???\n\n---\n\n## A\n\n.center[**Big** .red[news]] and more\n");
    expect(text(outline.slides[0])).toBe("Big  news and more");
  });

  it("every macro of a long deck is unwrapped, not only the first fifty", () => {
    const { outline } = read(`???\n\n---\n\n## A\n\n${Array.from({ length: 120 }, (_, i) => `.red[w${i}]`).join(" ")}\n`);
    expect(text(outline.slides[0])).not.toMatch(/\.red|\[|\]/);
    expect(text(outline.slides[0])).toContain("w119");
  });

  it("a `layout: true` template slide is not shown: its content goes on the slides after it (test/parse/templates.test.ts)", () => {
    const { outline, diagnostics } = read("layout: true\n\n.footer[Mine]\n\n---\n\n## A\n\n???\n\nn\n");
    expect(titles(outline.slides)).toEqual([["heading2", "A"]]);
    expect(text(outline.slides[0])).toBe("Mine");
    expect(diagnostics).toEqual([]);
  });
});

describe("reveal.js", () => {
  it("`Note:` makes the rest of the slide its notes; `--` is the next slide; attribute comments are named", () => {
    const { outline, diagnostics } = read("## One\n\nText\n\nNote: remember this\n\n--\n\n## Two\n<!-- .slide: data-background=\"#fff\" -->\n\n- x\n");
    expect(titles(outline.slides)).toEqual([["heading2", "One"], ["heading2", "Two"]]);
    expect(outline.slides[0]?.notes).toBe("remember this");
    expect(diagnostics).toEqual([["foreign-syntax", 10]]);
  });

  it("heading attributes are not text", () => {
    const { outline } = read("<!-- .slide: x=1 -->\n\n## Recap {data-auto-animate=\"true\"}\n\n- x\n");
    expect(titles(outline.slides)).toEqual([["heading2", "Recap"]]);
  });
});

describe("Marp", () => {
  it("directives are read (test/parse/marp.test.ts), other comments are speaker notes, `<!-- fit -->` goes", () => {
    const { outline, diagnostics } = read("---\nmarp: true\n---\n\n<!-- paginate: true -->\n\n# <!-- fit --> Big title\n\n<!-- _class: lead -->\n<!-- Tell the story of the numbers -->\n\n- a\n");
    expect(titles(outline.slides)).toEqual([["heading2", "Big title"]]);
    expect(outline.slides[0]?.notes).toBe("Tell the story of the numbers");
    expect(outline.slides[0]?.style).toEqual({ paginate: true, lead: true });
    expect(diagnostics.filter(([id]) => id === "foreign-syntax")).toEqual([]);
  });
});

describe("pandoc", () => {
  it("`. . .` pauses build the slide one click at a time (test/parse/builds.test.ts); heading attributes are not text", () => {
    const { outline, diagnostics } = read("## Step by step {#steps .build}\n\n- one\n\n. . .\n\n- two\n\n. . .\n\n- three\n");
    expect(titles(outline.slides)).toEqual([["heading2", "Step by step"]]);
    expect(text(outline.slides[0])).toBe("one two three");
    expect(outline.slides[0]?.blocks.map((b) => (b.type === "list" ? b.items.map((i) => i.step ?? 0) : []))).toEqual([[0], [1], [2]]);
    expect(diagnostics).toEqual([]);
  });

  it("`##Heading` with no space is a heading; `#1 priority` is text", () => {
    const { outline } = read("##구성\n\n#1 priority\n\n###Sub\n\n- a\n");
    expect(titles(outline.slides)).toEqual([["heading2", "구성"]]);
    expect(text(outline.slides[0])).toBe("#1 priority Sub a");
  });

  it("code blocks are left as they are", () => {
    const { outline } = read("## Code\n\n```\n--\n. . .\n## not a heading {.x}\n```\n");
    expect(JSON.stringify(outline.slides[0]?.blocks)).toContain("--\\n. . .\\n## not a heading {.x}");
  });
});

describe("`Note: text` outside a reveal.js deck", () => {
  const parsed = (markdown: string) => {
    const diagnostics = new Diagnostics("t.md");
    const outline = parse(markdown, "t.md", diagnostics);
    return { outline, diagnostics: diagnostics.list };
  };

  it("ending a slide, starts its notes, with a note-line warning at the line", () => {
    const { outline, diagnostics } = parsed("## Agenda\n\n- Welcome\n\nNote: Pause here.\nCount hands.\n\n## Next\n\nText\n");
    expect(outline.slides[0]?.notes).toBe("Pause here.\n\nCount hands.");
    expect(outline.slides[0]?.blocks).toHaveLength(1);
    expect(diagnostics.map((d) => [d.id, d.line, d.column])).toEqual([["note-line", 5, 1]]);
  });

  it("followed by more of the slide (a sub-heading, a picture, code), stays on the slide; escaped, too", () => {
    for (const markdown of ["## A\n\nNote: this matters.\n\n### Then\n\nmore\n", "## A\n\nNote: this.\n\n```\ncode\n```\n", "## A\n\nNote\\: shown.\n"]) {
      const { outline, diagnostics } = parsed(markdown);
      expect(outline.slides[0]?.notes ?? null).toBeNull();
      expect(diagnostics).toEqual([]);
    }
  });
});

describe("a Marp deck is decided once", () => {
  it("--from marp reads the front matter as Marp does, without `marp: true`: lenient YAML, Marp's theme names, its directives", () => {
    const markdown = "---\ntheme: gaia\nstyle: @import url(x.css)\npaginate: true\n---\n\n# One\n\nText\n";
    const chosen = new Diagnostics("t.md");
    parse(markdown, "t.md", chosen, { flavor: "marp" });
    expect(chosen.list.filter((d) => d.severity === "error")).toEqual([]);
    expect(chosen.list.map((d) => d.id)).toEqual(["invalid-front-matter", "foreign-front-matter", "foreign-front-matter"]);
    expect(chosen.list[1]?.message).toMatch(/`theme: gaia` is a Marp theme/);
    const detected = new Diagnostics("t.md");
    parse(markdown, "t.md", detected);
    expect(detected.list.some((d) => d.id === "invalid-front-matter" && d.severity === "error")).toBe(true);
  });
});
