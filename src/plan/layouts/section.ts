import type { LayoutPlanner } from "../context.js";
import { common, reportUnused } from "../context.js";
import { subtitleOf } from "../body.js";
import type { Block } from "../../model/outline.js";

/** Section slide: its number, its title and up to two lines under it. */
export const planSection: LayoutPlanner<"section"> = (slide, context) => {
  const { runs, used } = subtitleOf(slide.blocks.flatMap((b) => (b.type === "columns" ? [] : [b])));
  reportUnused(slide, "section", slide.blocks.filter((b) => !(used as readonly Block[]).includes(b)), context);
  return { layout: "section", ...common(slide), sectionNumber: Math.max(1, context.sectionNumber), subtitle: runs };
};
