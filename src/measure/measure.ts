/**
 * How much room a text box's text takes, laid out as src/write/writer.ts writes it: each
 * paragraph wrapped in the box's width less the insets and its indent, its lines 1.2 × their
 * largest type size × the line spacing high, with the space before each paragraph.
 */
import type { SpecParagraph, SpecRun, TextElement, TextStyle } from "../model/slideSpec.js";
import type { Theme } from "../model/theme.js";
import { fontFor, type MeasuringFont } from "./fonts.js";
import type { FontFamilies, ParagraphMeasurement, StandInUse, TextMeasurement, WrappedLine } from "./model.js";
import { wrap, type WrapRun } from "./wrap.js";
import { CELL_MARGIN, DEFAULT_BULLET_INDENT, POINTS_PER_INCH } from "../units.js";

/** Re-exported for the tests and callers that read the margins with the measurement. */
export { CELL_MARGIN };

const EPSILON = 1e-9;

/** An empty paragraph is measured as one space: a line of the paragraph's height. */
const SPACE: SpecRun = { text: " ", bold: false, italic: false, strike: false, font: null, color: null, href: null };

/** A theme's fonts as FontFamilies: each family with its fallbacks. */
export function familiesOf(theme: Pick<Theme, "fonts">): FontFamilies {
  const families: FontFamilies = {};
  for (const font of Object.values(theme.fonts)) families[font.family] = [...(families[font.family] ?? []), ...font.fallbacks];
  return families;
}

/** The family and its fallbacks, from the theme's list (matched without regard to case). */
function familyList(family: string, families: FontFamilies): string[] {
  const key = Object.keys(families).find((k) => k.toLowerCase() === family.toLowerCase());
  return [family, ...(key === undefined ? [] : (families[key] ?? []))];
}

class StandIns {
  private readonly used = new Map<string, StandInUse>();
  note(family: string, standIn: string, serves: string | null): void {
    if (!this.used.has(family)) this.used.set(family, { family, standIn, compatible: serves !== null });
  }
  list(): StandInUse[] {
    return [...this.used.values()];
  }
}

interface RunStyle {
  font: string;
  size: number;
  bold: boolean;
  italic: boolean;
}

/** The measuring font of each (family, bold, italic) asked with these families: the lookup is worked out once per family and style. */
const fontsOf = new WeakMap<FontFamilies, Map<string, MeasuringFont>>();

/** A run's font within one set of families: its family and style. */
function fontKey(style: RunStyle): string {
  return `${style.bold ? "b" : "-"}${style.italic ? "i" : "-"}${style.font}`;
}

function runFont(style: RunStyle, families: FontFamilies): MeasuringFont {
  let fonts = fontsOf.get(families);
  if (!fonts) {
    fonts = new Map();
    fontsOf.set(families, fonts);
  }
  const key = fontKey(style);
  let font = fonts.get(key);
  if (!font) {
    font = fontFor(familyList(style.font, families), style.bold, style.italic);
    fonts.set(key, font);
  }
  return font;
}

function wrapRun(text: string, style: RunStyle, families: FontFamilies, standIns: StandIns): WrapRun {
  const font = runFont(style, families);
  standIns.note(style.font, font.standIn, font.serves);
  return { text: text === "" ? " " : text, font, size: style.size };
}

/** A paragraph's lines at one width and size. */
interface Wrapped {
  available: number;
  size: number;
  lines: WrappedLine[];
}

/**
 * The lines of paragraphs already wrapped, by what decides them: the width, the size and each
 * run's text and font. Content, not the paragraph object, is the key: a flow's text is measured
 * when it is placed (render) and again when it is fitted, a shrinking box keeps the paragraphs it
 * does not resize, and a slide that continues is rendered again in pieces (src/fit/fit.ts), each
 * with new paragraph objects holding the same text, so each paragraph is wrapped once per width
 * and size. A paragraph object keeps the list of its content (found once per object and box
 * style), so a lookup hashes no text. Owned by one Measurer (fontMeasurer), so by one build and
 * one set of font families (a run's font is named by its family and style, which pick one font
 * within those families). Past `limit` wrapped paragraphs the content index starts afresh, so a
 * long deck's memory stays bounded (a list a paragraph keeps stays right: it is of its content).
 */
export class WrappedParagraphs {
  private readonly byContent = new Map<string, Wrapped[]>();
  private readonly kept = new WeakMap<SpecParagraph, Map<string, Wrapped[]>>();
  private count = 0;

  constructor(private readonly limit = 50_000) {}

  /** `make()`, or what it gave for the same content (`content()`, in a box of style `style`) at this width and size. */
  get(paragraph: SpecParagraph, style: string, content: () => string, available: number, size: number, make: () => WrappedLine[]): WrappedLine[] {
    let byStyle = this.kept.get(paragraph);
    if (!byStyle) {
      byStyle = new Map();
      this.kept.set(paragraph, byStyle);
    }
    let list = byStyle.get(style);
    if (!list) {
      const key = content();
      list = this.byContent.get(key);
      if (!list) {
        list = [];
        this.byContent.set(key, list);
      }
      byStyle.set(style, list);
    }
    for (const entry of list) if (entry.available === available && entry.size === size) return entry.lines;
    const lines = make();
    if (this.count >= this.limit) {
      this.byContent.clear();
      this.count = 0;
    }
    list.push({ available, size, lines });
    this.count += 1;
    return lines;
  }
}

/** A paragraph's content as its lines depend on it: each run's font (family and style) and text, its length first, so no text can read as another's key. */
function contentKey(runs: readonly WrapRun[], fonts: readonly string[]): string {
  let key = "";
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i] as WrapRun;
    key += `${fonts[i] as string}\u0000${run.text.length}\u0000${run.text}\u0000`;
  }
  return key;
}

/**
 * The paragraph's left margin as written (src/write/slideXml.ts): a bulleted or numbered paragraph has
 * `marL` = indent × (level + 1) with a hanging indent (the bullet hangs in the first indent, the
 * text lines up after it), and a paragraph without a bullet `marL="0"` whatever its level.
 */
export function paragraphIndent(paragraph: SpecParagraph, indent: number): number {
  if (paragraph.bullet === "none") return 0;
  return (indent > 0 ? indent : DEFAULT_BULLET_INDENT) * (paragraph.level + 1);
}

/** The equation of a paragraph that is one display formula and nothing else. */
export function equationAlone(paragraph: SpecParagraph): { linear: string; ems: number; lines: number } | null {
  const [only, ...rest] = paragraph.runs;
  return only?.math?.display === true && rest.length === 0 ? { linear: only.text, ems: only.math.ems, lines: only.math.lines } : null;
}

/** How the text of a text box lays out in it, and by how much it overflows. */
export function measureText(element: TextElement, families: FontFamilies, wrapped?: WrappedParagraphs): TextMeasurement {
  return layOut(element, families, wrapped, Infinity).measurement;
}

/**
 * Whether the text runs more than `by` inches past the bottom of its box: its paragraphs are laid
 * out in order only until one ends that far down. Always what `measureText(…).overflow > by` says:
 * every paragraph adds a height and a space before it of at least 0, so the text can only end
 * lower than where it was when it stopped.
 */
export function runsPast(element: TextElement, families: FontFamilies, by: number, wrapped?: WrappedParagraphs): boolean {
  const { measurement, stopped } = layOut(element, families, wrapped, by);
  return stopped || measurement.overflow > by;
}

/** measureText, stopping after the first paragraph that ends more than `stopPast` inches past the box's bottom. */
function layOut(element: TextElement, families: FontFamilies, wrapped: WrappedParagraphs | undefined, stopPast: number): { measurement: TextMeasurement; stopped: boolean } {
  const { style, box, inset } = element;
  const standIns = new StandIns();
  const paragraphs: ParagraphMeasurement[] = [];
  let y = inset;
  let overflowingParagraph: number | null = null;
  let stopped = false;
  // What of the box's style decides its paragraphs' fonts (WrappedParagraphs).
  const boxStyle = fontKey({ ...style, size: 0 });
  for (let i = 0; i < element.paragraphs.length && !stopped; i++) {
    const paragraph = element.paragraphs[i] as SpecParagraph;
    const size = paragraph.size ?? style.size;
    const fonts: string[] = [];
    const runs = (paragraph.runs.length > 0 ? paragraph.runs : [SPACE]).map((run) => {
      const runStyle = { font: run.font ?? style.font, size, bold: paragraph.bold ?? (run.bold || style.bold), italic: run.italic || style.italic };
      if (wrapped) fonts.push(fontKey(runStyle));
      return wrapRun(run.text, runStyle, families, standIns);
    });
    const available = box.w - 2 * inset - paragraphIndent(paragraph, element.indent);
    const alone = equationAlone(paragraph);
    // A display equation alone in its paragraph is one line of its own width (src/write/math.ts), never wrapped.
    const lines = alone
      ? [{ text: alone.linear, width: (alone.ems * size) / POINTS_PER_INCH, size }]
      : wrapped
        ? wrapped.get(paragraph, boxStyle, () => contentKey(runs, fonts), available, size, () => wrap(runs, available))
        : wrap(runs, available);
    const lineHeight = (runs[0] ?? wrapRun(" ", { ...style, size }, families, standIns)).font.lineHeight;
    // An equation is measured as its line of text, and drawn taller where it stacks (a fraction, limits).
    const tallest = paragraph.runs.reduce((most, run) => Math.max(most, run.math?.lines ?? 1), 1);
    const height = lines.reduce((sum, line) => sum + lineHeight(line.size, style.lineSpacing), 0) + (tallest - 1) * lineHeight(size, 1);
    const spaceBefore = (paragraph.spaceBefore ?? (i === 0 ? 0 : style.paragraphSpacing)) / POINTS_PER_INCH;
    y += spaceBefore + height;
    if (overflowingParagraph === null && y + inset > box.h + EPSILON) overflowingParagraph = i;
    paragraphs.push({ lines, height, spaceBefore, bottom: y, available });
    if (y + inset - box.h > stopPast) stopped = true;
  }
  const height = y + inset;
  return { measurement: { paragraphs, height, overflow: height - box.h, overflowingParagraph, fonts: standIns.list() }, stopped };
}

export interface CellOptions {
  /** A header cell: the writer sets every run bold (as does `style.bold`, how the render stage asks). */
  header?: boolean;
}

/**
 * The height a table cell's text needs in a column `widthInches` wide, margins included: the
 * writer sets the table's font and size, no line spacing (single), and bold for header cells.
 */
export function measureCellHeight(runs: readonly SpecRun[], widthInches: number, style: TextStyle, families: FontFamilies = {}, options: CellOptions = {}): number {
  const standIns = new StandIns();
  const wrapRuns = (runs.length > 0 ? runs : [SPACE]).map((run) =>
    wrapRun(run.text, { font: run.font ?? style.font, size: style.size, bold: run.bold || style.bold || options.header === true, italic: run.italic }, families, standIns),
  );
  const lines = wrap(wrapRuns, widthInches - CELL_MARGIN.left - CELL_MARGIN.right);
  const lineHeight = (wrapRuns[0] ?? wrapRun(" ", style, families, standIns)).font.lineHeight;
  return CELL_MARGIN.top + CELL_MARGIN.bottom + lines.reduce((sum, line) => sum + lineHeight(line.size, 1), 0);
}
