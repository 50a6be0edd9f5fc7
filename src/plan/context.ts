import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { LayoutKind, PlannedSlide } from "../model/deck.js";
import type { FrontMatter, OutlineSlide } from "../model/outline.js";

/** What a layout planner gets besides the slide. */
export interface PlanContext {
  frontMatter: FrontMatter;
  diagnostics: Diagnostics;
  /** 1-based number of the slide in the deck. */
  number: number;
  /** 1-based number of the section, counting section slides so far. */
  sectionNumber: number;
}

/** A planner turns one outline slide into the typed content of its layout kind. */
export type LayoutPlanner<K extends LayoutKind> = (slide: OutlineSlide, context: PlanContext) => Extract<PlannedSlide, { layout: K }>;

export function common(slide: OutlineSlide, context: PlanContext) {
  return { number: context.number, position: slide.position, title: slide.title, notes: slide.notes };
}

/** Warns that blocks a layout has no place for are left out, naming the first one's line. */
export function reportUnused(slide: OutlineSlide, layout: LayoutKind, unused: OutlineSlide["blocks"], context: PlanContext): void {
  const first = unused[0];
  if (!first) return;
  context.diagnostics.warning(
    "content-not-shown",
    `The \`${layout}\` layout has no place for ${unused.length === 1 ? `this ${first.type}` : `${unused.length} blocks (the first, a ${first.type}, is here)`}; left out`,
    first.position,
    `choose a layout that shows it with <!-- layout: NAME --> on slide line ${slide.position.line}`,
  );
}
