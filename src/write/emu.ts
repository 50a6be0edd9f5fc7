/**
 * Lengths as slide XML (src/write/slideXml.ts) writes them: DrawingML counts EMU, hundredths
 * of a point and thousandths of a percent, all whole numbers. The units themselves are said
 * once, in src/units.ts.
 */
import { EMU_PER_INCH, EMU_PER_POINT } from "../units.js";

/** Inches → EMU. */
export const emu = (inches: number): number => Math.round(inches * EMU_PER_INCH);
/** Points → EMU (a line's width). */
export const pointsToEmu = (points: number): number => Math.round(points * EMU_PER_POINT);
/** Points → hundredths of a point (`sz`, `spcPts`). */
export const centipoints = (points: number): number => Math.round(points * 100);
/** A fraction → thousandths of a percent (`spcPct`, `srcRect`, `alpha`). */
export const percent1000 = (fraction: number): number => Math.round(fraction * 100_000);
