import { isMap, isNode, isScalar, LineCounter, parseDocument } from "yaml";
import { FrontMatterSchema, type FrontMatter } from "../model/outline.js";
import type { Position } from "../model/position.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { listNames, suggestionHint } from "../diagnostics/suggest.js";
import { codePointName } from "./source.js";
import { findIllegalXmlChars, replaceIllegalXmlChars } from "../xml/sanitize.js";

export const FRONT_MATTER_KEYS = Object.keys(FrontMatterSchema.shape) as (keyof FrontMatter)[];

/** What a key takes, where it is more than any text. */
const EXPECTED: Partial<Record<keyof FrontMatter, string>> = {
  aspect: "`16:9` or `4:3`",
  lang: "a language tag like `en-US`",
  agenda: "`true` or `false`",
};

export interface SplitSource {
  /** The YAML between the `---` fences, or null when the file has none. */
  yaml: string | null;
  /** The Markdown after the front matter. */
  body: string;
  /** Offset of `body` in the whole text. */
  bodyOffset: number;
}

const OPENING = /^---[ \t]*\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/** Splits `---\n yaml \n---` off the top of the text. */
export function splitFrontMatter(text: string): SplitSource {
  const opening = OPENING.exec(text);
  if (!opening) return { yaml: null, body: text, bodyOffset: 0 };
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) return { yaml: null, body: text, bodyOffset: 0 };
  const yaml = rest.slice(0, closing.index);
  let bodyOffset = opening[0].length + closing.index + closing[0].length;
  if (text[bodyOffset] === "\n") bodyOffset += 1;
  return { yaml, body: text.slice(bodyOffset), bodyOffset };
}

/**
 * Parses and checks front matter. `firstLine` is the line of the YAML's first line in the file.
 * Unknown keys and wrong types are errors with the position of the key or value.
 */
export function parseFrontMatter(yaml: string | null, firstLine: number, diagnostics: Diagnostics): FrontMatter {
  if (yaml === null || yaml.trim() === "") return {};
  const lineCounter = new LineCounter();
  const document = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  for (const error of document.errors) {
    diagnostics.error("invalid-front-matter", `Invalid YAML in front matter: ${error.message.split("\n")[0]}`, at(error.pos[0]));
  }
  if (document.errors.length > 0) return {};
  if (!isMap(document.contents)) {
    diagnostics.error("invalid-front-matter", "Unexpected front matter, expected `key: value` lines", at(0));
    return {};
  }
  const result: Record<string, string | boolean> = {};
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const keyAt = at(isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0);
    if (!isFrontMatterKey(key)) {
      diagnostics.error(
        "unknown-front-matter-key",
        `Unexpected front-matter key \`${key}\`, expected one of ${listNames(FRONT_MATTER_KEYS)}`,
        keyAt,
        suggestionHint(key, FRONT_MATTER_KEYS),
      );
      continue;
    }
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    const valueAt = isNode(pair.value) ? at(pair.value.range?.[0] ?? 0) : keyAt;
    const checked = FrontMatterSchema.shape[key].safeParse(typeof value === "number" ? String(value) : value);
    if (checked.success && checked.data !== undefined) {
      result[key] = typeof checked.data === "string" ? replaceIllegal(checked.data, key, valueAt, diagnostics) : checked.data;
    } else {
      const expected = EXPECTED[key] ?? "text";
      diagnostics.error("invalid-front-matter", `Unexpected value ${describe(value)} for \`${key}\`, expected ${expected}`, valueAt);
    }
  }
  return FrontMatterSchema.parse(result);
}

/** YAML escapes (`"\x01"`) can make characters XML forbids after the source was cleaned. */
function replaceIllegal(value: string, key: string, at: Position, diagnostics: Diagnostics): string {
  const illegal = findIllegalXmlChars(value);
  if (illegal.length === 0) return value;
  const codes = illegal.map((c) => codePointName(c.codePoint)).join(", ");
  diagnostics.warning("illegal-character", `Unexpected character ${codes} in \`${key}\`, which XML forbids; replaced with U+FFFD`, at);
  return replaceIllegalXmlChars(value);
}

function isFrontMatterKey(key: string): key is keyof FrontMatter {
  return (FRONT_MATTER_KEYS as string[]).includes(key);
}

function describe(value: unknown): string {
  if (value === undefined) return "(a list or a map)";
  if (value === null) return "(nothing)";
  return JSON.stringify(value);
}
