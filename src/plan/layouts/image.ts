import type { DeckImage } from "../../model/deck.js";
import type { LayoutPlanner, PlanContext } from "../context.js";
import type { OutlineSlide } from "../../model/outline.js";
import { common, reportUnused } from "../context.js";
import { contentBlocks, deckImage } from "../body.js";
import { leaves } from "./leaves.js";

/** A stand-in for an image that could not be read (the reading step reported why). */
function missing(slide: OutlineSlide): DeckImage {
  return { path: "", alt: "", caption: null, fit: "contain", width: 1, height: 1, position: slide.position };
}

function firstImage(slide: OutlineSlide, layout: "image" | "image-text", context: PlanContext) {
  const blocks = leaves(slide);
  const block = blocks.find((b) => b.type === "image");
  if (block?.type !== "image") {
    context.diagnostics.error("layout-needs-content", `The \`${layout}\` layout needs an image (\`![alt](path)\` in a paragraph of its own)`, slide.layout?.position ?? slide.position);
    return { blocks, block: null, image: missing(slide) };
  }
  return { blocks, block, image: deckImage(block, context.images) ?? missing(slide) };
}

/** Image: one picture as large as the slide allows, with its caption. */
export const planImage: LayoutPlanner<"image"> = (slide, context) => {
  const { blocks, block, image } = firstImage(slide, "image", context);
  reportUnused(slide, "image", blocks.filter((b) => b !== block), context);
  return { layout: "image", ...common(slide), image };
};

/** Image beside text: the picture on the side where it stands in the Markdown, the rest as the body. */
export const planImageText: LayoutPlanner<"image-text"> = (slide, context) => {
  const { blocks, block, image } = firstImage(slide, "image-text", context);
  const at = block ? blocks.indexOf(block) : 0;
  const rest = blocks.filter((b) => b !== block);
  return { layout: "image-text", ...common(slide), image, body: contentBlocks(rest, context.images), imageSide: at === 0 ? "left" : "right" };
};
