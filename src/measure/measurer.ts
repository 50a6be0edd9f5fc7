/** The fit stage's Measurer (src/fit/measurer.ts), measuring with the theme's fonts. */
import type { Measurer } from "./types.js";
import type { Theme } from "../model/theme.js";
import { familiesOf, measureCellHeight, measureText, runsPast, WrappedParagraphs } from "./measure.js";

export function fontMeasurer(theme: Pick<Theme, "fonts">): Measurer {
  const families = familiesOf(theme);
  const wrapped = new WrappedParagraphs();
  return {
    text(element) {
      const m = measureText(element, families, wrapped);
      return { height: m.height, overflow: m.overflow, overflowingParagraph: m.overflowingParagraph, lines: m.paragraphs.map((p) => p.lines.length) };
    },
    runsPast: (element, by) => runsPast(element, families, by, wrapped),
    cell: (runs, width, style) => measureCellHeight(runs, width, style, families),
  };
}
