import type { TableElement, TextElement } from "../model/slideSpec.js";
import type { Measurer, TextMeasure } from "../measure/types.js";
import { tableRowHeights } from "../measure/capacity.js";

/** A paragraph size scaled with its box, in half points, never below the minimum. */
function scaled(size: number, factor: number, minimum: number): number {
  return Math.max(minimum, Math.round(size * factor * 2) / 2);
}

/** The element with its base size set to `size` and every paragraph's own size scaled alike. */
function resized(element: TextElement, size: number, minimum: number): TextElement {
  const factor = size / element.style.size;
  return {
    ...element,
    style: { ...element.style, size },
    paragraphs: element.paragraphs.map((p) => (p.size === null ? p : { ...p, size: scaled(p.size, factor, minimum) })),
  };
}

/** Text fits its box when it runs past it by no more than this (inches). */
const FITS = 0.005;

export interface Shrunk {
  element: TextElement;
  measure: TextMeasure;
  /** The size it started at and ended at (equal when it fitted as it was). */
  from: number;
  to: number;
  /** How much it overflowed before shrinking (inches). */
  overflowBefore: number;
  /** The measure at the designed size, before any shrinking. */
  designed: TextMeasure;
}

/**
 * Shrinks text that overflows its box step by step (1 pt, then 0.5 pt near the end) until it
 * fits or reaches the theme's minimum size. A title must also fit in two lines.
 */
export function shrinkToFit(element: TextElement, measurer: Measurer, minimum: number): Shrunk {
  const isTitle = element.role === "title";
  const fits = (m: TextMeasure) => m.overflow <= FITS && (!isTitle || m.lines.reduce((a, b) => a + b, 0) <= 2);
  const first = measurer.text(element);
  const from = element.style.size;
  let current = element;
  let measure = first;
  // Text that will overflow even at the minimum size continues (or is reported) whatever the steps
  // between would give: where its height, scaled by the square of the sizes (lines get shorter and
  // fewer), still exceeds the box, it is measured at the minimum first and the steps (each
  // measuring all of it) are skipped when it overflows there. The result is the steps' result.
  if (!fits(first) && from > minimum && first.height * (minimum / from) ** 2 > first.height - first.overflow) {
    const smallest = resized(element, minimum, minimum);
    const atMinimum = measurer.text(smallest);
    if (!fits(atMinimum)) return { element: smallest, measure: atMinimum, from, to: minimum, overflowBefore: Math.max(0, first.overflow), designed: first };
  }
  // A step above the minimum that the text already runs past is left before its last paragraphs
  // are laid out (Measurer.runsPast: the same answer as measuring all of it): a slide that must
  // continue tries every step, and measuring all its text at each cost the most of fitting it.
  while (!fits(measure) && current.style.size > minimum) {
    const step = current.style.size - minimum > 4 ? 1 : 0.5;
    current = resized(element, Math.max(minimum, current.style.size - step), minimum);
    if (current.style.size > minimum && measurer.runsPast?.(current, FITS) === true) continue;
    measure = measurer.text(current);
  }
  return { element: current, measure, from, to: current.style.size, overflowBefore: Math.max(0, first.overflow), designed: first };
}

export interface ShrunkTable {
  element: TableElement;
  from: number;
  to: number;
  overflowBefore: number;
  /** How far it still runs past the bottom (inches; ≤ 0 when it fits). */
  overflow: number;
}

/** A table's rows measured again at a size: the text of every cell, at least one line. */
function remeasured(table: TableElement, size: number, measurer: Measurer): TableElement {
  const style = { ...table.style, size };
  const hasHeader = table.header.length > 0;
  const rowHeights = tableRowHeights(hasHeader ? [table.header, ...table.rows] : table.rows, hasHeader, table.columnWidths, style, measurer);
  return { ...table, style, rowHeights, box: { ...table.box, h: Math.round(rowHeights.reduce((a, b) => a + b, 0) * 1000) / 1000 } };
}

/** Shrinks a table's text step by step (down to the minimum) until its rows end above `bottom`. */
export function shrinkTableToFit(table: TableElement, measurer: Measurer, minimum: number, bottom: number): ShrunkTable {
  const over = (t: TableElement) => t.box.y + t.rowHeights.reduce((a, b) => a + b, 0) - bottom;
  const from = table.style.size;
  const overflowBefore = Math.max(0, over(table));
  let current = table;
  while (over(current) > 0.005 && current.style.size > minimum) {
    const step = current.style.size - minimum > 4 ? 1 : 0.5;
    current = remeasured(table, Math.max(minimum, current.style.size - step), measurer);
  }
  return { element: current, from, to: current.style.size, overflowBefore, overflow: over(current) };
}
