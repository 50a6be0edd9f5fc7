/** The text lines of a PDF page inside a box, from `pdftotext -bbox` (poppler-utils): words grouped by their vertical overlap. */
import type { Box } from "../../src/model/slideSpec.js";

export interface PdfWord {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

export interface PdfLine {
  y0: number;
  y1: number;
  words: PdfWord[];
}

const POINTS_PER_INCH = 72;

export function pdfWords(bboxHtml: string): PdfWord[] {
  return [...bboxHtml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x0: Number(m[1]),
    y0: Number(m[2]),
    x1: Number(m[3]),
    y1: Number(m[4]),
    text: decode(m[5] ?? ""),
  }));
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (text: string) => text.replaceAll(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? "");

/** Lines of the words inside `box` (inches), top to bottom, each word left to right; bullet and number labels left out. */
export function linesInBox(words: readonly PdfWord[], box: Box): PdfLine[] {
  const [left, top, right, bottom] = [box.x, box.y, box.x + box.w, box.y + box.h].map((n) => n * POINTS_PER_INCH) as [number, number, number, number];
  const inside = words.filter((w) => w.x0 >= left - 1 && w.x1 <= right + 2 && w.y0 >= top - 2 && w.y1 <= bottom + 2 && !/^(•|\d+\.)$/.test(w.text));
  const lines: PdfLine[] = [];
  for (const word of [...inside].sort((a, b) => a.y1 - b.y1 || a.x0 - b.x0)) {
    const overlap = (l: PdfLine) => Math.min(l.y1, word.y1) - Math.max(l.y0, word.y0);
    const line = lines.find((l) => overlap(l) > 0.5 * Math.min(l.y1 - l.y0, word.y1 - word.y0));
    if (line) {
      line.words.push(word);
      line.y0 = Math.min(line.y0, word.y0);
      line.y1 = Math.max(line.y1, word.y1);
    } else {
      lines.push({ y0: word.y0, y1: word.y1, words: [word] });
    }
  }
  for (const line of lines) line.words.sort((a, b) => a.x0 - b.x0);
  return lines.sort((a, b) => a.y0 - b.y0);
}
