/**
 * Front matter written for other tools (Marp, pandoc, reveal.js, Quarto, remark, site generators):
 * read where it means a deckwright setting, ignored with a warning naming the tool otherwise.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { OutlineSchema } from "../../src/model/outline.js";
import { FOREIGN_KEYS, FOREIGN_THEMES, FRONT_MATTER_KEYS, MAPPED_KEYS, parseFrontMatter } from "../../src/parse/frontMatter.js";
import { parse } from "../../src/parse/parse.js";
import { compile } from "../../src/pipeline.js";
import { FIXED_DATE, REPO_ROOT, snapshotJson } from "../support/fixtures.js";
import { partText } from "../support/zipInspect.js";

const FOREIGN_DIR = join("test", "fixtures", "syntax", "foreign-front-matter");

function parseText(markdown: string, file = "test.md") {
  const diagnostics = new Diagnostics(file);
  const outline = OutlineSchema.parse(parse(markdown, file, diagnostics));
  return { frontMatter: outline.frontMatter, diagnostics: diagnostics.list };
}

/** [id, severity, line, column] of each problem, in order. */
function problems(markdown: string) {
  return parseText(markdown).diagnostics.map((d) => [d.id, d.severity, d.line, d.column]);
}

function fixture(name: string): { file: string; markdown: string } {
  const file = join(FOREIGN_DIR, `${name}.md`);
  return { file, markdown: readFileSync(join(REPO_ROOT, file), "utf8") };
}

describe("front matter: other tools' keys", () => {
  it("warns once per foreign key, at the key, naming the tool", () => {
    const { frontMatter, diagnostics } = parseText("---\ntitle: T\npaginate: true\n  # a comment\nbibliography: refs.bib\n---\n\n## A\n");
    expect(frontMatter).toEqual({ title: "T" });
    expect(diagnostics.map((d) => [d.id, d.severity, d.line, d.column])).toEqual([
      ["foreign-front-matter", "warning", 3, 1],
      ["foreign-front-matter", "warning", 5, 1],
    ]);
    expect(diagnostics[0]?.message).toBe("`paginate` is a Marp setting; deckwright ignores it");
    expect(diagnostics[1]?.message).toContain("pandoc");
  });

  it("names every tool that reads a shared key", () => {
    const { diagnostics } = parseText("---\ntransition: fade\n---\n\n## A\n");
    expect(diagnostics[0]?.message).toBe("`transition` is a Marp or reveal.js setting; deckwright ignores it");
  });

  it("takes any YAML as a foreign key's value: maps, lists, nulls, aliases, tags", () => {
    const yaml = "format:\n  revealjs:\n    theme: dark\nheader-includes:\n  - a\n  - b: [1, {c: 2}]\nlogo:\ntags: &t [x, y]\ncategories: *t\nstyle: !!binary aGVsbG8=\n";
    const { diagnostics } = parseText(`---\n${yaml}---\n\n## A\n`);
    expect(diagnostics.map((d) => [d.id, d.severity])).toEqual(Array.from({ length: 6 }, () => ["foreign-front-matter", "warning"]));
  });

  it("builds a Marp header with warnings, the default theme, and aspect 4:3 (`paginate` is read by parse/marp.ts)", async () => {
    const { file, markdown } = fixture("marp");
    const result = await compile(markdown, file, { modified: FIXED_DATE });
    expect(result.diagnostics.map((d) => [d.id, d.severity, d.line])).toEqual([
      ["foreign-front-matter", "warning", 2],
      ["foreign-front-matter", "warning", 3],
    ]);
    expect(result.diagnostics[1]?.message).toContain("`theme: gaia` is a Marp theme");
    expect(result.outline.frontMatter).toEqual({ footer: "x", aspect: "4:3" });
    expect(result.pptx).not.toBeNull();
    const presentation = partText(result.pptx ?? new Uint8Array(), "ppt/presentation.xml");
    expect(presentation).toMatch(/<p:sldSz cx="9144000" cy="6858000"/);
  });

  it("reads a pandoc header: a list of authors, a date as written, slide-level; ignores bibliography and output", () => {
    const { markdown, file } = fixture("pandoc");
    const { frontMatter, diagnostics } = parseText(markdown, file);
    expect(frontMatter).toEqual({ title: "Written for pandoc", author: "A, B", date: "2024-05-01", "slide-level": 3 });
    expect(diagnostics.map((d) => [d.id, d.line, d.message.split(";")[0]])).toEqual([
      ["foreign-front-matter", 5, "`bibliography` is a pandoc setting"],
      ["foreign-front-matter", 7, "`header-includes` is a pandoc setting"],
      ["foreign-front-matter", 9, "`output` is an R Markdown setting"],
    ]);
  });

  it("keeps the other tools' headers as golden files", async () => {
    for (const name of ["marp", "pandoc", "quarto"]) {
      const { markdown, file } = fixture(name);
      await expect(snapshotJson(parseText(markdown, file))).toMatchFileSnapshot(`__snapshots__/foreign-front-matter/${name}.json`);
    }
  });
});

describe("front matter: keys that map onto deckwright's", () => {
  it.each([
    ["author: [A, B]", { author: "A, B" }],
    ["author:\n  - A\n  - B\n  - 3", { author: "A, B, 3" }],
    ["author:\n  - name: Ada\n    affiliation: X\n  - name: {given: Grace, family: Hopper}", { author: "Ada, Grace Hopper" }],
    ["author: {name: Ada, email: a@example.org}", { author: "Ada" }],
    ["date: 2024-05-01", { date: "2024-05-01" }],
    ["title: 1.10", { title: "1.10" }],
    ["size: 4:3", { aspect: "4:3" }],
    ["size: 16:9", { aspect: "16:9" }],
    ["aspectratio: 43", { aspect: "4:3" }],
    ["aspectratio: 169", { aspect: "16:9" }],
    ["ratio: '4:3'", { aspect: "4:3" }],
    ["aspect: '4:3'\nsize: 4:3", { aspect: "4:3" }],
    ["lang: de-CH", { lang: "de-CH" }],
    ["slide-level: 1", { "slide-level": 1 }],
  ])("%s, with no warning", (yaml, expected) => {
    const { frontMatter, diagnostics } = parseText(`---\n${yaml}\n---\n\n## A\n`);
    expect(diagnostics).toEqual([]);
    expect(frontMatter).toEqual(expected);
  });

  it("reads a YAML 1.1 date (a Date to the parser) as the text written", () => {
    const diagnostics = new Diagnostics("test.md");
    expect(parseFrontMatter("%YAML 1.1\n---\ndate: 2024-05-01\n", 2, diagnostics)).toEqual({ date: "2024-05-01" });
    expect(diagnostics.list).toEqual([]);
  });

  it("keeps `date: today` as written, with a warning that Quarto would put the day there", () => {
    const { frontMatter, diagnostics } = parseText("---\ndate: today\n---\n\n## A\n");
    expect(frontMatter).toEqual({ date: "today" });
    expect(diagnostics.map((d) => [d.id, d.severity, d.line, d.column])).toEqual([["foreign-front-matter", "warning", 2, 7]]);
  });

  it("lets deckwright's own key win over a mapped one that disagrees, with a warning", () => {
    const { frontMatter, diagnostics } = parseText("---\nsize: 4:3\naspect: '16:9'\n---\n\n## A\n");
    expect(frontMatter).toEqual({ aspect: "16:9" });
    expect(diagnostics.map((d) => [d.id, d.severity, d.line])).toEqual([["foreign-front-matter", "warning", 2]]);
  });

  it("ignores a mapped key's value that has no deckwright meaning, with a warning at the value", () => {
    const { frontMatter, diagnostics } = parseText("---\nsize: A4\naspectratio: 1610\nratio: constructor\n---\n\n## A\n");
    expect(frontMatter).toEqual({});
    expect(diagnostics.map((d) => [d.id, d.severity, d.line, d.column])).toEqual([
      ["foreign-front-matter", "warning", 2, 7],
      ["foreign-front-matter", "warning", 3, 14],
      ["foreign-front-matter", "warning", 4, 8],
    ]);
    expect(diagnostics[0]?.message).toContain("expected `16:9` or `4:3`");
  });

  it("keeps a deckwright theme whose name another tool also uses, and drops one it has not", () => {
    expect(parseText("---\ntheme: meridian\n---\n\n## A\n").frontMatter).toEqual({ theme: "meridian" });
    const { frontMatter, diagnostics } = parseText("---\ntheme: uncover\n---\n\n## A\n");
    expect(frontMatter).toEqual({});
    expect(diagnostics[0]).toMatchObject({ id: "foreign-front-matter", severity: "warning", line: 2, column: 8 });
    expect(diagnostics[0]?.hint).toContain("`meridian`");
  });

  it("reports an author list it cannot read as the usual error", () => {
    expect(problems("---\nauthor: [A, [B]]\n---\n\n## A\n")).toEqual([["invalid-front-matter", "error", 2, 9]]);
    expect(problems("---\nauthor: [{affiliation: X}]\n---\n\n## A\n")).toEqual([["invalid-front-matter", "error", 2, 9]]);
  });
});

describe("front matter: slide-level", () => {
  it.each(["9", "0", "2.5", "'3'", "[3]"])("slide-level: %s is an error at the value", (value) => {
    const { frontMatter, diagnostics } = parseText(`---\nslide-level: ${value}\n---\n\n## A\n`);
    expect(frontMatter).toEqual({});
    expect(diagnostics.map((d) => [d.id, d.severity, d.line, d.column])).toEqual([["invalid-front-matter", "error", 2, 14]]);
    expect(diagnostics[0]?.message).toContain("expected a whole number from 1 to 6");
  });
});

describe("front matter: unknown keys", () => {
  it.each([
    ["titel", "title"],
    ["autor", "author"],
    ["them", "theme"],
  ])("%s is still an error with a did-you-mean", (key, meant) => {
    const { diagnostics } = parseText(`---\n${key}: x\n---\n\n## A\n`);
    expect(diagnostics).toMatchObject([{ id: "unknown-front-matter-key", severity: "error", line: 2, column: 1, hint: `did you mean \`${meant}\`?` }]);
  });

  it("a key close to no deckwright key, and in no tool's table, is a warning", () => {
    const { frontMatter, diagnostics } = parseText("---\ntitle: T\nfoo: 1\n---\n\n## A\n");
    expect(frontMatter).toEqual({ title: "T" });
    expect(diagnostics).toMatchObject([{ id: "unknown-front-matter-key", severity: "warning", line: 3, column: 1 }]);
    expect(diagnostics[0]?.hint).toBeUndefined();
  });

  it("a key that is not text (a list or a map) is a warning, not a crash", () => {
    expect(problems("---\n? [a, b]\n: c\ntitle: T\n---\n\n## A\n")).toEqual([["unknown-front-matter-key", "warning", 2, 3]]);
  });

  it("prototype names are plain unknown keys", () => {
    const { frontMatter, diagnostics } = parseText("---\n__proto__: {polluted: true}\nconstructor: y\nsize: __proto__\n---\n\n## A\n");
    expect(frontMatter).toEqual({});
    expect(diagnostics.map((d) => d.id)).toEqual(["unknown-front-matter-key", "unknown-front-matter-key", "foreign-front-matter"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("front matter: the tables", () => {
  const foreign = Object.values(FOREIGN_KEYS).flat();
  const mapped = Object.keys(MAPPED_KEYS);

  it("no foreign or mapped key is one of deckwright's", () => {
    expect([...foreign, ...mapped].filter((key) => (FRONT_MATTER_KEYS as string[]).includes(key))).toEqual([]);
    expect(mapped.filter((key) => foreign.includes(key))).toEqual([]);
  });

  it("docs/syntax.md names every key and theme in the tables", () => {
    const docs = readFileSync(join(REPO_ROOT, "docs", "syntax.md"), "utf8");
    const names = [...foreign, ...mapped, ...Object.values(FOREIGN_THEMES).flat(), ...FRONT_MATTER_KEYS];
    expect(names.filter((name) => !docs.includes(`\`${name}\``))).toEqual([]);
  });
});
