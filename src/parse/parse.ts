import type { Token, Tokens } from "marked";
import type { Block, LeafBlock, Outline, OutlineSlide } from "../model/outline.js";
import type { Position } from "../model/position.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { block, Locator, notesText } from "./blocks.js";
import { Builds, incrementalMode, isPause } from "./builds.js";
import { parseFrontMatter, splitFrontMatter } from "./frontMatter.js";
import { attachFootnotes } from "./footnotes.js";
import { inlineRuns } from "./inline.js";
import { lex, type FencedDivToken } from "./lexer.js";
import { deckTokens, type DeckToken } from "./tokens.js";
import { detectFlavor, isMarpDeck, marpDirectives, NOTES_MARKER, rewriteFlavor, TEMPLATE_END_MARKER, TEMPLATE_MARKER, type Flavor } from "./flavors.js";
import { applyMarpStyles, marpFrontMatter, readMarpImages, type MarpEvents } from "./marp.js";
import { applyTemplates, type Templates } from "./templates.js";
import { LineIndex, normaliseSource } from "./source.js";

type MarpPictures = MarpEvents["pictures"] extends Map<OutlineSlide, infer P> ? P : never;

const LAYOUT_DIRECTIVE = /^<!--\s*layout\s*:\s*(\S*)\s*-->\s*$/;
const COMMENT = /^<!--[\s\S]*-->\s*$/;

/**
 * Markdown text → Outline. Slide rules (docs/syntax.md): `# ` and `## ` headings start
 * slides, `---` starts an untitled one, content before any heading is an untitled slide;
 * directives and notes belong to the slide they are in.
 */
export interface ParseOptions {
  /** The Markdown's flavour as the user chose it (`--from`); otherwise the front matter's `flavor`, otherwise detected. */
  flavor?: Flavor | undefined;
}

export function parse(raw: string, file: string, diagnostics: Diagnostics, options: ParseOptions = {}): Outline {
  try {
    return parseText(raw, file, diagnostics, options);
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

function parseText(raw: string, file: string, diagnostics: Diagnostics, options: ParseOptions): Outline {
  const normalised = normaliseSource(raw, diagnostics);
  const split = splitFrontMatter(normalised);
  const titleBlock = split.yaml === null ? pandocTitleBlock(split.body) : null;
  if (titleBlock) split.body = titleBlock.body;
  const frontMatter = { ...titleBlock?.values, ...parseFrontMatter(split.yaml, split.firstLine, diagnostics, isMarpDeck(split.yaml, options.flavor)) };
  const flavor = options.flavor ?? frontMatter.flavor ?? detectFlavor(split.yaml, split.body);
  const original = new LineIndex(normalised);
  const body = rewriteFlavor(split.body, flavor, (offset) => original.at(split.bodyOffset + offset), diagnostics);
  const { bodyOffset } = split;
  const text = normalised.slice(0, bodyOffset) + body;
  const lines = new LineIndex(text);
  const locator = new Locator(body, bodyOffset, (offset) => lines.at(offset));
  const tokens = deckTokens(lex(withoutHugeParagraphs(body, bodyOffset, lines, diagnostics)));
  const headings = analyseHeadings(tokens);
  const level = slideLevel(headings, frontMatter["slide-level"]);
  const sections = new Set(tokens.filter((token) => token.type === "heading" && (!headings.withContent.has(token) || headings.titleSlides.has(token))));
  const splitter = new SlideSplitter(diagnostics, flavor, level, sections, frontMatter.incremental === true);
  if (flavor === "marp") readMarpImages(tokens, splitter.marp.images);
  for (const token of tokens) {
    const offset = locator.next(token.raw);
    splitter.take(token, lines.at(offset), locator.child(token.raw, offset));
  }
  const slides = applyTemplates(splitter.finish(), splitter.templates, diagnostics);
  if (flavor === "marp") applyMarpStyles(slides, marpFrontMatter(split.yaml, split.firstLine), frontMatter.footer !== undefined, splitter.marp, diagnostics);
  attachFootnotes(slides, tokens, text, (offset) => lines.at(offset), diagnostics);
  return { file, frontMatter, slides };
}

/**
 * pandoc's title block: up to three lines at the very top, `% Title`, `% Author(s)`, `% Date`
 * (an empty one skipped), read as the front matter's title, author and date; the lines are
 * blanked, so positions stay.
 */
function pandocTitleBlock(body: string): { values: { title?: string; author?: string; date?: string }; body: string } | null {
  const match = /^(?:%[^\n]*(?:\n|$)){1,3}/.exec(body);
  if (!match) return null;
  const [title, author, date] = match[0].split("\n").filter((l) => l.startsWith("%")).map((l) => l.replace(/^%\s*/, "").trim());
  const values = Object.fromEntries(Object.entries({ title, author: author?.replace(/\s*;\s*/g, ", "), date }).filter(([, v]) => v !== undefined && v !== ""));
  return { values, body: match[0].replace(/[^\n]/g, " ") + body.slice(match[0].length) };
}

/** Whether a top-level token is content on a slide (not a heading, a break, a blank or a comment). */
function isContent(token: DeckToken): boolean {
  if (token.type === "space" || token.type === "heading" || token.type === "hr" || token.type === "footnoteDefinition") return false;
  if (token.type === "html" && COMMENT.test(token.raw.trim())) return false;
  if (token.type === "fencedDiv" && token.classes.includes("notes")) return false;
  return true;
}

/**
 * The top-level headings, read once: which are followed directly by content (pandoc's test for
 * the slide level), and which are the deck's title or closing slide (its first or last heading,
 * a `# ` with at most two paragraphs under it).
 */
function analyseHeadings(tokens: readonly DeckToken[]): { withContent: Set<Tokens.Heading>; titleSlides: Set<Tokens.Heading> } {
  const withContent = new Set<Tokens.Heading>();
  const titleLike = new Set<Tokens.Heading>();
  const headings: Tokens.Heading[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== "heading") return;
    headings.push(token);
    let paragraphs = 0;
    let onlyShortText = token.depth === 1;
    for (let j = i + 1; j < tokens.length; j++) {
      const next = tokens[j];
      if (next === undefined) break;
      if (next.type === "heading" || next.type === "hr") break;
      if (!isContent(next)) continue;
      withContent.add(token);
      if (next.type !== "paragraph" || ++paragraphs > 2) onlyShortText = false;
    }
    if (onlyShortText) titleLike.add(token);
  });
  const ends = [headings[0], headings.at(-1)].filter((t): t is Tokens.Heading => t !== undefined && titleLike.has(t));
  return { withContent, titleSlides: new Set(ends) };
}

/**
 * pandoc's slide level: the highest level of heading that is followed directly by content
 * somewhere in the deck (a first or last `# ` heading with only a short paragraph under it, a
 * title or closing slide, does not count), or the front matter's `slide-level`. Found, it is at
 * most 2, so that `### ` stays a sub-heading as in deckwright's own decks (pandoc would make a deck
 * of `### ` slides under `## ` sections); with no such heading, 2: `# ` sections, `## ` slides.
 */
function slideLevel(headings: ReturnType<typeof analyseHeadings>, chosen: number | undefined): number {
  if (chosen !== undefined) return chosen;
  const depths = [...headings.withContent].filter((t) => !headings.titleSlides.has(t)).map((t) => t.depth);
  return Math.min(2, ...depths);
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

  /** The classes of other fenced divs already named by a warning (one a deck, not one a div). */
  private readonly divClassesSeen = new Set<string>();
  /** remark's `???` and reveal.js' `Note:` make the rest of the slide its speaker notes. */
  private notes: string[] | null = null;
  /** Marp's directives and background pictures, by slide, applied when all slides are read (marp.ts). */
  readonly marp: MarpEvents = { directives: new Map(), pending: [], pictures: new Map(), images: new WeakMap() };
  /** Marp's background pictures after `---` and before the slide's first content: a slide of their own if none comes. */
  private readonly pendingPictures: MarpPictures = [];
  /** remark's `layout: true` slides and the slides each applies to (templates.ts). */
  readonly templates: Templates = { of: new Map(), at: new Map() };
  /** `layout: true` seen: the next slide opened is a template; then the template that applies. */
  private template: { pending: boolean; slide: OutlineSlide | null; at: Position } | null = null;

  /**
   * `level`: headings above it start sections, at it slides, below it are sub-headings inside
   * the slide (pandoc's slide level). `sectionLike`: top-level headings with no content under
   * them, or a title-like first or last one, which at slide level 1 are section, title or
   * closing slides rather than empty content slides.
   */
  constructor(
    private readonly diagnostics: Diagnostics,
    private readonly flavor: Flavor = "deckwright",
    private readonly level = 2,
    private readonly sectionLike: ReadonlySet<Token> = new Set(),
    incremental = false,
  ) {
    this.builds = new Builds(incremental);
  }

  /** Pauses and `::: incremental` (builds.ts): the click each block appears on. */
  private readonly builds: Builds;

  /** `inside` finds positions within the token's own text. */
  take(token: DeckToken, position: Position, inside: Locator): void {
    if (isPause(token)) {
      // remark's `--` after `???`: the notes end, the slide goes on.
      if (this.notes !== null) this.endNotes();
      this.builds.pause(this.current !== null);
      return;
    }
    if (this.notes !== null) {
      if (token.type === "hr" || (token.type === "heading" && token.depth <= this.level)) this.endNotes();
      else {
        this.notes.push(token.raw.trim());
        return;
      }
    }
    switch (token.type) {
      case "heading": {
        const heading = token;
        if (heading.depth <= this.level) {
          const section = heading.depth < this.level || (this.level === 1 && this.sectionLike.has(token));
          this.open(section ? "heading1" : "heading2", inlineRuns(heading.tokens, inside.report(this.diagnostics)), position);
          return;
        }
        // A slide that starts with a sub-heading (`---` then `### …`) has it as its title: in Marp every heading is only text.
        if (this.current === null) {
          this.open("heading2", inlineRuns(heading.tokens, inside.report(this.diagnostics)), position);
          return;
        }
        break;
      }
      case "hr":
        this.current = null;
        this.picturesAlone();
        return;
      case "space":
        return;
      case "html": {
        const raw = token.raw.trim();
        // Comments are directives, notes or nothing; any other HTML is content (src/parse/htmlBlock.ts).
        if (raw.startsWith(NOTES_MARKER) || COMMENT.test(raw) || LAYOUT_DIRECTIVE.test(raw)) {
          this.html(raw, position);
          return;
        }
        break;
      }
      case "fencedDiv":
        this.div(token, position, inside);
        return;
      case "paragraph": {
        const text = token.text;
        if (/^:{3,}/.test(text)) {
          this.diagnostics.warning("unclosed-div", "Unexpected `:::` fence with no closing `:::`; shown as text", position);
        }
        if (this.flavor === "marp" && this.backgroundPictures(token, position, inside)) return;
        break;
      }
      default:
        break;
    }
    const content = block(token, position, inside, this.diagnostics);
    if (content?.type === "image" && token.type === "paragraph") this.sizeOf(token, content);
    if (content) this.slide(position).blocks.push(this.builds.stamp(content));
  }

  /**
   * Marp's `![bg …](p)` pictures in a paragraph go behind the slide (or beside it); the rest of
   * the paragraph stays. True when nothing else was in it.
   */
  private backgroundPictures(paragraph: Tokens.Paragraph, position: Position, inside: Locator): boolean {
    const pictures = deckTokens(paragraph.tokens).filter((t): t is Tokens.Image => t.type === "image" && this.marp.images.get(t)?.background === true);
    if (pictures.length === 0) return false;
    // Before the slide's heading (Marp's slide is what is between `---`), they wait for it, as directives do.
    const list = this.current ? (this.marp.pictures.get(this.current) ?? []) : this.pendingPictures;
    for (const image of pictures) {
      const at = inside.atLocal(Math.max(0, paragraph.raw.indexOf(image.raw)));
      list.push({ token: image, info: this.marp.images.get(image) ?? null, position: at });
    }
    if (this.current) this.marp.pictures.set(this.current, list);
    paragraph.tokens = paragraph.tokens.filter((t) => !(pictures as readonly Token[]).includes(t));
    const rest = paragraph.tokens.every((t) => t.type === "text" && t.raw.trim() === "");
    // Text in the paragraph besides the pictures opens the slide, which takes them.
    if (!rest) this.slide(position);
    return rest;
  }

  /** Marp's `w:200px` / `h:100px` on a picture of its own. */
  private sizeOf(paragraph: Tokens.Paragraph, image: Extract<LeafBlock, { type: "image" }>): void {
    const token = paragraph.tokens.find((t) => t.type === "image");
    const info = token ? this.marp.images.get(token) : undefined;
    if (!info) return;
    if (info.width !== null) image.width = info.width;
    if (info.height !== null) image.height = info.height;
    if (info.ignored.length > 0) {
      this.diagnostics.warning("foreign-syntax", `The Marp picture keywords ${info.ignored.map((k) => `\`${k}\``).join(", ")} are not applied`, image.position);
    }
  }

  /** The notes gathered since `???` or `Note:` go to the slide they were on. */
  private endNotes(): void {
    const text = (this.notes ?? []).filter((n) => n !== "").join("\n\n");
    this.notes = null;
    if (text === "") return;
    if (this.current) this.current.notes = joinNotes(this.current.notes, [text]);
    else this.pendingNotes.push(text);
  }

  /** Background pictures with nothing else on their Marp slide: a slide of their own. */
  private picturesAlone(): void {
    const first = this.pendingPictures[0];
    if (!first) return;
    this.open("break", null, first.position);
    this.current = null;
  }

  finish(): OutlineSlide[] {
    if (this.notes !== null) this.endNotes();
    this.picturesAlone();
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
    this.builds.reset();
    if (this.marp.pending.length > 0) this.marp.directives.set(slide, this.marp.pending.splice(0));
    if (this.pendingPictures.length > 0) this.marp.pictures.set(slide, this.pendingPictures.splice(0));
    this.slides.push(slide);
    this.current = slide;
    this.followTemplate(slide);
    return slide;
  }

  /** remark: the slide after `layout: true` is the template; the slides after it follow it. */
  private followTemplate(slide: OutlineSlide): void {
    const template = this.template;
    if (!template) return;
    if (template.pending) {
      template.pending = false;
      template.slide = slide;
      this.templates.of.set(slide, []);
      this.templates.at.set(slide, template.at);
      return;
    }
    if (template.slide) this.templates.of.get(template.slide)?.push(slide);
  }

  /** The slide that content goes to, opening an untitled one after `---` or at the start. */
  private slide(position: Position): OutlineSlide {
    return this.current ?? this.open("break", null, position);
  }

  /** `:::: columns` with a `::: column` per column; anything else inside is reported and left out. */
  private columns(div: FencedDivToken, position: Position, inside: Locator): Block {
    const columns: LeafBlock[][] = [];
    // Read in order, so that a pause between two columns shows the second a click later.
    const stray = leafBlocks(div, inside, this.diagnostics, this.builds, (column, columnInside) => {
      if (!column.classes.includes("column")) {
        this.diagnostics.warning("unknown-div", `Unexpected fenced div \`${column.classes.join(" ")}\` inside \`columns\`, expected \`column\``, position);
        return;
      }
      let nested = false;
      columns.push(leafBlocks(column, columnInside, this.diagnostics, this.builds, () => (nested = true)));
      if (nested) this.diagnostics.warning("nested-columns", "Columns do not nest; the inner divs are left out", position);
    });
    if (stray[0]) {
      this.diagnostics.warning("stray-column-content", "Content inside `columns` but outside a `::: column` is left out", stray[0].position);
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
    if (raw.startsWith(NOTES_MARKER)) {
      this.notes = [raw.slice(NOTES_MARKER.length).trim()];
      return;
    }
    if (raw === TEMPLATE_MARKER || raw === TEMPLATE_END_MARKER) {
      // remark's `layout: true` / `layout: false` at the top of a slide (flavors.ts): it opens after this line.
      this.current = null;
      this.template = raw === TEMPLATE_MARKER ? { pending: true, slide: null, at: position } : null;
      return;
    }
    this.comment(raw, position);
  }

  /**
   * An HTML comment is invisible, as in Markdown; but Marp's directives are named as ignored
   * (reveal.js' attribute comments are, in flavors.ts), and in a Marp deck any other comment is
   * the slide's speaker notes, as Marp makes it.
   */
  private comment(raw: string, position: Position): void {
    const directives = this.flavor === "marp" ? marpDirectives(raw) : null;
    if (directives !== null) {
      const events = directives.map((d) => ({ ...d, position: { line: position.line + d.line, column: d.line === 0 ? position.column + d.column : d.column + 1 } }));
      if (this.current) this.marp.directives.set(this.current, [...(this.marp.directives.get(this.current) ?? []), ...events]);
      else this.marp.pending.push(...events);
      return;
    }
    if (this.flavor !== "marp") return;
    const text = raw.replace(/^<!--/, "").replace(/-->\s*$/, "").trim();
    if (text === "") return;
    if (this.current) this.current.notes = joinNotes(this.current.notes, [text]);
    else {
      this.pendingNotes.push(text);
      this.pendingNotesAt ??= position;
    }
  }

  private div(div: FencedDivToken, position: Position, inside: Locator): void {
    if (div.classes.includes("columns")) {
      // The slide opens first: pauses inside count on it.
      const slide = this.slide(position);
      slide.blocks.push(this.columns(div, position, inside));
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
    // `::: incremental` and `::: nonincremental` (pandoc's) build their lists item by item, or not (builds.ts).
    const mode = incrementalMode(div.classes);
    // pandoc's and Quarto's other divs (`footer`, `callout-note`, `aside`, …) keep their content; a class is named once a deck.
    const name = div.classes.join(" ") || "(no class)";
    if (mode === null && !this.divClassesSeen.has(name)) {
      this.divClassesSeen.add(name);
      this.diagnostics.warning("unknown-div", `A fenced div \`${name}\` is not one of deckwright's (\`notes\`, \`columns\`, \`column\`); its content is kept as slide content`, position);
    }
    inside.next(div.raw.slice(0, div.innerOffset));
    this.builds.enter(mode);
    for (const token of deckTokens(div.tokens)) {
      const tokenOffset = inside.next(token.raw);
      this.take(token, inside.at(tokenOffset), inside.child(token.raw, tokenOffset));
    }
    this.builds.leave();
  }
}

/**
 * The leaf blocks of a fenced div's tokens, with their positions and the clicks they appear on;
 * `nested` is given each div inside, in reading order. An `::: incremental` or
 * `::: nonincremental` div inside is opened up, its lists built as it says.
 */
function leafBlocks(div: FencedDivToken, inside: Locator, diagnostics: Diagnostics, builds: Builds, nested: (div: FencedDivToken, inside: Locator) => void): LeafBlock[] {
  const blocks: LeafBlock[] = [];
  inside.next(div.raw.slice(0, div.innerOffset));
  for (const token of deckTokens(div.tokens)) {
    const offset = inside.next(token.raw);
    if (isPause(token)) {
      builds.pause(true);
      continue;
    }
    if (token.type === "fencedDiv") {
      const inner = token;
      const mode = incrementalMode(inner.classes);
      if (mode === null) {
        nested(inner, inside.child(token.raw, offset));
        continue;
      }
      builds.enter(mode);
      blocks.push(...leafBlocks(inner, inside.child(token.raw, offset), diagnostics, builds, nested));
      builds.leave();
      continue;
    }
    const found = block(token, inside.at(offset), inside.child(token.raw, offset), diagnostics);
    if (found) blocks.push(builds.stamp(found));
  }
  return blocks;
}

function joinNotes(existing: string | null, more: string[]): string {
  return [existing, ...more].filter((n): n is string => n !== null && n !== "").join("\n\n");
}
