/**
 * SlideSpec[] → the raw .pptx that pptxgenjs writes. The only module that imports pptxgenjs.
 * Its output still has pptxgenjs' schema deviations and build-time values; package.ts fixes them.
 */
import pptxgenModule from "pptxgenjs";
import type { DeckMeta } from "../model/deck.js";
import { markEquation } from "./math.js";
import { chartOptions } from "./chart.js";
import type { Build } from "./timing.js";
import type { ChartElement, Element, ImageElement, SlideNumberElement, SlideSpec, SpecParagraph, SpecRun, TableElement, TextElement, TextStyle } from "../model/slideSpec.js";
import { CELL_MARGIN, POINTS_PER_INCH } from "../units.js";

// pptxgenjs ships CommonJS-style typings for an ES module: under NodeNext, TypeScript sees the
// default import as the module namespace, while at run time it is the class itself.
const PptxGenJS = pptxgenModule as unknown as typeof pptxgenModule.default;
type Pptx = InstanceType<typeof PptxGenJS>;
type Slide = ReturnType<Pptx["addSlide"]>;
type TextProps = pptxgenModule.default.TextProps;
type TableRow = pptxgenModule.default.TableRow;

/** The pictures a deck may carry, by the path its slides name them by. */
export interface PictureSource {
  get(path: string): { bytes: Uint8Array; format: "png" | "jpeg" | "gif" | "svg" } | undefined;
}

/** A picture as the `data` pptxgenjs embeds: `image/png;base64,…`, encoded once per picture. */
type MediaData = (path: string) => string;

/** pptxgenjs names the media part after the type: `.jpg` (its content type is corrected in packaging) and `.svg` with a PNG fallback. */
const MEDIA_TYPES = { png: "image/png", jpeg: "image/jpg", gif: "image/gif", svg: "image/svg+xml" } as const;

function pictureData(pictures: PictureSource): MediaData {
  const encoded = new Map<string, string>();
  return (path) => {
    let data = encoded.get(path);
    if (data === undefined) {
      const picture = pictures.get(path);
      if (!picture) throw new Error(`the picture ${path} was not read and checked before the write`);
      data = `${MEDIA_TYPES[picture.format]};base64,${Buffer.from(picture.bytes).toString("base64")}`;
      encoded.set(path, data);
    }
    return data;
  };
}

const LAYOUT_NAMES = { "16:9": "LAYOUT_WIDE", "4:3": "LAYOUT_4x3" } as const;

/**
 * The deck as pptxgenjs writes it. Pictures come from `pictures` only, as bytes: the writer
 * never opens a file or an address itself, so a path that did not pass the reading step's
 * checks (src/images/pictures.ts) cannot become a media part.
 */
export async function writePptx(specs: readonly SlideSpec[], meta: DeckMeta, pictures: PictureSource): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = LAYOUT_NAMES[meta.aspect];
  pptx.title = meta.title;
  // pptxgenjs writes "PptxGenJS" as the author and company unless told otherwise.
  pptx.author = meta.author ?? "";
  pptx.company = "";
  const fonts = themeFonts(specs);
  if (fonts) pptx.theme = fonts;
  if (meta.subtitle) pptx.subject = meta.subtitle;
  const media = pictureData(pictures);
  const names = layoutNames(specs);
  const onLayout = defineLayouts(pptx, specs, meta.lang, media, names);
  for (const spec of specs) addSlide(pptx, spec, onLayout.has(names.get(spec) ?? spec.layout), meta.lang, media, names.get(spec) ?? spec.layout);
  const bytes = await pptx.write({ outputType: "uint8array" });
  return bytes as Uint8Array;
}

/** The title and body fonts, written as the deck's theme fonts (what PowerPoint offers first). */
function themeFonts(specs: readonly SlideSpec[]): { headFontFace: string; bodyFontFace: string } | undefined {
  const texts = specs.flatMap((s) => s.elements.filter((e): e is TextElement => e.type === "text"));
  const heading = texts.find((e) => e.role === "title")?.style.font;
  const body = texts.find((e) => e.role === "body")?.style.font ?? heading;
  return heading && body ? { headFontFace: heading, bodyFontFace: body } : undefined;
}

/**
 * One slide layout per layout kind in use, named after it, holding the title placeholder and
 * the decoration the theme marks `layer="layout"`. Decoration goes on the layout only when every
 * slide of the kind has the same; otherwise it stays on each slide. Returns the kinds whose
 * decoration is on the layout.
 */
/**
 * The slide layout of each slide: its kind, or, for a slide whose title is elsewhere than on the
 * kind's first slide (beside a Marp side picture), "kind 2", "kind 3"…: pptxgenjs puts a title
 * where its layout's placeholder is, whatever the slide says.
 */
function layoutNames(specs: readonly SlideSpec[]): Map<SlideSpec, string> {
  const boxes = new Map<string, string[]>();
  const names = new Map<SlideSpec, string>();
  for (const spec of specs) {
    const title = spec.elements.find((e) => e.type === "text" && e.role === "title");
    const key = title ? JSON.stringify(title.box) : "";
    const seen = boxes.get(spec.layout) ?? [];
    if (!boxes.has(spec.layout)) boxes.set(spec.layout, seen);
    let index = seen.indexOf(key);
    if (index === -1 && (seen.length === 0 || key !== "")) index = seen.push(key) - 1;
    names.set(spec, index <= 0 ? spec.layout : `${spec.layout} ${index + 1}`);
  }
  return names;
}

function defineLayouts(pptx: Pptx, specs: readonly SlideSpec[], lang: string, media: MediaData, names: ReadonlyMap<SlideSpec, string>): Set<string> {
  // One pass: each kind's first slide, and whether every slide of the kind has its decoration.
  const kinds = new Map<string, { first: SlideSpec; decoration: string; shared: boolean }>();
  for (const spec of specs) {
    const decoration = JSON.stringify(layoutElements(spec));
    const name = names.get(spec) ?? spec.layout;
    const seen = kinds.get(name);
    if (!seen) kinds.set(name, { first: spec, decoration, shared: true });
    else if (seen.decoration !== decoration) seen.shared = false;
  }
  const onLayout = new Set<string>();
  for (const [kind, { first, shared }] of kinds) {
    if (shared) onLayout.add(kind);
    const objects: pptxgenModule.default.SlideMasterProps["objects"] = [];
    let slideNumber: pptxgenModule.default.SlideNumberProps | undefined;
    if (shared) {
      for (const element of layoutElements(first)) {
        if (element.type === "shape") objects.push({ rect: shapeOptions(element) });
        else if (element.type === "text") objects.push({ text: { text: plainText(element), options: { ...textBoxOptions(element), lang } } });
        else if (element.type === "slide-number") slideNumber = slideNumberOptions(element);
        else if (element.type === "image") objects.push({ image: imageOptions(element, media) });
      }
    }
    const title = first.elements.find((e): e is TextElement => e.type === "text" && e.role === "title");
    if (title) objects.push({ placeholder: { options: { name: "title", type: "title", ...box(title), ...styleOptions(title.style) }, text: "Click to add title" } });
    pptx.defineSlideMaster({ title: kind, background: { color: first.background }, objects, ...(slideNumber ? { slideNumber } : {}) });
  }
  return onLayout;
}

/** Layout text is plain: pptxgenjs takes only a string there. */
function plainText(element: TextElement): string {
  return element.paragraphs.map((p) => p.runs.map((r) => r.text).join("")).join("\n");
}

function layoutElements(spec: SlideSpec): Element[] {
  return spec.elements.filter((e) => e.layer === "layout");
}

function addSlide(pptx: Pptx, spec: SlideSpec, decorationOnLayout: boolean, lang: string, media: MediaData, masterName: string): void {
  const slide = pptx.addSlide({ masterName });
  slide.background = { color: spec.background };
  const builds = new Map(slideBuildsOf(spec).map((b) => [b.element, b.name] as const));
  for (const element of spec.elements) {
    if (element.layer === "layout" && decorationOnLayout) continue;
    addElement(pptx, slide, element, lang, media, builds.get(element));
  }
  if (spec.notes) slide.addNotes(spec.notes);
}

/** `objectName`: the name of a shape that builds (slideBuilds), by which packaging finds it. */
function addElement(pptx: Pptx, slide: Slide, element: Element, lang: string, media: MediaData, objectName?: string): void {
  const named = objectName === undefined ? {} : { objectName };
  switch (element.type) {
    case "text": {
      const placeholder = element.role === "title" ? { placeholder: "title" } : {};
      slide.addText(textRuns(element, lang), { ...textBoxOptions(element), ...placeholder, ...named });
      return;
    }
    case "shape":
      slide.addShape(element.shape === "ellipse" ? pptx.ShapeType.ellipse : pptx.ShapeType.rect, { ...shapeOptions(element), ...named });
      return;
    case "table":
      slide.addTable(tableRows(element, lang), { ...tableOptions(element), ...named });
      return;
    case "slide-number":
      slide.slideNumber = slideNumberOptions(element);
      return;
    case "image":
      slide.addImage({ ...imageOptions(element, media), ...named });
      return;
    case "chart":
      addChart(pptx, slide, element, named);
      return;
    default: {
      const never: never = element;
      throw new Error(`unknown element ${JSON.stringify(never)}`);
    }
  }
}

const box = (e: { box: { x: number; y: number; w: number; h: number } }) => ({ x: e.box.x, y: e.box.y, w: e.box.w, h: e.box.h });

function styleOptions(style: TextStyle) {
  return {
    fontFace: style.font,
    fontSize: style.size,
    color: style.color,
    bold: style.bold,
    italic: style.italic,
    align: style.align,
    valign: style.valign,
  };
}

function textBoxOptions(element: TextElement): pptxgenModule.default.TextPropsOptions {
  return {
    ...box(element),
    ...styleOptions(element.style),
    lineSpacingMultiple: element.style.lineSpacing,
    margin: element.inset * POINTS_PER_INCH,
    ...(element.fill ? { fill: { color: element.fill } } : {}),
    fit: "none",
    wrap: true,
  };
}

/** Underline, super- and subscript and a marker, for the runs that have them. */
function htmlStyleOptions(run: SpecRun): pptxgenModule.default.TextPropsOptions {
  return {
    ...(run.underline ? { underline: { style: "sng" as const } } : {}),
    ...(run.baseline === "super" ? { superscript: true } : run.baseline === "sub" ? { subscript: true } : {}),
    ...(run.highlight ? { highlight: run.highlight } : {}),
  };
}

/**
 * A run's text cut at its line breaks ("\n"): every piece after a break starts with a soft
 * break (`<a:br/>`), so the lines stay one paragraph. `pending` carries a break at the end of
 * a run over to the next.
 */
function lines(runs: readonly SpecRun[]): { run: SpecRun; text: string; softBreakBefore: boolean }[] {
  const pieces: { run: SpecRun; text: string; softBreakBefore: boolean }[] = [];
  let pending = false;
  for (const run of runs) {
    run.text.split("\n").forEach((text, i) => {
      if (i > 0) pending = true;
      if (text === "" && (i > 0 || run.text !== "")) return;
      pieces.push({ run, text, softBreakBefore: pending && pieces.length > 0 });
      pending = false;
    });
  }
  const [first] = runs;
  return pieces.length === 0 && first ? [{ run: first, text: " ", softBreakBefore: false }] : pieces;
}

function runOptions(run: SpecRun, paragraph: SpecParagraph, style: TextStyle, lang: string): pptxgenModule.default.TextPropsOptions {
  return {
    bold: paragraph.bold ?? (run.bold || style.bold),
    italic: run.italic || style.italic,
    ...(run.strike ? { strike: "sngStrike" as const } : {}),
    ...htmlStyleOptions(run),
    fontFace: run.font ?? style.font,
    fontSize: paragraph.size ?? style.size,
    color: run.color ?? paragraph.color ?? style.color,
    // pptxgenjs starts a new paragraph wherever `align` changes between runs, so every run carries it.
    // Right-to-left paragraphs start at the right edge.
    align: paragraph.rtl && style.align === "left" ? "right" : style.align,
    lang,
    ...hyperlink(run.href),
  };
}

/** `#slide-N` jumps to slide N; anything else is a web address. */
function hyperlink(href: string | null): { hyperlink?: pptxgenModule.default.HyperlinkProps } {
  if (href === null) return {};
  const slide = /^#slide-(\d+)$/.exec(href)?.[1];
  return { hyperlink: slide === undefined ? { url: href } : { slide: Number(slide) } };
}

function paragraphOptions(paragraph: SpecParagraph, element: TextElement, first: boolean): pptxgenModule.default.TextPropsOptions {
  const indent = element.indent * POINTS_PER_INCH;
  const bullet =
    paragraph.bullet === "bullet" ? { indent } : paragraph.bullet === "number" ? { type: "number" as const, startAt: paragraph.number, indent } : false;
  const spaceBefore = paragraph.spaceBefore ?? (first ? 0 : element.style.paragraphSpacing);
  return {
    bullet,
    indentLevel: paragraph.level,
    paraSpaceBefore: spaceBefore,
    ...(paragraph.rtl ? { rtlMode: true } : {}),
    lineSpacingMultiple: element.style.lineSpacing,
  };
}

/** Paragraphs as pptxgenjs text runs; a paragraph ends with `breakLine`. Empty paragraphs get one space (pptxgenjs writes an invalid empty run). */
function textRuns(element: TextElement, lang: string): TextProps[] {
  const out: TextProps[] = [];
  element.paragraphs.forEach((paragraph, p) => {
    const runs: SpecRun[] = paragraph.runs.length > 0 ? paragraph.runs : [{ text: " ", bold: false, italic: false, strike: false, font: null, color: null, href: null }];
    const pieces = lines(runs);
    // A display formula alone in its paragraph is a centred equation (src/write/math.ts).
    const equation = pieces.length === 1 && pieces[0]?.run.math?.display === true;
    pieces.forEach(({ run, text, softBreakBefore }, r) => {
      const options: pptxgenModule.default.TextPropsOptions = {
        ...runOptions(run, paragraph, element.style, lang),
        ...(equation ? { align: "center" as const } : {}),
        ...(r === 0 ? paragraphOptions(paragraph, element, p === 0) : {}),
        ...(softBreakBefore ? { softBreakBefore: true } : {}),
        ...(r === pieces.length - 1 && p < element.paragraphs.length - 1 ? { breakLine: true } : {}),
      };
      out.push({ text: run.math ? markEquation(run, equation) : text === "" ? " " : text, options });
    });
  });
  return out;
}

function shapeOptions(element: Extract<Element, { type: "shape" }>): pptxgenModule.default.ShapeProps {
  return {
    ...box(element),
    ...(element.fill ? { fill: { color: element.fill, ...(element.transparency ? { transparency: element.transparency } : {}) } } : {}),
    line: element.line ? { color: element.line, width: element.lineWidth } : { type: "none" },
  };
}

/** A native chart (src/write/chart.ts builds the options). */
function addChart(pptx: Pptx, slide: Slide, element: ChartElement, named: { objectName?: string }): void {
  const { type, data, options } = chartOptions(element);
  slide.addChart(pptx.ChartType[type], data, { ...options, ...named });
}

/** A shape that builds one click at a time, by the name the writer gives it (`objectName`). */
export interface NamedBuild {
  name: string;
  build: Build;
}

/** How an element builds: a whole element on its click, a text box paragraph by paragraph, or not at all. */
function buildOf(element: Element): Build | null {
  if (element.type === "slide-number") return null;
  if (element.step !== undefined) return { kind: "shape", step: element.step, sp: element.type === "text" || element.type === "shape" };
  if (element.type === "text" && element.paragraphs.some((p) => p.step !== undefined)) return { kind: "paragraphs", steps: element.paragraphs.map((p) => p.step) };
  return null;
}

/** The elements of a slide that build, each with its shape name: "Build 1: text", "Build 2: table" … (unlike any name pptxgenjs gives). */
function slideBuildsOf(spec: SlideSpec): (NamedBuild & { element: Element })[] {
  const out: (NamedBuild & { element: Element })[] = [];
  for (const element of spec.elements) {
    const build = buildOf(element);
    if (build) out.push({ element, build, name: `Build ${out.length + 1}: ${element.type === "image" ? "picture" : element.type}` });
  }
  return out;
}

/**
 * The builds of every slide, in slide order, by shape name: what packaging needs to write each
 * slide's `p:timing` once shape ids are final (package.ts, timing.ts). The names are those
 * writePptx gives the shapes.
 */
export function slideBuilds(specs: readonly SlideSpec[]): NamedBuild[][] {
  return specs.map((spec) => slideBuildsOf(spec).map(({ name, build }) => ({ name, build })));
}

/** A cropped picture is placed at its full size and cut down to its box (pptxgenjs' `crop` sizing). */
function imageOptions(element: ImageElement, media: MediaData): pptxgenModule.default.ImageProps {
  const { box, crop } = element;
  const data = media(element.path);
  const base = { data, altText: element.alt };
  if (!crop || (crop.left === 0 && crop.top === 0 && crop.right === 0 && crop.bottom === 0)) return { ...base, ...box };
  const fullW = box.w / (1 - crop.left - crop.right);
  const fullH = box.h / (1 - crop.top - crop.bottom);
  return { ...base, x: box.x, y: box.y, w: fullW, h: fullH, sizing: { type: "crop", x: crop.left * fullW, y: crop.top * fullH, w: box.w, h: box.h } };
}

function slideNumberOptions(element: SlideNumberElement): pptxgenModule.default.SlideNumberProps {
  return { ...box(element), ...styleOptions(element.style), margin: 0 };
}

function tableRows(element: TableElement, lang: string): TableRow[] {
  const rule = { type: "solid" as const, pt: 0.75, color: element.rule };
  const none = { type: "none" as const };
  const cell = (runs: SpecRun[], align: "left" | "center" | "right", options: pptxgenModule.default.TableCellProps): pptxgenModule.default.TableCell => {
    const text: TextProps[] = lines(runs).map(({ run, text, softBreakBefore }) => ({
      text,
      options: {
        bold: run.bold || options.bold === true,
        italic: run.italic,
        ...(run.strike ? { strike: "sngStrike" as const } : {}),
        ...htmlStyleOptions(run),
        ...(softBreakBefore ? { softBreakBefore: true } : {}),
        fontFace: run.font ?? element.style.font,
        color: run.color ?? options.color ?? element.style.color,
        lang,
        ...hyperlink(run.href),
      },
    }));
    return { text: text.length > 0 ? text : "", options: { align, valign: "middle", border: [none, none, rule, none], ...options } };
  };
  const header = element.header.map((c) => cell(c.runs, c.align, { bold: true, color: element.headerColor, fill: { color: element.headerFill } }));
  const rows = element.rows.map((row, i) =>
    row.map((c) => cell(c.runs, c.align, i % 2 === 1 && element.bandFill ? { fill: { color: element.bandFill } } : {})),
  );
  return header.length > 0 ? [header, ...rows] : rows;
}

function tableOptions(element: TableElement): pptxgenModule.default.TableProps {
  return {
    x: element.box.x,
    y: element.box.y,
    w: element.box.w,
    h: element.rowHeights.reduce((a, b) => a + b, 0),
    colW: element.columnWidths,
    rowH: element.rowHeights,
    fontFace: element.style.font,
    fontSize: element.style.size,
    color: element.style.color,
    margin: [CELL_MARGIN.top, CELL_MARGIN.right, CELL_MARGIN.bottom, CELL_MARGIN.left],
    autoPage: false,
  };
}
