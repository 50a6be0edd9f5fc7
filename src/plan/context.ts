import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { DeckImage, LayoutKind, PlannedSlide } from "../model/deck.js";
import type { FrontMatter, OutlineSlide } from "../model/outline.js";

/** How much fits on one slide of the theme, so that long tables and code continue on the next. */
export interface Capacity {
  /** Body rows of a table with no introduction above it. */
  tableRows: number;
  /** Body rows of a table under an introduction. */
  tableRowsAfterIntro: number;
  /** Lines of code in a code slide's body. */
  codeLines: number;
}

/** The images of the outline, read and measured by the reading step; a missing one was already reported. */
export type ImageFiles = ReadonlyMap<string, Omit<DeckImage, "alt" | "caption" | "fit" | "position">>;

/** What a layout planner gets besides the slide. */
export interface PlanContext {
  frontMatter: FrontMatter;
  diagnostics: Diagnostics;
  images: ImageFiles;
  /** 1-based number of the section, counting section slides so far. */
  sectionNumber: number;
  /** Blocks the layout has no place for: they get a slide of their own after this one. */
  spill: (blocks: OutlineSlide["blocks"]) => void;
}

/** A planner turns one outline slide into the typed content of its layout kind (numbered later). */
export type LayoutPlanner<K extends LayoutKind> = (slide: OutlineSlide, context: PlanContext) => Extract<PlannedSlide, { layout: K }>;

export function common(slide: OutlineSlide) {
  return { number: 1, position: slide.position, title: slide.title, notes: slide.notes, continued: false };
}

/**
 * Blocks a layout has no place for are never dropped: they go on a slide of their own right
 * after this one, with the same title (plan.ts), and a warning says so. The one move that is
 * not warned about is content under a section heading that the slide level made a section
 * (docs/syntax.md, "The slide level"): that is how the deck is structured, not a loss of place.
 */
export function reportUnused(slide: OutlineSlide, layout: LayoutKind, unused: OutlineSlide["blocks"], context: PlanContext): void {
  const first = unused[0];
  if (!first) return;
  context.spill(unused);
  if (!slide.layout && layout === "section") return;
  context.diagnostics.warning(
    "content-moved",
    `The \`${layout}\` layout has no place for ${unused.length === 1 ? `this ${first.type}` : `${unused.length} blocks (the first, a ${first.type}, is here)`}; moved to a slide of its own after it`,
    first.position,
    slide.layout ? `choose a layout that shows it with <!-- layout: NAME --> on slide line ${slide.position.line}` : `choose a layout that shows it with <!-- layout: NAME --> under the heading on line ${slide.position.line}, or give it a slide of its own`,
  );
}
