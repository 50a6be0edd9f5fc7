import type { LayoutPlanner } from "../context.js";
import { common } from "../context.js";
import { deckTable } from "../body.js";
import { feature } from "./feature.js";

/** Table: the slide's first table, with the text before it as an introduction. Long tables continue (paginate.ts). */
export const planTable: LayoutPlanner<"table"> = (slide, context) => {
  const { intro, block } = feature(slide, "table", "table", "a table", context);
  const table = block ? deckTable(block) : { align: ["left" as const], numeric: [false], header: [{ runs: [] }], rows: [], position: slide.position };
  return { layout: "table", ...common(slide), intro, table };
};
