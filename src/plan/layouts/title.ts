import type { LayoutPlanner } from "../context.js";
import { common, reportUnused } from "../context.js";
import { plainRuns, subtitleOf } from "../body.js";
import type { Block } from "../../model/outline.js";

/** Title slide: the heading (or front-matter title), a subtitle (up to two lines), and "author · date". */
export const planTitle: LayoutPlanner<"title"> = (slide, context) => {
  const { frontMatter } = context;
  const { runs, used } = subtitleOf(slide.blocks.flatMap((b) => (b.type === "columns" ? [] : [b])));
  const subtitle = runs ?? plainRuns(frontMatter.subtitle);
  const byline = plainRuns([frontMatter.author, frontMatter.date].filter((part) => part).join(" · "));
  reportUnused(slide, "title", slide.blocks.filter((b) => !(used as readonly Block[]).includes(b)), context);
  return { layout: "title", ...common(slide), subtitle, byline };
};
