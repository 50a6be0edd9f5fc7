import type { BodyParagraph, ContentBlock, DeckImage } from "../model/deck.js";
import type { ImageBlock, LeafBlock, Run } from "../model/outline.js";
import { highlightCode } from "../highlight/highlight.js";
import type { ImageFiles } from "./context.js";

const italic = (runs: Run[]): Run[] => runs.map((r) => ({ ...r, italic: true }));
const plain = (text: string): Run => ({ text, bold: false, italic: false, strike: false, code: false, href: null });

function paragraph(kind: BodyParagraph["kind"], runs: Run[], position: BodyParagraph["position"], level = 0, number = 1, step?: number): BodyParagraph {
  return { kind, runs, level, number, position, ...stepOf(step) };
}

/** `{ step }` when the block appears on a click, nothing when it is shown from the start (so decks without builds keep their shape). */
export const stepOf = (step: number | undefined): { step?: number } => (step === undefined ? {} : { step });

/** The text blocks among `blocks` as the paragraphs of one text body (other blocks are skipped). */
export function bodyParagraphs(blocks: readonly LeafBlock[]): BodyParagraph[] {
  const out: BodyParagraph[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case "paragraph":
        out.push(b.footnote === undefined ? paragraph("text", b.runs, b.position, 0, 1, b.step) : { ...paragraph("text", b.runs, b.position, 0, 1, b.step), footnote: true });
        break;
      case "subheading":
        out.push(paragraph("subheading", b.runs, b.position, 0, 1, b.step));
        break;
      case "list":
        for (const item of b.items) out.push(paragraph(item.ordered ? "number" : "bullet", item.runs, item.position, item.level, item.number, item.step));
        break;
      case "blockquote":
        for (const runs of b.paragraphs) out.push(paragraph("text", italic(runs), b.position, 0, 1, b.step));
        if (b.attribution) out.push(paragraph("text", [plain("— "), ...b.attribution], b.position, 0, 1, b.step));
        break;
      default:
        break;
    }
  }
  return out;
}

/** A paragraph that is one display formula (`$$…$$` alone). */
export const isEquation = (runs: readonly Run[]): boolean => runs.length > 0 && runs.every((r) => r.math === "display" || (r.math === undefined && r.text.trim() === ""));

export const isText = (b: LeafBlock) => b.type === "paragraph" || b.type === "list" || b.type === "subheading" || b.type === "blockquote";

/** An image block with its file; null when the file could not be read (already reported). */
export function deckImage(block: ImageBlock, images: ImageFiles): DeckImage | null {
  const file = images.get(block.src);
  if (!file) return null;
  // Marp's `w:200px h:100px`: at most that size (the picture keeps its proportions).
  const size = { ...(block.width === undefined ? {} : { maxWidth: block.width }), ...(block.height === undefined ? {} : { maxHeight: block.height }) };
  return { ...file, alt: block.alt, caption: block.caption, fit: block.fit, position: block.position, ...stepOf(block.step), ...size };
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
    if (b.type === "paragraph" && isEquation(b.runs)) {
      // An equation set on its own is a text box of its own: LibreOffice draws an equation only
      // when it is the whole of its text box (docs/syntax.md, "Math").
      flush();
      out.push({ kind: "text", paragraphs: bodyParagraphs([b]) });
      continue;
    }
    if (isText(b)) {
      text.push(b);
      continue;
    }
    flush();
    if (b.type === "table") out.push({ kind: "table", table: deckTable(b) });
    else if (b.type === "chart") out.push({ kind: "chart", chart: b.spec, position: b.position, ...stepOf(b.step) });
    else if (b.type === "code") out.push({ kind: "code", code: { lang: b.lang, lines: highlightCode(b.text, b.lang), firstLine: 1, position: b.position, ...stepOf(b.step) } });
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
  return { align, numeric, header: table.header, rows, position: table.position, ...stepOf(table.step) };
}

/** The runs of the first paragraph among the blocks, if any (a subtitle under a heading). */
export function firstParagraph(blocks: readonly LeafBlock[]): Run[] | null {
  const first = blocks.find((b) => b.type === "paragraph");
  return first?.type === "paragraph" ? first.runs : null;
}

/**
 * The line under a title (title, section and closing slides): the first paragraphs among the
 * blocks, at most two (a `# ` with up to two paragraphs is title-like, docs/syntax.md), one line
 * each; `used` are the paragraph blocks it shows.
 */
export function subtitleOf(blocks: readonly LeafBlock[]): { runs: Run[] | null; used: LeafBlock[] } {
  const used = blocks.filter((b) => b.type === "paragraph").slice(0, 2);
  const runs = used.flatMap((b, i) => (b.type !== "paragraph" ? [] : i === 0 ? b.runs : [plain("\n"), ...b.runs]));
  return { runs: runs.length > 0 ? runs : null, used };
}

export function plainRuns(text: string | undefined | null): Run[] | null {
  if (text === undefined || text === null || text.trim() === "") return null;
  return [plain(text.trim())];
}
