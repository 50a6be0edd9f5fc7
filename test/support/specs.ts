/** Small SlideSpec values for tests that measure or write text directly. */
import type { SpecParagraph, SpecRun } from "../../src/model/slideSpec.js";

export const specRun = (text: string, extra: Partial<SpecRun> = {}): SpecRun => ({ text, bold: false, italic: false, strike: false, font: null, color: null, href: null, ...extra });

export const specParagraph = (text: string, extra: Partial<SpecParagraph> = {}): SpecParagraph => ({
  runs: [specRun(text)],
  bullet: "bullet",
  level: 0,
  number: 1,
  size: null,
  color: null,
  bold: null,
  spaceBefore: null,
  rtl: false,
  ...extra,
});
