/**
 * The units the stages share. Positions and sizes in a `SlideSpec` are inches; type sizes and
 * paragraph spacing are points; the package's XML counts EMU (English Metric Units, ECMA-376
 * Part 1 §20.1.2.1: 914,400 to the inch, 12,700 to the point). Measure, fit and write must agree
 * on each of these, so each is said once, here.
 */

/** Points to the inch (type sizes and paragraph spacing are points, positions inches). */
export const POINTS_PER_INCH = 72;

/** EMU to the inch (ECMA-376 Part 1 §20.1.2.1). */
export const EMU_PER_INCH = 914400;

/** EMU to the point: 914,400 / 72. */
export const EMU_PER_POINT = EMU_PER_INCH / POINTS_PER_INCH;

/** PowerPoint's single line: 1.2 × the type size, whatever the font's ascent and descent. */
export const LINE_HEIGHT_FACTOR = 1.2;

/** Table cell margins the writer sets (inches), which measure and estimate leave out of the text's width and height. */
export const CELL_MARGIN = { top: 0.06, right: 0.1, bottom: 0.06, left: 0.1 } as const;

/** The bullet indent when a theme gives none (27 pt, as decks were first written), in inches. */
export const DEFAULT_BULLET_INDENT = 27 / POINTS_PER_INCH;
