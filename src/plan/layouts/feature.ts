import type { BodyParagraph } from "../../model/deck.js";
import type { LayoutKind } from "../../model/deck.js";
import type { LeafBlock, OutlineSlide } from "../../model/outline.js";
import type { PlanContext } from "../context.js";
import { reportUnused } from "../context.js";
import { bodyParagraphs, isText } from "../body.js";
import { leaves } from "./leaves.js";

/**
 * The parts of a slide built around one block (a table, a chart, an image, code): the text
 * before it as an introduction, and the block. Anything else is reported and left out; with
 * no such block, `layout-needs-content` names what was expected.
 */
export function feature<T extends LeafBlock["type"]>(
  slide: OutlineSlide,
  layout: LayoutKind,
  type: T,
  what: string,
  context: PlanContext,
): { intro: BodyParagraph[]; block: Extract<LeafBlock, { type: T }> | null } {
  const blocks = leaves(slide);
  const at = blocks.findIndex((b) => b.type === type);
  if (at === -1) {
    context.diagnostics.error("layout-needs-content", `The \`${layout}\` layout needs ${what} on the slide`, slide.layout?.position ?? slide.position);
    return { intro: bodyParagraphs(blocks), block: null };
  }
  const before = blocks.slice(0, at);
  reportUnused(slide, layout, [...before.filter((b) => !isText(b)), ...blocks.slice(at + 1)], context);
  return { intro: bodyParagraphs(before.filter(isText)), block: blocks[at] as Extract<LeafBlock, { type: T }> };
}
