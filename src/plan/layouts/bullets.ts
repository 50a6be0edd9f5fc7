import type { LayoutPlanner } from "../context.js";
import { common, reportUnused } from "../context.js";
import { bodyParagraphs } from "../body.js";

/** Bullets: every text block of the slide as paragraphs of one body. */
export const planBullets: LayoutPlanner<"bullets"> = (slide, context) => {
  reportUnused(slide, "bullets", slide.blocks.filter((b) => b.type === "table"), context);
  return { layout: "bullets", ...common(slide, context), body: bodyParagraphs(slide.blocks) };
};
