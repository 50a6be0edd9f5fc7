import { isMarpDeck } from "./flavors.js";
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from "./yaml.js";
import { FrontMatterSchema, type FrontMatter } from "../model/outline.js";
import type { Position } from "../model/position.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { didYouMean, listNames, suggestionHint } from "../diagnostics/suggest.js";
import { builtInThemeNames } from "../themes/load.js";
import { codePointName } from "./source.js";
import { FRONT_MATTER_DIRECTIVES, isMarpSpotKey, quoteMarpValues } from "./marp.js";
import { findIllegalXmlChars, replaceIllegalXmlChars } from "../xml/sanitize.js";

export const FRONT_MATTER_KEYS = Object.keys(FrontMatterSchema.shape) as (keyof FrontMatter)[];

/** What a key takes, where it is more than any text. */
const EXPECTED: Partial<Record<keyof FrontMatter, string>> = {
  author: "a name, a list of names, or a list of maps with a `name`",
  aspect: "`16:9` or `4:3`",
  lang: "a language tag like `en-US`",
  agenda: "`true` or `false`",
  incremental: "`true` or `false`",
  "slide-level": "a whole number from 1 to 6",
};

/*
 * Front matter written for other tools. Each table is data: adding a key is one line.
 * A key another tool reads, and deckwright does not, is a `foreign-front-matter` warning naming the tool.
 */

/** Keys other tools read that deckwright has no use for, by tool. A key may belong to several. */
export const FOREIGN_KEYS: Record<string, readonly string[]> = {
  Marp: [
    "marp", "paginate", "headingDivider", "class", "style", "backgroundColor", "backgroundImage", "backgroundPosition",
    "backgroundRepeat", "backgroundSize", "color", "math", "header", "transition", "description", "keywords", "url", "image",
  ],
  pandoc: [
    "bibliography", "references", "csl", "link-citations", "nocite", "header-includes", "include-before", "include-after",
    "institute", "keywords", "abstract", "toc", "toc-depth", "toc-title", "documentclass", "classoption", "fontsize",
    "mainfont", "sansfont", "monofont", "navigation", "section-titles", "colortheme", "fonttheme", "innertheme", "outertheme",
    "themeoptions", "linkcolor", "urlcolor", "geometry", "papersize", "subject", "titlegraphic", "logo",
  ],
  "R Markdown": ["output", "params", "knit", "runtime"],
  "reveal.js": [
    "revealjs", "revealjs-url", "controls", "progress", "slideNumber", "transition", "center", "history", "hash",
    "separator", "verticalSeparator", "notesSeparator", "width", "height",
  ],
  Quarto: ["format", "execute", "jupyter", "editor", "filters", "engine", "knitr", "title-slide-attributes", "logo", "slide-number", "crossref"],
  remark: ["countIncrementalSlides", "highlightStyle", "highlightLines", "navigation", "slideNumberFormat"],
  "Jekyll/Hugo": ["layout", "permalink", "tags", "categories", "draft", "slug", "description", "published", "aliases", "weight", "excerpt"],
};

/** Keys other tools read that say what a deckwright key says: the tool, the deckwright key, and the values it maps. */
export const MAPPED_KEYS: Record<string, { tool: string; to: "aspect"; values: Record<string, "16:9" | "4:3"> }> = {
  size: { tool: "Marp", to: "aspect", values: { "16:9": "16:9", "4:3": "4:3" } },
  aspectratio: { tool: "pandoc (beamer)", to: "aspect", values: { "169": "16:9", "43": "4:3" } },
  ratio: { tool: "remark", to: "aspect", values: { "16:9": "16:9", "4:3": "4:3" } },
};

/** `theme:` values that name another tool's theme; unless deckwright has a theme of that name, the default theme is used. */
export const FOREIGN_THEMES: Record<string, readonly string[]> = {
  Marp: ["default", "gaia", "uncover"],
  "pandoc (beamer)": ["Madrid", "Warsaw", "Berlin", "Boadilla", "CambridgeUS", "Copenhagen", "Darmstadt", "Frankfurt", "metropolis", "Singapore"],
  "reveal.js": ["black", "white", "league", "beige", "sky", "night", "serif", "simple", "solarized", "blood", "moon", "dracula"],
};

/** `date:` values that Quarto replaces with a date; deckwright shows them as written. */
const QUARTO_DATES = ["today", "now", "last-modified"];

/** Each name → the tools that use it, built from a table of tool → names. */
function byName(table: Record<string, readonly string[]>): ReadonlyMap<string, string[]> {
  const names = new Map<string, string[]>();
  for (const [tool, keys] of Object.entries(table)) for (const key of keys) names.set(key, [...(names.get(key) ?? []), tool]);
  return names;
}

const FOREIGN_KEY_TOOLS = byName(FOREIGN_KEYS);
const FOREIGN_THEME_TOOLS = byName(FOREIGN_THEMES);
const MAPPED = new Map(Object.entries(MAPPED_KEYS));

export interface SplitSource {
  /** The YAML between the `---` fences, or null when the file has none. */
  yaml: string | null;
  /** The Markdown after the front matter. */
  body: string;
  /** Offset of `body` in the whole text. */
  bodyOffset: number;
  /** The line of the YAML's first line in the file (2, unless comments come before the front matter). */
  firstLine: number;
}

const OPENING = /^---[ \t]*\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/** Splits `---\n yaml \n---` off the top of the text. */
export function splitFrontMatter(text: string): SplitSource {
  // pandoc reads a metadata block after a leading comment too (a generated table of contents, a licence note).
  const lead = LEADING_COMMENT.exec(text)?.[0] ?? "";
  const opening = OPENING.exec(text.slice(lead.length));
  if (!opening) return { yaml: null, body: text, bodyOffset: 0, firstLine: 2 };
  const start = lead.length + opening[0].length;
  const rest = text.slice(start);
  const closing = CLOSING.exec(rest);
  if (!closing) return { yaml: null, body: text, bodyOffset: 0, firstLine: 2 };
  const yaml = rest.slice(0, closing.index);
  let bodyOffset = start + closing.index + closing[0].length;
  if (text[bodyOffset] === "\n") bodyOffset += 1;
  return { yaml, body: text.slice(bodyOffset), bodyOffset, firstLine: text.slice(0, start).split("\n").length };
}

/** HTML comments (and blank lines) before the front matter's opening `---`. */
const LEADING_COMMENT = /^(?:[ \t]*\n)*(?:<!--[\s\S]*?-->[ \t]*\n(?:[ \t]*\n)*)+(?=---[ \t]*\n)/;

/** A mapped key's value, applied after the deckwright keys so that those win. */
interface Mapped {
  key: string;
  tool: string;
  to: "aspect";
  value: "16:9" | "4:3";
  at: Position;
}

/**
 * Parses and checks front matter. `firstLine` is the line of the YAML's first line in the file.
 * deckwright's own keys are read and checked (a wrong value is an error at the value); keys of
 * other tools map onto deckwright's where they mean the same, and are otherwise ignored with a
 * warning naming the tool; an unknown key close to a deckwright key is an error with a
 * did-you-mean, any other unknown key a warning.
 */
export function parseFrontMatter(yaml: string | null, firstLine: number, diagnostics: Diagnostics, marpDeck = isMarpDeck(yaml)): FrontMatter {
  if (yaml === null || yaml.trim() === "") return {};
  const lineCounter = new LineCounter();
  // Marp reads `backgroundColor: #000` as the colour, not as a YAML comment (marp.ts).
  const source = marpDeck ? quoteMarpValues(yaml) : yaml;
  const document = parseDocument(quotePlaceholders(source, firstLine, diagnostics), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  // Marp reads its front matter leniently (`style: @import …` is not YAML): there, a YAML error is a warning and the keys that did parse count.
  const lenient = marpDeck;
  for (const error of document.errors) {
    const message = `Invalid YAML in front matter: ${error.message.split("\n")[0]}`;
    if (lenient) diagnostics.warning("invalid-front-matter", `${message}; the keys that could be read are used`, at(error.pos[0]));
    else diagnostics.error("invalid-front-matter", message, at(error.pos[0]));
  }
  if (document.errors.length > 0 && !lenient) return {};
  if (!isMap(document.contents)) {
    diagnostics.error("invalid-front-matter", "Unexpected front matter, expected `key: value` lines", at(0));
    return {};
  }
  const result: Record<string, unknown> = {};
  const mapped: Mapped[] = [];
  // In a Marp deck, a theme name is a Marp theme (often the author's own CSS), never a deckwright folder.
  const marp = marpDeck;
  for (const pair of document.contents.items as Pair[]) {
    const keyAt = at(isNode(pair.key) ? (pair.key.range?.[0] ?? 0) : 0);
    const valueAt = isNode(pair.value) ? at(pair.value.range?.[0] ?? 0) : keyAt;
    if (!isScalar(pair.key)) {
      diagnostics.warning("unknown-front-matter-key", `Unexpected front-matter key (a list or a map), expected one of ${listNames(FRONT_MATTER_KEYS)}; deckwright ignores it`, keyAt);
      continue;
    }
    const key = String(pair.key.value);
    if (isFrontMatterKey(key) && isScalar(pair.value) && (pair.value.value === null || pair.value.value === "")) {
      // `date:` with nothing after it, as pandoc templates leave it: as if the key were absent.
      diagnostics.warning("empty-front-matter", `\`${key}\` has no value; deckwright ignores it`, keyAt);
      continue;
    }
    if (isFrontMatterKey(key)) {
      const value = readOwnKey(key, pair.value, valueAt, diagnostics, marp);
      if (value !== undefined) result[key] = value;
      continue;
    }
    // In a Marp deck, Marp's directives in the front matter are read by parse/marp.ts (a value it cannot use is named there).
    if (marp && (FRONT_MATTER_DIRECTIVES.includes(key) || isMarpSpotKey(key)) && isScalar(pair.value)) continue;
    if (marp && key.startsWith("_")) {
      // A `_` makes a Marp directive the first slide's own: never one of deckwright's keys misspelt.
      diagnostics.warning("foreign-front-matter", `\`${key}\` is not a Marp spot directive deckwright reads (\`_\` and one of Marp's local directives, with a value); deckwright ignores it`, keyAt);
      continue;
    }
    const mapping = readOtherKey(key, pair.value, keyAt, valueAt, diagnostics);
    if (mapping) mapped.push(mapping);
  }
  for (const { key, tool, to, value, at: keyAt } of mapped) {
    const current = result[to];
    if (current === undefined) result[to] = value;
    else if (current !== value) diagnostics.warning("foreign-front-matter", `\`${key}\` is ${withArticle(tool)} setting for \`${to}\`; deckwright ignores it, as \`${to}\` is ${JSON.stringify(current)}`, keyAt);
  }
  return FrontMatterSchema.parse(result);
}

/** `title: {{TITLE}}`: a template's placeholder, which YAML would read as a map in a map. */
const PLACEHOLDER = /^([ \t]*[\w.-]+[ \t]*:[ \t]*)(\{\{[^\n]*\}\})[ \t]*$/gm;

/**
 * Placeholders left in by a template (`{{TITLE}}`, `{{ page.date }}`) are quoted, so that they
 * read as the text they are, with a warning at each.
 */
function quotePlaceholders(yaml: string, firstLine: number, diagnostics: Diagnostics): string {
  return yaml.replace(PLACEHOLDER, (_whole, key: string, value: string, offset: number) => {
    const line = yaml.slice(0, offset).split("\n").length + firstLine - 1;
    diagnostics.warning("front-matter-placeholder", `\`${value}\` looks like a template's placeholder that was not filled in; it is shown as written`, { line, column: key.length + 1 }, "fill it in, or quote it if the braces are meant");
    return `${key}'${value.replace(/'/g, "''")}'`;
  });
}

/**
 * A key that is not deckwright's: a mapped key's value (for the caller to apply), or a warning
 * naming the tool that reads it, or an unknown-key problem (an error when it looks like a typo).
 */
function readOtherKey(key: string, node: unknown, keyAt: Position, valueAt: Position, diagnostics: Diagnostics): Mapped | undefined {
  const mapping = MAPPED.get(key);
  if (mapping) {
    const text = scalarText(node);
    const value = text === undefined ? undefined : new Map(Object.entries(mapping.values)).get(text);
    if (value !== undefined) return { key, tool: mapping.tool, to: mapping.to, value, at: keyAt };
    const allowed = orList(Object.keys(mapping.values).map((v) => `\`${v}\``));
    diagnostics.warning("foreign-front-matter", `Unexpected value ${describe(scalarValue(node))} for the ${mapping.tool} setting \`${key}\`, expected ${allowed} (deckwright's \`${mapping.to}\`); deckwright ignores it`, valueAt);
    return undefined;
  }
  const tools = FOREIGN_KEY_TOOLS.get(key);
  if (tools) {
    diagnostics.warning("foreign-front-matter", `\`${key}\` is ${withArticle(orList(tools))} setting; deckwright ignores it`, keyAt);
    return undefined;
  }
  const message = `Unexpected front-matter key \`${key}\`, expected one of ${listNames(FRONT_MATTER_KEYS)}`;
  if (didYouMean(key, FRONT_MATTER_KEYS) !== undefined) diagnostics.error("unknown-front-matter-key", message, keyAt, suggestionHint(key, FRONT_MATTER_KEYS));
  else diagnostics.warning("unknown-front-matter-key", `${message}; deckwright ignores it`, keyAt);
  return undefined;
}

/** The checked value of one of deckwright's keys, or undefined (with a problem reported) when it has none. */
function readOwnKey(key: keyof FrontMatter, node: unknown, at: Position, diagnostics: Diagnostics, marp: boolean): unknown {
  const value = key === "author" ? authorText(node) : scalarValue(node);
  const schema = FrontMatterSchema.shape[key];
  // A number or a YAML 1.1 date where text is expected is the text as written (`1.10`, `2024-05-01`).
  const checked = [value, scalarText(node)].map((candidate) => schema.safeParse(candidate)).find((c) => c.success && c.data !== undefined);
  if (!checked?.success || checked.data === undefined) {
    diagnostics.error("invalid-front-matter", `Unexpected value ${describe(value)} for \`${key}\`, expected ${EXPECTED[key] ?? "text"}`, at);
    return undefined;
  }
  if (key === "theme" && typeof checked.data === "string" && isForeignTheme(checked.data, at, diagnostics, marp)) return undefined;
  if (key === "date" && typeof checked.data === "string" && QUARTO_DATES.includes(checked.data)) {
    diagnostics.warning("foreign-front-matter", `\`date: ${checked.data}\` is a Quarto keyword for the day of the build; deckwright shows the text as written`, at, "write the date itself, as it should appear");
  }
  if (typeof checked.data !== "string") return checked.data;
  // A beamer deck's `title: Small\newline models`: LaTeX's line break is a line break (src/parse/flavors.ts does the same in text).
  const text = /^(?:title|subtitle|author|date)$/.test(key) ? checked.data.replace(/[ \t]*\\newline\b[ \t]*/g, "\n").replace(/\n+$/, "") : checked.data;
  return replaceIllegal(text, key, at, diagnostics);
}

/**
 * `theme: gaia` (Marp) and the like: ignored with a warning, unless deckwright has a theme of
 * that name. In a Marp deck (`marp: true`) every theme name that is not a path is Marp's.
 */
function isForeignTheme(name: string, at: Position, diagnostics: Diagnostics, marp = false): boolean {
  const looksLikePath = name.includes("/") || name.includes("\\") || name.startsWith(".");
  const tools = FOREIGN_THEME_TOOLS.get(name) ?? (marp && !looksLikePath ? ["Marp"] : undefined);
  if (!tools) return false;
  const themes = builtInThemeNames();
  if (themes.includes(name)) return false;
  diagnostics.warning("foreign-front-matter", `\`theme: ${name}\` is ${withArticle(orList(tools))} theme and deckwright has no theme of that name; deckwright ignores it and uses its default theme`, at, `deckwright's themes: ${listNames(themes)}`);
  return true;
}

/**
 * `author` as pandoc, Quarto and Marp write it: a name, a list of names, a map with a `name`
 * (which may itself be `{given, family}`), or a list of those, joined as "A, B". Anything else
 * is returned as it is, for the schema to reject.
 */
function authorText(node: unknown): unknown {
  if (!isSeq(node) && !isMap(node)) return scalarValue(node);
  const items = isSeq(node) ? node.items : [node];
  const names = items.map(personName);
  return names.every((n): n is string => n !== undefined) && names.length > 0 ? names.join(", ") : undefined;
}

function personName(node: unknown): string | undefined {
  if (isScalar(node)) return scalarText(node);
  if (!isMap(node)) return undefined;
  const name: unknown = node.get("name", true);
  if (isScalar(name)) return personName(name);
  if (!isMap(name)) return undefined;
  const parts = [name.get("given", true), name.get("family", true)].map((part) => (part === undefined ? undefined : personName(part)));
  return parts.some((p) => p === undefined) ? undefined : parts.join(" ");
}

/** A scalar's value; undefined for a list, a map or an alias. */
function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** A number or a date as written in the YAML (`1.10`, not 1.1); undefined for anything else. */
function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const { value } = node;
  if (typeof value === "string") return value;
  if (typeof value !== "number" && typeof value !== "bigint" && !(value instanceof Date)) return undefined;
  return (node as Node & { source?: string }).source ?? String(value);
}

/** YAML escapes (`"\x01"`) can make characters XML forbids after the source was cleaned. */
function replaceIllegal(value: string, key: string, at: Position, diagnostics: Diagnostics): string {
  const illegal = findIllegalXmlChars(value);
  if (illegal.length === 0) return value;
  const codes = illegal.map((c) => codePointName(c.codePoint)).join(", ");
  diagnostics.warning("illegal-character", `Unexpected character ${codes} in \`${key}\`, which XML forbids; replaced with U+FFFD`, at);
  return replaceIllegalXmlChars(value);
}

/** "a Marp", "an R Markdown" */
function withArticle(tool: string): string {
  return `${/^(?:[AEIOU]|R )/.test(tool) ? "an" : "a"} ${tool}`;
}

/** "A", "A or B", "A, B or C" */
function orList(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names.at(-1) ?? ""}`;
}

function isFrontMatterKey(key: string): key is keyof FrontMatter {
  return (FRONT_MATTER_KEYS as string[]).includes(key);
}

function describe(value: unknown): string {
  if (value === undefined) return "(a list or a map)";
  if (value === null) return "(nothing)";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  return JSON.stringify(value);
}
