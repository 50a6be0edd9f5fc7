import type { LeafBlock, OutlineSlide } from "../../model/outline.js";

/** The slide's blocks with any columns div opened up, in reading order. */
export function leaves(slide: OutlineSlide): LeafBlock[] {
  return slide.blocks.flatMap((b) => (b.type === "columns" ? b.columns.flat() : [b]));
}
