import type { LayoutPlanner } from "../context.js";
import { common, reportUnused } from "../context.js";
import { leaves } from "./leaves.js";

/**
 * Agenda written by hand with `<!-- layout: agenda -->`: the slide's list items are the items.
 * (With `agenda: true` in front matter, plan.ts builds one from the section titles instead.)
 */
export const planAgenda: LayoutPlanner<"agenda"> = (slide, context) => {
  const list = leaves(slide).find((b) => b.type === "list");
  reportUnused(slide, "agenda", slide.blocks.filter((b) => b !== list), context);
  const items = list?.type === "list" ? list.items.filter((i) => i.level === 0) : [];
  return { layout: "agenda", ...common(slide), items: items.map((item, i) => ({ sectionNumber: i + 1, title: item.runs, slide: null })) };
};
