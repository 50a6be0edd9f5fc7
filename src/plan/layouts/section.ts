import type { LayoutPlanner } from "../context.js";
import { common, reportUnused } from "../context.js";
import { firstParagraph } from "../body.js";
import { leaves } from "./leaves.js";

/** Section slide: its number, its title and an optional line under it. */
export const planSection: LayoutPlanner<"section"> = (slide, context) => {
  const first = slide.blocks.find((b) => b.type === "paragraph");
  reportUnused(slide, "section", slide.blocks.filter((b) => b !== first), context);
  return { layout: "section", ...common(slide), sectionNumber: Math.max(1, context.sectionNumber), subtitle: firstParagraph(leaves(slide)) };
};
