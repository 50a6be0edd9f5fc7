/**
 * Line breaking as PowerPoint does it, for one paragraph of runs in their own fonts and sizes:
 * greedy, a line takes words while they fit; spaces at a line's end hang past the edge and do not
 * count; a line may break after spaces, after a hyphen or dash, and around wide East Asian
 * characters and emoji (scripts.ts); a word wider than a whole line breaks between characters;
 * a line break character (`\n`, `\r`, U+2028, vertical tab) ends a line.
 */
import type { MeasuringFont } from "./fonts.js";
import { graphemes } from "./graphemes.js";
import type { WrappedLine } from "./model.js";
import { breakBetween, breakClass, isHangingClass } from "./scripts.js";

export interface WrapRun {
  text: string;
  font: MeasuringFont;
  /** Type size in points. */
  size: number;
}

/** PowerPoint's default tab stops: every inch (`defTabSz` 914400 EMU). */
const TAB_STOP = 1;
/** Rounding slack: widths that agree to a billionth of an inch fit. */
const EPSILON = 1e-9;
const HARD_BREAK = new Set(["\n", "\r", "\r\n", "\u2028", "\u000B"]);

/**
 * A paragraph's grapheme clusters, each with the run it is in, as parallel arrays (a paragraph
 * has hundreds of clusters and is wrapped at every size the fit stage tries: no object per
 * cluster). `text` is the runs' text in one string and `offsets[i]` where cluster `i` starts in
 * it, so the text of a stretch of clusters is one slice of it (not a string per cluster).
 */
interface Glyphs {
  text: string;
  texts: string[];
  runs: WrapRun[];
  offsets: number[];
}

/** A stretch `[start, stop)` of the glyphs, broken where a line may break: its content `[start, end)`, then its hanging spaces. */
interface Word {
  start: number;
  end: number;
  stop: number;
  width: number;
}

/** The lines of one paragraph in `width` inches. A paragraph with no text is one empty line. */
export function wrap(runs: readonly WrapRun[], width: number): WrappedLine[] {
  const glyphs: Glyphs = { text: "", texts: [], runs: [], offsets: [] };
  let offset = 0;
  for (const run of runs) {
    const clusters = graphemes(run.text);
    for (let i = 0; i < clusters.length; i++) {
      const cluster = clusters[i] as string;
      glyphs.texts.push(cluster);
      glyphs.runs.push(run);
      glyphs.offsets.push(offset);
      offset += cluster.length;
    }
  }
  glyphs.offsets.push(offset);
  glyphs.text = runs.map((run) => run.text).join("");
  const { texts } = glyphs;
  const lines: WrappedLine[] = [];
  let start = 0;
  for (let i = 0; i <= texts.length; i++) {
    if (i < texts.length && !HARD_BREAK.has(texts[i] as string)) continue;
    // An empty line takes the size of the run it is in.
    const size = glyphs.runs[i < texts.length ? i : i - 1]?.size ?? runs[0]?.size ?? 0;
    fill(lines, glyphs, words(glyphs, start, i), width, size);
    start = i + 1;
  }
  return lines;
}

/** Split the glyphs `[from, to)` at every break opportunity; each word keeps its hanging spaces. */
function words(glyphs: Glyphs, from: number, to: number): Word[] {
  const { texts } = glyphs;
  const out: Word[] = [];
  let start = from;
  let beforeThat = 0;
  let before = from < to ? breakClass(texts[from] as string) : 0;
  for (let i = from; i < to; i++) {
    const after = i + 1 < to ? breakClass(texts[i + 1] as string) : 0;
    if (i + 1 === to || breakBetween(before, after, beforeThat)) {
      let end = i + 1;
      while (end > start && isHangingClass(breakClass(texts[end - 1] as string))) end--;
      out.push({ start, end, stop: i + 1, width: measure(glyphs, start, end) });
      start = i + 1;
    }
    beforeThat = before;
    before = after;
  }
  return out;
}

/** Width of the glyphs `[from, to)`, each run's stretch measured in its own font (so kerning applies within it). */
function measure(glyphs: Glyphs, from: number, to: number, x = 0): number {
  const { text, texts, runs, offsets } = glyphs;
  let width = 0;
  // The run of the stretch being read, and where the stretch starts (empty when it is `i`).
  let run: WrapRun | undefined;
  let start = from;
  for (let i = from; i < to; i++) {
    if (texts[i] === "\t") {
      if (run && start < i) width += run.font.advance(text.slice(offsets[start], offsets[i]), run.size);
      start = i + 1;
      const at = x + width;
      width += TAB_STOP - (at % TAB_STOP);
      continue;
    }
    const owner = runs[i] as WrapRun;
    if (owner !== run) {
      if (run && start < i) width += run.font.advance(text.slice(offsets[start], offsets[i]), run.size);
      start = i;
    }
    run = owner;
  }
  if (run && start < to) width += run.font.advance(text.slice(offsets[start], offsets[to]), run.size);
  return width;
}

/** A line: the glyphs `[start, end)`, added in order. */
class Line {
  private start = -1;
  private end = -1;
  /** Width up to the end of its last word's content. */
  width = 0;
  /** Width of the spaces after it, which hang unless more words follow. */
  hanging = 0;
  size = 0;

  constructor(private readonly glyphs: Glyphs) {}

  get isEmpty(): boolean {
    return this.end === this.start;
  }

  /** The glyphs `[from, to)`, `width` wide, after what hangs. */
  add(from: number, to: number, width: number): void {
    this.take(from, to);
    this.width += this.hanging + width;
    this.hanging = 0;
  }

  hang(from: number, to: number): void {
    this.take(from, to);
    this.hanging += measure(this.glyphs, from, to, this.width + this.hanging);
  }

  private take(from: number, to: number): void {
    if (from === to) return;
    if (this.start === -1) this.start = from;
    this.end = to;
    for (let i = from; i < to; i++) this.size = Math.max(this.size, (this.glyphs.runs[i] as WrapRun).size);
  }

  done(): WrappedLine {
    const { text, offsets } = this.glyphs;
    return { text: this.isEmpty ? "" : text.slice(offsets[this.start], offsets[this.end]), width: this.width, size: this.size };
  }
}

function fill(lines: WrappedLine[], glyphs: Glyphs, list: readonly Word[], width: number, emptySize: number): void {
  let line = new Line(glyphs);
  for (const word of list) {
    if (!line.isEmpty && line.width + line.hanging + word.width > width + EPSILON && line.width > 0) {
      lines.push(line.done());
      line = new Line(glyphs);
    }
    if (line.width + line.hanging + word.width > width + EPSILON) {
      // Wider than what is left of an empty line: break between characters.
      for (let i = word.start; i < word.end; i++) {
        // What the character adds after the one before it on the line: its advance and their kerning.
        let w = i > word.start ? measure(glyphs, i - 1, i + 1) - measure(glyphs, i - 1, i) : measure(glyphs, i, i + 1);
        if (line.width + line.hanging + w > width + EPSILON && line.width > 0) {
          lines.push(line.done());
          line = new Line(glyphs);
          w = measure(glyphs, i, i + 1);
        }
        line.add(i, i + 1, w);
      }
    } else {
      line.add(word.start, word.end, word.width);
    }
    line.hang(word.end, word.stop);
  }
  if (line.isEmpty) line.size = emptySize;
  lines.push(line.done());
}
