import type { LayoutPlanner } from "../context.js";
import { common, reportUnused } from "../context.js";
import { firstParagraph, plainRuns } from "../body.js";
import { leaves } from "./leaves.js";

/** Title slide: the heading (or front-matter title), a subtitle, and "author · date". */
export const planTitle: LayoutPlanner<"title"> = (slide, context) => {
  const { frontMatter } = context;
  const blocks = leaves(slide);
  const subtitle = firstParagraph(blocks) ?? plainRuns(frontMatter.subtitle);
  const byline = plainRuns([frontMatter.author, frontMatter.date].filter((part) => part).join(" · "));
  const first = blocks.find((b) => b.type === "paragraph");
  reportUnused(slide, "title", slide.blocks.filter((b) => b !== first), context);
  return { layout: "title", ...common(slide), subtitle, byline };
};
