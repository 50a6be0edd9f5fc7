import type { BodyParagraph } from "../model/deck.js";
import type { Block, Run } from "../model/outline.js";

const italic = (runs: Run[]): Run[] => runs.map((r) => ({ ...r, italic: true }));

/** Text blocks → the paragraphs of a text body. Tables have no paragraph form and are skipped. */
export function bodyParagraphs(blocks: readonly Block[]): BodyParagraph[] {
  const out: BodyParagraph[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case "paragraph":
        out.push({ kind: "text", runs: b.runs, level: 0, number: 1, position: b.position });
        break;
      case "subheading":
        out.push({ kind: "subheading", runs: b.runs, level: 0, number: 1, position: b.position });
        break;
      case "list":
        for (const item of b.items) {
          out.push({ kind: item.ordered ? "number" : "bullet", runs: item.runs, level: item.level, number: item.number, position: item.position });
        }
        break;
      case "blockquote":
        for (const runs of b.paragraphs) out.push({ kind: "text", runs: italic(runs), level: 0, number: 1, position: b.position });
        if (b.attribution) out.push({ kind: "text", runs: [{ text: "— ", bold: false, italic: false, strike: false, code: false, href: null }, ...b.attribution], level: 0, number: 1, position: b.position });
        break;
      case "code":
        b.text.split("\n").forEach((line, index) => {
          const runs: Run[] = line === "" ? [] : [{ text: line, bold: false, italic: false, strike: false, code: true, href: null }];
          out.push({ kind: "code", runs, level: 0, number: 1, position: { line: b.position.line + index + 1, column: b.position.column } });
        });
        break;
      case "table":
        break;
    }
  }
  return out;
}

/** The runs of the first paragraph among the blocks, if any (a subtitle under a heading). */
export function firstParagraph(blocks: readonly Block[]): Run[] | null {
  const first = blocks.find((b) => b.type === "paragraph");
  return first?.type === "paragraph" ? first.runs : null;
}

export function plainRuns(text: string | undefined | null): Run[] | null {
  if (text === undefined || text === null || text.trim() === "") return null;
  return [{ text: text.trim(), bold: false, italic: false, strike: false, code: false, href: null }];
}
