/**
 * A chart's colours, decided when the slide is rendered (src/render/flow.ts) and carried in its
 * ChartElement, so the write stage only writes them: one colour per series (per slice for pie and
 * doughnut), and the data labels' colour, readable where the labels are drawn.
 */
import type { ChartSpec } from "./spec.js";
import { contrastRatio } from "../themes/contrast.js";

/** WCAG 2.1 AA for normal text: data labels are small. */
const LABEL_CONTRAST = 4.5;

/** One colour per series (pie and doughnut: per slice), cycling the theme's colours. */
export function seriesColors(chart: ChartSpec, colors: readonly string[]): string[] {
  const count = chart.type === "pie" || chart.type === "doughnut" ? chart.categories.length : chart.series.length;
  return Array.from({ length: count }, (_, i) => colors[i % colors.length] ?? "000000");
}

/** Data labels drawn on the series' colours rather than on the slide. */
export function labelsInside(chart: ChartSpec): boolean {
  switch (chart.type) {
    case "doughnut":
    case "area":
      return true;
    case "bar":
    case "column":
      return chart.stacked;
    default:
      return false;
  }
}

/**
 * The data labels' colour: the text colour; for labels drawn on the series' colours, the text
 * colour when it reads on all of them, otherwise whichever of it, black and white reads best on the
 * worst of them (a chart has one label colour).
 */
export function dataLabelColor(chart: ChartSpec, colors: readonly string[], textColor: string): string {
  if (!labelsInside(chart)) return textColor;
  const fills = seriesColors(chart, colors);
  const worst = (color: string) => Math.min(...fills.map((fill) => contrastRatio(color, fill)));
  if (worst(textColor) >= LABEL_CONTRAST) return textColor;
  let best = textColor;
  for (const candidate of ["000000", "FFFFFF"]) if (worst(candidate) > worst(best)) best = candidate;
  return best;
}
