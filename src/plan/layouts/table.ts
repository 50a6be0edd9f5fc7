import type { Align, TableCell } from "../../model/outline.js";
import type { LayoutPlanner } from "../context.js";
import { common, reportUnused } from "../context.js";
import { bodyParagraphs } from "../body.js";

const NUMBER = /^[-+−]?[$€£¥]?\s?\d[\d,. ]*(?:\s?(?:%|[kKmMbB]n?|bn|billion|million))?\+?$/;

const cellText = (cell: TableCell | undefined) => (cell?.runs ?? []).map((r) => r.text).join("").trim();

/**
 * Table: the slide's first table, with the text before it as an introduction. Rows are made
 * as wide as the header (padded or cut, never ragged). Numeric columns are right-aligned
 * unless the Markdown gives an alignment.
 */
export const planTable: LayoutPlanner<"table"> = (slide, context) => {
  const table = slide.blocks.find((b) => b.type === "table");
  const at = table ? slide.blocks.indexOf(table) : slide.blocks.length;
  reportUnused(slide, "table", slide.blocks.slice(at + 1), context);
  const intro = bodyParagraphs(slide.blocks.slice(0, at));
  if (table?.type !== "table") {
    context.diagnostics.error("layout-needs-content", "The `table` layout needs a table on the slide", slide.layout?.position ?? slide.position);
    return { layout: "table", ...common(slide, context), intro, table: { align: ["left"], numeric: [false], header: [{ runs: [] }], rows: [], position: slide.position } };
  }
  const width = table.header.length;
  const rows = table.rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? { runs: [] }));
  const numeric = table.header.map((_, i) => {
    const texts = rows.map((row) => cellText(row[i])).filter((t) => t !== "");
    return texts.length > 0 && texts.every((t) => NUMBER.test(t));
  });
  const align = table.header.map((_, i): Align => table.align[i] ?? (numeric[i] ? "right" : "left"));
  return { layout: "table", ...common(slide, context), intro, table: { align, numeric, header: table.header, rows, position: table.position } };
};
