/**
 * The chart block of a deck: a fenced block with the info string `chart` holding YAML.
 *
 * ```chart
 * type: column               # bar | column | line | area | pie | doughnut | scatter
 * title: Revenue by quarter  # optional
 * categories: [Q1, Q2, Q3, Q4]
 * series:
 *   - name: "2025"           # optional, "Series 1", "Series 2", … by default
 *     values: [120, 135, 150, 160]
 * units: "$m"                # optional
 * legend: bottom             # optional: top | bottom | left | right | none
 * labels: true               # optional data labels, false by default
 * stacked: false             # optional, bar / column / area only
 * ```
 *
 * - Every series has one value per category. A title, name or category written as a number
 *   or boolean is kept as written (`2025`, `1.50`).
 * - Scatter: `categories` are the x values (numbers) and each series' `values` the y values
 *   of the same points, so every series shares the x values.
 * - The legend is shown (at the bottom) by default when it tells more than one thing apart:
 *   the series, or for pie and doughnut charts (one series) the slices. Otherwise `none`.
 *
 * Problems are diagnostics at the line:col of the offending key or value; the YAML's first
 * line is the line after the fence, and columns count from the fence's indentation.
 *
 * | id                      | problem                                                                  |
 * | ----------------------- | ------------------------------------------------------------------------ |
 * | `invalid-chart`         | invalid YAML, unknown or missing key, a value of the wrong kind, an empty list, a value that is not a finite number, a scatter x that is not a number |
 * | `unknown-chart-type`    | `type` is not one of the chart types                                     |
 * | `chart-series-length`   | a series has more or fewer values than there are categories              |
 * | `chart-too-many-series` | a pie or doughnut chart with more than one series                        |
 * | `chart-not-stackable`   | `stacked: true` on a line, pie, doughnut or scatter chart                |
 */
import { z } from "zod";
import { replaceIllegalXmlChars } from "../xml/sanitize.js";
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode, type Scalar } from "../parse/yaml.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { listNames, suggestionHint } from "../diagnostics/suggest.js";
import type { Position } from "../model/position.js";

export const CHART_TYPES = ["bar", "column", "line", "area", "pie", "doughnut", "scatter"] as const;
export const ChartTypeSchema = z.enum(CHART_TYPES);
export type ChartType = z.infer<typeof ChartTypeSchema>;

/** The chart types whose series may be stacked. */
export const STACKABLE_CHART_TYPES = ["bar", "column", "area"] as const satisfies readonly ChartType[];

export const LEGEND_POSITIONS = ["top", "bottom", "left", "right", "none"] as const;
export const LegendPositionSchema = z.enum(LEGEND_POSITIONS);
export type LegendPosition = z.infer<typeof LegendPositionSchema>;

/** z.number() refuses NaN and ±Infinity. */
export const ChartSeriesSchema = z.object({
  name: z.string(),
  values: z.array(z.number()).min(1),
});
export type ChartSeries = z.infer<typeof ChartSeriesSchema>;

const common = {
  title: z.string().nullable(),
  series: z.array(ChartSeriesSchema).min(1),
  units: z.string().nullable(),
  legend: LegendPositionSchema,
  labels: z.boolean(),
};
const LabelsSchema = z.array(z.string()).min(1);

/** A valid chart with its defaults filled in. */
export const ChartSpecSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.enum(STACKABLE_CHART_TYPES), ...common, categories: LabelsSchema, stacked: z.boolean() }),
    z.object({ type: z.literal("line"), ...common, categories: LabelsSchema, stacked: z.literal(false) }),
    z.object({
      type: z.enum(["pie", "doughnut"]),
      ...common,
      categories: LabelsSchema,
      series: z.array(ChartSeriesSchema).length(1),
      stacked: z.literal(false),
    }),
    z.object({ type: z.literal("scatter"), ...common, categories: z.array(z.number()).min(1), stacked: z.literal(false) }),
  ])
  .superRefine((chart, context) => {
    chart.series.forEach((series, index) => {
      if (series.values.length !== chart.categories.length) {
        context.addIssue({ code: "custom", path: ["series", index, "values"], message: "expected one value per category" });
      }
    });
  });
export type ChartSpec = z.infer<typeof ChartSpecSchema>;

const CHART_KEYS = ["type", "title", "categories", "series", "units", "legend", "labels", "stacked"] as const;
type ChartKey = (typeof CHART_KEYS)[number];
const SERIES_KEYS = ["name", "values"] as const;

/** Reports problems at places in the YAML, and remembers whether any was an error. */
class Reporter {
  failed = false;
  private readonly lineCounter = new LineCounter();

  constructor(
    private readonly block: Position,
    private readonly diagnostics: Diagnostics,
  ) {}

  parse(yamlText: string): Document.Parsed {
    return parseDocument(yamlText, { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: true });
  }

  /** The file position of an offset in the YAML, or of the fence when there is no offset. */
  at(offset: number | null): Position {
    if (offset === null) return this.block;
    const { line, col } = this.lineCounter.linePos(offset);
    return { line: this.block.line + line, column: this.block.column - 1 + col };
  }

  error(id: string, message: string, offset: number | null, hint?: string): void {
    this.failed = true;
    this.diagnostics.error(id, message, this.at(offset), hint);
  }
}

/**
 * Parses and checks the YAML of a chart block. `blockPosition` is the fence's position.
 * Reports every problem in the block and returns null when there was any; never throws.
 */
export function parseChartBlock(yamlText: string, blockPosition: Position, diagnostics: Diagnostics): ChartSpec | null {
  const reporter = new Reporter(blockPosition, diagnostics);
  const document = reporter.parse(yamlText);
  for (const error of document.errors) {
    reporter.error("invalid-chart", `Invalid YAML in chart: ${error.message.split("\n")[0] ?? ""}`, error.pos[0]);
  }
  if (document.errors.length > 0) return null;
  const reader = new ChartReader(document, reporter);
  const candidate = reader.read();
  if (candidate === null || reporter.failed) return null;
  const checked = ChartSpecSchema.safeParse(candidate);
  if (!checked.success) {
    // Every rule of the schema is checked above with a better message; this is a safety net.
    reporter.error("invalid-chart", `Unexpected chart, expected ${z.prettifyError(checked.error)}`, null);
    return null;
  }
  return withoutForbiddenCharacters(checked.data, blockPosition, diagnostics);
}

/** YAML escapes (`"\x01"`) can make characters XML forbids: they become U+FFFD, with a warning. */
function withoutForbiddenCharacters(spec: ChartSpec, at: Position, diagnostics: Diagnostics): ChartSpec {
  let found = false;
  const clean = (text: string) => {
    const replaced = replaceIllegalXmlChars(text);
    if (replaced !== text) found = true;
    return replaced;
  };
  const cleaned = JSON.parse(JSON.stringify(spec), (_key, value: unknown) => (typeof value === "string" ? clean(value) : value)) as ChartSpec;
  if (found) diagnostics.warning("illegal-character", "Unexpected characters XML forbids in the chart's text; replaced with U+FFFD", at);
  return cleaned;
}

/** A key of the chart and its value (null when the key has none). */
interface Field {
  key: YamlNode;
  value: YamlNode | null;
}

interface CategoryItem {
  value: unknown;
  text: string;
}

/** Walks the YAML of one chart, reporting as it goes. */
class ChartReader {
  constructor(
    private readonly document: Document.Parsed,
    private readonly reporter: Reporter,
  ) {}

  read(): Record<string, unknown> | null {
    const root = this.document.contents;
    if (root === null || (isScalar(root) && root.value === null)) {
      this.reporter.error("invalid-chart", `Unexpected empty chart, expected ${listNames(["type", "categories", "series"])}`, null);
      return null;
    }
    if (!isMap(root)) {
      this.reporter.error("invalid-chart", `Unexpected ${describe(root)} in chart, expected \`key: value\` lines`, start(root));
      return null;
    }
    const fields = new Map<ChartKey, Field>();
    for (const pair of root.items) {
      const key = isNode(pair.key) ? pair.key : null;
      const name = isScalar(pair.key) ? String(pair.key.value) : "";
      if (!isChartKey(name) || key === null) {
        this.reporter.error(
          "invalid-chart",
          `Unexpected chart key ${isScalar(pair.key) ? `\`${name}\`` : describe(key)}, expected one of ${listNames(CHART_KEYS)}`,
          start(key),
          suggestionHint(name, CHART_KEYS),
        );
        continue;
      }
      fields.set(name, { key, value: isNode(pair.value) ? pair.value : null });
    }
    for (const required of ["type", "categories", "series"] as const) {
      if (!fields.has(required)) this.reporter.error("invalid-chart", `Unexpected chart without \`${required}\`, expected ${EXPECTED[required]}`, null);
    }

    const field = (name: ChartKey) => fields.get(name);
    const type = this.type(field("type"));
    const title = this.text(field("title"), "title");
    const units = this.text(field("units"), "units");
    const legend = this.legend(field("legend"));
    const labels = this.boolean(field("labels"), "labels") ?? false;
    const stacked = this.stacked(field("stacked"), type);
    const categories = this.categories(field("categories"), type);
    const series = this.series(field("series"), type, categories?.length ?? null);
    if (type === null || categories === null || series === null) return null;

    const toldApart = type === "pie" || type === "doughnut" ? categories.length : series.length;
    return {
      type,
      title,
      categories: type === "scatter" ? categories.map((item) => item.value) : categories.map((item) => item.text),
      series,
      units,
      legend: legend ?? (toldApart > 1 ? "bottom" : "none"),
      labels,
      stacked,
    };
  }

  private type(field: Field | undefined): ChartType | null {
    if (field === undefined) return null;
    const node = this.value(field);
    const given = isScalar(node) ? String(node.value) : "";
    if (isScalar(node) && isChartType(given)) return given;
    this.reporter.error(
      "unknown-chart-type",
      `Unexpected ${isScalar(node) && typeof node.value === "string" ? `chart type \`${given}\`` : `${describe(node)} at type`}, expected one of ${listNames(CHART_TYPES)}`,
      placeOf(node, field.key),
      suggestionHint(given, CHART_TYPES),
    );
    return null;
  }

  /** A scalar as text, null when the key is absent or empty. */
  private text(field: Field | undefined, key: ChartKey): string | null {
    if (field === undefined) return null;
    const node = this.value(field);
    if (node === null || (isScalar(node) && node.value === null)) return null;
    if (isScalar(node) && isPrintable(node.value)) return asWritten(node);
    this.reporter.error("invalid-chart", `Unexpected ${describe(node)} at ${key}, expected ${EXPECTED[key]}`, start(node));
    return null;
  }

  private legend(field: Field | undefined): LegendPosition | null {
    if (field === undefined) return null;
    const node = this.value(field);
    const given = isScalar(node) ? String(node.value) : "";
    const parsed = LegendPositionSchema.safeParse(isScalar(node) ? node.value : undefined);
    if (parsed.success) return parsed.data;
    this.reporter.error(
      "invalid-chart",
      `Unexpected ${describe(node)} at legend, expected one of ${listNames(LEGEND_POSITIONS)}`,
      placeOf(node, field.key),
      suggestionHint(given, LEGEND_POSITIONS),
    );
    return null;
  }

  private boolean(field: Field | undefined, key: ChartKey): boolean | null {
    if (field === undefined) return null;
    const node = this.value(field);
    if (isScalar(node) && typeof node.value === "boolean") return node.value;
    this.reporter.error("invalid-chart", `Unexpected ${describe(node)} at ${key}, expected \`true\` or \`false\``, placeOf(node, field.key));
    return null;
  }

  private stacked(field: Field | undefined, type: ChartType | null): boolean {
    const stacked = this.boolean(field, "stacked") ?? false;
    if (!stacked || field === undefined || type === null || isStackable(type)) return stacked;
    this.reporter.error(
      "chart-not-stackable",
      `Unexpected \`stacked: true\` on a ${type} chart, expected it only on ${listNames(STACKABLE_CHART_TYPES)} charts`,
      placeOf(field.value, field.key),
    );
    return false;
  }

  private categories(field: Field | undefined, type: ChartType | null): CategoryItem[] | null {
    if (field === undefined) return null;
    const node = this.value(field);
    if (!isSeq(node)) {
      this.reporter.error("invalid-chart", `Unexpected ${describe(node)} at categories, expected ${EXPECTED.categories}`, placeOf(node, field.key));
      return null;
    }
    if (node.items.length === 0) {
      this.reporter.error("invalid-chart", `Unexpected empty list at categories, expected at least one category`, start(node));
      return null;
    }
    const items: CategoryItem[] = [];
    node.items.forEach((raw, index) => {
      const item = this.deref(raw);
      const path = `categories[${index}]`;
      if (!isScalar(item) || !isPrintable(item.value)) {
        this.reporter.error("invalid-chart", `Unexpected ${describe(item)} at ${path}, expected a category name`, start(item) ?? start(node));
        return;
      }
      if (type === "scatter" && !isFiniteNumber(item.value)) {
        this.reporter.error(
          "invalid-chart",
          `Unexpected ${describe(item)} at ${path} of a scatter chart, expected a ${typeof item.value === "number" ? "finite " : ""}number`,
          start(item),
          "in a scatter chart, `categories` are the x values of the points",
        );
        return;
      }
      items.push({ value: item.value, text: asWritten(item) });
    });
    return items.length === node.items.length ? items : null;
  }

  private series(field: Field | undefined, type: ChartType | null, categoryCount: number | null): ChartSeries[] | null {
    if (field === undefined) return null;
    const node = this.value(field);
    if (!isSeq(node)) {
      this.reporter.error("invalid-chart", `Unexpected ${describe(node)} at series, expected ${EXPECTED.series}`, placeOf(node, field.key));
      return null;
    }
    if (node.items.length === 0) {
      this.reporter.error("invalid-chart", `Unexpected empty list at series, expected at least one series`, start(node));
      return null;
    }
    const second = node.items[1];
    if ((type === "pie" || type === "doughnut") && second !== undefined) {
      this.reporter.error(
        "chart-too-many-series",
        `Unexpected ${node.items.length} series in a ${type} chart, expected exactly one`,
        start(this.deref(second)) ?? start(node),
        "to compare several series, use a `column` or `bar` chart",
      );
    }
    const series = node.items.map((item, index) => this.oneSeries(this.deref(item), index, categoryCount));
    return series.every((s) => s !== null) ? series : null;
  }

  private oneSeries(node: YamlNode | null, index: number, categoryCount: number | null): ChartSeries | null {
    const path = `series[${index}]`;
    if (!isMap(node)) {
      this.reporter.error("invalid-chart", `Unexpected ${describe(node)} at ${path}, expected \`name\` and \`values\``, start(node));
      return null;
    }
    let name: string | null = `Series ${index + 1}`;
    let values: number[] | null = null;
    let sawValues = false;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      const value = this.deref(isNode(pair.value) ? pair.value : null);
      if (key === "name") {
        if (isScalar(value) && isPrintable(value.value)) name = asWritten(value);
        else if (!(isScalar(value) && value.value === null)) {
          this.reporter.error("invalid-chart", `Unexpected ${describe(value)} at ${path}.name, expected a series name`, start(value));
          name = null;
        }
      } else if (key === "values") {
        sawValues = true;
        values = this.values(value, `${path}.values`, isNode(pair.key) ? pair.key : node, name ?? `${index + 1}`, categoryCount);
      } else {
        this.reporter.error(
          "invalid-chart",
          `Unexpected series key ${isScalar(pair.key) ? `\`${key}\`` : describe(isNode(pair.key) ? pair.key : null)}, expected ${listNames(SERIES_KEYS)}`,
          start(isNode(pair.key) ? pair.key : null) ?? start(node),
          suggestionHint(key, SERIES_KEYS),
        );
      }
    }
    if (!sawValues) {
      this.reporter.error("invalid-chart", `Unexpected series without \`values\` at ${path}, expected a list of numbers`, start(node));
    }
    return name !== null && values !== null ? { name, values } : null;
  }

  private values(node: YamlNode | null, path: string, key: YamlNode, name: string, categoryCount: number | null): number[] | null {
    if (!isSeq(node)) {
      this.reporter.error("invalid-chart", `Unexpected ${describe(node)} at ${path}, expected a list of numbers like \`[1, 2, 3]\``, placeOf(node, key));
      return null;
    }
    if (node.items.length === 0) {
      this.reporter.error("invalid-chart", `Unexpected empty list at ${path}, expected at least one number`, start(node));
      return null;
    }
    if (categoryCount !== null && node.items.length !== categoryCount) {
      this.reporter.error(
        "chart-series-length",
        `Unexpected ${node.items.length} ${plural(node.items.length, "value")} in series \`${name}\`, expected ${categoryCount}, one per category`,
        start(node),
      );
    }
    const values: number[] = [];
    node.items.forEach((raw, index) => {
      const item = this.deref(raw);
      if (isScalar(item) && isFiniteNumber(item.value)) {
        values.push(item.value);
        return;
      }
      const finite = isScalar(item) && typeof item.value === "number" ? "finite " : "";
      this.reporter.error("invalid-chart", `Unexpected ${describe(item)} at ${path}[${index}], expected a ${finite}number`, start(item) ?? start(node));
    });
    return values.length === node.items.length ? values : null;
  }

  private value(field: Field): YamlNode | null {
    return this.deref(field.value);
  }

  /** Follows an alias (`*name`) to the node it stands for. */
  private deref(node: unknown): YamlNode | null {
    if (isAlias(node)) return node.resolve(this.document) ?? null;
    return isNode(node) ? node : null;
  }
}

const EXPECTED: Record<ChartKey, string> = {
  type: `one of ${listNames(CHART_TYPES)}`,
  title: "a title",
  categories: "a list of category names like `[Q1, Q2, Q3]`",
  series: "a list of series, each with `name` and `values`",
  units: "a unit like `$m`",
  legend: `one of ${listNames(LEGEND_POSITIONS)}`,
  labels: "`true` or `false`",
  stacked: "`true` or `false`",
};

function isChartKey(name: string): name is ChartKey {
  return (CHART_KEYS as readonly string[]).includes(name);
}

function isChartType(name: string): name is ChartType {
  return (CHART_TYPES as readonly string[]).includes(name);
}

function isStackable(type: ChartType): boolean {
  return (STACKABLE_CHART_TYPES as readonly string[]).includes(type);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Scalars that read as text: strings, numbers and booleans (not null). */
function isPrintable(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** A scalar's text as the author wrote it: `1.50` stays `1.50`, not `1.5`. */
function asWritten(node: Scalar): string {
  if (typeof node.value === "string") return node.value;
  return node.type === "PLAIN" && node.source !== undefined ? node.source : String(node.value);
}

/** How a value reads in a message: strings in quotes, other scalars as written. */
function describe(node: YamlNode | null): string {
  if (node === null) return "nothing";
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (!isScalar(node)) return "a value";
  if (node.value === null) return "an empty value";
  if (typeof node.value === "string") {
    const text = node.value.length > 40 ? `${node.value.slice(0, 39)}…` : node.value;
    return JSON.stringify(text);
  }
  return `\`${asWritten(node)}\``;
}

function start(node: YamlNode | null | undefined): number | null {
  return node?.range?.[0] ?? null;
}

/** Where a value starts, or its key when the value is missing or empty (`legend:`). */
function placeOf(node: YamlNode | null, key: YamlNode): number | null {
  const empty = node === null || (isScalar(node) && node.value === null && !node.source);
  return (empty ? null : start(node)) ?? start(key);
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
