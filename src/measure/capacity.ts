import type { Capacity } from "../plan/context.js";
import type { Theme } from "../model/theme.js";
import type { SpecCell, TextStyle } from "../model/slideSpec.js";
import type { Measurer } from "./types.js";
import { LINE_HEIGHT_FACTOR, POINTS_PER_INCH } from "../units.js";

/** Height of a table row: one line of table text plus the cell margins (inches). */
export function tableRowHeight(size: number): number {
  return Math.round(((size * LINE_HEIGHT_FACTOR) / POINTS_PER_INCH + 0.2) * 1000) / 1000;
}

/**
 * Height of each row of a table (the header first, bold): the tallest cell's text as measured,
 * at least one line. Without a measurer, one line each.
 */
export function tableRowHeights(
  rows: readonly (readonly SpecCell[])[],
  hasHeader: boolean,
  columnWidths: readonly number[],
  style: TextStyle,
  measurer: Measurer | undefined,
): number[] {
  const oneLine = tableRowHeight(style.size);
  return rows.map((row, i) => {
    const rowStyle = i === 0 && hasHeader ? { ...style, bold: true } : style;
    const measured = measurer ? Math.max(0, ...row.map((cell, j) => measurer.cell(cell.runs, columnWidths[j] ?? 1, rowStyle))) : 0;
    return Math.round(Math.max(oneLine, measured) * 1000) / 1000;
  });
}

/** Height of a line of code (inches). */
export function codeLineHeight(size: number): number {
  return (size * LINE_HEIGHT_FACTOR) / POINTS_PER_INCH;
}

/** Inner margin of the code panel (inches). */
export const CODE_INSET = 0.2;

/** How much of a table or of code one slide of the theme holds (from its body regions and sizes). */
export function capacityOf(theme: Theme): Capacity {
  const body = theme.regions.body?.h ?? 4.5;
  const afterIntro = theme.regions.tableAfterIntro?.h ?? body - 0.8;
  const row = tableRowHeight(theme.sizes.table);
  return {
    tableRows: Math.max(1, Math.floor(body / row) - 1),
    tableRowsAfterIntro: Math.max(1, Math.floor(afterIntro / row) - 1),
    // Code shrinks down to the theme's minimum size before it continues on another slide.
    codeLines: Math.max(1, Math.floor((body - 2 * CODE_INSET) / codeLineHeight(Math.min(theme.sizes.code, theme.sizes.minimum)))),
  };
}
