import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { LayoutKind } from "../model/deck.js";
import type { Block, OutlineSlide } from "../model/outline.js";
import type { Position } from "../model/position.js";
import { leaves } from "./layouts/leaves.js";

/** Layouts whose content is shown whole: their templates have no body to build one click at a time. */
const SHOWN_WHOLE: ReadonlySet<LayoutKind> = new Set(["title", "section", "closing", "quote", "agenda"]);

/** Where the first block or list item that would appear on a click is, among `blocks`. */
function firstStep(blocks: readonly Block[]): Position | null {
  for (const block of blocks.flatMap((b) => (b.type === "columns" ? b.columns.flat() : [b]))) {
    if (block.type === "list") {
      const item = block.items.find((i) => i.step !== undefined);
      if (item) return item.position;
    } else if (block.step !== undefined) return block.position;
  }
  return null;
}

/**
 * A pause or an incremental list on a slide whose layout shows its content whole (a quote, a
 * section, …) is named by a warning: the words are all there, shown from the start. Blocks the
 * layout moved to a slide of their own (`spilled`) keep their builds there.
 */
export function reportShownWhole(slide: OutlineSlide, layout: LayoutKind, spilled: readonly Block[], diagnostics: Diagnostics): void {
  if (!SHOWN_WHOLE.has(layout)) return;
  const moved = new Set(spilled.flatMap((b) => (b.type === "columns" ? b.columns.flat() : [b])));
  const at = firstStep(leaves(slide).filter((b) => !moved.has(b)));
  if (at === null) return;
  diagnostics.warning(
    "build-ignored",
    `The \`${layout}\` layout shows its content at once: builds one click at a time (\`. . .\`, \`::: incremental\`) are made on bullets, columns, table, chart, code and image slides`,
    at,
    "move the build to a slide of its own, or choose another layout with <!-- layout: bullets -->",
  );
}
