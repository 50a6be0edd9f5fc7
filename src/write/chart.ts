/**
 * ChartElement → the arguments of pptxgenjs' `slide.addChart(type, data, options)`.
 *
 * | chart type | pptxgenjs                        | data                                                   |
 * | ---------- | -------------------------------- | ------------------------------------------------------ |
 * | bar        | `bar`, `barDir: "bar"`           | one entry per series: name, category labels, values    |
 * | column     | `bar`, `barDir: "col"`           | the same                                               |
 * | line       | `line`                           | the same                                               |
 * | area       | `area`                           | the same                                               |
 * | pie        | `pie`                            | the one series; its slices are the categories          |
 * | doughnut   | `doughnut`                       | the same                                               |
 * | scatter    | `scatter`                        | first the x values (`categories`), then one entry of y values per series |
 *
 * Styling: every text in the theme font and `textColor` (the title a little larger than `size`);
 * no 3-D, no shadows, no rounded chart corners; the value axis has thin major gridlines in
 * `ruleColor`, the category axis a line in `ruleColor` and no gridlines; no tick marks.
 * Horizontal bars list the first category at the top. Overlapping (unstacked) area series are half
 * transparent. Labels drawn on the series' colours (stacked bars, areas, doughnut rings) switch to
 * black or white when the text colour does not reach 4.5:1 on every series colour.
 *
 * Colours: pptxgenjs picks a random colour for a series (pie/doughnut: a slice, line/scatter: a
 * marker) beyond the end of `chartColors`, so `chartColors` always has exactly one colour per
 * series (pie/doughnut: per slice), cycling `colors`. A single-series bar/column chart gets one
 * colour only: given more, pptxgenjs would colour every bar differently.
 *
 * Units: the value axis title; pie and doughnut have no axes, so there the units follow each
 * data-label value (and when there are no data labels, no value is shown that they could describe).
 * Data labels: the values as written (`General`, not pptxgenjs' rounding `#,##0`); pie and doughnut
 * show each slice's percentage, or its value with the units when there are units, and also the
 * category name when the legend is off (otherwise nothing would tell the slices apart).
 */
import type pptxgenModule from "pptxgenjs";
import type { ChartElement } from "../model/slideSpec.js";
import type { ChartSpec, LegendPosition } from "../charts/spec.js";
import { seriesColors } from "../charts/colors.js";

type ChartOpts = pptxgenModule.default.IChartOpts;
type ChartData = pptxgenModule.default.OptsChartData;

/** The pptxgenjs chart types deckwright uses (keys of `pptx.ChartType`). */
export type ChartName = "bar" | "line" | "area" | "pie" | "doughnut" | "scatter";

export interface ChartArguments {
  type: ChartName;
  data: ChartData[];
  options: ChartOpts;
}

const LEGEND_POSITIONS: Record<Exclude<LegendPosition, "none">, NonNullable<ChartOpts["legendPos"]>> = {
  top: "t",
  bottom: "b",
  left: "l",
  right: "r",
};

/** Points. */
const AXIS_LINE_WIDTH = 0.75;
const GRIDLINE_WIDTH = 0.5;
const LINE_WIDTH = 2.25;
const LINE_MARKER_SIZE = 5;
const SCATTER_MARKER_SIZE = 7;
/** Gap between bar groups, as a percentage of a bar's width (pptxgenjs' default is 150). */
const BAR_GAP_WIDTH = 80;
/** Opacity (percent) of the fills of overlapping (unstacked, several) area series. */
const OVERLAPPING_AREA_OPACITY = 50;

export function chartOptions(element: ChartElement): ChartArguments {
  const { chart } = element;
  const options: ChartOpts = {
    ...element.box,
    altText: element.alt,
    chartColors: chartColors(element),
    chartArea: { roundedCorners: false },
    ...titleOptions(element),
    ...legendOptions(element),
    ...dataLabelOptions(element),
    ...(chart.type === "pie" || chart.type === "doughnut" ? {} : axisOptions(element)),
    ...typeOptions(element),
  };
  return { type: chartName(chart), data: chartData(chart), options };
}

function chartName(chart: ChartSpec): ChartName {
  return chart.type === "column" ? "bar" : chart.type;
}

function chartData(chart: ChartSpec): ChartData[] {
  if (chart.type === "scatter") {
    // pptxgenjs' scatter format: the x values first, then the y values of each series.
    // `labels: []` because pptxgenjs reads `labels[0]` of every series when labels are shown.
    return [
      { name: "X-Values", values: [...chart.categories] },
      ...chart.series.map((series) => ({ name: series.name, labels: [], values: [...series.values] })),
    ];
  }
  return chart.series.map((series) => ({ name: series.name, labels: [...chart.categories], values: [...series.values] }));
}

/** One colour per series (pie and doughnut: per slice), cycling the theme's colours. */
function chartColors(element: ChartElement): string[] {
  return seriesColors(element.chart, element.colors);
}

function titleOptions({ chart, font, size, textColor }: ChartElement): ChartOpts {
  if (chart.title === null) return { showTitle: false };
  return {
    showTitle: true,
    title: chart.title,
    titleFontFace: font,
    titleFontSize: titleSize(size),
    titleColor: textColor,
    titleBold: false,
  };
}

/** The chart title: a little larger than the rest of the chart's text. */
export function titleSize(size: number): number {
  return Math.round(size * 1.25 * 2) / 2;
}

function legendOptions({ chart, font, size, textColor }: ChartElement): ChartOpts {
  if (chart.legend === "none") return { showLegend: false };
  return {
    showLegend: true,
    legendPos: LEGEND_POSITIONS[chart.legend],
    legendFontFace: font,
    legendFontSize: size,
    legendColor: textColor,
  };
}

function dataLabelOptions(element: ChartElement): ChartOpts {
  const { chart, font, size } = element;
  const style: ChartOpts = { dataLabelFontFace: font, dataLabelFontSize: size, dataLabelColor: element.labelColor, dataLabelFontBold: false };
  if (chart.type === "pie" || chart.type === "doughnut") {
    const withUnits = chart.units !== null;
    return {
      ...style,
      showValue: chart.labels && withUnits,
      showPercent: chart.labels && !withUnits,
      // The category names, when nothing else tells the slices apart.
      showLabel: chart.labels && chart.legend === "none",
      showLeaderLines: chart.labels,
      dataLabelFormatCode: withUnits ? withUnitsFormat(chart.units ?? "") : "0%",
      // Outside the slices, where the text colour has the theme's contrast (pptxgenjs has no
      // position for doughnut labels: they sit on the ring).
      ...(chart.type === "pie" ? { dataLabelPosition: "outEnd" as const } : {}),
    };
  }
  if (!chart.labels) return { ...style, showValue: false, dataLabelFormatCode: "General" };
  return {
    ...style,
    showValue: true,
    dataLabelFormatCode: "General",
    // pptxgenjs accepts only ctr/inBase/inEnd for clustered bars; without a position they sit outside the end.
    ...(chart.type === "line" || chart.type === "scatter" ? { dataLabelPosition: "t" as const } : {}),
    ...((chart.type === "bar" || chart.type === "column") && chart.stacked ? { dataLabelPosition: "ctr" as const } : {}),
  };
}

/**
 * A number format showing the value as written followed by the units, quoted as literal text
 * (`General" $m"`); a unit starting with `%` follows without a space.
 */
export function withUnitsFormat(units: string): string {
  const literal = `${units.startsWith("%") ? "" : " "}${units}`;
  return `General"${literal.split('"').join('"\\""')}"`;
}

function axisOptions({ chart, font, size, textColor, ruleColor }: ChartElement): ChartOpts {
  const horizontalBars = chart.type === "bar";
  const options: ChartOpts = {
    catAxisLabelFontFace: font,
    catAxisLabelFontSize: size,
    catAxisLabelColor: textColor,
    catAxisLineShow: true,
    catAxisLineColor: ruleColor,
    catAxisLineSize: AXIS_LINE_WIDTH,
    catAxisMajorTickMark: "none",
    catAxisMinorTickMark: "none",
    catGridLine: { style: "none" },
    valAxisLabelFontFace: font,
    valAxisLabelFontSize: size,
    valAxisLabelColor: textColor,
    valAxisLabelFormatCode: "General",
    valAxisLineShow: false,
    valAxisMajorTickMark: "none",
    valAxisMinorTickMark: "none",
    valGridLine: { color: ruleColor, size: GRIDLINE_WIDTH, style: "solid" },
    serGridLine: { style: "none" },
  };
  if (chart.units !== null) {
    Object.assign(options, {
      showValAxisTitle: true,
      valAxisTitle: chart.units,
      valAxisTitleFontFace: font,
      valAxisTitleFontSize: size,
      valAxisTitleColor: textColor,
    } satisfies ChartOpts);
  }
  if (horizontalBars) {
    // Bars read top-down: the first category at the top, with the value axis still at the bottom
    // (it crosses the reversed category axis at its maximum). pptxgenjs' types allow only
    // `minMax` and `autoZero` here, though it writes any value.
    // The value labels sit next to the axis: at the category axis' "low" end they would be at the top.
    Object.assign(options, { catAxisOrientation: "maxMin", catAxisCrossesAt: "max", valAxisLabelPos: "nextTo" });
  }
  return options;
}

function typeOptions({ chart }: ChartElement): ChartOpts {
  switch (chart.type) {
    case "bar":
    case "column":
      return {
        barDir: chart.type === "bar" ? "bar" : "col",
        barGrouping: chart.stacked ? "stacked" : "clustered",
        barGapWidthPct: BAR_GAP_WIDTH,
      };
    case "area":
      // Unstacked areas overlap, and which one is in front differs between office suites
      // (LibreOffice draws the first in front): half-transparent fills keep every series visible.
      return {
        barGrouping: chart.stacked ? "stacked" : "standard",
        ...(!chart.stacked && chart.series.length > 1 ? { chartColorsOpacity: OVERLAPPING_AREA_OPACITY } : {}),
      };
    case "line":
      return { lineSize: LINE_WIDTH, lineDataSymbol: "circle", lineDataSymbolSize: LINE_MARKER_SIZE, lineDataSymbolLineSize: 0.75, lineSmooth: false };
    case "scatter":
      // Points only: no line joins them.
      return { lineSize: 0, lineDataSymbol: "circle", lineDataSymbolSize: SCATTER_MARKER_SIZE, lineDataSymbolLineSize: 0.75, lineSmooth: false };
    case "pie":
      return { dataNoEffects: true, firstSliceAng: 0 };
    case "doughnut":
      return { dataNoEffects: true, holeSize: 55 };
    default: {
      const never: never = chart;
      throw new Error(`unknown chart type ${JSON.stringify(never)}`);
    }
  }
}
