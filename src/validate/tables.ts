/**
 * DrawingML tables (`a:tbl`) as PowerPoint writes them: every `a:tr` has exactly one `a:tc` per
 * `a:gridCol`; a merged cell has `gridSpan="n"` and is followed by n−1 placeholder cells with
 * `hMerge="1"`. So each row must have as many cells as the grid has columns, and the spans of its
 * non-placeholder cells must add up to the same number.                  table-grid-mismatch
 *
 * A listener on the stream of one XML part (src/validate/xml.ts), with a stack of the open
 * elements: it keeps a count per open table and row, never the table itself. Tables are
 * numbered in the order they open, rows within their table; a row that comes before its
 * table's grid waits for the grid.
 */
import type { XmlElementStart, XmlListener } from "./xml.js";
import { NS_A } from "../xml/namespaces.js";


interface Table {
  readonly kind: "table";
  readonly number: number;
  columns: number;
  /** The grid is its first `a:tblGrid`; `open` while its columns are counted. */
  grid: "none" | "open" | "done";
  rows: number;
  /** Rows closed before the grid was: [row number, cells, spanned columns]. */
  readonly waiting: (readonly [number, number, number])[];
}

interface Row {
  readonly kind: "row";
  readonly table: Table;
  readonly number: number;
  cells: number;
  spanned: number;
}

type Frame = Table | Row | { readonly kind: "grid"; readonly table: Table } | { readonly kind: "other" };

const OTHER: Frame = { kind: "other" };

export class TableGridCheck implements XmlListener {
  private readonly stack: Frame[] = [];
  private tables = 0;

  /** `report` gets each mismatch's message. */
  constructor(private readonly report: (message: string) => void) {}

  open(element: XmlElementStart): void {
    this.stack.push(this.frameFor(element, this.stack.at(-1) ?? OTHER));
  }

  close(): void {
    const frame = this.stack.pop() ?? OTHER;
    if (frame.kind === "grid") {
      frame.table.grid = "done";
      this.flush(frame.table);
    } else if (frame.kind === "row") {
      const { table } = frame;
      if (table.grid === "done") this.check(table, frame.number, frame.cells, frame.spanned);
      else table.waiting.push([frame.number, frame.cells, frame.spanned]);
    } else if (frame.kind === "table") {
      frame.grid = "done"; // a table without a grid has no columns
      this.flush(frame);
    }
  }

  private frameFor(element: XmlElementStart, parent: Frame): Frame {
    if (element.uri !== NS_A) return OTHER;
    if (element.local === "tbl") return { kind: "table", number: ++this.tables, columns: 0, grid: "none", rows: 0, waiting: [] };
    if (parent.kind === "table") {
      if (element.local === "tblGrid" && parent.grid === "none") {
        parent.grid = "open";
        return { kind: "grid", table: parent };
      }
      if (element.local === "tr") return { kind: "row", table: parent, number: ++parent.rows, cells: 0, spanned: 0 };
    } else if (parent.kind === "grid" && element.local === "gridCol") {
      parent.table.columns++;
    } else if (parent.kind === "row" && element.local === "tc") {
      parent.cells++;
      parent.spanned += cellSpan(element);
    }
    return OTHER;
  }

  private flush(table: Table): void {
    for (const [row, cells, spanned] of table.waiting.splice(0)) this.check(table, row, cells, spanned);
  }

  private check(table: Table, row: number, cells: number, spanned: number): void {
    if (cells === table.columns && spanned === table.columns) return;
    this.report(`table ${table.number}, row ${row}: ${cells} cells spanning ${spanned} columns, but the grid has ${table.columns} columns`);
  }
}

/** Grid columns a cell starts: its gridSpan (default 1), or 0 for an hMerge placeholder. */
function cellSpan(cell: XmlElementStart): number {
  if (isTrue(cell.attribute("hMerge"))) return 0;
  const span = Number.parseInt(cell.attribute("gridSpan") ?? "1", 10);
  return Number.isFinite(span) && span > 0 ? span : 1;
}

const isTrue = (value: string | undefined): boolean => value === "1" || value === "true";
