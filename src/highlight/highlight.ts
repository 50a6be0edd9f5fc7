/**
 * Syntax highlighting of fenced code for slides: code + language → lines of typed tokens.
 *
 * The highlighter is refractor (Prism's grammars producing a hast tree; MIT, synchronous,
 * offline, about 300 languages). Prism marks every token with a type and optional aliases
 * (`class="token string"`, `class="token key atrule"`); the first of an element's classes
 * found in the table below gives its kind, and text inside an element of no listed class
 * keeps the kind of the nearest listed ancestor (`plain` at the top).
 *
 * | kind          | Prism token types and aliases                                                          |
 * | ------------- | -------------------------------------------------------------------------------------- |
 * | `keyword`     | keyword, atrule, rule, important, selector, section, tag, title (Markdown heading)     |
 * | `string`      | string, char, regex, attr-value, url, template-string, string-literal, code, code-snippet, inserted (diff) |
 * | `number`      | number, boolean, constant, symbol, null, nil, color, hexcode, unit, date, datetime, deleted (diff) |
 * | `comment`     | comment, cdata                                                                         |
 * | `function`    | function, function-name, method                                                        |
 * | `type`        | class-name, builtin, namespace, scalar, maybe-class-name, type                         |
 * | `variable`    | variable, property, attr-name, parameter, key, environment, hvariable, property-query |
 * | `operator`    | operator                                                                               |
 * | `punctuation` | punctuation                                                                            |
 * | `meta`        | prolog, doctype, macro, decorator, annotation, attribute, shebang, entity, coord (diff), shell-symbol, code-language |
 * | `plain`       | interpolation (`${x}` inside a string is code again), unchanged (diff); anything else  |
 *
 * Diff lines follow Prism's default theme, which colours insertions like strings and
 * deletions like numbers. Lines are split on `\n` only: a `\r` stays at the end of its
 * line's last token, and tabs are kept as they are.
 */
import { z } from "zod";
import type { refractor as Refractor } from "refractor/all";

/**
 * refractor with all its grammars takes about 0.3 s to load, so it is loaded only for decks
 * that have code: call `loadHighlighter()` (the pipeline does) before `highlightCode`.
 */
let loaded: typeof Refractor | null = null;

export async function loadHighlighter(): Promise<void> {
  loaded ??= (await import("refractor/all")).refractor;
}

function highlighter(): typeof Refractor {
  if (!loaded) throw new Error("highlightCode: call loadHighlighter() first");
  return loaded;
}

export const TOKEN_KINDS = [
  "plain",
  "keyword",
  "string",
  "number",
  "comment",
  "function",
  "type",
  "variable",
  "operator",
  "punctuation",
  "meta",
] as const;
export const TokenKindSchema = z.enum(TOKEN_KINDS);
export type TokenKind = z.infer<typeof TokenKindSchema>;

/** A run of code of one kind; never empty, never contains `\n`. */
export const HighlightedTokenSchema = z.object({
  text: z.string().min(1).regex(/^[^\n]*$/),
  kind: TokenKindSchema,
});
export type HighlightedToken = z.infer<typeof HighlightedTokenSchema>;

/** One line of code; an empty line has no tokens. */
export const HighlightedLineSchema = z.array(HighlightedTokenSchema);
export type HighlightedLine = z.infer<typeof HighlightedLineSchema>;

const KIND_OF_CLASS: Readonly<Record<string, TokenKind>> = {
  ...classes("keyword", "keyword atrule rule important selector section tag title"),
  ...classes("string", "string char regex attr-value url template-string string-literal code code-snippet inserted"),
  ...classes("number", "number boolean constant symbol null nil color hexcode unit date datetime deleted"),
  ...classes("comment", "comment cdata"),
  ...classes("function", "function function-name method"),
  ...classes("type", "class-name builtin namespace scalar maybe-class-name type"),
  ...classes("variable", "variable property attr-name parameter key environment hvariable property-query"),
  ...classes("operator", "operator"),
  ...classes("punctuation", "punctuation"),
  ...classes("meta", "prolog doctype macro decorator annotation attribute shebang entity coord shell-symbol code-language"),
  ...classes("plain", "interpolation unchanged"),
};

function classes(kind: TokenKind, names: string): Record<string, TokenKind> {
  return Object.fromEntries(names.split(" ").map((name) => [name, kind]));
}

/** Names people write after the fence that Prism does not know, and the language they mean. */
const EXTRA_ALIASES: Readonly<Record<string, string>> = {
  zsh: "bash",
  ksh: "bash",
  console: "shell-session",
  terminal: "shell-session",
  rs: "rust",
  golang: "go",
  "c++": "cpp",
  cc: "cpp",
  cxx: "cpp",
  hpp: "cpp",
  hh: "cpp",
  h: "c",
  "c#": "csharp",
  "f#": "fsharp",
  fs: "fsharp",
  "objective-c": "objectivec",
  ps1: "powershell",
  pwsh: "powershell",
  jsonc: "json",
  jsonl: "json",
  ndjson: "json",
  mjs: "javascript",
  cjs: "javascript",
  mts: "typescript",
  cts: "typescript",
  htm: "html",
  xhtml: "html",
  tf: "hcl",
  terraform: "hcl",
  proto: "protobuf",
  patch: "diff",
  make: "makefile",
  mk: "makefile",
  jl: "julia",
  ex: "elixir",
  exs: "elixir",
  erl: "erlang",
  clj: "clojure",
  cljs: "clojure",
  pl: "perl",
  gql: "graphql",
  bat: "batch",
  cmd: "batch",
  asm: "nasm",
  ml: "ocaml",
  py3: "python",
  python3: "python",
};

/** The Prism name for a fence's language, or null when none is registered. */
function resolveLanguage(lang: string): string | null {
  const name = lang.trim().toLowerCase();
  if (name === "") return null;
  const resolved = Object.hasOwn(EXTRA_ALIASES, name) ? (EXTRA_ALIASES[name] ?? name) : name;
  return highlighter().registered(resolved) ? resolved : null;
}

/** Every language name a fence may use, aliases included, sorted. */
export function supportedLanguages(): string[] {
  return [...new Set([...highlighter().listLanguages(), ...Object.keys(EXTRA_ALIASES)])].sort();
}

/** Whether `lang` (any case, surrounding spaces ignored) names a language that is highlighted. */
export function isSupportedLanguage(lang: string): boolean {
  return resolveLanguage(lang) !== null;
}

type Tree = ReturnType<typeof Refractor.highlight>;
type Node = Tree | Tree["children"][number];

/**
 * Highlights `code` as `lang`: one entry per `\n`-separated line, each a list of tokens whose
 * texts joined give the line back exactly. An unknown or empty language gives plain tokens.
 * Never throws.
 */
/** Prism's grammars can take time that grows faster than the text on very long lines; those stay plain. */
const LONGEST_HIGHLIGHTED_LINE = 2_000;
const LONGEST_HIGHLIGHTED_CODE = 100_000;

export function highlightCode(code: string, lang: string): HighlightedLine[] {
  if (code.length > LONGEST_HIGHLIGHTED_CODE || code.split("\n").some((line) => line.length > LONGEST_HIGHLIGHTED_LINE)) lang = "";
  const language = resolveLanguage(lang);
  if (language !== null) {
    try {
      const pieces: HighlightedToken[] = [];
      collect(highlighter().highlight(code, language), "plain", pieces);
      if (pieces.map((piece) => piece.text).join("") === code) return toLines(pieces);
    } catch {
      // A grammar that fails on this input: fall back to plain text below.
    }
  }
  return toLines([{ text: code, kind: "plain" }]);
}

function collect(node: Node, inherited: TokenKind, out: HighlightedToken[]): void {
  switch (node.type) {
    case "text":
      out.push({ text: node.value, kind: inherited });
      return;
    case "root":
    case "element": {
      const kind = node.type === "element" ? (kindOfClasses(node.properties["className"]) ?? inherited) : inherited;
      for (const child of node.children) collect(child, kind, out);
      return;
    }
    default:
      // Prism's hast holds only root, element and text nodes.
      return;
  }
}

function kindOfClasses(className: unknown): TokenKind | undefined {
  if (!Array.isArray(className)) return undefined;
  for (const name of className) {
    const kind = typeof name === "string" && Object.hasOwn(KIND_OF_CLASS, name) ? KIND_OF_CLASS[name] : undefined;
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/** Splits pieces at `\n` into lines, dropping empty pieces and merging neighbours of one kind. */
function toLines(pieces: readonly HighlightedToken[]): HighlightedLine[] {
  const lines: HighlightedLine[] = [[]];
  for (const piece of pieces) {
    const parts = piece.text.split("\n");
    parts.forEach((text, index) => {
      if (index > 0) lines.push([]);
      const line = lines[lines.length - 1];
      if (text === "" || line === undefined) return;
      const last = line[line.length - 1];
      if (last?.kind === piece.kind) last.text += text;
      else line.push({ text, kind: piece.kind });
    });
  }
  return lines;
}
