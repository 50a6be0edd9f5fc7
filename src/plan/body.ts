import type { BodyParagraph, ContentBlock, DeckImage } from "../model/deck.js";
import type { ImageBlock, LeafBlock, Run } from "../model/outline.js";
import { highlightCode } from "../highlight/highlight.js";
import type { ImageFiles } from "./context.js";

const italic = (runs: Run[]): Run[] => runs.map((r) => ({ ...r, italic: true }));
const plain = (text: string): Run => ({ text, bold: false, italic: false, strike: false, code: false, href: null });

function paragraph(kind: BodyParagraph["kind"], runs: Run[], position: BodyParagraph["position"], level = 0, number = 1): BodyParagraph {
  return { kind, runs, level, number, position };
}

/** The text blocks among `blocks` as the paragraphs of one text body (other blocks are skipped). */
export function bodyParagraphs(blocks: readonly LeafBlock[]): BodyParagraph[] {
  const out: BodyParagraph[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case "paragraph":
        out.push(paragraph("text", b.runs, b.position));
        break;
      case "subheading":
        out.push(paragraph("subheading", b.runs, b.position));
        break;
      case "list":
        for (const item of b.items) out.push(paragraph(item.ordered ? "number" : "bullet", item.runs, item.position, item.level, item.number));
        break;
      case "blockquote":
        for (const runs of b.paragraphs) out.push(paragraph("text", italic(runs), b.position));
        if (b.attribution) out.push(paragraph("text", [plain("— "), ...b.attribution], b.position));
        break;
      default:
        break;
    }
  }
  return out;
}

export const isText = (b: LeafBlock) => b.type === "paragraph" || b.type === "list" || b.type === "subheading" || b.type === "blockquote";

/** An image block with its file; null when the file could not be read (already reported). */
export function deckImage(block: ImageBlock, images: ImageFiles): DeckImage | null {
  const file = images.get(block.src);
  return file ? { ...file, alt: block.alt, caption: block.caption, fit: block.fit, position: block.position } : null;
}

/** Blocks → content blocks, in order: runs of text blocks become one text block. */
export function contentBlocks(blocks: readonly LeafBlock[], images: ImageFiles): ContentBlock[] {
  const out: ContentBlock[] = [];
  let text: LeafBlock[] = [];
  const flush = () => {
    if (text.length > 0) out.push({ kind: "text", paragraphs: bodyParagraphs(text) });
    text = [];
  };
  for (const b of blocks) {
    if (isText(b)) {
      text.push(b);
      continue;
    }
    flush();
    if (b.type === "table") out.push({ kind: "table", table: deckTable(b) });
    else if (b.type === "chart") out.push({ kind: "chart", chart: b.spec, position: b.position });
    else if (b.type === "code") out.push({ kind: "code", code: { lang: b.lang, lines: highlightCode(b.text, b.lang), firstLine: 1, position: b.position } });
    else if (b.type === "image") {
      const image = deckImage(b, images);
      if (image) out.push({ kind: "image", image });
    }
  }
  flush();
  return out;
}

const NUMBER = /^[-+−]?[$€£¥]?\s?\d[\d,. ]*(?:\s?(?:%|[kKmMbB]n?|bn|billion|million))?\+?$/;

/** A table with rows as wide as the header (padded or cut, never ragged); numeric columns right-aligned unless the Markdown says. */
export function deckTable(table: Extract<LeafBlock, { type: "table" }>) {
  const width = table.header.length;
  const rows = table.rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? { runs: [] }));
  const cellText = (row: (typeof rows)[number], i: number) => (row[i]?.runs ?? []).map((r) => r.text).join("").trim();
  const numeric = table.header.map((_, i) => {
    const texts = rows.map((row) => cellText(row, i)).filter((t) => t !== "");
    return texts.length > 0 && texts.every((t) => NUMBER.test(t));
  });
  const align = table.header.map((_, i) => table.align[i] ?? (numeric[i] ? "right" : "left"));
  return { align, numeric, header: table.header, rows, position: table.position };
}

/** The runs of the first paragraph among the blocks, if any (a subtitle under a heading). */
export function firstParagraph(blocks: readonly LeafBlock[]): Run[] | null {
  const first = blocks.find((b) => b.type === "paragraph");
  return first?.type === "paragraph" ? first.runs : null;
}

export function plainRuns(text: string | undefined | null): Run[] | null {
  if (text === undefined || text === null || text.trim() === "") return null;
  return [plain(text.trim())];
}
