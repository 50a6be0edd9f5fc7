import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { ChartSpecSchema, parseChartBlock } from "../../src/charts/spec.js";

/** The fence is on line 10, so the YAML's line n is the file's line 10 + n. */
const FENCE = { line: 10, column: 1 };

function parse(yaml: string, fence = FENCE) {
  const diagnostics = new Diagnostics("deck.md");
  const chart = parseChartBlock(yaml, fence, diagnostics);
  return { chart, diagnostics: diagnostics.list };
}

/** The one problem reported for `yaml`, as [id, line, column]; the chart must be null. */
function problem(yaml: string) {
  const { chart, diagnostics } = parse(yaml);
  expect(chart).toBeNull();
  expect(diagnostics).toHaveLength(1);
  const [d] = diagnostics;
  return { where: [d?.id, d?.line, d?.column], message: d?.message ?? "", hint: d?.hint };
}

const lines = (...rows: string[]) => `${rows.join("\n")}\n`;

describe("parseChartBlock: valid charts", () => {
  it("parses a column chart and fills the defaults", () => {
    const { chart, diagnostics } = parse(lines("type: column", "categories: [Q1, Q2, Q3, Q4]", "series:", '  - name: "2025"', "    values: [120, 135, 150, 160]"));
    expect(diagnostics).toEqual([]);
    expect(chart).toEqual({
      type: "column",
      title: null,
      categories: ["Q1", "Q2", "Q3", "Q4"],
      series: [{ name: "2025", values: [120, 135, 150, 160] }],
      units: null,
      legend: "none",
      labels: false,
      stacked: false,
    });
  });

  it("takes every option", () => {
    const { chart, diagnostics } = parse(
      lines(
        "type: bar            # a comment",
        "title: Revenue by quarter",
        "categories:",
        "  - North",
        "  - South",
        "series:",
        "  - name: Plan",
        "    values: [1.5, -2]",
        "  - name: Actual",
        "    values:",
        "      - 0",
        "      - 3e2",
        'units: "$m"',
        "legend: right",
        "labels: true",
        "stacked: true",
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(chart).toEqual({
      type: "bar",
      title: "Revenue by quarter",
      categories: ["North", "South"],
      series: [
        { name: "Plan", values: [1.5, -2] },
        { name: "Actual", values: [0, 300] },
      ],
      units: "$m",
      legend: "right",
      labels: true,
      stacked: true,
    });
  });

  it.each(["bar", "column", "line", "area", "pie", "doughnut"] as const)("parses a %s chart", (type) => {
    const { chart, diagnostics } = parse(lines(`type: ${type}`, "categories: [a, b]", "series:", "  - values: [1, 2]"));
    expect(diagnostics).toEqual([]);
    expect(chart?.type).toBe(type);
    expect(ChartSpecSchema.parse(chart)).toEqual(chart);
  });

  it("parses a scatter chart: categories are the x values, values the y values", () => {
    const { chart, diagnostics } = parse(lines("type: scatter", "categories: [0, 0.5, 1e1]", "series:", "  - name: y", "    values: [3, 4, 5]"));
    expect(diagnostics).toEqual([]);
    expect(chart).toMatchObject({ type: "scatter", categories: [0, 0.5, 10], series: [{ name: "y", values: [3, 4, 5] }] });
    expect(ChartSpecSchema.parse(chart)).toEqual(chart);
  });

  it("shows the legend by default only when it tells several things apart", () => {
    const legendOf = (yaml: string) => parse(yaml).chart?.legend;
    expect(legendOf(lines("type: line", "categories: [a, b]", "series:", "  - values: [1, 2]"))).toBe("none");
    expect(legendOf(lines("type: line", "categories: [a, b]", "series:", "  - values: [1, 2]", "  - values: [3, 4]"))).toBe("bottom");
    expect(legendOf(lines("type: pie", "categories: [a, b]", "series:", "  - values: [1, 2]"))).toBe("bottom");
    expect(legendOf(lines("type: doughnut", "categories: [a]", "series:", "  - values: [1]"))).toBe("none");
    expect(legendOf(lines("type: line", "categories: [a, b]", "legend: top", "series:", "  - values: [1, 2]", "  - values: [3, 4]"))).toBe("top");
  });

  it("names series by number when they have no name, and keeps numbers as written", () => {
    const { chart } = parse(lines("type: line", "title: 2025", "categories: [2024, 1.50, true]", "series:", "  - values: [1, 2, 3]", "  - name: 2025", "    values: [1, 2, 3]"));
    expect(chart?.title).toBe("2025");
    expect(chart?.categories).toEqual(["2024", "1.50", "true"]);
    expect(chart?.series.map((s) => s.name)).toEqual(["Series 1", "2025"]);
  });

  it("treats an empty title or units as none", () => {
    const { chart, diagnostics } = parse(lines("type: pie", "title:", "units: ~", "categories: [a]", "series:", "  - values: [1]"));
    expect(diagnostics).toEqual([]);
    expect(chart).toMatchObject({ title: null, units: null });
  });

  it("follows YAML aliases", () => {
    const { chart, diagnostics } = parse(lines("type: line", "categories: &q [a, b]", "series:", "  - name: &n first", "    values: [1, 2]", "  - name: *n", "    values: [3, 4]"));
    expect(diagnostics).toEqual([]);
    expect(chart?.series.map((s) => s.name)).toEqual(["first", "first"]);
  });
});

describe("parseChartBlock: problems", () => {
  it("reports invalid YAML at its place", () => {
    const { where, message } = problem(lines("type: bar: x", "categories: [a]", "series:", "  - values: [1]"));
    expect(where).toEqual(["invalid-chart", 11, 7]);
    expect(message).toBe("Invalid YAML in chart: Nested mappings are not allowed in compact mappings");
    // An unclosed list is noticed on the next line, where the YAML parser reports it.
    expect(problem(lines("type: bar", "categories: [Q1, Q2", "series: []")).where).toEqual(["invalid-chart", 13, 1]);
  });

  it("reports a duplicate key as invalid YAML", () => {
    expect(problem(lines("type: bar", "type: line", "categories: [a]", "series:", "  - values: [1]")).where).toEqual(["invalid-chart", 12, 1]);
  });

  it("reports an empty block at the fence", () => {
    expect(problem("").where).toEqual(["invalid-chart", 10, 1]);
    expect(problem("# only a comment\n").where).toEqual(["invalid-chart", 10, 1]);
  });

  it("reports YAML that is not a mapping", () => {
    const { where, message } = problem(lines("- type: bar"));
    expect(where).toEqual(["invalid-chart", 11, 1]);
    expect(message).toBe("Unexpected a list in chart, expected `key: value` lines");
  });

  it("reports an unknown key with the allowed keys and a suggestion", () => {
    const { where, message, hint } = problem(lines("type: bar", "categories: [a]", "series:", "  - values: [1]", "titel: Sales"));
    expect(where).toEqual(["invalid-chart", 15, 1]);
    expect(message).toBe("Unexpected chart key `titel`, expected one of `type`, `title`, `categories`, `series`, `units`, `legend`, `labels`, `stacked`");
    expect(hint).toBe("did you mean `title`?");
  });

  it("reports an unknown series key with a suggestion", () => {
    const { where, hint } = problem(lines("type: bar", "categories: [a]", "series:", "  - name: x", "    value: [1]", "    values: [1]"));
    expect(where).toEqual(["invalid-chart", 15, 5]);
    expect(hint).toBe("did you mean `values`?");
  });

  it("reports a missing key at the fence", () => {
    const { where, message } = problem(lines("type: bar", "categories: [a]"));
    expect(where).toEqual(["invalid-chart", 10, 1]);
    expect(message).toBe("Unexpected chart without `series`, expected a list of series, each with `name` and `values`");
  });

  it("reports an unknown type with the allowed types and a suggestion", () => {
    const { where, message, hint } = problem(lines("type: colum", "categories: [a]", "series:", "  - values: [1]"));
    expect(where).toEqual(["unknown-chart-type", 11, 7]);
    expect(message).toBe("Unexpected chart type `colum`, expected one of `bar`, `column`, `line`, `area`, `pie`, `doughnut`, `scatter`");
    expect(hint).toBe("did you mean `column`?");
  });

  it("reports an empty type at its key", () => {
    const { where, message } = problem(lines("type:", "categories: [a]", "series:", "  - values: [1]"));
    expect(where).toEqual(["unknown-chart-type", 11, 1]);
    expect(message).toMatch(/^Unexpected an empty value at type, expected one of `bar`/);
  });

  it("reports a series with more or fewer values than categories, with both counts", () => {
    const { where, message } = problem(lines("type: line", "categories: [Q1, Q2, Q3, Q4]", "series:", "  - name: 2025", "    values: [1, 2, 3]"));
    expect(where).toEqual(["chart-series-length", 15, 13]);
    expect(message).toBe("Unexpected 3 values in series `2025`, expected 4, one per category");
    const block = problem(lines("type: line", "categories: [Q1]", "series:", "  - values:", "      - 1", "      - 2"));
    expect(block.where).toEqual(["chart-series-length", 15, 7]);
    expect(block.message).toBe("Unexpected 2 values in series `Series 1`, expected 1, one per category");
  });

  it("reports a value that is not a number, naming it and its index", () => {
    const { where, message } = problem(lines("type: line", "categories: [a, b, c]", "series:", "  - values: [1, abc, 3]"));
    expect(where).toEqual(["invalid-chart", 14, 17]);
    expect(message).toBe('Unexpected "abc" at series[0].values[1], expected a number');
    expect(problem(lines("type: line", "categories: [a]", "series:", '  - values: ["120"]')).message).toBe(
      'Unexpected "120" at series[0].values[0], expected a number',
    );
    expect(problem(lines("type: line", "categories: [a]", "series:", "  - values: [~]")).where).toEqual(["invalid-chart", 14, 14]);
  });

  it.each([".nan", ".inf", "-.Inf", "1e400"])("reports %s as not a finite number", (value) => {
    const { where, message } = problem(lines("type: line", "categories: [a, b]", "series:", `  - values: [1, ${value}]`));
    expect(where).toEqual(["invalid-chart", 14, 17]);
    expect(message).toBe(`Unexpected \`${value}\` at series[0].values[1], expected a finite number`);
  });

  it("reports values that are not a list", () => {
    expect(problem(lines("type: line", "categories: [a]", "series:", "  - values: 5")).where).toEqual(["invalid-chart", 14, 13]);
    expect(problem(lines("type: line", "categories: [a]", "series:", "  - values:")).where).toEqual(["invalid-chart", 14, 5]);
  });

  it("reports a series without values", () => {
    const { where, message } = problem(lines("type: line", "categories: [a]", "series:", "  - name: x"));
    expect(where).toEqual(["invalid-chart", 14, 5]);
    expect(message).toBe("Unexpected series without `values` at series[0], expected a list of numbers");
  });

  it("reports empty series, values and categories", () => {
    expect(problem(lines("type: line", "categories: [a]", "series: []")).where).toEqual(["invalid-chart", 13, 9]);
    expect(problem(lines("type: line", "categories: [a]", "series:", "  - values: []")).where).toEqual(["invalid-chart", 14, 13]);
    const categories = problem(lines("type: line", "categories: []", "series:", "  - values: [1]"));
    expect(categories.where).toEqual(["invalid-chart", 12, 13]);
    expect(categories.message).toBe("Unexpected empty list at categories, expected at least one category");
  });

  it("reports categories that are not a list of names", () => {
    expect(problem(lines("type: line", "categories: Q1", "series:", "  - values: [1]")).where).toEqual(["invalid-chart", 12, 13]);
    expect(problem(lines("type: line", "categories: [a, [b]]", "series:", "  - values: [1, 2]")).where).toEqual(["invalid-chart", 12, 17]);
  });

  it("reports a pie or doughnut chart with more than one series at the second", () => {
    const { where, message, hint } = problem(lines("type: pie", "categories: [a]", "series:", "  - values: [1]", "  - values: [2]", "  - values: [3]"));
    expect(where).toEqual(["chart-too-many-series", 15, 5]);
    expect(message).toBe("Unexpected 3 series in a pie chart, expected exactly one");
    expect(hint).toBe("to compare several series, use a `column` or `bar` chart");
    expect(problem(lines("type: doughnut", "categories: [a]", "series: [{values: [1]}, {values: [2]}]")).where).toEqual(["chart-too-many-series", 13, 25]);
  });

  it("reports a scatter chart whose categories are not numbers", () => {
    const { where, message, hint } = problem(lines("type: scatter", "categories: [1, two, 3]", "series:", "  - values: [1, 2, 3]"));
    expect(where).toEqual(["invalid-chart", 12, 17]);
    expect(message).toBe('Unexpected "two" at categories[1] of a scatter chart, expected a number');
    expect(hint).toBe("in a scatter chart, `categories` are the x values of the points");
    expect(problem(lines("type: scatter", "categories: [1, .inf]", "series:", "  - values: [1, 2]")).message).toBe(
      "Unexpected `.inf` at categories[1] of a scatter chart, expected a finite number",
    );
  });

  it.each(["line", "pie", "doughnut", "scatter"])("reports stacked on a %s chart", (type) => {
    const { where, message } = problem(lines(`type: ${type}`, "categories: [1]", "series:", "  - values: [1]", "stacked: true"));
    expect(where).toEqual(["chart-not-stackable", 15, 10]);
    expect(message).toBe(`Unexpected \`stacked: true\` on a ${type} chart, expected it only on \`bar\`, \`column\`, \`area\` charts`);
  });

  it("allows stacked: false on any chart", () => {
    expect(parse(lines("type: pie", "categories: [1]", "series:", "  - values: [1]", "stacked: false")).diagnostics).toEqual([]);
  });

  it("reports option values of the wrong kind", () => {
    const base = lines("type: line", "categories: [a]", "series:", "  - values: [1]");
    const legend = problem(`${base}legend: botom\n`);
    expect(legend.where).toEqual(["invalid-chart", 15, 9]);
    expect(legend.message).toBe('Unexpected "botom" at legend, expected one of `top`, `bottom`, `left`, `right`, `none`');
    expect(legend.hint).toBe("did you mean `bottom`?");
    const labels = problem(`${base}labels: yes\n`);
    expect(labels.where).toEqual(["invalid-chart", 15, 9]);
    expect(labels.message).toBe('Unexpected "yes" at labels, expected `true` or `false`');
    expect(problem(`${base}title: [a, b]\n`).where).toEqual(["invalid-chart", 15, 8]);
    expect(problem(`${base}units: {a: 1}\n`).where).toEqual(["invalid-chart", 15, 8]);
    expect(problem(`${base}series2: 1\n`).hint).toBe("did you mean `series`?");
  });

  it("reports every problem in the block, not only the first", () => {
    const { chart, diagnostics } = parse(
      lines("type: pi", "categories: [a, b]", "series:", "  - name: x", "    values: [1, oops, 3]", "  - values: [.nan, 2]", "legend: middle", "colour: red"),
    );
    expect(chart).toBeNull();
    expect(diagnostics.map((d) => [d.id, d.line, d.column])).toEqual([
      ["invalid-chart", 18, 1],
      ["unknown-chart-type", 11, 7],
      ["invalid-chart", 17, 9],
      ["chart-series-length", 15, 13],
      ["invalid-chart", 15, 17],
      ["invalid-chart", 16, 14],
    ]);
  });

  it("counts columns from the fence's indentation", () => {
    const { diagnostics } = parse(lines("type: colum", "categories: [a]", "series:", "  - values: [1]"), { line: 3, column: 5 });
    expect(diagnostics.map((d) => [d.line, d.column])).toEqual([[4, 11]]);
  });

  it("never throws on garbage", () => {
    for (const yaml of ["\t\t:", "[[[", "'", "type: [", "? [a]\n: b", "*undefined", "%YAML 9.9\n---\na: 1", "---\na: 1\n---\nb: 2", "type: bar\n\u0000"]) {
      const { chart, diagnostics } = parse(yaml);
      expect(chart).toBeNull();
      expect(diagnostics.length).toBeGreaterThan(0);
      for (const d of diagnostics) expect(d.line).toBeGreaterThanOrEqual(10);
    }
  });
});
