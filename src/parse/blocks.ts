import type { Token, Tokens } from "marked";
import type { Align, LeafBlock, ListItem, Run } from "../model/outline.js";
import { parseChartBlock } from "../charts/spec.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Position } from "../model/position.js";
import { parseTag, tagEffect } from "./html.js";
import { htmlBlock, htmlRuns } from "./htmlBlock.js";
import { decodeEntities, inlineRuns, LINE_BREAK, plainText, type InlineReport } from "./inline.js";
import type { FencedDivToken } from "./lexer.js";
import { deckTokens, type DeckToken } from "./tokens.js";

/** Finds tokens in their source text, in order, so every node gets a line:column. */
export class Locator {
  private cursor = 0;

  constructor(
    private readonly raw: string,
    private readonly baseOffset: number,
    private readonly toPosition: (offset: number) => Position,
  ) {}

  /** Offset (in the whole file) of the next occurrence of `raw`; moves past it. */
  next(raw: string): number {
    const found = this.raw.indexOf(raw, this.cursor);
    const local = found === -1 ? this.cursor : found;
    if (found !== -1) this.cursor = found + raw.length;
    return this.baseOffset + local;
  }

  position(raw: string): Position {
    return this.toPosition(this.next(raw));
  }

  /** A locator for the inside of a token that starts at `offset`. */
  child(raw: string, offset: number): Locator {
    return new Locator(raw, offset, this.toPosition);
  }

  at(offset: number): Position {
    return this.toPosition(offset);
  }

  /** Position of the `local`-th character of this locator's text. */
  atLocal(local: number): Position {
    return this.toPosition(this.baseOffset + local);
  }

  /** Reports inline HTML at its tag, searching the tags in order in this locator's text. */
  report(diagnostics: Diagnostics): InlineReport {
    return (id, message, raw, hint) => diagnostics.warning(id, message, this.position(raw), hint);
  }
}

/** A `> quote` whose last line starts with a dash is a quote with an attribution. */
const ATTRIBUTION = /^\s*(?:—|―|--)\s*(.+)$/;

/**
 * The items of a list and of the lists nested in it, in document order, each at its marker.
 * marked gives a nested item's `raw` without the indentation it has in the source, so items are
 * found by their first line (which is verbatim after its indentation), with one cursor moving
 * through the whole list.
 */
function listItems(list: Tokens.List, locator: Locator, level: number, items: ListItem[], diagnostics: Diagnostics): void {
  const start = typeof list.start === "number" ? list.start : 1;
  list.items.forEach((item, index) => {
    const offset = locator.next(item.raw.split("\n")[0] ?? item.raw);
    const runs: Run[] = [];
    const nested: Tokens.List[] = [];
    const html = locator.child(item.raw, offset);
    for (const child of deckTokens(item.tokens)) {
      if (child.type === "list") nested.push(child);
      else if (child.type !== "space") {
        // Blocks in the item read on after a space; code and tables start lines of their own.
        if (runs.length > 0 && child.type !== "code" && child.type !== "table") runs.push(plainRun(" "));
        if (child.type === "html") {
          const at = html.next(child.raw);
          runs.push(...htmlRuns(child.raw, (local) => html.at(at + local), diagnostics));
        } else if (child.type === "code") {
          // A code block in a list item (`1. Run:` then an indented fence): its lines under the item's text, in the code font.
          runs.push(plainRun(LINE_BREAK), plainRun(child.text, true));
        } else if (child.type === "table") {
          const at = html.next(child.raw.split("\n")[0] ?? child.raw);
          diagnostics.warning("nested-table", "A table inside a list item is shown as lines of text in the item", html.at(at), "put the table after the list (not indented) to make it a table");
          for (const row of [child.header, ...child.rows]) runs.push(plainRun(LINE_BREAK), ...joinCells(row.map((cell) => inlineRuns(cell.tokens, html.report(diagnostics)))));
        } else runs.push(...inlineRuns("tokens" in child ? child.tokens : undefined, html.report(diagnostics)));
      }
    }
    items.push({ runs, level, ordered: list.ordered, number: start + index, position: locator.at(offset) });
    for (const sub of nested) listItems(sub, locator, level + 1, items, diagnostics);
  });
}

const plainRun = (text: string, code = false): Run => ({ text, bold: false, italic: false, strike: false, code, href: null });

/** A table row's cells as one line of runs, apart by a middle dot. */
function joinCells(cells: readonly Run[][]): Run[] {
  return cells.flatMap((cell, i) => (i === 0 ? cell : [plainRun(" · "), ...cell]));
}

/** The paragraphs of a quote's content: its paragraphs, and — so that nothing in a quote is lost — its lists (an item a paragraph, with its marker), nested quotes, headings and code as paragraphs too. */
function quoteParagraphs(tokens: readonly Token[], inside: Locator, diagnostics: Diagnostics, paragraphs: Run[][]): void {
  for (const child of deckTokens(tokens)) {
    if (child.type === "paragraph" || child.type === "text" || child.type === "heading") {
      paragraphs.push(inlineRuns(child.tokens, inside.report(diagnostics)));
    } else if (child.type === "html") {
      const at = inside.next(child.raw.trim());
      const runs = htmlRuns(child.raw.trim(), (local) => inside.at(at + local), diagnostics);
      if (runs.length > 0) paragraphs.push(runs);
    } else if (child.type === "list") {
      const list = child;
      const start = typeof list.start === "number" ? list.start : 1;
      list.items.forEach((item, i) => {
        const before = paragraphs.length;
        quoteParagraphs(item.tokens, inside, diagnostics, paragraphs);
        const first = paragraphs[before];
        if (first) first.unshift(plainRun(list.ordered ? `${start + i}. ` : "• "));
      });
    } else if (child.type === "blockquote") {
      quoteParagraphs(child.tokens, inside, diagnostics, paragraphs);
    } else if (child.type === "code") {
      paragraphs.push([plainRun(child.text, true)]);
    }
  }
}

function blockquote(token: Tokens.Blockquote, position: Position, inside: Locator, diagnostics: Diagnostics): LeafBlock {
  const paragraphs: Run[][] = [];
  quoteParagraphs(token.tokens, inside, diagnostics, paragraphs);
  let attribution: Run[] | null = null;
  // The attribution is the last line of the quote's last block, when that is a paragraph.
  const last = deckTokens(token.tokens).filter((t) => t.type !== "space").at(-1);
  const lastToken = last?.type === "paragraph" ? last : undefined;
  if (lastToken) {
    const lines = lastToken.text.split("\n");
    const match = ATTRIBUTION.exec(lines.at(-1) ?? "");
    if (match?.[1] !== undefined) {
      attribution = inlineRuns([{ type: "text", raw: match[1], text: match[1] }]);
      paragraphs.pop();
      const rest = lines.slice(0, -1).join("\n");
      if (rest.trim() !== "") paragraphs.push(inlineRuns([{ type: "text", raw: rest, text: rest }]));
    }
  }
  return { type: "blockquote", paragraphs, attribution, position };
}

function table(token: Tokens.Table, position: Position, inside: Locator, diagnostics: Diagnostics): LeafBlock {
  const cell = (c: Tokens.TableCell) => ({ runs: inlineRuns(c.tokens, inside.report(diagnostics)) });
  return {
    type: "table",
    align: token.align.map((a): Align | null => a),
    header: token.header.map(cell),
    rows: token.rows.map((row) => row.map(cell)),
    position,
  };
}

/** `{fit=cover}`, `{.cover}`, `{fit=contain}` right after an image. */
const FIT_ATTRIBUTE = /^\s*\{\s*(?:fit\s*=\s*["']?(contain|cover)["']?|\.(contain|cover))\s*\}\s*$/;

/** A paragraph that holds one image and nothing else (but a fit attribute) is an image block. */
function imageBlock(paragraph: Tokens.Paragraph, position: Position): LeafBlock | null {
  const tokens = deckTokens(paragraph.tokens).filter((t) => !(t.type === "text" && t.raw.trim() === ""));
  const [image, rest, ...more] = tokens;
  if (image?.type === "html" && rest === undefined) return htmlImage(image.raw, position);
  if (image?.type !== "image" || more.length > 0) return null;
  const attribute = rest === undefined ? null : FIT_ATTRIBUTE.exec(rest.raw);
  if (rest !== undefined && !attribute) return null;
  const { href, text, title } = image;
  const fit = attribute?.[1] ?? attribute?.[2] ?? "contain";
  return { type: "image", src: decodeEntities(href), alt: decodeEntities(text), caption: title ? decodeEntities(title) : null, fit: fit === "cover" ? "cover" : "contain", position };
}

/** `<img src alt title>` alone in its paragraph: an image block, as `![alt](src "title")` (`width` and `height` are not used). */
function htmlImage(raw: string, position: Position): LeafBlock | null {
  const tag = parseTag(raw);
  const effect = tag && !tag.closing ? tagEffect(tag) : null;
  if (effect?.kind !== "image" || effect.src === "") return null;
  const title = tag?.attributes.title;
  return { type: "image", src: effect.src, alt: effect.alt, caption: title === undefined || title === "" ? null : title, fit: "contain", position };
}

/** What one content token becomes; `null` for tokens that carry nothing (space, comments). */
export function block(token: DeckToken, position: Position, inside: Locator, diagnostics: Diagnostics): LeafBlock | null {
  switch (token.type) {
    case "paragraph":
    case "text": {
      const image = token.type === "paragraph" ? imageBlock(token, position) : null;
      if (image) return image;
      if (token.tokens?.some((t) => t.type === "image")) {
        diagnostics.warning("inline-image", "An image inside text is shown as its alt text; put the image in a paragraph of its own", position);
      }
      return { type: "paragraph", runs: inlineRuns(token.tokens, inside.report(diagnostics)), position };
    }
    case "heading":
      return { type: "subheading", runs: inlineRuns(token.tokens, inside.report(diagnostics)), position };
    case "list": {
      const items: ListItem[] = [];
      listItems(token, inside, 0, items, diagnostics);
      return { type: "list", items, position };
    }
    case "blockquote":
      return blockquote(token, position, inside, diagnostics);
    case "table":
      return table(token, position, inside, diagnostics);
    case "html":
      // Comments (and the directives written in them) are read by the slide splitter, not here.
      if (/^\s*<!--[\s\S]*-->\s*$/.test(token.raw)) return null;
      return htmlBlock(token.raw, position, (local) => inside.atLocal(local), diagnostics);
    case "code": {
      const code = token;
      const lang = (code.lang ?? "").trim();
      // pandoc's raw blocks (```{=latex}, ```{=html}): for that output format only, as pandoc leaves them out of PowerPoint.
      const raw = /^\{=([\w-]+)\}$/.exec(lang)?.[1];
      if (raw !== undefined) {
        diagnostics.warning("raw-tex", `A raw \`${raw}\` block is left out: it is for ${raw} output only, as pandoc reads it`, position);
        return null;
      }
      if (lang === "chart") {
        const spec = parseChartBlock(code.text, position, diagnostics);
        return spec ? { type: "chart", spec, position } : null;
      }
      return { type: "code", lang, text: code.text, position };
    }
    default:
      return null;
  }
}

/** Notes are plain text: paragraphs separated by blank lines, list items as lines. */
export function notesText(div: FencedDivToken): string {
  const parts: string[] = [];
  const visit = (tokens: readonly Token[], depth: number): void => {
    for (const token of deckTokens(tokens)) {
      if (token.type === "list") {
        for (const item of token.items) {
          const text = plainText(item.tokens.filter((t) => t.type !== "list").flatMap((t) => ("tokens" in t && t.tokens ? t.tokens : [])));
          parts.push(`${"  ".repeat(depth)}• ${text}`);
          visit(item.tokens.filter((t) => t.type === "list"), depth + 1);
        }
      } else if ("tokens" in token && token.tokens && token.type !== "fencedDiv") {
        parts.push(plainText(token.tokens));
      } else if (token.type === "code") {
        parts.push(token.text);
      }
    }
  };
  visit(div.tokens, 0);
  return parts.filter((p) => p.trim() !== "").join("\n\n");
}
