import type { Box } from "../model/slideSpec.js";
import type { Region, Theme } from "../model/theme.js";

export const SLIDE_SIZES = {
  "16:9": { width: 13.333, height: 7.5 },
  "4:3": { width: 10, height: 7.5 },
} as const;
export type Aspect = keyof typeof SLIDE_SIZES;

/** A slide's size in inches: the aspect's for a built-in or folder theme, the template's own (`p:sldSz`) for a company template. */
export interface SlideSize {
  readonly width: number;
  readonly height: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** A region of the theme's column grid, as a box in inches on a slide of the given size. */
export function regionBox(region: Region, theme: Theme, size: SlideSize): Box {
  const { width } = size;
  if (region.bleed) return { x: 0, y: round(region.y), w: width, h: round(region.h) };
  if (region.x !== undefined) return { x: round(region.x), y: round(region.y), w: round(region.w ?? Math.max(0.1, width - region.x - theme.grid.margin)), h: round(region.h) };
  const { margin, columns, gutter } = theme.grid;
  const columnWidth = (width - 2 * margin - (columns - 1) * gutter) / columns;
  const col = Math.min(region.col ?? 1, columns);
  const span = Math.min(region.span ?? columns, columns - col + 1);
  return {
    x: round(margin + (col - 1) * (columnWidth + gutter)),
    y: round(region.y),
    w: round(region.w ?? span * columnWidth + (span - 1) * gutter),
    h: round(region.h),
  };
}
