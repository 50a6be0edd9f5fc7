import type { LayoutPlanner } from "../context.js";
import { common, reportUnused } from "../context.js";
import { firstParagraph } from "../body.js";
import { leaves } from "./leaves.js";

/** Closing slide: a last word (thanks, questions, a call to action) and a line under it. */
export const planClosing: LayoutPlanner<"closing"> = (slide, context) => {
  const first = slide.blocks.find((b) => b.type === "paragraph");
  reportUnused(slide, "closing", slide.blocks.filter((b) => b !== first), context);
  return { layout: "closing", ...common(slide), subtitle: firstParagraph(leaves(slide)) };
};
