import type { Column } from "../../model/deck.js";
import type { LeafBlock, OutlineSlide } from "../../model/outline.js";
import type { LayoutPlanner, PlanContext } from "../context.js";
import { common, reportUnused } from "../context.js";
import { bodyParagraphs, contentBlocks } from "../body.js";
import { leaves } from "./leaves.js";

/**
 * Columns: pandoc's `:::: columns` gives one column per `::: column`; without it, two-column
 * splits at the second `### ` sub-heading, or the paragraphs in half; three-column in thirds.
 */
function columnsOf(slide: OutlineSlide, count: 2 | 3, context: PlanContext): Column[] {
  const div = slide.blocks.find((b) => b.type === "columns");
  if (div?.type === "columns") {
    const layout = count === 2 ? "two-column" : "three-column";
    const at = slide.blocks.indexOf(div);
    const before = slide.blocks.slice(0, at);
    const after = slide.blocks.slice(at + 1);
    if (slide.blocks.some((b, i) => i !== at && b.type === "columns")) {
      // A second columns div: a slide of its own (it is columns there too).
      reportUnused(slide, layout, slide.blocks.filter((b) => b !== div), context);
      return columnsOf({ ...slide, blocks: [div] }, count, context);
    }
    const kept = [...before, ...after];
    const first = kept[0];
    if (first) {
      // The layout has no band above or below its columns: text around the div stays on the
      // slide, in reading order, at the top of the first column and the foot of the last.
      context.diagnostics.warning(
        "content-moved",
        `The \`${layout}\` layout has no place above or below its columns; ${kept.length === 1 ? `this ${first.type} is` : `${kept.length} blocks (the first, a ${first.type}, is here) are`} shown ${before.length > 0 ? "at the top of the first column" : "at the foot of the last column"}${before.length > 0 && after.length > 0 ? " and the foot of the last" : ""}`,
        first.position,
        "put the text inside a `::: column`, or on a slide of its own",
      );
    }
    if (div.columns.length > count) {
      context.spill([{ ...div, columns: div.columns.slice(count) }]);
      context.diagnostics.warning("content-moved", `${div.columns.length} columns on a ${count}-column slide; the last ${div.columns.length - count} go on a slide of their own after it`, div.position);
    }
    const shown = div.columns.slice(0, count).map((blocks) => [...blocks]);
    while (shown.length < count) shown.push([]);
    shown[0]?.unshift(...leavesOf(before));
    shown[count - 1]?.push(...leavesOf(after));
    const columns = shown.map((blocks) => column(blocks, context));
    return columns;
  }
  const blocks = leaves(slide);
  const headings = blocks.filter((b) => b.type === "subheading");
  if (headings.length === count && blocks[0]?.type === "subheading") {
    const starts = headings.map((h) => blocks.indexOf(h));
    return starts.map((start, i) => column(blocks.slice(start, starts[i + 1] ?? blocks.length), context));
  }
  return splitEvenly(blocks, count);
}

/** Blocks other than a columns div (there is only one on the slide by then). */
const leavesOf = (blocks: OutlineSlide["blocks"]): LeafBlock[] => blocks.flatMap((b) => (b.type === "columns" ? b.columns.flat() : [b]));

function column(blocks: LeafBlock[], context: PlanContext): Column {
  const [first, ...rest] = blocks;
  if (first?.type === "subheading") return { heading: first.runs, body: contentBlocks(rest, context.images) };
  return { heading: null, body: contentBlocks(blocks, context.images) };
}

/** Text split into `count` columns at top-level items. */
function splitEvenly(blocks: LeafBlock[], count: number): Column[] {
  const paragraphs = bodyParagraphs(blocks);
  const tops = paragraphs.map((p, i) => (p.level === 0 ? i : -1)).filter((i) => i >= 0);
  const cuts = Array.from({ length: count - 1 }, (_, i) => tops[Math.ceil(((i + 1) * tops.length) / count)] ?? paragraphs.length);
  const bounds = [0, ...cuts, paragraphs.length];
  return Array.from({ length: count }, (_, i) => {
    const part = paragraphs.slice(bounds[i], bounds[i + 1]);
    return { heading: null, body: part.length > 0 ? [{ kind: "text" as const, paragraphs: part }] : [] };
  });
}

export const planTwoColumn: LayoutPlanner<"two-column"> = (slide, context) => ({ layout: "two-column", ...common(slide), columns: columnsOf(slide, 2, context) });
export const planThreeColumn: LayoutPlanner<"three-column"> = (slide, context) => ({ layout: "three-column", ...common(slide), columns: columnsOf(slide, 3, context) });
