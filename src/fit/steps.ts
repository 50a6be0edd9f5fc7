import type { Element, SlideSpec } from "../model/slideSpec.js";

/** The click a whole element appears on (a slide number never builds). */
const stepOfElement = (e: Element): number | undefined => (e.type === "slide-number" ? undefined : e.step);

/** Every click number used on the slide: whole elements' and text paragraphs'. */
function stepsOf(elements: readonly Element[]): number[] {
  return elements.flatMap((e) => [stepOfElement(e), ...(e.type === "text" ? e.paragraphs.map((p) => p.step) : [])]).filter((s): s is number => s !== undefined);
}

/**
 * The clicks of a slide numbered 1, 2, 3 … in their order, with no click that shows nothing: a
 * slide continued on another (or cut by its layout) keeps only some of the outline's clicks, and
 * a pause with nothing after it shows nothing.
 */
export function denseSteps(spec: SlideSpec): SlideSpec {
  const used = [...new Set(stepsOf(spec.elements))].sort((a, b) => a - b);
  if (used.every((step, i) => step === i + 1)) return spec;
  const renumbered = new Map(used.map((step, i) => [step, i + 1] as const));
  const to = (step: number | undefined) => (step === undefined ? {} : { step: renumbered.get(step) ?? step });
  const elements = spec.elements.map((e): Element => {
    if (e.type === "slide-number") return e;
    const element = { ...e, ...to(e.step) };
    return element.type === "text" ? { ...element, paragraphs: element.paragraphs.map((p) => ({ ...p, ...to(p.step) })) } : element;
  });
  return { ...spec, elements };
}
