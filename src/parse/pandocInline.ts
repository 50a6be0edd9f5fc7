/**
 * pandoc's small inline constructs, as marked extensions (registered in src/parse/lexer.ts):
 *
 * - footnotes: `text[^1]` with a `[^1]: note` definition (continued on indented lines, or on the
 *   lines right under it), and inline `^[note]`. src/parse/footnotes.ts numbers them per slide;
 * - `^super^` and `~sub~` (no white space inside, as pandoc reads them; `~~strike~~` stays GFM's);
 * - emoji shortcodes, `:warning:` (GitHub's names, from the gemoji data); an unknown `:word:` is
 *   not a token and stays text, and Font Awesome's `:fa-name:` becomes a `foreignIcon` token that
 *   inline.ts names in a warning.
 *
 * Code spans and code blocks are lexed by marked before any of these can see their text.
 */
import { blockStartWithinParagraph } from "./blockStart.js";
import type { Token, TokenizerAndRendererExtension } from "marked";
import { nameToEmoji } from "gemoji";

/** `[^label]: text`, with its continuation lines; `tokens` are its block tokens (paragraphs). */
export interface FootnoteDefinitionToken {
  type: "footnoteDefinition";
  raw: string;
  label: string;
  tokens: Token[];
}

/** `[^label]` in text, or an inline `^[note]` (then `tokens` are the note's inline tokens). */
export interface FootnoteRefToken {
  type: "footnoteRef";
  raw: string;
  label: string;
  tokens?: Token[];
}

export interface ScriptToken {
  type: "superscript" | "subscript";
  raw: string;
  tokens: Token[];
}

export interface EmojiToken {
  type: "emoji";
  raw: string;
  text: string;
}

/** `:fa-chalkboard:`: an icon font's shortcode, which deckwright does not draw. */
export interface ForeignIconToken {
  type: "foreignIcon";
  raw: string;
}

const DEFINITION = /^ {0,3}\[\^([^\]\s]+)\]:[ \t]*/;
/** A line that ends a definition's lazy continuation: a block of its own. */
const BLOCK_START = /^ {0,3}(?:\[\^[^\]\s]+\]:|#{1,6}(?:[ \t]|$)|[-*_](?:[ \t]*[-*_]){2,}[ \t]*$|>|```|~~~|:::|<!--|[*+-][ \t]|\d+[.)][ \t])/;

const footnoteDefinition: TokenizerAndRendererExtension = {
  name: "footnoteDefinition",
  level: "block",
  start: (src) => blockStartWithinParagraph(src, /^ {0,3}\[\^[^\]\s]+\]:/m),
  tokenizer(src) {
    const first = DEFINITION.exec(src);
    if (!first) return undefined;
    const lines = [src.slice(first[0].length, lineEnd(src, 0))];
    let at = lineEnd(src, 0);
    let blankBefore = false;
    // Continuation: indented lines (after blank lines too: further paragraphs), and lines right under the text.
    while (at < src.length) {
      const start = at + 1;
      const end = lineEnd(src, start);
      const line = src.slice(start, end);
      if (line.trim() === "") {
        blankBefore = true;
        lines.push("");
        at = end;
        continue;
      }
      const indented = /^(?: {4}|\t)/.test(line);
      if (!indented && (blankBefore || BLOCK_START.test(line))) break;
      lines.push(line.replace(/^(?: {1,4}|\t)/, ""));
      blankBefore = false;
      at = end;
    }
    while (lines.length > 1 && lines.at(-1) === "") lines.pop();
    const consumed = lines.length - 1;
    // raw: the definition's lines (and the newline after the last).
    let rawEnd = lineEnd(src, 0);
    for (let i = 0; i < consumed; i++) rawEnd = lineEnd(src, rawEnd + 1);
    const raw = src.slice(0, Math.min(src.length, rawEnd + 1));
    const token: FootnoteDefinitionToken = { type: "footnoteDefinition", raw, label: first[1] ?? "", tokens: this.lexer.blockTokens(lines.join("\n"), []) };
    return token;
  },
  renderer: () => "",
};

function lineEnd(src: string, from: number): number {
  const newline = src.indexOf("\n", from);
  return newline === -1 ? src.length : newline;
}

/** The index after the `]` that closes the `[` at `open`, counting nested brackets and skipping escapes; -1 if none. */
function closingBracket(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const char = src[i];
    if (char === "\\") i++;
    else if (char === "[") depth++;
    else if (char === "]" && --depth === 0) return i + 1;
    else if (char === "\n" && src[i + 1] === "\n") return -1;
  }
  return -1;
}

/** Where one of these might start: `^`, `~` (marked's text stops there anyway) and a `:name:`. Searched in a window, so that lexing stays linear. */
function inlineStart(src: string): number | undefined {
  const window = src.slice(0, 1024);
  const found = /\^|:[\w+-]+:/.exec(window)?.index;
  if (found !== undefined) return found;
  return src.length > window.length ? window.length : undefined;
}

const footnoteRef: TokenizerAndRendererExtension = {
  name: "footnoteRef",
  level: "inline",
  tokenizer(src) {
    // marked asks every inline extension at every position: the first character rules out most.
    if (!src.startsWith("[^")) return undefined;
    const match = /^\[\^([^\]\s]+)\]/.exec(src);
    if (!match) return undefined;
    const token: FootnoteRefToken = { type: "footnoteRef", raw: match[0], label: match[1] ?? "" };
    return token;
  },
  renderer: () => "",
};

let inlineNotes = 0;

const inlineFootnote: TokenizerAndRendererExtension = {
  name: "inlineFootnote",
  level: "inline",
  start: inlineStart,
  tokenizer(src) {
    if (!src.startsWith("^[")) return undefined;
    const end = closingBracket(src, 1);
    if (end === -1) return undefined;
    const inner = src.slice(2, end - 1);
    inlineNotes += 1;
    const token: FootnoteRefToken = { type: "footnoteRef", raw: src.slice(0, end), label: `^[${inlineNotes}]`, tokens: this.lexer.inlineTokens(inner) };
    return token;
  },
  renderer: () => "",
};

function script(type: ScriptToken["type"], mark: "^" | "~"): TokenizerAndRendererExtension {
  const escaped = mark === "^" ? "\\^" : "~";
  // No white space inside; `~~` is GFM's strikethrough, not two subscripts.
  const pattern = new RegExp(`^${escaped}(?!${escaped})((?:\\\\.|[^\\s${escaped}\\\\])+?)${escaped}(?!${escaped})`);
  return {
    name: type,
    level: "inline",
    tokenizer(src) {
      if (src[0] !== mark) return undefined;
      const match = pattern.exec(src);
      if (!match) return undefined;
      const token: ScriptToken = { type, raw: match[0], tokens: this.lexer.inlineTokens(match[1] ?? "") };
      return token;
    },
    renderer: () => "",
  };
}

const emoji: TokenizerAndRendererExtension = {
  name: "emoji",
  level: "inline",
  tokenizer(src) {
    if (src[0] !== ":") return undefined;
    const match = /^:([\w+-]+):/.exec(src);
    if (!match) return undefined;
    const name = match[1] ?? "";
    if (/^fa[srbl]?-/.test(name)) {
      const token: ForeignIconToken = { type: "foreignIcon", raw: match[0] };
      return token;
    }
    const found = Object.hasOwn(nameToEmoji, name) ? nameToEmoji[name] : undefined;
    if (found === undefined) return undefined;
    const token: EmojiToken = { type: "emoji", raw: match[0], text: found };
    return token;
  },
  renderer: () => "",
};

/** In the order marked tries them: an inline note before a superscript, both before marked's own. */
export const PANDOC_EXTENSIONS: TokenizerAndRendererExtension[] = [
  footnoteDefinition,
  footnoteRef,
  inlineFootnote,
  script("superscript", "^"),
  script("subscript", "~"),
  emoji,
];
