/**
 * Native charts end to end: ChartElements of all seven types, with one and with several series,
 * written by writeDeck (src/write/deck.ts), then read back from the chart parts. Also checked:
 * the package structure, XSD validity of every part, byte-identical rebuilds (pptxgenjs picks
 * random colours when it runs out of `chartColors`) and that LibreOffice opens the deck.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ChartSpec } from "../../src/charts/spec.js";
import type { DeckMeta } from "../../src/model/deck.js";
import type { ChartElement, SlideSpec } from "../../src/model/slideSpec.js";
import { checkPackage } from "../../src/validate/structure.js";
import { chartOptions, titleSize, withUnitsFormat } from "../../src/write/chart.js";
import { dataLabelColor } from "../../src/charts/colors.js";
import { writeDeck } from "../../src/write/deck.js";
import { PictureStore } from "../../src/images/pictures.js";
import { readZip } from "../../src/write/zip.js";
import { xsdSkipReason, xsdValidate } from "../support/xsd.js";
import { partText } from "../support/zipInspect.js";
import { convertDecks, onPath, pageCount } from "../support/office.js";

const MODIFIED = new Date("2024-05-01T12:00:00Z");
const COLORS = ["0F62A8", "E69F00", "009E73", "CC79A7", "56B4E9", "D55E00", "5A6675"];
const FONT = "Carlito";
const SIZE = 14;
const TEXT = "1E2A38";
const RULE = "D3DCE6";

const META: DeckMeta = {
  file: "charts.md",
  title: "Charts",
  subtitle: null,
  author: null,
  date: null,
  lang: "en-US",
  footer: null,
  aspect: "16:9",
  theme: null,
};

const REGIONS = ["North", "South", "East", "West"];
const QUARTERS = ["Q1", "Q2", "Q3", "Q4"];
const SERIES = [
  { name: "2024", values: [120, 135, 150.5, 160] },
  { name: "2025", values: [90, 140, 110, 175] },
  { name: "Plan & target", values: [60, 80, 0, 70] },
];
const ONE = [{ name: "Revenue", values: [12, 17.25, 9, 21] }];
const SLICES = ["Rent", "Staff", "Travel", "Software", "Hardware", "Training", "Legal", "Marketing", "Other"];

const base = { title: null, units: null, legend: "none", labels: false, stacked: false } as const;

/** Every case: one slide with one chart, in this order. */
const CASES: { name: string; chart: ChartSpec }[] = [
  { name: "bar, one series", chart: { ...base, type: "bar", categories: REGIONS, series: ONE, title: "Revenue by region", units: "$m", labels: true } },
  { name: "bar, several series", chart: { ...base, type: "bar", categories: REGIONS, series: SERIES, legend: "bottom" } },
  { name: "column, one series", chart: { ...base, type: "column", categories: QUARTERS, series: ONE } },
  { name: "column, several series, stacked", chart: { ...base, type: "column", categories: QUARTERS, series: SERIES, legend: "right", labels: true, stacked: true, units: "$m" } },
  { name: "line, one series", chart: { ...base, type: "line", categories: QUARTERS, series: ONE, title: "Trend" } },
  { name: "line, several series", chart: { ...base, type: "line", categories: QUARTERS, series: SERIES, legend: "top", labels: true, units: "units" } },
  { name: "area, one series", chart: { ...base, type: "area", categories: QUARTERS, series: ONE } },
  { name: "area, several series, overlapping", chart: { ...base, type: "area", categories: QUARTERS, series: SERIES, legend: "bottom", labels: true } },
  { name: "area, several series, stacked", chart: { ...base, type: "area", categories: QUARTERS, series: SERIES, legend: "bottom", stacked: true, title: "Stacked" } },
  { name: "pie, few slices", chart: { ...base, type: "pie", categories: ["Yes", "No", "Unsure"], series: [{ name: "Answers", values: [55, 30, 15] }], legend: "bottom", labels: true } },
  { name: "pie, more slices than colours", chart: { ...base, type: "pie", categories: SLICES, series: [{ name: "Cost", values: [9, 8, 7, 6, 5, 4, 3, 2, 1] }], legend: "right" } },
  { name: "doughnut, few slices", chart: { ...base, type: "doughnut", categories: ["Yes", "No", "Unsure"], series: [{ name: "Answers", values: [55, 30, 15] }], labels: true, units: "$m" } },
  { name: "doughnut, more slices than colours", chart: { ...base, type: "doughnut", categories: SLICES, series: [{ name: "Cost", values: [9, 8, 7, 6, 5, 4, 3, 2, 1] }], legend: "left", title: "Costs" } },
  { name: "scatter, one series", chart: { ...base, type: "scatter", categories: [1, 2.5, 4, 7], series: ONE, units: "kg" } },
  { name: "scatter, several series", chart: { ...base, type: "scatter", categories: [1, 2.5, 4, 7], series: SERIES.slice(0, 2), legend: "bottom", labels: true } },
];

function chartElement(chart: ChartSpec, alt: string): ChartElement {
  return {
    type: "chart",
    layer: "slide",
    box: { x: 0.6, y: 0.5, w: 12.1, h: 6.5 },
    chart,
    colors: COLORS,
    font: FONT,
    size: SIZE,
    textColor: TEXT,
    labelColor: dataLabelColor(chart, COLORS, TEXT),
    ruleColor: RULE,
    alt,
  };
}

function slides(cases: readonly { name: string; chart: ChartSpec }[]): SlideSpec[] {
  return cases.map(({ name, chart }, i) => ({
    layout: "chart",
    position: { line: i + 1, column: 1 },
    background: "FFFFFF",
    elements: [chartElement(chart, `Chart: ${name}`)],
    notes: null,
  }));
}

async function build(cases: readonly { name: string; chart: ChartSpec }[] = CASES): Promise<Uint8Array> {
  return writeDeck(slides(cases), META, new PictureStore(), { modified: MODIFIED });
}

/** The chart part a slide refers to (from the slide's relationships). */
function chartPartOf(bytes: Uint8Array, slide: number): string {
  const rels = partText(bytes, `ppt/slides/_rels/slide${slide}.xml.rels`);
  const target = /Target="(?:\.\.|\/ppt)\/charts\/(chart\d+\.xml)"/.exec(rels)?.[1];
  if (target === undefined) throw new Error(`slide ${slide} has no chart`);
  return `ppt/charts/${target}`;
}

const all = (xml: string, pattern: RegExp): string[] => [...xml.matchAll(pattern)].map((m) => m[1] ?? "");
const seriesBlocks = (xml: string): string[] => all(xml, /<c:ser>([\s\S]*?)<\/c:ser>/g);
const withoutLabels = (xml: string): string => xml.replace(/<c:dLbls>[\s\S]*?<\/c:dLbls>/g, "");
const values = (xml: string): string[] => all(xml, /<c:v>([^<]*)<\/c:v>/g);
const escapeXml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const cycled = (count: number): string[] => Array.from({ length: count }, (_, i) => COLORS[i % COLORS.length] ?? "");

const KIND: Record<ChartSpec["type"], string> = {
  bar: "barChart",
  column: "barChart",
  line: "lineChart",
  area: "areaChart",
  pie: "pieChart",
  doughnut: "doughnutChart",
  scatter: "scatterChart",
};

let deck: Uint8Array;
let charts: string[];

beforeAll(async () => {
  deck = await build();
  charts = CASES.map((_, i) => partText(deck, chartPartOf(deck, i + 1)));
});

describe.each(CASES.map((c, i) => ({ ...c, index: i })))("$name", ({ chart, index }) => {
  const xml = () => charts[index] ?? "";

  it("is one chart part of the right kind", () => {
    expect(all(xml(), /<c:(\w+Chart)>/g)).toEqual([KIND[chart.type]]);
    if (chart.type === "bar" || chart.type === "column") {
      expect(xml()).toContain(`<c:barDir val="${chart.type === "bar" ? "bar" : "col"}"/>`);
    }
    expect(xml()).not.toMatch(/3DChart|<c:view3D>|<c:serAx>/);
  });

  it("holds the series names, categories and values as written", () => {
    const cached = values(xml());
    for (const series of chart.series) {
      expect(cached).toContain(escapeXml(series.name));
      for (const value of series.values) expect(cached).toContain(String(value));
    }
    for (const category of chart.categories) expect(cached).toContain(escapeXml(String(category)));
    if (chart.type === "scatter") {
      // Every series shares the x values; each has its own y values.
      const blocks = seriesBlocks(xml());
      expect(blocks).toHaveLength(chart.series.length);
      blocks.forEach((block, i) => {
        expect(values(/<c:xVal>([\s\S]*?)<\/c:xVal>/.exec(block)?.[1] ?? "")).toEqual(chart.categories.map(String));
        expect(values(/<c:yVal>([\s\S]*?)<\/c:yVal>/.exec(block)?.[1] ?? "")).toEqual(chart.series[i]?.values.map(String));
      });
    }
  });

  it("colours every series (pie and doughnut: every slice) with the theme's colours, in order", () => {
    if (chart.type === "pie" || chart.type === "doughnut") {
      const slices = all(xml(), /<c:dPt>[\s\S]*?<a:srgbClr val="([0-9A-F]{6})"\/>[\s\S]*?<\/c:dPt>/g);
      expect(slices).toEqual(cycled(chart.categories.length));
      return;
    }
    const blocks = seriesBlocks(xml());
    expect(blocks).toHaveLength(chart.series.length);
    blocks.forEach((block, i) => {
      // Fill, line and marker of a series: its colour and nothing else (no colour per bar or point).
      const colours = new Set(all(withoutLabels(block), /<a:srgbClr val="([0-9A-F]{6})"/g));
      expect([...colours]).toEqual([COLORS[i]]);
      // Overlapping areas are half transparent, so that none hides another.
      const overlapping = chart.type === "area" && !chart.stacked && chart.series.length > 1;
      expect(block.includes('<a:alpha val="50000"/>')).toBe(overlapping);
    });
  });

  it("shows the legend only where asked, in the theme's font", () => {
    if (chart.legend === "none") {
      expect(xml()).not.toContain("<c:legend>");
      return;
    }
    const legend = /<c:legend>[\s\S]*?<\/c:legend>/.exec(xml())?.[0] ?? "";
    expect(legend).toContain(`<c:legendPos val="${{ top: "t", bottom: "b", left: "l", right: "r" }[chart.legend]}"/>`);
    expect(legend).toContain(`sz="${SIZE * 100}"`);
    expect(legend).toContain(`<a:latin typeface="${FONT}"/>`);
    expect(legend).toContain(`<a:srgbClr val="${TEXT}"/>`);
  });

  it("has the title, a little larger than the rest, or none", () => {
    if (chart.title === null) {
      // (An axis may still have a title: the units.)
      expect(xml()).toMatch(/<c:chart>\s*<c:autoTitleDeleted val="1"\/>/);
      return;
    }
    const title = /<c:chart>\s*<c:title>([\s\S]*?)<\/c:title>/.exec(xml())?.[1] ?? "";
    expect(title).toContain(`<a:t>${chart.title}</a:t>`);
    expect(title).toContain(`sz="${titleSize(SIZE) * 100}"`);
    expect(titleSize(SIZE)).toBeGreaterThan(SIZE);
    expect(title).toContain(`<a:latin typeface="${FONT}"/>`);
  });

  it("groups stacked series as stacked", () => {
    const grouping = /<c:grouping val="(\w+)"\/>/.exec(xml())?.[1];
    if (chart.type === "bar" || chart.type === "column") expect(grouping).toBe(chart.stacked ? "stacked" : "clustered");
    else if (chart.type === "area") expect(grouping ?? "standard").toBe(chart.stacked ? "stacked" : "standard");
    else if (chart.type === "line") expect(grouping).toBe("standard");
    else expect(grouping).toBeUndefined();
  });

  it("shows data labels only when asked", () => {
    const shown = /<c:show(?:Val|Percent|CatName) val="1"\/>/;
    // pptxgenjs' defaults for a pie's series-wide labels are overridden by one c:dLbl per slice.
    const perPoint = chart.type === "pie" || chart.type === "doughnut" ? all(xml(), /<c:dLbl>([\s\S]*?)<\/c:dLbl>/g) : [xml()];
    for (const label of perPoint) expect(shown.test(label)).toBe(chart.labels);
    if (chart.labels && (chart.type === "pie" || chart.type === "doughnut")) {
      for (const label of perPoint) {
        if (chart.units === null) expect(label).toMatch(/<c:showPercent val="1"\/>[\s\S]*formatCode="0%"|formatCode="0%"[\s\S]*<c:showPercent val="1"\/>/);
        else expect(label).toContain(`formatCode="${escapeXml(withUnitsFormat(chart.units)).replace(/"/g, "&quot;")}"`);
      }
    }
  });

  it("writes every text of the chart in the theme's font and text colour", () => {
    // The one exception is pptxgenjs' fixed series-wide label style of pies and doughnuts
    // (Arial, black), which no slice uses: each has its own c:dLbl.
    const text = xml().replace(/(<\/c:dLbl>)\s*<c:numFmt[^>]*\/>\s*<c:txPr>[\s\S]*?<\/c:txPr>/, "$1");
    expect(new Set(all(text, /<a:latin typeface="([^"]*)"/g))).toEqual(new Set([FONT]));
    const textColours = new Set(all(text, /<a:defRPr\b[^>]*>\s*<a:solidFill>\s*<a:srgbClr val="([0-9A-F]{6})"/g));
    for (const colour of textColours) expect([TEXT, "000000", "FFFFFF"]).toContain(colour);
  });

  it("has thin value-axis gridlines and axis lines in the rule colour, no category gridlines", () => {
    if (chart.type === "pie" || chart.type === "doughnut") {
      expect(xml()).not.toMatch(/<c:(valAx|catAx)>/);
      return;
    }
    const axes = all(xml(), /<c:(?:valAx|catAx)>([\s\S]*?)<\/c:(?:valAx|catAx)>/g);
    expect(axes).toHaveLength(2);
    const [categoryAxis, valueAxis] = axes as [string, string];
    expect(categoryAxis).not.toContain("<c:majorGridlines>");
    expect(categoryAxis).toMatch(new RegExp(`<a:ln w="9525"[^>]*>\\s*<a:solidFill><a:srgbClr val="${RULE}"/>`));
    expect(valueAxis).toMatch(new RegExp(`<c:majorGridlines>\\s*<c:spPr>\\s*<a:ln w="6350"[^>]*>\\s*<a:solidFill><a:srgbClr val="${RULE}"/>`));
    expect(xml()).not.toContain("<c:minorGridlines>");
    if (chart.units !== null) expect(valueAxis).toMatch(new RegExp(`<c:title>[\\s\\S]*<a:t>${escapeRegExp(escapeXml(chart.units))}</a:t>`));
    else expect(valueAxis).not.toContain("<c:title>");
  });

  it("has no shadows, no 3-D and no rounded corners", () => {
    expect(xml()).not.toMatch(/<a:(outer|inner)Shdw|<c:view3D>|<c:bubble3D val="1"\/>/);
    expect(xml()).toContain('<c:roundedCorners val="0"/>');
  });

  it("carries the alt text on the slide's graphic frame", () => {
    const slide = partText(deck, `ppt/slides/slide${index + 1}.xml`);
    expect(slide).toMatch(new RegExp(`<p:graphicFrame>\\s*<p:nvGraphicFramePr>\\s*<p:cNvPr [^>]*descr="Chart: ${escapeXml(CASES[index]?.name ?? "")}"`));
  });
});

describe("chartOptions", () => {
  const element = (chart: ChartSpec, colors = COLORS) => ({ ...chartElement(chart, "alt"), colors, labelColor: dataLabelColor(chart, colors, TEXT) });

  it("passes one colour per series, cycling the theme's, so pptxgenjs never picks a random one", () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ name: `S${i}`, values: [i, i + 1] }));
    const { options } = chartOptions(element({ ...base, type: "line", categories: ["a", "b"], series: many }, ["111111", "222222", "333333"]));
    expect(options.chartColors).toEqual(["111111", "222222", "333333", "111111", "222222", "333333", "111111", "222222", "333333"]);
  });

  it("gives a single-series bar chart one colour (more would colour each bar differently)", () => {
    expect(chartOptions(element({ ...base, type: "column", categories: REGIONS, series: ONE })).options.chartColors).toEqual([COLORS[0]]);
  });

  it("passes scatter data as the x values followed by each series' y values", () => {
    const { type, data } = chartOptions(element({ ...base, type: "scatter", categories: [1, 2, 4], series: [{ name: "a", values: [3, 5, 6] }, { name: "b", values: [7, 8, 9] }] }));
    expect(type).toBe("scatter");
    expect(data.map((d) => [d.name, d.values])).toEqual([
      ["X-Values", [1, 2, 4]],
      ["a", [3, 5, 6]],
      ["b", [7, 8, 9]],
    ]);
  });

  it("maps bar to horizontal and column to vertical pptxgenjs bars; bars list the first category at the top", () => {
    const bar = chartOptions(element({ ...base, type: "bar", categories: REGIONS, series: ONE }));
    const column = chartOptions(element({ ...base, type: "column", categories: REGIONS, series: ONE }));
    expect([bar.type, bar.options.barDir, column.type, column.options.barDir]).toEqual(["bar", "bar", "bar", "col"]);
    expect(bar.options.catAxisOrientation as string).toBe("maxMin");
    expect(column.options.catAxisOrientation).toBeUndefined();
  });

  it("keeps label text readable on the series' colours: black or white when the text colour is not (src/charts/colors.ts)", () => {
    const stacked = (textColor: string, colors: string[]) => dataLabelColor({ ...base, type: "column", categories: REGIONS, series: SERIES, labels: true, stacked: true }, colors, textColor);
    expect(stacked("EEEEEE", ["F0E442", "56B4E9", "E69F00"])).toBe("000000");
    expect(stacked("101010", ["F0E442", "56B4E9", "E69F00"])).toBe("101010");
    expect(stacked("1E2A38", ["0F62A8", "E69F00", "009E73"])).toBe("000000");
    expect(stacked("1E2A38", ["14324E", "5A1E1E", "1E4A2A"])).toBe("FFFFFF");
    // Labels beside the bars are on the slide: the text colour.
    expect(dataLabelColor({ ...base, type: "column", categories: REGIONS, series: SERIES, labels: true }, COLORS, "EEEEEE")).toBe("EEEEEE");
  });

  it("writes the label colour the SlideSpec carries", () => {
    const chart: ChartSpec = { ...base, type: "column", categories: REGIONS, series: SERIES, labels: true, stacked: true };
    expect(chartOptions({ ...element(chart), labelColor: "ABCDEF" }).options.dataLabelColor).toBe("ABCDEF");
  });

  it("quotes units as literal text in a number format", () => {
    expect(withUnitsFormat("$m")).toBe('General" $m"');
    expect(withUnitsFormat("%")).toBe('General"%"');
    expect(withUnitsFormat('in "k"')).toBe('General" in "\\""k"\\"""');
  });
});

describe("the chart deck", () => {
  it("has one chart part per chart and no others", () => {
    const parts = readZip(deck).map((e) => e.name).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    expect(parts.sort()).toEqual(CASES.map((_, i) => `ppt/charts/chart${i + 1}.xml`).sort());
  });

  it("is the same, byte for byte, when built again in the same process", async () => {
    expect(Buffer.from(await build()).equals(Buffer.from(deck))).toBe(true);
  });

  it("passes the structural checks", () => {
    expect(checkPackage(deck)).toEqual([]);
  });

  const xsdSkip = xsdSkipReason();
  if (xsdSkip !== undefined) console.warn(xsdSkip);
  it.skipIf(xsdSkip !== undefined)("validates against the ECMA-376 schemas, chart parts included", async () => {
    expect(await xsdValidate(deck)).toEqual([]);
  }, 60_000);

  const soffice = onPath("soffice");
  if (soffice === undefined) console.warn("LibreOffice check skipped: `soffice` is not on PATH (Debian/Ubuntu: apt-get install libreoffice-impress)");
  it.skipIf(soffice === undefined)(
    "opens in LibreOffice: one PDF page per slide",
    async () => {
      if (soffice === undefined) return;
      await convertDecks(soffice, { charts: deck }, "pdf", async (converted) => {
        expect(await pageCount(converted("charts"))).toBe(CASES.length);
      });
    },
    120_000,
  );
});


