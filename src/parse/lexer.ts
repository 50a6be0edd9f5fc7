import { Marked, type Token, type TokenizerAndRendererExtension } from "marked";

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
  start(src) {
    return /^:{3,}/m.exec(src)?.index;
  },
  tokenizer(src) {
    const lines = src.split("\n");
    const first = OPEN.exec(lines[0] ?? "");
    if (!first) return undefined;
    let depth = 1;
    let length = (lines[0] ?? "").length + 1;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] ?? "";
      if (CLOSE.test(line)) depth -= 1;
      else if (OPEN.test(line)) depth += 1;
      if (depth === 0) {
        const innerOffset = (lines[0] ?? "").length + 1;
        const inner = src.slice(innerOffset, length);
        const raw = src.slice(0, Math.min(src.length, length + line.length + 1));
        const token: FencedDivToken = {
          type: "fencedDiv",
          raw,
          classes: classesOf(first[2] ?? ""),
          innerOffset,
          tokens: this.lexer.blockTokens(inner, []),
        };
        return token;
      }
      length += line.length + 1;
    }
    return undefined;
  },
  renderer() {
    return "";
  },
};

const markdown = new Marked({ gfm: true, extensions: [fencedDiv] });

/** marked's block lexer with deckwright's extensions (fenced divs). */
export function lex(body: string): Token[] {
  return markdown.lexer(body);
}
