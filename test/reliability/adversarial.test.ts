/**
 * Bad input never crashes, corrupts or hangs: every input below gives either a valid deck
 * (checkPackage reports nothing, embedded chart workbooks included) or error diagnostics with
 * an id and file:line — never a thrown exception, a hang or an invalid file.
 *
 * Tests written `it(...)` are known bugs: they fail today and the comment above each names
 * the bug and where it lives. When one is fixed, vitest reports the `it.fails` as failing —
 * turn it into a plain `it`.
 *
 * The slow ones are in the describe block "big inputs (slow)": the 10 MB outline (~5 s here, on a
 * 2-core machine) and 5,000 bullets (built in a child process with a 20 s deadline; today it is
 * killed at the deadline, see the bug note there). `DECKWRIGHT_SLOW_TESTS=1` adds an end-to-end
 * repro of a 16,500-slide deck (~14 s).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import { readZip } from "../../src/write/zip.js";
import { FIXED_DATE } from "../support/fixtures.js";
import { projectPptx } from "../support/projection.js";
import { makePng } from "../support/rawDeck.js";
import { partText } from "../support/zipInspect.js";
import { cli, compileText, compileWithDeadline, deckText, expectSound, ids, packageProblems, removeTempDirs, tempDir, temporaryFiles } from "./support.js";

afterAll(removeTempDirs);

/** DECKWRIGHT_SLOW_TESTS=1 also runs the end-to-end repro of the 65,535-entry bug (~14 s). */
const SLOW = process.env["DECKWRIGHT_SLOW_TESTS"] === "1";

/** Compiles `markdown` as `<fresh temp dir>/deck.md` (plus any files given) and asserts the contract. */
async function sound(markdown: string, files: Record<string, Uint8Array | string> = {}) {
  const dir = tempDir();
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  const file = join(dir, "deck.md");
  const result = await compile(markdown, file, { modified: FIXED_DATE });
  expectSound(result, file);
  return { ...result, file, dir };
}

/** The characters XML 1.0 forbids, each separated by a space so no two surrogates pair up. */
const ILLEGAL = ["\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\u001F", "\uFFFE", "\uFFFF", "\uD800", "\uDFFF"];
const DIRTY = `x ${ILLEGAL.join(" ")} y`;
/** DIRTY as it should come out: each forbidden character replaced one for one by U+FFFD. */
const CLEANED = `x ${ILLEGAL.map(() => "\uFFFD").join(" ")} y`;

const SMALL_PNG = makePng(40, 30, [20, 90, 160]);

describe("degenerate documents", () => {
  it("an empty file is an `empty-deck` error at 1:1, and nothing is written", async () => {
    const result = await sound("");
    expect(ids(result)).toEqual(["empty-deck:error"]);
    expect(result.diagnostics[0]).toMatchObject({ line: 1, column: 1 });
    expect(result.pptx).toBeNull();
  });

  it("white space only is an `empty-deck` error too", async () => {
    const result = await sound("\n\n   \n\t\n");
    expect(ids(result)).toEqual(["empty-deck:error"]);
  });

  it("only front matter gives the title slide", async () => {
    const result = await sound("---\ntitle: Only front matter\nsubtitle: nothing else\n---\n");
    expect(result.pptx).not.toBeNull();
    expect(result.slides).toHaveLength(1);
    expect(deckText(result.pptx ?? new Uint8Array()).slides[0]).toContain("Only front matter");
  });

  it("only front matter without a title is an `empty-deck` error", async () => {
    const result = await sound("---\nauthor: Ada\n---\n");
    expect(ids(result)).toContain("empty-deck:error");
  });

  it("no headings: the text becomes one untitled slide", async () => {
    const result = await sound("Just a paragraph.\n\n- a bullet\n- another\n\nAnd a closing line.\n");
    expect(result.slides).toHaveLength(1);
    const text = deckText(result.pptx ?? new Uint8Array()).slides[0];
    expect(text).toContain("Just a paragraph.");
    expect(text).toContain("And a closing line.");
  });

  it("only rules (`---`, `***`) is an `empty-deck` error, not a deck of empty slides", async () => {
    // (It must not start with `---`: a document opening and closing with `---` is front matter.)
    const result = await sound("***\n\n---\n\n___\n\n---\n");
    expect(ids(result)).toEqual(["empty-deck:error"]);
  });

  // Regression test for a bug this suite found and that is fixed (diagnostic without a position): speaker notes with no slide to belong to (a document that
  // is only a `::: notes` block, or notes after the last `---`) are dropped with an `orphan-notes`
  // warning that has no line: src/parse/parse.ts SlideSplitter.finish() passes `null` as the
  // position although the notes block's position was known when it was taken (keep it in
  // `pendingNotes`). Every other Markdown diagnostic carries line:col.
  it("speaker notes with no slide: the `orphan-notes` warning has the notes' line", async () => {
    const result = await sound("::: notes\nhello\n:::\n");
    expect(ids(result)).toContain("orphan-notes:warning");
  });

  it("headings with no text give slides (no crash on empty titles)", async () => {
    await sound("#\n\n##\n\n###\n\n#\n");
  });

  it("CRLF line endings and a BOM read exactly as LF: same deck, same diagnostic positions", async () => {
    const lf = "---\ntitle: Line endings\n---\n\n## First\n\n- one\n- two\n\n<script>raw</script>\n\n## Second\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    const plain = await sound(lf);
    const crlf = await sound(`\uFEFF${lf.replace(/\n/g, "\r\n")}`);
    const cr = await sound(lf.replace(/\n/g, "\r"));
    expect(projectPptx(crlf.pptx ?? new Uint8Array())).toEqual(projectPptx(plain.pptx ?? new Uint8Array()));
    expect(projectPptx(cr.pptx ?? new Uint8Array())).toEqual(projectPptx(plain.pptx ?? new Uint8Array()));
    const where = (r: typeof plain) => r.diagnostics.map((d) => [d.id, d.line, d.column]);
    expect(where(plain)).toEqual([["raw-html", 10, 1]]);
    expect(where(crlf)).toEqual(where(plain));
    expect(where(cr)).toEqual(where(plain));
  });

  it("tabs: after heading marks, as list indentation, in tables and code", async () => {
    const result = await sound("##\tTabbed title\n\n-\tfirst\n\t-\tnested\n\t\t-\tdeeper\n\n|\ta\t|\tb\t|\n|---|---|\n|\t1\t|\t2\t|\n\n```\n\tindented();\n```\n");
    const text = deckText(result.pptx ?? new Uint8Array()).slides.join("\n");
    for (const word of ["Tabbed title", "first", "nested", "deeper"]) expect(text).toContain(word);
  });

  it("lists nested 20 deep keep every level's text", async () => {
    const markdown = `## Deep\n\n${Array.from({ length: 20 }, (_, i) => `${"  ".repeat(i)}- level ${i + 1}`).join("\n")}\n`;
    const result = await sound(markdown);
    const text = deckText(result.pptx ?? new Uint8Array()).slides.join("\n");
    for (let i = 1; i <= 20; i++) expect(text).toContain(`level ${i}`);
  });

  it("ordered lists nested 20 deep, mixed with bullets", async () => {
    const markdown = `## Deep\n\n${Array.from({ length: 20 }, (_, i) => `${"   ".repeat(i)}${i % 2 === 0 ? "1." : "-"} item ${i + 1}`).join("\n")}\n`;
    await sound(markdown);
  });
});

describe("raw HTML", () => {
  it("<script>, block or inline, is dropped with a `raw-html` warning at its line; other HTML keeps its text, never its tags or handlers", async () => {
    const markdown = [
      "## HTML",
      "",
      "<script>alert('block')</script>",
      "",
      '<div onclick="evil()">a block</div>',
      "",
      "Inline <b>bold</b> and <script>alert('inline')</script> text <img src=x onerror=alert(1)>.",
      "",
      "- item <span style='x'>kept</span>",
      "",
    ].join("\n");
    const result = await sound(markdown);
    expect(result.pptx).not.toBeNull();
    expect(result.diagnostics.filter((d) => d.id === "raw-html").map((d) => d.line)).toEqual([3, 7]);
    const xml = readZip(result.pptx ?? new Uint8Array())
      .filter((e) => e.name.startsWith("ppt/slides/"))
      .map((e) => new TextDecoder().decode(e.data))
      .join("");
    expect(xml).not.toMatch(/<script|<div|<img|<span|onerror|onclick/i);
    expect(xml).not.toContain("alert('block')");
    expect(deckText(result.pptx ?? new Uint8Array()).slides[0]).toContain("kept");
    expect(deckText(result.pptx ?? new Uint8Array()).slides[0]).toContain("a block");
  });

  it("an unterminated HTML comment swallows the rest without crashing", async () => {
    await sound("## A\n\n- visible\n\n<!-- never closed\n\n## B\n\n- hidden?\n");
  });
});

describe("characters XML forbids: replaced with U+FFFD, with a warning at their line", () => {
  /** Where the dirty text goes, what the Markdown looks like, and where its clean form must show. */
  const places: { name: string; markdown: string; line: number | number[]; shows: (pptx: Uint8Array) => string }[] = [
    { name: "a title", markdown: `## T ${DIRTY}\n\n- body\n`, line: 1, shows: (p) => deckText(p).slides.join("\n") },
    { name: "a bullet", markdown: `## T\n\n- b ${DIRTY}\n`, line: 3, shows: (p) => deckText(p).slides.join("\n") },
    { name: "a nested bullet", markdown: `## T\n\n- b\n  - ${DIRTY}\n`, line: 4, shows: (p) => deckText(p).slides.join("\n") },
    { name: "speaker notes", markdown: `## T\n\n- b\n\n::: notes\nsay ${DIRTY}\n:::\n`, line: 6, shows: (p) => deckText(p).notes.join("\n") },
    { name: "a table cell", markdown: `## T\n\n| h | k |\n|---|---|\n| ${DIRTY} | 2 |\n`, line: 5, shows: (p) => deckText(p).slides.join("\n") },
    { name: "a table header", markdown: `## T\n\n| ${DIRTY} | k |\n|---|---|\n| 1 | 2 |\n`, line: 3, shows: (p) => deckText(p).slides.join("\n") },
    {
      name: "chart labels",
      markdown: `## T\n\n\`\`\`chart\ntype: column\ntitle: t ${DIRTY}\ncategories: [a, b]\nseries:\n  - name: s ${DIRTY}\n    values: [1, 2]\n\`\`\`\n`,
      line: [5, 8],
      shows: (p) => partText(p, "ppt/charts/chart1.xml"),
    },
    { name: "image alt text", markdown: `## T\n\n![alt ${DIRTY}](pic.png)\n`, line: 3, shows: (p) => deckText(p).slides.join("\n") },
    { name: "image caption", markdown: `## T\n\n![alt](pic.png "cap ${DIRTY}")\n`, line: 3, shows: (p) => deckText(p).slides.join("\n") },
    { name: "a code block", markdown: `## T\n\n\`\`\`ts\nconst s = "${DIRTY}";\n\`\`\`\n`, line: 4, shows: (p) => deckText(p).slides.join("\n") },
    { name: "a blockquote", markdown: `## T\n\n> ${DIRTY}\n> — someone\n`, line: 3, shows: (p) => deckText(p).slides.join("\n") },
    { name: "front matter (raw)", markdown: `---\ntitle: T ${DIRTY}\n---\n\n## S\n`, line: 2, shows: (p) => deckText(p).slides.join("\n") },
    { name: "a link text", markdown: `## T\n\n- [link ${DIRTY}](https://example.com)\n`, line: 3, shows: (p) => deckText(p).slides.join("\n") },
  ];

  it.each(places)("in $name", async ({ markdown, line, shows }) => {
    const result = await sound(markdown, { "pic.png": SMALL_PNG });
    expect(result.pptx, JSON.stringify(result.diagnostics)).not.toBeNull();
    const lines = Array.isArray(line) ? line : [line];
    const warnings = result.diagnostics.filter((d) => d.id === "illegal-character");
    expect(warnings).toHaveLength(ILLEGAL.length * lines.length);
    expect(warnings.every((d) => d.severity === "warning")).toBe(true);
    expect([...new Set(warnings.map((d) => d.line))]).toEqual(lines);
    expect(shows(result.pptx ?? new Uint8Array())).toContain(CLEANED.replace(/^x /, ""));
  });

  it("more than 20 of them: 20 warnings with lines and one summary", async () => {
    const result = await sound(`## T\n\n${Array.from({ length: 30 }, (_, i) => `- b${i} \u0001`).join("\n")}\n`);
    expect(result.diagnostics.filter((d) => d.id === "illegal-character")).toHaveLength(21);
  });

  it("YAML escapes in front matter (\"\\x01\", \"\\uFFFF\", \"\\uD800\", \"\\0\") are replaced, with a warning at the value", async () => {
    const result = await sound('---\ntitle: "a\\x01b\\uFFFFc"\nsubtitle: "\\uD800 lone"\nauthor: "nul\\0"\n---\n\n## S\n');
    expect(result.pptx).not.toBeNull();
    expect(result.diagnostics.map((d) => [d.id, d.line])).toEqual([
      ["illegal-character", 2],
      ["illegal-character", 3],
      ["illegal-character", 4],
    ]);
    const text = deckText(result.pptx ?? new Uint8Array()).slides[0];
    expect(text).toContain("a\uFFFDb\uFFFDc");
    expect(text).toContain("\uFFFD lone");
  });

  // Regression test for a bug this suite found and that is fixed (silent data loss, no warning): YAML escapes inside a ```chart block ("\x01", "\uFFFF")
  // make characters XML forbids after the source was cleaned. src/charts/spec.ts does not replace
  // them (src/parse/frontMatter.ts does, for front matter); the packaging step's safety net
  // (src/write/package.ts sanitizeXml) then silently deletes them: a category "\uFFFF" becomes an
  // empty label, with no `illegal-character` warning — docs/syntax.md promises U+FFFD and a warning.
  it("YAML escapes in a chart block are replaced with U+FFFD, with a warning", async () => {
    const result = await sound('## C\n\n```chart\ntype: column\ntitle: "t\\uFFFE"\ncategories: ["a\\x01", "\\uFFFF"]\nseries:\n  - name: "s\\x02"\n    values: [1, 2]\n```\n');
    expect(result.pptx).not.toBeNull();
    expect(result.diagnostics.filter((d) => d.id === "illegal-character").length).toBeGreaterThan(0);
    expect(partText(result.pptx ?? new Uint8Array(), "ppt/charts/chart1.xml")).toContain("a\uFFFD");
  });

  // Regression test for a bug this suite found and that is fixed (silent data loss, no warning): HTML character references that decode to characters XML
  // forbids (`&#1;`, `&#xB;`, `&#xFFFF;`, `&#xFFFE;`) pass the parse stage's check, which runs on
  // the raw text (src/parse/source.ts normaliseSource) before marked decodes references
  // (src/parse/inline.ts / blocks.ts take marked's decoded text as is). The Outline and SlideSpec
  // then hold U+0001/U+FFFF, and only the packaging step's safety net deletes them, silently.
  it("character references to forbidden characters (&#1; &#xFFFF;) are replaced with U+FFFD, with a warning", async () => {
    const result = await sound("## T &#1; &#xFFFF;\n\n- b &#xB; &#xFFFE;\n");
    expect(result.pptx).not.toBeNull();
    expect(result.diagnostics.filter((d) => d.id === "illegal-character")).toHaveLength(4);
    expect(deckText(result.pptx ?? new Uint8Array()).slides[0]).toContain("T \uFFFD \uFFFD");
  });
});

describe("front matter", () => {
  it.each([
    ["an unclosed flow sequence", "---\ntitle: [unclosed\n---\n\n## A\n"],
    ["a bad indentation", "---\ntitle: a\n  subtitle: b\n---\n\n## A\n"],
    ["a tab as indentation", "---\ntitle:\n\tx\n---\n\n## A\n"],
    ["a duplicate key", "---\ntitle: a\ntitle: b\n---\n\n## A\n"],
    ["an unterminated quote", '---\ntitle: "open\n---\n\n## A\n'],
    ["a stray colon", "---\n: : :\n---\n\n## A\n"],
    ["a list instead of a map", "---\n- a\n- b\n---\n\n## A\n"],
    ["a scalar instead of a map", "---\njust text\n---\n\n## A\n"],
    ["an unknown tag", "---\ntitle: !!binary aGVsbG8=\n---\n\n## A\n"],
    ["nesting 5,000 deep", `---\ntitle: ${"[".repeat(5000)}${"]".repeat(5000)}\n---\n\n## A\n`],
    ["an alias bomb (billion laughs)", `---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ntitle: *f\n---\n\n## A\n`],
  ])("invalid YAML (%s) is an error with a line inside the front matter", async (_name, markdown) => {
    const result = await sound(markdown);
    expect(result.pptx).toBeNull();
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((d) => ["invalid-front-matter", "unknown-front-matter-key"].includes(d.id))).toBe(true);
    const closing = markdown.split("\n").indexOf("---", 1) + 1;
    expect(errors.every((d) => (d.line ?? 0) >= 2 && (d.line ?? 0) <= closing)).toBe(true);
  });

  it("values of the wrong kind are errors at each value's line and column (an empty one is ignored with a warning)", async () => {
    const result = await sound("---\ntitle: [1, 2]\nagenda: maybe\naspect: 5\ntheme: {a: 1}\nlang:\n  - en\nsubtitle:\n---\n\n## A\n");
    expect(result.diagnostics.map((d) => [d.id, d.line])).toEqual([
      ["invalid-front-matter", 2],
      ["invalid-front-matter", 3],
      ["invalid-front-matter", 4],
      ["invalid-front-matter", 5],
      ["invalid-front-matter", 7],
      ["empty-front-matter", 8],
    ]);
  });

  it("unknown keys, prototype names among them, never crash: a near-miss of deckwright's is an error with a did-you-mean, the rest warnings", async () => {
    const result = await sound("---\ntitel: x\n__proto__: {polluted: true}\nconstructor: y\ntoString: z\n<<: {title: merged}\n---\n\n## A\n");
    expect(result.diagnostics.filter((d) => d.id === "unknown-front-matter-key").map((d) => d.line)).toEqual([2, 3, 4, 5, 6]);
    expect(result.diagnostics[0]?.hint).toContain("title");
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("numbers, dates and huge numbers are taken as text", async () => {
    const result = await sound("---\ntitle: 1e999\nsubtitle: 0x1F\ndate: 2026-01-01\nauthor: 12345678901234567890\n---\n\n## A\n");
    expect(result.pptx).not.toBeNull();
  });

  it("front matter that is never closed is Markdown, not an endless read", async () => {
    await sound("---\ntitle: never closed\n\n## A\n\n- b\n");
  });
});

describe("layout directives and other syntax with prototype names", () => {
  it.each([
    ["constructor", "<!-- layout: constructor -->"],
    ["__proto__", "<!-- layout: __proto__ -->"],
    ["toString", "<!-- layout: toString -->"],
    ["hasOwnProperty", "<!-- layout: hasOwnProperty -->"],
    ["empty", "<!-- layout: -->"],
  ])("an unknown layout `%s` is an `unknown-layout` error at its line", async (_name, directive) => {
    const result = await sound(`## A\n\n${directive}\n\n- b\n`);
    expect(result.pptx).toBeNull();
    expect(result.diagnostics.find((d) => d.id === "unknown-layout")?.line).toBe(3);
  });

  it("anchors and fenced divs named like prototype properties", async () => {
    await sound("## A\n\n[x](#constructor) [y](#__proto__) [z](#tostring)\n\n::: constructor\nx\n:::\n\n::: __proto__\ny\n:::\n\n## constructor\n\n- b\n");
  });

  it("code blocks whose language is a prototype property name are plain code", async () => {
    await sound("## C\n\n```constructor\nx\n```\n\n```__proto__\ny\n```\n\n```toString\nz\n```\n\n```hasOwnProperty\nw\n```\n");
  });
});

describe("charts that cannot be drawn are errors, not crashes", () => {
  const chart = (yaml: string) => `## C\n\n\`\`\`chart\n${yaml}\n\`\`\`\n`;
  it.each([
    ["empty", ""],
    ["a scalar", "42"],
    ["NaN and Infinity", "type: column\ncategories: [a, b]\nseries:\n  - values: [.nan, .inf]"],
    ["strings as values", "type: column\ncategories: [a, b]\nseries:\n  - values: [one, two]"],
    ["an unknown tag", "type: !!js/function 'x'\ncategories: [a]\nseries:\n  - values: [1]"],
    ["an alias bomb", "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ntype: column\ncategories: *d\nseries:\n  - values: [1]"],
    ["nesting 5,000 deep", `${"[".repeat(5000)}${"]".repeat(5000)}`],
    ["__proto__ keys", "type: column\n__proto__: {polluted: true}\ncategories: [a]\nseries:\n  - values: [1]"],
  ])("%s", async (_name, yaml) => {
    const result = await sound(chart(yaml));
    expect(result.pptx).toBeNull();
    expect(result.diagnostics.some((d) => d.severity === "error" && (d.line ?? 0) >= 3)).toBe(true);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("extreme but finite numbers and 2,000 categories draw a valid chart", async () => {
    await sound(chart("type: column\ncategories: [a, b]\nseries:\n  - values: [1e308, -1e308]"));
    const n = 2000;
    const result = await sound(chart(`type: line\ncategories: [${Array.from({ length: n }, (_, i) => `c${i}`).join(", ")}]\nseries:\n  - values: [${Array.from({ length: n }, (_, i) => i).join(", ")}]`));
    expect(result.pptx).not.toBeNull();
  });
});

describe("binary files as input", () => {
  /** A deterministic byte generator (a 32-bit LCG), so the "random" input is the same on every run. */
  function randomBytes(n: number, seed: number): Uint8Array {
    const out = new Uint8Array(n);
    let s = seed >>> 0;
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      out[i] = s >>> 24;
    }
    return out;
  }

  it.each([
    ["random bytes", randomBytes(8192, 0xdecc)],
    ["more random bytes", randomBytes(16384, 0x5eed)],
    ["a PNG's bytes", makePng(64, 64, [255, 0, 0])],
    ["a .pptx's bytes", null],
    ["UTF-16 text with a BOM", Buffer.from(`\uFEFF## Title\n\n- bullet\n`, "utf16le")],
  ])("%s: `build` exits 0 with a valid deck or 1 with diagnostics — never 70", async (_name, bytes) => {
    const dir = tempDir();
    const input = join(dir, "binary.md");
    const data = bytes ?? (await compileText("## A\n\n- b\n")).pptx ?? new Uint8Array();
    writeFileSync(input, data);
    const out = join(dir, "out");
    const result = await cli(["build", input, "--out", out]);
    expect(result.stderr).not.toContain("internal error");
    expect([0, 1]).toContain(result.code);
    if (result.code === 0) expect(packageProblems(readFileSync(join(out, "binary.pptx")))).toEqual([]);
    // The same bytes through the library, for the diagnostics contract.
    const compiled = await compile(readFileSync(input, "utf8"), input, { modified: FIXED_DATE });
    expectSound(compiled, input);
  });
});

describe("text that is not UTF-8", () => {
  async function buildBytes(bytes: Uint8Array) {
    const dir = tempDir();
    const input = join(dir, "talk.md");
    writeFileSync(input, bytes);
    const result = await cli(["build", input, "--out", join(dir, "out"), "--json"]);
    const document = JSON.parse(result.stdout) as { decks: { diagnostics: { id: string; line?: number; column?: number; message: string }[] }[] };
    return { code: result.code, diagnostics: document.decks[0]?.diagnostics ?? [] };
  }

  it("Latin-1 is `not-utf8` at the first byte that does not fit (line:col in characters), never U+FFFD in silence", async () => {
    const { code, diagnostics } = await buildBytes(Buffer.from("## Café\n\n- naïve\n", "latin1"));
    expect(code).toBe(1);
    expect(diagnostics).toEqual([expect.objectContaining({ id: "not-utf8", line: 1, column: 7, message: expect.stringContaining("0xE9") })]);
    expect(diagnostics[0]?.message).toContain("2 bytes do not fit");
  });

  it("an invalid byte after multi-byte characters is placed by characters", async () => {
    const bytes = Buffer.concat([Buffer.from("## Ünïcödé\n\n- 日本 "), Buffer.from([0xff]), Buffer.from(" x\n")]);
    const { diagnostics } = await buildBytes(bytes);
    expect(diagnostics.map((d) => [d.id, d.line, d.column])).toEqual([["not-utf8", 3, 6]]);
  });

  it.each([
    ["UTF-16 LE", "utf16le" as const],
    ["UTF-16 BE", "utf16be" as const],
  ])("%s with a byte-order mark is read as text", async (_name, encoding) => {
    const le = Buffer.from("\uFEFF## Grüße\n\n- 日本語\n", "utf16le");
    const bytes = encoding === "utf16le" ? le : Buffer.from(le).swap16();
    const { code, diagnostics } = await buildBytes(bytes);
    expect(diagnostics).toEqual([]);
    expect(code).toBe(0);
  });

  it("a binary file is `not-text` at its first NUL byte", async () => {
    const { diagnostics } = await buildBytes(Buffer.concat([Buffer.from("## A\n\nab"), Buffer.from([0, 1, 2])]));
    expect(diagnostics.map((d) => [d.id, d.line, d.column])).toEqual([["not-text", 3, 3]]);
  });
});

describe("files that cannot be read or written", () => {
  it("an input that does not exist: exit 3, `input-not-found`, and the other inputs are still built", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "ok.md"), "## A\n\n- b\n");
    const result = await cli(["build", join(dir, "missing.md"), join(dir, "ok.md"), "--out", join(dir, "out")]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("[input-not-found]");
    expect(result.stderr).not.toContain("internal error");
    expect(packageProblems(readFileSync(join(dir, "out", "ok.pptx")))).toEqual([]);
  });

  it("an input that is a folder without Markdown builds nothing and says so (no crash)", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "empty"));
    const result = await cli(["build", join(dir, "empty")]);
    expect(result.stderr).not.toContain("internal error");
    expect(result.code).not.toBe(70);
  });

  it("an --out whose parent is a regular file: exit 3, `io-error`, no temporary files anywhere", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "deck.md"), "## A\n\n- b\n");
    writeFileSync(join(dir, "not-a-folder"), "I am a file");
    const result = await cli(["build", join(dir, "deck.md"), "--out", join(dir, "not-a-folder", "out")]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("[io-error]");
    expect(result.stderr).not.toContain("internal error");
    expect(temporaryFiles(dir)).toEqual([]);
    expect(readFileSync(join(dir, "not-a-folder"), "utf8")).toBe("I am a file");
  });

  it("an --out that is itself a regular file: exit 3", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "deck.md"), "## A\n\n- b\n");
    writeFileSync(join(dir, "out"), "I am a file");
    const result = await cli(["build", join(dir, "deck.md"), "--out", join(dir, "out")]);
    expect(result.code).toBe(3);
    expect(readFileSync(join(dir, "out"), "utf8")).toBe("I am a file");
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("a target .pptx that is a folder (the rename fails after the temporary file was written): exit 3, the temporary file is removed", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "deck.md"), "## A\n\n- b\n");
    mkdirSync(join(dir, "out", "deck.pptx"), { recursive: true });
    writeFileSync(join(dir, "out", "deck.pptx", "keep.txt"), "mine");
    const result = await cli(["build", join(dir, "deck.md"), "--out", join(dir, "out")]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("[io-error]");
    expect(temporaryFiles(join(dir, "out"))).toEqual([]);
    expect(readFileSync(join(dir, "out", "deck.pptx", "keep.txt"), "utf8")).toBe("mine");
  });
});

describe("image files that are not what they claim", () => {
  const svgHead = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">';

  // Regression test for a bug this suite found and that is fixed (crash, exit 70): an SVG whose root start tag looks right but which is not well-formed or
  // that resvg refuses passes the image check (src/images/size.ts svgInfo reads only the root
  // tag's width/height/viewBox), is planned and written, and then throws out of compile() in the
  // packaging step: src/write/package.ts replaceSvgFallbacks → src/images/rasterize.ts svgToPng →
  // `new Resvg(...)` "SVG data parsing failed …". The CLI prints a stack trace and exits 70.
  // Fix: parse the SVG (e.g. `new Resvg(bytes)` once) in src/images/read.ts and report
  // `invalid-image` at the image's line; and/or catch in replaceSvgFallbacks.
  it.each([
    ["an unclosed element", `${svgHead}<rect>`],
    ["no SVG namespace", '<svg width="10" height="10"><rect width="5" height="5"/></svg>'],
    ["text after the root element", `${svgHead}</svg>garbage<<<`],
    ["an external entity (XXE)", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${svgHead}<text>&xxe;</text></svg>`],
    ["5,000 nested groups", `${svgHead}${"<g>".repeat(5000)}${"</g>".repeat(5000)}</svg>`],
  ])("a broken SVG (%s) is an `invalid-image` error, not a crash", async (_name, svg) => {
    const result = await sound("## S\n\n![s](broken.svg)\n", { "broken.svg": svg });
    expect(result.diagnostics.map((d) => [d.id, d.line])).toEqual([["invalid-image", 3]]);
  });

  it.each([
    ["an internal entity", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY e "x">]>${svgHead}<text>&e;</text></svg>`],
    ["huge dimensions", '<svg xmlns="http://www.w3.org/2000/svg" width="1e9" height="1e9"></svg>'],
    ["100,000 × 100,000 px", '<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="100000" height="100000"/></svg>'],
    ["negative dimensions", '<svg xmlns="http://www.w3.org/2000/svg" width="-10" height="10"></svg>'],
    ["no dimensions at all", '<svg xmlns="http://www.w3.org/2000/svg"></svg>'],
  ])("an odd but parseable SVG (%s) gives a valid deck or `invalid-image`", async (_name, svg) => {
    await sound("## S\n\n![s](odd.svg)\n", { "odd.svg": svg });
  });

  it.each([
    ["an empty file", new Uint8Array()],
    ["a PNG signature only", SMALL_PNG.subarray(0, 8)],
    ["random bytes", Uint8Array.from({ length: 256 }, (_, i) => (i * 73 + 11) & 0xff)],
    ["a JPEG start marker only", Uint8Array.from([0xff, 0xd8, 0xff])],
    ["a GIF header only", new TextEncoder().encode("GIF89a")],
    ["HTML", new TextEncoder().encode("<html><body>not an image</body></html>")],
  ])("%s named .png is `invalid-image` at its line", async (_name, bytes) => {
    const result = await sound("## S\n\n![s](bad.png)\n", { "bad.png": bytes });
    expect(result.diagnostics.map((d) => [d.id, d.line])).toEqual([["invalid-image", 3]]);
  });

  // Regression test for a bug this suite found and that is fixed (minor: a corrupt picture in a valid package): a PNG cut after its IHDR chunk (40 bytes,
  // no image data) is accepted — src/images/size.ts reads only the header's dimensions — and
  // written into the deck, where PowerPoint shows "This image cannot currently be displayed".
  // docs/syntax.md: "a file that is not an image" is `invalid-image`.
  it("a truncated PNG (header only, no image data) is `invalid-image`", async () => {
    const result = await sound("## S\n\n![s](cut.png)\n", { "cut.png": SMALL_PNG.subarray(0, 40) });
    expect(result.diagnostics.map((d) => d.id)).toEqual(["invalid-image"]);
  });
});

describe("nesting that the Markdown lexer recurses on", () => {
  // Regression test for a bug this suite found and that is fixed (crash, exit 70): a blockquote nested a few thousand deep (`>>>>…> x` on one line, 5 KB)
  // overflows the stack in marked's blockquote tokenizer (recursion per level). compile() throws
  // RangeError "Maximum call stack size exceeded"; the CLI prints a stack trace and exits 70.
  // Fault: src/parse/lexer.ts lex() (and parse.ts) call marked without a guard — catch the
  // RangeError into a diagnostic (e.g. `input-too-deep` at the block's line), or cap the nesting
  // before lexing. (1,500 levels pass here, 2,000 crash; the limit depends on the stack size.)
  it("a blockquote nested 5,000 deep on one line", async () => {
    await sound(`## Q\n\n${">".repeat(5000)} deep\n`);
  });

  // Regression test for a bug this suite found and that is fixed (crash, exit 70): 3,000 nested emphasis openers (`*a *a … b a* a*`, 18 KB on one line)
  // overflow the stack in marked's inline lexer (Lexer #maskSrc / inlineTokens). Same fault and
  // fix as above: src/parse/lexer.ts / src/parse/inline.ts call marked unguarded.
  it("emphasis nested 3,000 deep", async () => {
    await sound(`## E\n\n${"*a ".repeat(3000)}b${" a*".repeat(3000)}\n`);
  });

  it("a blockquote nested 100 deep, links nested 2,000 deep, 10,000 backticks, 20,000 `*_`", async () => {
    await sound(`## Q\n\n${">".repeat(100)} deep\n`);
    await sound(`## L\n\n${"[".repeat(2000)}x${"](y)".repeat(2000)}\n`);
    await sound(`## B\n\n${"`".repeat(10000)}\n`);
    await sound(`## S\n\n${"*_".repeat(20000)}\n`);
  });

  it("a list nested 200 deep", async () => {
    await sound(`## L\n\n${Array.from({ length: 200 }, (_, i) => `${"  ".repeat(i)}- x${i}`).join("\n")}\n`);
  });
});

describe("long and wide content", () => {
  const word = "W".repeat(2000);

  it.each([
    ["a title", `## ${word}\n\n- a\n`],
    ["a bullet", `## T\n\n- ${word}\n- after\n`],
    ["a paragraph", `## T\n\n${word}\n`],
    ["a table cell", `## T\n\n| a | b |\n|---|---|\n| ${word} | 2 |\n`],
    ["a table header", `## T\n\n| ${word} | b |\n|---|---|\n| 1 | 2 |\n`],
    ["a code line (TypeScript)", `## T\n\n\`\`\`ts\nconst x = "${word}";\n\`\`\`\n`],
    ["a code line (plain)", `## T\n\n\`\`\`\n${word}\n\`\`\`\n`],
    ["a link", `## T\n\n- [${word}](https://example.com/${word})\n`],
    ["a blockquote", `## T\n\n> ${word}\n`],
    ["speaker notes", `## T\n\n- a\n\n::: notes\n${word}\n:::\n`],
    ["front matter", `---\ntitle: ${word}\nsubtitle: ${word}\n---\n\n## T\n`],
    ["a chart label", `## T\n\n\`\`\`chart\ntype: bar\ncategories: [${word}]\nseries:\n  - name: ${word}\n    values: [1]\n\`\`\`\n`],
  ])("a 2,000-character word in %s", async (_name, markdown) => {
    const result = await sound(markdown);
    expect(result.pptx).not.toBeNull();
  });

  it("a 300-column table is one native table with 300 grid columns", async () => {
    const columns = 300;
    const row = (f: (i: number) => string) => `|${Array.from({ length: columns }, (_, i) => ` ${f(i)} |`).join("")}`;
    const markdown = `## Wide\n\n${row((i) => `h${i}`)}\n|${"---|".repeat(columns)}\n${row((i) => `${i}`)}\n${row((i) => `r${i}`)}\n`;
    const result = await sound(markdown);
    const tables = projectPptx(result.pptx ?? new Uint8Array()).slides.flatMap((s) => s.shapes.flatMap((sh) => (sh.table ? [sh.table] : [])));
    expect(tables).toHaveLength(1);
    expect(tables[0]?.columns).toBe(columns);
    expect(tables[0]?.rows.map((r) => r.length)).toEqual([columns, columns, columns]);
  });

  it("ragged table rows are padded and cut to the header", async () => {
    const result = await sound("## T\n\n| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 | 5 |\n|\n");
    const table = projectPptx(result.pptx ?? new Uint8Array()).slides[0]?.shapes.find((s) => s.table)?.table;
    expect(table?.rows.every((r) => r.length === 3)).toBe(true);
  });
});

describe("big inputs (slow)", () => {

  /** The bullet texts of a written deck in slide order, and each slide's title. */
  function bulletsAndTitles(pptx: Uint8Array) {
    const deck = projectPptx(pptx);
    const bullets = deck.slides.flatMap((s) => s.shapes.flatMap((sh) => (sh.paragraphs ?? []).map((p) => p.text))).filter((t) => t.startsWith("bullet number "));
    const titles = deck.slides.map((s) => s.shapes.find((sh) => sh.placeholder === "title")?.paragraphs?.map((p) => p.text).join(""));
    return { bullets, titles };
  }
  const manyBullets = (count: number) => `## Many bullets\n\n${Array.from({ length: count }, (_, i) => `- bullet number ${i + 1}`).join("\n")}\n`;
  const numbered = (count: number) => Array.from({ length: count }, (_, i) => `bullet number ${i + 1}`);

  it("400 bullets continue over many slides, every bullet exactly once and in order, titled (cont.)", { timeout: 60_000 }, async () => {
    const result = await sound(manyBullets(400));
    expect(result.pptx).not.toBeNull();
    const { bullets, titles } = bulletsAndTitles(result.pptx ?? new Uint8Array());
    expect(titles.length).toBeGreaterThan(10);
    expect(bullets).toEqual(numbered(400));
    expect(titles[0]).toBe("Many bullets");
    expect(titles.slice(1).every((t) => t === "Many bullets (cont.)")).toBe(true);
  });

  it("(the deadline harness works: a small deck finishes in its child process and is valid)", { timeout: 60_000 }, async () => {
    const result = await compileWithDeadline(manyBullets(20), 20_000);
    expect(result.finished, result.stderr).toBe(true);
    expect(packageProblems(result.pptx ?? new Uint8Array())).toEqual([]);
    expect(bulletsAndTitles(result.pptx ?? new Uint8Array()).bullets).toEqual(numbered(20));
  });

  // Regression test for a bug this suite found and that is fixed (hang): fitting a long list is quadratic. For every continuation slide the fit stage
  // renders and measures the whole remaining list with real font metrics (src/fit/fit.ts fitSlide →
  // src/fit/shrink.ts shrinkToFit → src/measure/measure.ts measureText / wrap.ts, once per shrink
  // step) and then cuts off one slide's worth (src/fit/split.ts). Measured here: 200 bullets 0.3 s,
  // 400 1.3 s, 800 4.8 s, 1,600 20 s; 5,000 bullets ~200 s (the build is killed at 20 s below).
  // Fix: measure only a prefix (grow it until it overflows; or binary-search the cut) instead of
  // the whole remainder, and shrink once per slide, not once per remaining list.
  // The build runs in a child process so that the deadline can stop it.
  it("5,000 bullets build (a 60 s deadline catches a hang, not speed: npm run bench measures speed): valid, every bullet exactly once and in order", { timeout: 90_000 }, async () => {
    const result = await compileWithDeadline(manyBullets(5000), 60_000);
    expect(result.finished, `killed after ${Math.round(result.milliseconds)} ms\n${result.stderr}`).toBe(true);
    expect(result.pptx).not.toBeNull();
    expect(packageProblems(result.pptx ?? new Uint8Array())).toEqual([]);
    expect(result.diagnostics.every((d) => d.severity === "warning" && d.line !== undefined)).toBe(true);
    const { bullets, titles } = bulletsAndTitles(result.pptx ?? new Uint8Array());
    expect(bullets).toEqual(numbered(5000));
    expect(titles.slice(1).every((t) => t === "Many bullets (cont.)")).toBe(true);
  });

  // Found by this suite (invalid output, silently): a deck of more than ~16,380 slides has more than 65,535 zip
  // entries (slide, notes slide and their .rels each). pptxgenjs (JSZip, no ZIP64) writes the
  // entry count modulo 65,536 in the end-of-central-directory record; readZip (src/write/zip.ts,
  // fflate's unzipSync) trusts that count and returns only the first (count mod 65,536) entries,
  // and packagePptx (src/write/package.ts) rewrites just those. Repro: 16,500 slides of
  // "## S<i>\n\n- p\n\n" → compile() returns no diagnostics and a 550 KB .pptx holding 117 slides and
  // no slide master; checkPackage reports 16,504 dangling relationships. Tested end to end and,
  // to point at the fault, on readZip alone.
  // Fix: readZip must walk the central directory by its size/offset (or throw when the count does
  // not match), and compile should refuse decks over the zip limit with a diagnostic instead of
  // writeZip's "too many zip entries" Error (which would surface as exit 70).
  // End to end it takes ~14 s, so it runs only with DECKWRIGHT_SLOW_TESTS=1; the readZip test
  // below shows the same fault in a fraction of a second.
  it.runIf(SLOW)("16,500 slides: a valid deck of 16,500 slides, or an error diagnostic (~14 s)", { timeout: 120_000 }, async () => {
    let markdown = "";
    for (let i = 1; i <= 16_500; i++) markdown += `## S${i}\n\n- p\n\n`;
    const result = await sound(markdown);
    if (result.pptx) expect(projectPptx(result.pptx).slides).toHaveLength(16_500);
  });

  // Fixed in readZip: it walks the central directory by its size and refuses an archive whose
  // entries outnumber its end record's count. (compile also refuses decks over 16,000 slides,
  // `deck-too-large`, before pptxgenjs writes one.)
  it("readZip reads every entry of an archive with more than 65,535 entries, or refuses it", () => {
    const count = 65_600;
    const bytes = storedZip(Array.from({ length: count }, (_, i) => `p/${String(i).padStart(5, "0")}.xml`));
    let entries: { name: string }[];
    try {
      entries = readZip(bytes);
    } catch {
      return; // refusing the archive is a correct answer too
    }
    expect(entries).toHaveLength(count);
  });
});

/** A zip of empty STORED entries whose end record holds the entry count modulo 65,536, as JSZip writes it. */
function storedZip(names: readonly string[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const name of names) {
    const n = encoder.encode(name);
    const local = new Uint8Array(30 + n.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(12, 0x21, true); // 1980-01-01
    lv.setUint16(26, n.length, true);
    local.set(n, 30);
    const central = new Uint8Array(46 + n.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(14, 0x21, true);
    cv.setUint16(28, n.length, true);
    cv.setUint32(42, offset, true);
    central.set(n, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const centralSize = centrals.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, names.length & 0xffff, true);
  ev.setUint16(10, names.length & 0xffff, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  return Buffer.concat([...locals, ...centrals, end]);
}
