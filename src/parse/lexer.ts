import { Marked, type Token, type TokenizerAndRendererExtension } from "marked";
import { blockStartWithinParagraph } from "./blockStart.js";
import { deckToken, type DeckToken } from "./tokens.js";
import { math } from "./math.js";
import { pandocTables } from "./pandocTables.js";
import { PANDOC_EXTENSIONS } from "./pandocInline.js";

/** A pandoc fenced div: `::: notes` … `:::`, nesting by counting fences. */
export interface FencedDivToken {
  type: "fencedDiv";
  raw: string;
  /** The classes on the opening fence: `::: notes` and `::: {.notes}` both give ["notes"]. */
  classes: string[];
  /** Offset of the first inner line within `raw`. */
  innerOffset: number;
  tokens: Token[];
}

const OPEN = /^(:{3,})[ \t]*(\S.*?)[ \t]*$/;
const CLOSE = /^:{3,}[ \t]*$/;

function classesOf(attributes: string): string[] {
  const inner = attributes.replace(/^\{|\}$/g, "").trim();
  return inner.split(/\s+/).map((c) => c.replace(/^\./, "")).filter((c) => c !== "");
}

const fencedDiv: TokenizerAndRendererExtension = {
  name: "fencedDiv",
  level: "block",
  start: (src) => blockStartWithinParagraph(src, /^:{3,}/m),
  tokenizer(src) {
    // marked asks at every block: a fence starts with three colons, and most blocks do not.
    if (!src.startsWith(":::")) return undefined;
    const firstLineEnd = src.indexOf("\n");
    const first = OPEN.exec(firstLineEnd === -1 ? src : src.slice(0, firstLineEnd));
    if (!first || firstLineEnd === -1) return undefined;
    const innerOffset = firstLineEnd + 1;
    // Walk line by line (not src.split, which would copy the rest of the document every time).
    let depth = 1;
    let lineStart = innerOffset;
    while (lineStart <= src.length) {
      const newline = src.indexOf("\n", lineStart);
      const lineEnd = newline === -1 ? src.length : newline;
      const line = src.slice(lineStart, lineEnd);
      if (CLOSE.test(line)) depth -= 1;
      else if (OPEN.test(line)) depth += 1;
      if (depth === 0) {
        const token: FencedDivToken = {
          type: "fencedDiv",
          raw: src.slice(0, newline === -1 ? src.length : newline + 1),
          classes: classesOf(first[2] ?? ""),
          innerOffset,
          tokens: this.lexer.blockTokens(src.slice(innerOffset, lineStart), []),
        };
        return token;
      }
      if (newline === -1) break;
      lineStart = newline + 1;
    }
    return undefined;
  },
  renderer() {
    return "";
  },
};

const markdown = new Marked({ gfm: true, extensions: [fencedDiv, pandocTables, math, ...PANDOC_EXTENSIONS] });

/** marked's block lexer with deckwright's extensions (fenced divs, pandoc's tables, TeX math, pandoc's inline extensions). */
export function lex(body: string): Token[] {
  return markdown.lexer(body);
}

/** Every token of a list and of their children (list items, table cells, extensions' tokens), in document order, as marked walks them. */
export function walkTokens(tokens: readonly Token[], visit: (token: DeckToken) => void): void {
  markdown.walkTokens([...tokens], (token) => void visit(deckToken(token)));
}
