import type { LayoutKind } from "../../model/deck.js";
import type { LayoutPlanner } from "../context.js";
import { planAgenda } from "./agenda.js";
import { planBullets } from "./bullets.js";
import { planChart } from "./chart.js";
import { planClosing } from "./closing.js";
import { planCode } from "./code.js";
import { planThreeColumn, planTwoColumn } from "./columns.js";
import { planImage, planImageText } from "./image.js";
import { planQuote } from "./quote.js";
import { planSection } from "./section.js";
import { planTable } from "./table.js";
import { planTitle } from "./title.js";

/** One planner per layout kind; adding a kind is one file and one line here. */
export const PLANNERS: { [K in LayoutKind]: LayoutPlanner<K> } = {
  title: planTitle,
  section: planSection,
  agenda: planAgenda,
  bullets: planBullets,
  "two-column": planTwoColumn,
  "three-column": planThreeColumn,
  quote: planQuote,
  table: planTable,
  chart: planChart,
  image: planImage,
  "image-text": planImageText,
  code: planCode,
  closing: planClosing,
};
