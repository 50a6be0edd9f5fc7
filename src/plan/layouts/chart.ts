import type { LayoutPlanner } from "../context.js";
import { common } from "../context.js";
import { feature } from "./feature.js";

/** Chart: the slide's chart block, large, with the text before it as an introduction. */
export const planChart: LayoutPlanner<"chart"> = (slide, context) => {
  const { intro, block } = feature(slide, "chart", "chart", "a ```chart block", context);
  const chart = block?.spec ?? { type: "column" as const, title: null, categories: ["—"], series: [{ name: "—", values: [0] }], units: null, legend: "none" as const, labels: false, stacked: false };
  return { layout: "chart", ...common(slide), intro, chart, ...(block?.step === undefined ? {} : { chartStep: block.step }) };
};
