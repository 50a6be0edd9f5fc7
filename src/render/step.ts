import type { MarkupElement } from "./markup.js";
import { fail } from "./resolver.js";

/**
 * The markup's `step="n"` (docs/templates.md): the click on which a paragraph, or a whole image,
 * table, chart or code panel, appears. `{}` without it, so slides without builds keep their shape.
 */
export function stepOf(node: MarkupElement): { step?: number } {
  const value = node.attributes.step;
  if (value === undefined || value === "") return {};
  const step = Number(value);
  if (!Number.isInteger(step) || step < 1) fail(node, `step="${value}" is not a click number; expected a whole number from 1`);
  return { step };
}
