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
import { canBreakBetween, isHangingSpace } from "./scripts.js";

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

interface Glyph {
  text: string;
  run: WrapRun;
}

interface Word {
  /** Up to the hanging spaces at its end. */
  content: Glyph[];
  spaces: Glyph[];
  width: number;
}

/** The lines of one paragraph in `width` inches. A paragraph with no text is one empty line. */
export function wrap(runs: readonly WrapRun[], width: number): WrappedLine[] {
  const glyphs = runs.flatMap((run) => graphemes(run.text).map((text) => ({ text, run })));
  const lines: WrappedLine[] = [];
  let start = 0;
  for (let i = 0; i <= glyphs.length; i++) {
    const glyph = glyphs[i];
    if (glyph !== undefined && !HARD_BREAK.has(glyph.text)) continue;
    // An empty line takes the size of the run it is in.
    const size = (glyph ?? glyphs[i - 1])?.run.size ?? runs[0]?.size ?? 0;
    lines.push(...fill(words(glyphs.slice(start, i)), width, size));
    start = i + 1;
  }
  return lines;
}

/** Split at every break opportunity; each word keeps its hanging spaces. */
function words(glyphs: readonly Glyph[]): Word[] {
  const out: Word[] = [];
  let current: Glyph[] = [];
  glyphs.forEach((glyph, i) => {
    current.push(glyph);
    const next = glyphs[i + 1];
    if (next === undefined || canBreakBetween(glyph.text, next.text, glyphs[i - 1]?.text ?? "")) {
      let end = current.length;
      while (end > 0 && isHangingSpace(current[end - 1]?.text ?? "")) end--;
      const content = current.slice(0, end);
      out.push({ content, spaces: current.slice(end), width: measure(content) });
      current = [];
    }
  });
  return out;
}

/** Width of glyphs, each run's stretch measured in its own font (so kerning applies within it). */
function measure(glyphs: readonly Glyph[], x = 0): number {
  let width = 0;
  let text = "";
  let run: WrapRun | undefined;
  const flush = () => {
    if (run && text !== "") width += run.font.advance(text, run.size);
    text = "";
  };
  for (const glyph of glyphs) {
    if (glyph.text === "\t") {
      flush();
      const at = x + width;
      width += TAB_STOP - (at % TAB_STOP);
      continue;
    }
    if (glyph.run !== run) flush();
    run = glyph.run;
    text += glyph.text;
  }
  flush();
  return width;
}

class Line {
  text = "";
  /** Width up to the end of its last word's content. */
  width = 0;
  /** Width of the spaces after it, which hang unless more words follow. */
  hanging = 0;
  size = 0;

  get isEmpty(): boolean {
    return this.text === "";
  }

  add(glyphs: readonly Glyph[], width: number): void {
    for (const glyph of glyphs) {
      this.text += glyph.text;
      this.size = Math.max(this.size, glyph.run.size);
    }
    this.width += this.hanging + width;
    this.hanging = 0;
  }

  hang(spaces: readonly Glyph[]): void {
    for (const glyph of spaces) {
      this.text += glyph.text;
      this.size = Math.max(this.size, glyph.run.size);
    }
    this.hanging += measure(spaces, this.width + this.hanging);
  }

  done(): WrappedLine {
    return { text: this.text, width: this.width, size: this.size };
  }
}

function fill(list: readonly Word[], width: number, emptySize: number): WrappedLine[] {
  const lines: WrappedLine[] = [];
  let line = new Line();
  for (const word of list) {
    if (!line.isEmpty && line.width + line.hanging + word.width > width + EPSILON && line.width > 0) {
      lines.push(line.done());
      line = new Line();
    }
    if (line.width + line.hanging + word.width > width + EPSILON) {
      // Wider than what is left of an empty line: break between characters.
      let previous: Glyph | undefined;
      for (const glyph of word.content) {
        // What the character adds after the one before it on the line: its advance and their kerning.
        let w = previous ? measure([previous, glyph]) - measure([previous]) : measure([glyph]);
        if (line.width + line.hanging + w > width + EPSILON && line.width > 0) {
          lines.push(line.done());
          line = new Line();
          w = measure([glyph]);
        }
        line.add([glyph], w);
        previous = glyph;
      }
    } else {
      line.add(word.content, word.width);
    }
    line.hang(word.spaces);
  }
  if (line.isEmpty) line.size = emptySize;
  lines.push(line.done());
  return lines;
}
