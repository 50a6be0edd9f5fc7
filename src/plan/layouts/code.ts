import { highlightCode } from "../../highlight/highlight.js";
import type { LayoutPlanner } from "../context.js";
import { common } from "../context.js";
import { feature } from "./feature.js";
import { stepOf } from "../body.js";

/** Code: the slide's code block, highlighted, with the text before it as an introduction. Long code continues (paginate.ts). */
export const planCode: LayoutPlanner<"code"> = (slide, context) => {
  const { intro, block } = feature(slide, "code", "code", "a fenced code block", context);
  const code = { lang: block?.lang ?? "", lines: highlightCode(block?.text ?? "", block?.lang ?? ""), firstLine: 1, position: block?.position ?? slide.position, ...stepOf(block?.step) };
  return { layout: "code", ...common(slide), intro, code };
};
