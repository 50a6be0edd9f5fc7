import type { LayoutPlanner } from "../context.js";
import { common, reportUnused } from "../context.js";
import { firstParagraph } from "../body.js";
import { leaves } from "./leaves.js";

/** Quote: the slide's blockquote, large, with its attribution. A plain paragraph stands in when there is none. */
export const planQuote: LayoutPlanner<"quote"> = (slide, context) => {
  const blocks = leaves(slide);
  const quote = blocks.find((b) => b.type === "blockquote");
  if (quote?.type === "blockquote") {
    reportUnused(slide, "quote", slide.blocks.filter((b) => b !== quote), context);
    return { layout: "quote", ...common(slide), quote: quote.paragraphs, attribution: quote.attribution };
  }
  const first = blocks.find((b) => b.type === "paragraph");
  const paragraph = firstParagraph(blocks);
  if (!paragraph) {
    context.diagnostics.error("layout-needs-content", "The `quote` layout needs a blockquote (`> text`) on the slide", slide.layout?.position ?? slide.position);
  }
  reportUnused(slide, "quote", slide.blocks.filter((b) => b !== first), context);
  return { layout: "quote", ...common(slide), quote: paragraph ? [paragraph] : [], attribution: null };
};
