/**
 * pandoc's own tables, besides GFM's pipe tables (which marked reads): grid tables, simple tables
 * and multiline tables (pandoc's manual, "Tables"). Each becomes the same table token marked
 * makes for a pipe table, so the rest of the parser reads them alike. A cell that holds several
 * lines (multiline and grid tables) reads as one text, its lines joined by spaces; a grid cell's
 * list items stay on lines of their own.
 *
 * Column alignment is pandoc's: in a simple or multiline table, from where the header's text
 * sits over its dashes (flush left: left; flush right: right; neither: centre; both: default);
 * in a grid table, from colons in the line under the header (`+:---+---:+:--:+`).
 */
import type { Tokens, TokenizerAndRendererExtension, TokenizerThis } from "marked";
import { blockStartWithinParagraph } from "./blockStart.js";

type Align = "left" | "right" | "center" | null;

interface Column {
  start: number;
  end: number;
}

const DASHES = /^ {0,3}-{3,}[ \t]*$/;
/** A table longer than this many lines is not looked for (a slide shows a few dozen). */
const MAX_LINES = 2000;
/** A line of dash runs with spaces between them: the columns of a simple or multiline table. */
const SEGMENTS = /^ *-+(?: +-+)+ *$/;
const GRID_BORDER = /^ {0,3}\+(?:[-=:]+\+)+[ \t]*$/;
const GRID_HEADER_BORDER = /^ {0,3}\+(?:[=:]+\+)+[ \t]*$/;

/** The lines up to the first blank line (at most `max`), found line by line: never the whole rest of the document. */
function linesOf(src: string, max = MAX_LINES): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < src.length && lines.length < max) {
    const newline = src.indexOf("\n", start);
    const line = src.slice(start, newline === -1 ? src.length : newline);
    if (line.trim() === "") break;
    lines.push(line);
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

/** The first line of `src`. */
const firstLine = (src: string): string => src.slice(0, (src.indexOf("\n") + 1 || src.length + 1) - 1);

/** The source the first `lines` take, with the newline after them. */
function consumed(src: string, lines: readonly string[]): string {
  const length = lines.join("\n").length;
  return src.slice(0, src[length] === "\n" ? length + 1 : length);
}

const columnsOf = (line: string): Column[] => [...line.matchAll(/-+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
const cut = (line: string, column: Column, next: Column | undefined) => line.slice(column.start, next ? next.start : undefined).trim();

function alignOf(header: string, column: Column): Align {
  const text = header.slice(column.start, column.end);
  if (text.trim() === "") return null;
  const left = !/^\s/.test(text);
  const right = header.length >= column.end && !/\s$/.test(text) && (header[column.end] === undefined || /\s/.test(header[column.end] ?? ""));
  if (left && right) return null;
  if (left) return "left";
  if (right) return "right";
  return "center";
}

function cellTokens(lexer: TokenizerThis["lexer"], text: string, header: boolean, align: Align): Tokens.TableCell {
  return { text, tokens: lexer.inlineTokens(text), header, align };
}

function tableToken(raw: string, lexer: TokenizerThis["lexer"], header: string[], rows: string[][], align: Align[]): Tokens.Table {
  return {
    type: "table",
    raw,
    align,
    header: header.map((text, i) => cellTokens(lexer, text, true, align[i] ?? null)),
    rows: rows.map((row) => row.map((text, i) => cellTokens(lexer, text, false, align[i] ?? null))),
  };
}

/** `+---+---+` tables: cells between `|`, rows between `+---+` borders, the header above `+===+`. */
function grid(src: string, lexer: TokenizerThis["lexer"]): Tokens.Table | undefined {
  if (!GRID_BORDER.test(firstLine(src))) return undefined;
  const lines = linesOf(src);
  let last = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (GRID_BORDER.test(line)) last = i;
    else if (!/^ {0,3}\|.*\|[ \t]*$/.test(line)) break;
  }
  if (last === 0) return undefined;
  const table = lines.slice(0, last + 1);
  const bounds = [...(table[0] ?? "").matchAll(/\+/g)].map((m) => m.index);
  const rows: string[][] = [];
  let current: string[][] = [];
  let headerRows = 0;
  let align: Align[] = bounds.slice(1).map(() => null);
  for (const line of table.slice(1)) {
    if (GRID_BORDER.test(line)) {
      if (current.length > 0) rows.push(current.map((cell) => joinCell(cell)));
      current = [];
      if (GRID_HEADER_BORDER.test(line)) {
        headerRows = rows.length;
        align = bounds.slice(1).map((end, i) => {
          const segment = line.slice((bounds[i] ?? 0) + 1, end);
          return segment.startsWith(":") && segment.endsWith(":") ? "center" : segment.endsWith(":") ? "right" : segment.startsWith(":") ? "left" : null;
        });
      }
      continue;
    }
    const cells = bounds.slice(1).map((end, i) => line.slice((bounds[i] ?? 0) + 1, end));
    current = current.length === 0 ? cells.map((c) => [c]) : current.map((cell, i) => [...cell, cells[i] ?? ""]);
  }
  if (rows.length === 0) return undefined;
  const raw = consumed(src, table);
  // No `+===+` line: pandoc's headerless grid table; deckwright's tables have a header row, so the first row is it.
  const header = headerRows > 0 ? rows.slice(0, headerRows).reduce((a, b) => a.map((t, i) => `${t} ${b[i] ?? ""}`.trim())) : (rows[0] ?? []);
  return tableToken(raw, lexer, header, rows.slice(headerRows > 0 ? headerRows : 1), align);
}

/** A grid cell's lines: list items stay on lines of their own, other lines are joined. */
function joinCell(lines: readonly string[]): string {
  return lines
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .reduce((text, line) => (text === "" ? line : /^(?:[-*+]|\d+[.)])\s/.test(line) ? `${text}  \n${line}` : `${text} ${line}`), "");
}

/** A header line over a line of dash runs (two columns or more), rows until a blank line. */
function simple(src: string, lexer: TokenizerThis["lexer"]): Tokens.Table | undefined {
  const [header, rule] = linesOf(src, 2);
  if (header === undefined || rule === undefined || !SEGMENTS.test(rule)) return undefined;
  const lines = linesOf(src);
  if (header.trim() === "" || /^ {0,3}[-*+] /.test(header)) return undefined;
  const columns = columnsOf(rule);
  let rows = lines.slice(2);
  // A closing dash line (as a headerless table has) is not a row.
  if (rows.length > 0 && /^ *-+[ -]*$/.test(rows.at(-1) ?? "")) rows = rows.slice(0, -1);
  if (rows.length === 0) return undefined;
  const align = columns.map((c) => alignOf(header, c));
  const split = (line: string) => columns.map((c, i) => cut(line, c, columns[i + 1]));
  return tableToken(consumed(src, lines), lexer, split(header), rows.map(split), align);
}

/** The lines from the opening dashes to the next line of dashes across (at most MAX_LINES). */
function upToClosingDashes(src: string): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start <= src.length && lines.length < MAX_LINES) {
    const newline = src.indexOf("\n", start);
    const line = src.slice(start, newline === -1 ? src.length : newline);
    lines.push(line);
    if ((lines.length > 1 && DASHES.test(line)) || newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

/** Dashes across, a header of one or more lines, dash runs, rows separated by blank lines, dashes across. */
function multiline(src: string, lexer: TokenizerThis["lexer"]): Tokens.Table | undefined {
  if (!DASHES.test(firstLine(src))) return undefined;
  // Its rows are apart by blank lines, so its lines are taken up to its closing dashes, not to a blank line.
  const all = upToClosingDashes(src);
  if ((all[1] ?? "").trim() === "") return undefined;
  const rule = all.findIndex((line, i) => i > 0 && SEGMENTS.test(line));
  if (rule < 2 || all.slice(1, rule).some((l) => l.trim() === "")) return undefined;
  const end = all.findIndex((line, i) => i > rule && DASHES.test(line));
  if (end === -1 || all.slice(rule + 1, end).some((l) => DASHES.test(l))) return undefined;
  const columns = columnsOf(all[rule] ?? "");
  const split = (block: readonly string[]) => columns.map((c, i) => block.map((line) => cut(line, c, columns[i + 1])).filter((t) => t !== "").join(" "));
  const headerLines = all.slice(1, rule);
  const rows: string[][] = [];
  let block: string[] = [];
  for (const line of [...all.slice(rule + 1, end), ""]) {
    if (line.trim() !== "") block.push(line);
    else if (block.length > 0) {
      rows.push(split(block));
      block = [];
    }
  }
  if (rows.length === 0) return undefined;
  const align = columns.map((c) => alignOf(headerLines[0] ?? "", c));
  return tableToken(consumed(src, all.slice(0, end + 1)), lexer, split(headerLines), rows, align);
}

export const pandocTables: TokenizerAndRendererExtension = {
  name: "pandocTable",
  level: "block",
  start: (src) => blockStartWithinParagraph(src, /^ {0,3}(?:\+[-=:]|-{3,}[ \t]*$|\S[^\n]*\n *-+ +-)/m),
  tokenizer(src) {
    return grid(src, this.lexer) ?? multiline(src, this.lexer) ?? simple(src, this.lexer);
  },
  renderer() {
    return "";
  },
};
