import type { SpecRun, TextElement, TextStyle } from "../model/slideSpec.js";
import type { Measurer, TextMeasure } from "./types.js";
import { paragraphIndent } from "./measure.js";
import { CELL_MARGIN, LINE_HEIGHT_FACTOR, POINTS_PER_INCH } from "../units.js";

/** Average glyph width as a share of the type size: a deliberate over-estimate for proportional fonts. */
const AVERAGE_GLYPH = 0.52;

function lines(chars: number, size: number, width: number): number {
  const perLine = Math.max(1, Math.floor(width / ((size * AVERAGE_GLYPH) / POINTS_PER_INCH)));
  return Math.max(1, Math.ceil(chars / perLine));
}

/**
 * Heights estimated from character counts, for when no fonts are measured (the theme check).
 * Real builds measure with the theme's fonts (src/measure).
 */
export const estimatingMeasurer: Measurer = {
  text(element: TextElement): TextMeasure {
    const { style } = element;
    const width = element.box.w - 2 * element.inset;
    let height = 2 * element.inset;
    let overflowingParagraph: number | null = null;
    const counts = element.paragraphs.map((p, i) => {
      const size = p.size ?? style.size;
      const indent = paragraphIndent(p, element.indent);
      const n = lines(p.runs.reduce((sum, run) => sum + run.text.length, 0), size, width - indent);
      if (i > 0) height += (p.spaceBefore ?? style.paragraphSpacing) / POINTS_PER_INCH;
      height += (n * size * LINE_HEIGHT_FACTOR * style.lineSpacing) / POINTS_PER_INCH;
      if (overflowingParagraph === null && height > element.box.h + 0.005) overflowingParagraph = i;
      return n;
    });
    return { height, overflow: height - element.box.h, overflowingParagraph, lines: counts };
  },
  cell(runs: readonly SpecRun[], width: number, style: TextStyle): number {
    const n = lines(runs.reduce((sum, run) => sum + run.text.length, 0), style.size, width - CELL_MARGIN.left - CELL_MARGIN.right);
    return (n * style.size * LINE_HEIGHT_FACTOR) / POINTS_PER_INCH + CELL_MARGIN.top + CELL_MARGIN.bottom;
  },
};
