import type { LayoutPlanner } from "../context.js";
import { common } from "../context.js";
import { contentBlocks } from "../body.js";
import { leaves } from "./leaves.js";

/** Bullets: every block of the slide, top to bottom: text, and any tables, charts, images or code among it. */
export const planBullets: LayoutPlanner<"bullets"> = (slide, context) => {
  return { layout: "bullets", ...common(slide), body: contentBlocks(leaves(slide), context.images) };
};
