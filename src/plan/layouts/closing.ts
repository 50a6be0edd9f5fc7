import type { LayoutPlanner } from "../context.js";
import { common, reportUnused } from "../context.js";
import { subtitleOf } from "../body.js";
import type { Block } from "../../model/outline.js";

/** Closing slide: a last word (thanks, questions, a call to action) and up to two lines under it. */
export const planClosing: LayoutPlanner<"closing"> = (slide, context) => {
  const { runs, used } = subtitleOf(slide.blocks.flatMap((b) => (b.type === "columns" ? [] : [b])));
  reportUnused(slide, "closing", slide.blocks.filter((b) => !(used as readonly Block[]).includes(b)), context);
  return { layout: "closing", ...common(slide), subtitle: runs };
};
