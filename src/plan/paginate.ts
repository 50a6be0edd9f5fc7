import type { PlannedSlide, PlannedSlideOf } from "../model/deck.js";
import type { Capacity } from "./context.js";

/** Splits `items` into pages of `first` items, then `rest` each. */
function pages<T>(items: readonly T[], first: number, rest: number): T[][] {
  const out: T[][] = [items.slice(0, Math.max(1, first))];
  for (let i = Math.max(1, first); i < items.length; i += Math.max(1, rest)) out.push(items.slice(i, i + Math.max(1, rest)));
  return out;
}

/**
 * Continuation slides: a table with more rows, or code with more lines, than one slide of the
 * theme holds continues on slides titled "… (cont.)", the table's header row repeated.
 */
/** A table slide holding only `rows`: the first keeps its introduction, a continuation has none and says "(cont.)". */
export function tablePart(slide: PlannedSlideOf<"table">, rows: PlannedSlideOf<"table">["table"]["rows"], continued: boolean): PlannedSlideOf<"table"> {
  const table = { ...slide.table, rows };
  return continued ? { ...slide, intro: [], continued: true, table } : { ...slide, table };
}

export function paginate(slide: PlannedSlide, capacity: Capacity): PlannedSlide[] {
  if (slide.layout === "table") {
    const first = slide.intro.length > 0 ? capacity.tableRowsAfterIntro : capacity.tableRows;
    return pages(slide.table.rows, first, capacity.tableRows).map((rows, i) => tablePart(slide, rows, i > 0));
  }
  if (slide.layout === "code") {
    const first = slide.intro.length > 0 ? capacity.codeLines - 2 * slide.intro.length : capacity.codeLines;
    let line = 1;
    return pages(slide.code.lines, first, capacity.codeLines).map((lines, i) => {
      const firstLine = line;
      line += lines.length;
      const code = { ...slide.code, lines, firstLine };
      return i === 0 ? { ...slide, code } : { ...slide, intro: [], continued: true, code };
    });
  }
  return [slide];
}
