/**
 * A display equation's text box takes the equation's own size, centred where it was placed.
 * LibreOffice draws such a box as a Math object stretched to the box, so a box as wide as the
 * slide would pull the formula out of shape; PowerPoint centres the equation either way.
 * An equation wider than its box is set smaller to fit it.
 */
import type { SlideSpec, TextElement } from "../model/slideSpec.js";
import { equationAlone } from "../measure/measure.js";
import { LINE_HEIGHT_FACTOR, POINTS_PER_INCH } from "../units.js";

/** Room on each side of the formula, in inches, for the two applications' different math fonts. */
const MARGIN = 0.08;

export function tightenEquations(spec: SlideSpec): SlideSpec {
  if (!spec.elements.some((e) => e.type === "text" && e.paragraphs.some((p) => p.runs.some((r) => r.math?.display)))) return spec;
  return { ...spec, elements: spec.elements.map((e) => (e.type === "text" ? tighten(e) : e)) };
}

function tighten(element: TextElement): TextElement {
  const [paragraph, ...others] = element.paragraphs;
  const equation = paragraph ? equationAlone(paragraph) : null;
  if (!paragraph || !equation || others.length > 0 || equation.ems <= 0) return element;
  const { box, inset, style } = element;
  const designed = paragraph.size ?? style.size;
  const room = box.w - 2 * inset - 2 * MARGIN;
  const size = Math.min(designed, Math.floor(((room * POINTS_PER_INCH) / equation.ems) * 2) / 2);
  const w = Math.min(box.w, (equation.ems * size) / POINTS_PER_INCH + 2 * inset + 2 * MARGIN);
  const h = Math.min(box.h, (equation.lines * size * LINE_HEIGHT_FACTOR * style.lineSpacing) / POINTS_PER_INCH + 2 * inset);
  return {
    ...element,
    box: { x: box.x + (box.w - w) / 2, y: box.y, w, h },
    paragraphs: [{ ...paragraph, size: size === designed ? paragraph.size : size }],
  };
}
