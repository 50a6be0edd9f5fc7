import { beforeAll, describe, expect, it } from "vitest";
import {
  loadHighlighter,
  HighlightedLineSchema,
  highlightCode,
  isSupportedLanguage,
  supportedLanguages,
  type HighlightedLine,
  type TokenKind,
} from "../../src/highlight/highlight.js";

beforeAll(loadHighlighter);

const SNIPPETS: readonly { lang: string; code: string }[] = [
  {
    lang: "ts",
    code: [
      'import { z } from "zod";',
      "/**",
      " * A doc comment over",
      " * several lines.",
      " */",
      "export class Box<T> extends Base {",
      "  private size: number = 0x1f;",
      "  async area(label: string): Promise<string> {",
      "    const text = `multi-line",
      "template ${label.trim()} with",
      "\tlines`;",
      '    return text ?? "none";',
      "  }",
      "}",
      "",
    ].join("\n"),
  },
  {
    lang: "python",
    code: '#!/usr/bin/env python3\n"""A docstring\nover two lines."""\n@dataclass\nclass Point:\n    def norm(self, p: int = 2) -> float:\n        return f"{self.x!r}" + len([1, 2.5, None])\n',
  },
  { lang: "sh", code: 'set -e\nexport NAME="a $HOME"\ncat <<EOF\nheredoc body\nEOF\nfor f in *.md; do echo "$f" 2>&1; done' },
  { lang: "json", code: '{\n  "a": [1, -2.5e3, true, null],\n  "b": "line\\nbreak"\n}' },
  { lang: "yml", code: "---\ntitle: Deck\nlist:\n  - 1\n  - |\n    block\n    scalar\n# comment\n" },
  { lang: "html", code: '<!DOCTYPE html>\n<div class="x">&amp; <!-- a\ncomment --><script>let a = 1 < 2;</script></div>' },
  { lang: "css", code: "@media (max-width: 600px) {\n  .a > #b:hover { color: #fff !important; /* c\n  d */ }\n}" },
  { lang: "c", code: '#include <stdio.h>\nint main(void) {\n  printf("%d\\n", 1);\n  return 0;\n}' },
  { lang: "rust", code: '#[derive(Debug)]\nstruct P<\'a> { x: &\'a str }\nfn main() { println!("{}", 1); }' },
  { lang: "diff", code: "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same" },
  { lang: "md", code: "# Title\n\nSome **bold** and `code`.\n\n```js\nlet a = 1;\n```\n" },
  { lang: "sql", code: "SELECT id, COUNT(*) -- count\nFROM users /* multi\nline */ WHERE name LIKE 'a%';" },
  { lang: "ts", code: "crlf();\r\nnext();\r\n" },
  { lang: "nonsense", code: "plain\n\ttext\n" },
  { lang: "", code: "no language" },
  { lang: "ts", code: "" },
  { lang: "ts", code: "\n\n" },
  { lang: "ts", code: "a\u{1F600}b // emoji \u2028 and NUL \u0000" },
];

function joined(lines: HighlightedLine[]): string {
  return lines.map((line) => line.map((token) => token.text).join("")).join("\n");
}

/** The kinds of the tokens whose text is exactly `text`, anywhere in the result. */
function kindsOf(lines: HighlightedLine[], text: string): TokenKind[] {
  return lines.flat().filter((token) => token.text === text).map((token) => token.kind);
}

describe("highlightCode", () => {
  it.each(SNIPPETS.map((snippet, index) => ({ ...snippet, index })))("gives back the input exactly ($lang #$index)", ({ code, lang }) => {
    const lines = highlightCode(code, lang);
    expect(joined(lines)).toBe(code);
    expect(lines).toHaveLength(code.split("\n").length);
    for (const line of lines) {
      expect(HighlightedLineSchema.parse(line)).toEqual(line);
      for (const [i, token] of line.entries()) expect(token.kind).not.toBe(line[i - 1]?.kind);
    }
  });

  it("marks keywords, strings, numbers, comments, functions, types, operators and punctuation", () => {
    const lines = highlightCode('const n: Foo = bar("s", 42); // note', "typescript");
    expect(lines).toEqual([
      [
        { text: "const", kind: "keyword" },
        { text: " n", kind: "plain" },
        { text: ":", kind: "operator" },
        { text: " Foo ", kind: "plain" },
        { text: "=", kind: "operator" },
        { text: " ", kind: "plain" },
        { text: "bar", kind: "function" },
        { text: "(", kind: "punctuation" },
        { text: '"s"', kind: "string" },
        { text: ",", kind: "punctuation" },
        { text: " ", kind: "plain" },
        { text: "42", kind: "number" },
        { text: ");", kind: "punctuation" },
        { text: " ", kind: "plain" },
        { text: "// note", kind: "comment" },
      ],
    ]);
  });

  it("splits a multi-line comment into one comment token per line", () => {
    expect(highlightCode("/* one\ntwo */ x", "js")).toEqual([
      [{ text: "/* one", kind: "comment" }],
      [
        { text: "two */", kind: "comment" },
        { text: " x", kind: "plain" },
      ],
    ]);
  });

  it("keeps an interpolation inside a template string as code", () => {
    const lines = highlightCode("`a ${f(x)} b`", "ts");
    expect(kindsOf(lines, "f")).toEqual(["function"]);
    expect(kindsOf(lines, "${")).toEqual(["punctuation"]);
    expect(lines[0]?.[0]).toEqual({ text: "`a ", kind: "string" });
  });

  it("maps aliases of Prism tokens: YAML keys, Python decorators, classes, diff lines, HTML tags", () => {
    expect(kindsOf(highlightCode("title: Deck", "yaml"), "title")).toEqual(["variable"]);
    expect(kindsOf(highlightCode("@dataclass\nclass Point:\n    pass", "py"), "Point")).toEqual(["type"]);
    expect(highlightCode("@dataclass", "py")[0]?.every((token) => token.kind === "meta")).toBe(true);
    expect(highlightCode("-old\n+new", "diff").map((line) => line.map((token) => token.kind))).toEqual([["number"], ["string"]]);
    expect(highlightCode('<a href="x">', "html")).toEqual([
      [
        { text: "<", kind: "punctuation" },
        { text: "a ", kind: "keyword" },
        { text: "href", kind: "variable" },
        { text: '="', kind: "punctuation" },
        { text: "x", kind: "string" },
        { text: '">', kind: "punctuation" },
      ],
    ]);
    expect(kindsOf(highlightCode("#include <stdio.h>", "c"), "include")).toEqual(["keyword"]);
    expect(highlightCode("#include <stdio.h>", "c")[0]?.[0]?.kind).toBe("meta");
  });

  it("gives plain lines for an unknown or empty language", () => {
    const expected = [[{ text: "let a = 1;", kind: "plain" }], [], [{ text: "  b", kind: "plain" }]];
    expect(highlightCode("let a = 1;\n\n  b", "klingon")).toEqual(expected);
    expect(highlightCode("let a = 1;\n\n  b", "")).toEqual(expected);
    expect(highlightCode("let a = 1;\n\n  b", "text")).toEqual(expected);
  });

  it("gives one empty line for empty code", () => {
    expect(highlightCode("", "ts")).toEqual([[]]);
  });

  it("ignores case and surrounding spaces in the language name", () => {
    expect(highlightCode("let a", " TypeScript ")).toEqual(highlightCode("let a", "ts"));
  });

  it("never throws, even for names that look like object keys", () => {
    for (const lang of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect(highlightCode("x = 1", lang)).toEqual([[{ text: "x = 1", kind: "plain" }]]);
    }
  });
});

describe("supported languages", () => {
  it("knows many languages and the usual short names", () => {
    const names = supportedLanguages();
    expect(names.length).toBeGreaterThan(200);
    expect(names).toEqual([...names].sort());
    for (const lang of ["typescript", "ts", "js", "tsx", "py", "sh", "zsh", "yml", "md", "json", "go", "rs", "c++", "c#", "ps1", "dockerfile", "sql"]) {
      expect(names).toContain(lang);
      expect(isSupportedLanguage(lang)).toBe(true);
    }
  });

  it("does not know made-up or empty names", () => {
    for (const lang of ["", "  ", "klingon", "constructor", "__proto__"]) expect(isSupportedLanguage(lang)).toBe(false);
  });

  it("highlights every language it lists without losing text", () => {
    const code = 'a = "b" // c\n# d\n/* e\nf */ 1 + g(2);';
    for (const lang of supportedLanguages()) expect(joined(highlightCode(code, lang)), lang).toBe(code);
  });
});
