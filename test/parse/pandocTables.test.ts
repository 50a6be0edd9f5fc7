/** pandoc's grid, simple and multiline tables read as tables (src/parse/pandocTables.ts). */
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { parse } from "../../src/parse/parse.js";
import type { Block } from "../../src/model/outline.js";

function blocks(markdown: string): Block[] {
  const diagnostics = new Diagnostics("t.md");
  const outline = parse(markdown, "t.md", diagnostics);
  expect(diagnostics.list).toEqual([]);
  return outline.slides.flatMap((s) => s.blocks);
}

const text = (cell: { runs: { text: string }[] }) => cell.runs.map((r) => r.text).join("");

function onlyTable(markdown: string) {
  const [table, ...rest] = blocks(markdown);
  expect(rest).toEqual([]);
  if (table?.type !== "table") throw new Error(`expected a table, got ${table?.type}`);
  return { align: table.align, header: table.header.map(text), rows: table.rows.map((r) => r.map(text)), position: table.position };
}

describe("pandoc's tables", () => {
  it("reads a simple table, its alignment from where the header sits over the dashes", () => {
    const table = onlyTable("## S\n\n  Right     Left     Center     Default\n-------     ------ ----------   -------\n     12     12        12            12\n    123     123       123          123\n");
    expect(table).toEqual({
      align: ["right", "left", "center", null],
      header: ["Right", "Left", "Center", "Default"],
      rows: [["12", "12", "12", "12"], ["123", "123", "123", "123"]],
      position: { line: 3, column: 1 },
    });
  });

  it("reads a grid table: the header above `+===+`, colons for alignment, cells over several lines, list items on lines of their own", () => {
    const table = onlyTable(
      "## G\n\n+---------+-------+--------------------+\n| Fruit   | Price | Advantages         |\n+=========+======:+:==================:+\n| Bananas | $1.34 | - built-in wrapper |\n|         |       | - bright color     |\n+---------+-------+--------------------+\n| Oranges | $2.10 | cures              |\n|         |       | scurvy             |\n+---------+-------+--------------------+\n",
    );
    expect(table.align).toEqual([null, "right", "center"]);
    expect(table.header).toEqual(["Fruit", "Price", "Advantages"]);
    expect(table.rows).toEqual([["Bananas", "$1.34", "- built-in wrapper\n- bright color"], ["Oranges", "$2.10", "cures scurvy"]]);
  });

  it("reads a multiline table: header and rows over several lines, rows apart by blank lines", () => {
    const table = onlyTable(
      "## M\n\n----------------------------------------\n Centered   Default           Right Left\n  Header    Aligned         Aligned Aligned\n----------- ------- --------------- ----------\n   First    row                12.0 Example of\n                                    a long row.\n\n  Second    row                 5.0 Another.\n----------------------------------------\n",
    );
    expect(table.header).toEqual(["Centered Header", "Default Aligned", "Right Aligned", "Left Aligned"]);
    expect(table.align).toEqual(["center", null, "right", "left"]);
    expect(table.rows).toEqual([["First", "row", "12.0", "Example of a long row."], ["Second", "row", "5.0", "Another."]]);
  });

  it("leaves setext headings, slide breaks and lists alone", () => {
    const diagnostics = new Diagnostics("t.md");
    const outline = parse("## A\n\nTitle line\n---\n\n- a - b\n- c\n\n---\n\n## B\n\nText\n", "t.md", diagnostics);
    expect(outline.slides.map((s) => s.title?.map((r) => r.text).join(""))).toEqual(["A", "Title line", "B"]);
    expect(outline.slides.flatMap((s) => s.blocks).some((b) => b.type === "table")).toBe(false);
  });
});
