import type { Column } from "../../model/deck.js";
import type { Block } from "../../model/outline.js";
import type { LayoutPlanner } from "../context.js";
import { common, reportUnused } from "../context.js";
import { bodyParagraphs } from "../body.js";

/**
 * Two columns: split at the second `### ` sub-heading, each sub-heading heading its column.
 * With no sub-headings the blocks are split in half (a list by its top-level items).
 */
export const planTwoColumn: LayoutPlanner<"two-column"> = (slide, context) => {
  reportUnused(slide, "two-column", slide.blocks.filter((b) => b.type === "table"), context);
  const blocks = slide.blocks.filter((b) => b.type !== "table");
  const headings = blocks.filter((b) => b.type === "subheading");
  const columns = headings.length >= 2 ? splitAtHeading(blocks, headings[1] as Block) : splitInHalf(blocks);
  return { layout: "two-column", ...common(slide, context), columns };
};

function column(blocks: Block[]): Column {
  const [first, ...rest] = blocks;
  if (first?.type === "subheading") return { heading: first.runs, body: bodyParagraphs(rest) };
  return { heading: null, body: bodyParagraphs(blocks) };
}

function splitAtHeading(blocks: Block[], second: Block): [Column, Column] {
  const at = blocks.indexOf(second);
  return [column(blocks.slice(0, at)), column(blocks.slice(at))];
}

function splitInHalf(blocks: Block[]): [Column, Column] {
  const paragraphs = bodyParagraphs(blocks);
  const tops = paragraphs.map((p, i) => (p.level === 0 ? i : -1)).filter((i) => i >= 0);
  const cut = tops[Math.ceil(tops.length / 2)] ?? paragraphs.length;
  return [
    { heading: null, body: paragraphs.slice(0, cut) },
    { heading: null, body: paragraphs.slice(cut) },
  ];
}
