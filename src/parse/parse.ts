import type { Token, Tokens } from "marked";
import type { Block, LeafBlock, Outline, OutlineSlide } from "../model/outline.js";
import type { Position } from "../model/position.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { block, Locator, notesText } from "./blocks.js";
import { parseFrontMatter, splitFrontMatter } from "./frontMatter.js";
import { inlineRuns } from "./inline.js";
import { lex, type FencedDivToken } from "./lexer.js";
import { LineIndex, normaliseSource } from "./source.js";

const LAYOUT_DIRECTIVE = /^<!--\s*layout\s*:\s*(\S*)\s*-->\s*$/;
const COMMENT = /^<!--[\s\S]*-->\s*$/;

/**
 * Markdown text → Outline. Slide rules (docs/syntax.md): `# ` and `## ` headings start
 * slides, `---` starts an untitled one, content before any heading is an untitled slide;
 * directives and notes belong to the slide they are in.
 */
export function parse(raw: string, file: string, diagnostics: Diagnostics): Outline {
  try {
    return parseText(raw, file, diagnostics);
  } catch (error) {
    // marked and the inline walk recurse once per level of nesting; thousands of levels overflow the stack.
    if (!(error instanceof RangeError)) throw error;
    diagnostics.error("input-too-complex", "The Markdown nests too deeply to read (thousands of levels of quotes, lists or emphasis)", { line: 1, column: 1 }, "flatten the nesting");
    return { file, frontMatter: {}, slides: [] };
  }
}

/**
 * A run of text with no blank line longer than this is refused: marked overflows its stack on
 * a few megabytes of it, and no slide could show it. (A list of thousands of items is far below.)
 */
export const MAX_PARAGRAPH_CHARACTERS = 1_000_000;

function parseText(raw: string, file: string, diagnostics: Diagnostics): Outline {
  const text = normaliseSource(raw, diagnostics);
  const lines = new LineIndex(text);
  const { yaml, body, bodyOffset } = splitFrontMatter(text);
  const frontMatter = parseFrontMatter(yaml, 2, diagnostics);
  const splitter = new SlideSplitter(diagnostics);
  const locator = new Locator(body, bodyOffset, (offset) => lines.at(offset));
  for (const token of lex(withoutHugeParagraphs(body, bodyOffset, lines, diagnostics))) {
    const offset = locator.next(token.raw);
    splitter.take(token, lines.at(offset), locator.child(token.raw, offset));
  }
  return { file, frontMatter, slides: splitter.finish() };
}

/**
 * A run of text with no blank line that is longer than any slide can show is refused, and
 * blanked out (its line breaks kept, so every later position is still right): marked would
 * overflow its stack on it, and measuring it would take minutes.
 */
function withoutHugeParagraphs(body: string, bodyOffset: number, lines: LineIndex, diagnostics: Diagnostics): string {
  if (body.length <= MAX_PARAGRAPH_CHARACTERS) return body;
  return body.replace(/[^\n]+(?:\n[^\n]+)*/g, (chunk, offset: number) => {
    if (chunk.length <= MAX_PARAGRAPH_CHARACTERS) return chunk;
    diagnostics.error(
      "paragraph-too-long",
      `A block of ${chunk.length.toLocaleString("en-US")} characters with no blank line is more than any slide can show (at most ${MAX_PARAGRAPH_CHARACTERS.toLocaleString("en-US")})`,
      lines.at(bodyOffset + offset),
      "split it into paragraphs or slides",
    );
    return chunk.replace(/[^\n]/g, "");
  });
}

/** Walks the top-level tokens and cuts them into slides. */
class SlideSplitter {
  private readonly slides: OutlineSlide[] = [];
  private current: OutlineSlide | null = null;
  /** A directive or notes seen after `---` and before the next slide's first content. */
  private pendingLayout: OutlineSlide["layout"] = null;
  private pendingNotes: string[] = [];
  /** Where the first pending notes block was, for the warning when no slide follows. */
  private pendingNotesAt: Position | null = null;

  constructor(private readonly diagnostics: Diagnostics) {}

  /** `inside` finds positions within the token's own text. */
  take(token: Token, position: Position, inside: Locator): void {
    switch (token.type) {
      case "heading": {
        const heading = token as Tokens.Heading;
        if (heading.depth <= 2) {
          this.open(heading.depth === 1 ? "heading1" : "heading2", inlineRuns(heading.tokens), position);
          return;
        }
        break;
      }
      case "hr":
        this.current = null;
        return;
      case "space":
        return;
      case "html":
        this.html(token.raw.trim(), position);
        return;
      case "fencedDiv":
        this.div(token as unknown as FencedDivToken, position, inside);
        return;
      case "paragraph":
        if (/^:{3,}/.test((token as Tokens.Paragraph).text)) {
          this.diagnostics.warning("unclosed-div", "Unexpected `:::` fence with no closing `:::`; shown as text", position);
        }
        break;
      default:
        break;
    }
    const content = block(token, position, inside, this.diagnostics);
    if (content) this.slide(position).blocks.push(content);
  }

  finish(): OutlineSlide[] {
    const last = this.slides.at(-1);
    if (this.pendingNotes.length > 0) {
      if (last) last.notes = joinNotes(last.notes, this.pendingNotes);
      else this.diagnostics.warning("orphan-notes", "Speaker notes with no slide to belong to are dropped", this.pendingNotesAt);
    }
    return this.slides;
  }

  private open(start: OutlineSlide["start"], title: OutlineSlide["title"], position: Position): OutlineSlide {
    const slide: OutlineSlide = { start, title, position, layout: this.pendingLayout, blocks: [], notes: null };
    if (this.pendingNotes.length > 0) slide.notes = joinNotes(null, this.pendingNotes);
    this.pendingLayout = null;
    this.pendingNotes = [];
    this.slides.push(slide);
    this.current = slide;
    return slide;
  }

  /** The slide that content goes to, opening an untitled one after `---` or at the start. */
  private slide(position: Position): OutlineSlide {
    return this.current ?? this.open("break", null, position);
  }

  /** `:::: columns` with a `::: column` per column; anything else inside is reported and left out. */
  private columns(div: FencedDivToken, position: Position, inside: Locator): Block {
    const columns: LeafBlock[][] = [];
    const { blocks: stray, nested } = leafBlocks(div, inside, this.diagnostics);
    if (stray[0]) {
      this.diagnostics.warning("stray-column-content", "Content inside `columns` but outside a `::: column` is left out", stray[0].position);
    }
    for (const { div: column, inside: columnInside } of nested) {
      if (!column.classes.includes("column")) {
        this.diagnostics.warning("unknown-div", `Unexpected fenced div \`${column.classes.join(" ")}\` inside \`columns\`, expected \`column\``, position);
        continue;
      }
      const found = leafBlocks(column, columnInside, this.diagnostics);
      if (found.nested[0]) this.diagnostics.warning("nested-columns", "Columns do not nest; the inner divs are left out", position);
      columns.push(found.blocks);
    }
    if (columns.length === 0) this.diagnostics.warning("empty-columns", "A `columns` div with no `::: column` inside", position);
    return { type: "columns", columns, position };
  }

  private html(raw: string, position: Position): void {
    const directive = LAYOUT_DIRECTIVE.exec(raw);
    if (directive) {
      const name = directive[1] ?? "";
      const at = { line: position.line, column: position.column + raw.indexOf(name, raw.indexOf(":")) };
      const layout = { name, position: at };
      if (this.current) {
        if (this.current.layout) {
          this.diagnostics.warning("duplicate-directive", `A second layout directive on this slide; \`${name}\` wins over \`${this.current.layout.name}\``, position);
        }
        this.current.layout = layout;
      } else {
        this.pendingLayout = layout;
      }
      return;
    }
    if (COMMENT.test(raw)) return;
    this.diagnostics.warning("raw-html", "Raw HTML is not rendered on slides and was left out", position, "write the content as Markdown");
  }

  private div(div: FencedDivToken, position: Position, inside: Locator): void {
    if (div.classes.includes("columns")) {
      this.slide(position).blocks.push(this.columns(div, position, inside));
      return;
    }
    if (div.classes.includes("notes")) {
      const text = notesText(div);
      if (this.current) this.current.notes = joinNotes(this.current.notes, [text]);
      else {
        this.pendingNotes.push(text);
        this.pendingNotesAt ??= position;
      }
      return;
    }
    this.diagnostics.warning(
      "unknown-div",
      `Unexpected fenced div \`${div.classes.join(" ")}\`, expected \`notes\`; its content is kept as slide content`,
      position,
    );
    inside.next(div.raw.slice(0, div.innerOffset));
    for (const token of div.tokens) {
      const tokenOffset = inside.next(token.raw);
      this.take(token, inside.at(tokenOffset), inside.child(token.raw, tokenOffset));
    }
  }
}

/** The leaf blocks of a fenced div's tokens, with their positions. */
function leafBlocks(div: FencedDivToken, inside: Locator, diagnostics: Diagnostics): { blocks: LeafBlock[]; nested: { div: FencedDivToken; inside: Locator }[] } {
  const blocks: LeafBlock[] = [];
  const nested: { div: FencedDivToken; inside: Locator }[] = [];
  inside.next(div.raw.slice(0, div.innerOffset));
  for (const token of div.tokens) {
    const offset = inside.next(token.raw);
    if (token.type === "fencedDiv") {
      nested.push({ div: token as unknown as FencedDivToken, inside: inside.child(token.raw, offset) });
      continue;
    }
    const found = block(token, inside.at(offset), inside.child(token.raw, offset), diagnostics);
    if (found) blocks.push(found);
  }
  return { blocks, nested };
}

function joinNotes(existing: string | null, more: string[]): string {
  return [existing, ...more].filter((n): n is string => n !== null && n !== "").join("\n\n");
}
