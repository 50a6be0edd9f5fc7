import type { LayoutKind } from "../../model/deck.js";
import type { LayoutPlanner } from "../context.js";
import { planBullets } from "./bullets.js";
import { planClosing } from "./closing.js";
import { planQuote } from "./quote.js";
import { planSection } from "./section.js";
import { planTable } from "./table.js";
import { planTitle } from "./title.js";
import { planTwoColumn } from "./twoColumn.js";

/** One planner per layout kind; adding a kind is one file and one line here. */
export const PLANNERS: { [K in LayoutKind]: LayoutPlanner<K> } = {
  title: planTitle,
  section: planSection,
  bullets: planBullets,
  "two-column": planTwoColumn,
  quote: planQuote,
  table: planTable,
  closing: planClosing,
};
