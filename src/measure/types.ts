import type { SpecRun, TextElement, TextStyle } from "../model/slideSpec.js";

/** What the fit stage needs to know of a text box: measured with the theme's fonts (src/measure). */
export interface TextMeasure {
  /** Height the text needs, in inches, insets included. */
  height: number;
  /** height − the box's height: positive when the text does not fit. */
  overflow: number;
  /** Index of the first paragraph that does not entirely fit, or null. */
  overflowingParagraph: number | null;
  /** Lines of each paragraph. */
  lines: number[];
}

export interface Measurer {
  text(element: TextElement): TextMeasure;
  /**
   * Whether the text runs more than `by` inches past its box: `text(element).overflow > by`, found
   * without laying out the paragraphs after the one that ends that far down. Optional: without it,
   * callers measure the whole text.
   */
  runsPast?(element: TextElement, by: number): boolean;
  /** Height of a table cell's text at a width, cell margins included (inches). */
  cell(runs: readonly SpecRun[], width: number, style: TextStyle): number;
}
