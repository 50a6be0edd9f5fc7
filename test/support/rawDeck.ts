/**
 * Builds real, unpackaged pptxgenjs output for the packaging and structure tests.
 *
 * The deck exercises every part kind the writer is expected to produce: slide masters
 * with a title placeholder and a slide number, text with hyperlinks and bullets, a table,
 * speaker notes, a bar and a line chart, and PNG and JPEG images. The bytes are exactly
 * what `pptx.write()` returns — STORED entries, folder entries, schema deviations and all.
 */
import { crc32, deflateSync } from "node:zlib";
import pptxgenModule from "pptxgenjs";

// pptxgenjs ships CommonJS-style typings for an ES module: under NodeNext, TypeScript sees
// the default import as the module namespace, while at run time it is the class itself.
const PptxGenJS = pptxgenModule as unknown as typeof pptxgenModule.default;

export interface RawDeckOptions {
  /** Put XML-illegal control characters (and a lone surrogate) into slide text and notes. */
  readonly illegalChars?: boolean;
}

/** A 1×1 baseline JPEG. */
const JPEG_1X1 =
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////" +
  "////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/a" +
  "AAgBAQABPxA=";

/** A tiny opaque RGB PNG (w×h, one colour), built here so no binary fixture is needed. */
export function makePng(width: number, height: number, rgb: readonly [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "latin1");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The text used for slides when `illegalChars` is on: NUL, VT, ESC, U+FFFF, a lone high surrogate, and an emoji. */
export const DIRTY_TEXT = "Bad\u0000 chars\u000b here\u001b \uffff and \ud800 lone; keep 😀 emoji";

export async function buildRawDeck(options: RawDeckOptions = {}): Promise<Uint8Array> {
  const dirty = options.illegalChars === true;
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_16x9";
  pptx.author = "deckwright tests";
  pptx.title = dirty ? `Raw deck ${DIRTY_TEXT}` : "Raw deck";

  pptx.defineSlideMaster({
    title: "TITLE_MASTER",
    background: { color: "1F2937" },
    objects: [
      { placeholder: { options: { name: "title", type: "title", x: 0.5, y: 2, w: 9, h: 1.2 }, text: "" } },
      { placeholder: { options: { name: "subtitle", type: "body", x: 0.5, y: 3.3, w: 9, h: 0.8 }, text: "" } },
    ],
  });
  pptx.defineSlideMaster({
    title: "CONTENT_MASTER",
    background: { color: "FFFFFF" },
    margin: [0.5, 0.5, 0.5, 0.5],
    slideNumber: { x: 9.2, y: 5.2, w: 0.6, h: 0.3, fontSize: 10, color: "6B7280" },
    objects: [
      { rect: { x: 0, y: 0, w: 10, h: 0.15, fill: { color: "2563EB" } } },
      { placeholder: { options: { name: "title", type: "title", x: 0.5, y: 0.3, w: 9, h: 0.8 }, text: "" } },
      { placeholder: { options: { name: "body", type: "body", x: 0.5, y: 1.2, w: 9, h: 3.8 }, text: "" } },
    ],
  });

  // 1. title slide
  pptx.addSection({ title: "Introduction" });
  const title = pptx.addSlide({ masterName: "TITLE_MASTER", sectionTitle: "Introduction" });
  title.addText(dirty ? DIRTY_TEXT : "Deck title", { placeholder: "title" });
  title.addText("Subtitle", { placeholder: "subtitle" });
  title.addNotes(dirty ? `Notes ${DIRTY_TEXT}` : "Opening notes & <welcome>");

  // 2. bullets with hyperlinks
  const bullets = pptx.addSlide({ masterName: "CONTENT_MASTER" });
  bullets.addText("Bullets", { placeholder: "title" });
  bullets.addText(
    [
      { text: "First point with ", options: { bullet: true } },
      { text: "a link", options: { hyperlink: { url: "https://example.com/a?b=1&c=2", tooltip: "Example" } } },
      { text: "", options: { breakLine: true } },
      { text: "Second point", options: { bullet: true, breakLine: true } },
      { text: "Nested point", options: { bullet: true, indentLevel: 1, breakLine: true } },
      { text: "Numbered", options: { bullet: { type: "number" }, breakLine: true } },
      { text: "Jump to slide 3", options: { hyperlink: { slide: 3 } } },
    ],
    { x: 0.5, y: 1.2, w: 9, h: 3.8, fontSize: 18 },
  );
  bullets.addNotes("Bullet notes");

  // 3. a table with a merged cell
  const table = pptx.addSlide({ masterName: "CONTENT_MASTER" });
  table.addText("Table", { placeholder: "title" });
  table.addTable(
    [
      [
        { text: "Name", options: { bold: true, fill: { color: "E5E7EB" } } },
        { text: "Value", options: { bold: true, fill: { color: "E5E7EB" } } },
        { text: "Note", options: { bold: true, fill: { color: "E5E7EB" } } },
      ],
      [{ text: "alpha" }, { text: "1" }, { text: "first" }],
      [{ text: "spanning two columns", options: { colspan: 2 } }, { text: dirty ? DIRTY_TEXT : "last" }],
    ],
    { x: 0.5, y: 1.2, w: 9, colW: [3, 3, 3], fontSize: 14, border: { type: "solid", pt: 1, color: "9CA3AF" } },
  );
  table.addNotes("Table notes");

  // 4. charts
  const charts = pptx.addSlide({ masterName: "CONTENT_MASTER" });
  charts.addText("Charts", { placeholder: "title" });
  const data = [
    { name: "2024", labels: ["Q1", "Q2", "Q3", "Q4"], values: [4, 7, 5, 9] },
    { name: "2025", labels: ["Q1", "Q2", "Q3", "Q4"], values: [5, 6, 8, 10] },
  ];
  charts.addChart(pptx.ChartType.bar, data, { x: 0.5, y: 1.2, w: 4.4, h: 3.6, showLegend: true, showTitle: true, title: "Bar" });
  charts.addChart(pptx.ChartType.line, data, { x: 5.1, y: 1.2, w: 4.4, h: 3.6, showLegend: true, showTitle: true, title: "Line" });

  // 5. more charts: area, and scatter with custom point labels (random GUIDs in pptxgenjs)
  pptx.addSection({ title: "Appendix" });
  const more = pptx.addSlide({ masterName: "CONTENT_MASTER", sectionTitle: "Appendix" });
  more.addText("More charts", { placeholder: "title" });
  more.addChart(pptx.ChartType.area, data, { x: 0.5, y: 1.2, w: 4.4, h: 3.6 });
  more.addChart(
    pptx.ChartType.scatter,
    [
      { name: "X", values: [1, 2, 3] },
      { name: "Y", values: [3, 1, 2], labels: ["a", "b", "c"] },
    ],
    { x: 5.1, y: 1.2, w: 4.4, h: 3.6, showLabel: true, dataLabelFormatScatter: "custom" },
  );

  // 6. images
  const images = pptx.addSlide({ masterName: "CONTENT_MASTER", sectionTitle: "Appendix" });
  images.addText("Images", { placeholder: "title" });
  const png = makePng(4, 3, [37, 99, 235]).toString("base64");
  images.addImage({ data: `image/png;base64,${png}`, x: 0.5, y: 1.2, w: 4, h: 3, altText: "A blue box" });
  images.addImage({ data: `image/jpeg;base64,${JPEG_1X1}`, x: 5, y: 1.2, w: 3, h: 3, altText: "A grey dot" });

  const out = await pptx.write({ outputType: "uint8array" });
  if (!(out instanceof Uint8Array)) throw new Error("pptxgenjs did not return a Uint8Array");
  return out;
}
