/**
 * The parts of a deck pptxgenjs writes well and once per deck: presentation, slide master,
 * one slide layout per layout kind in use (with the title placeholder and the decoration the
 * theme puts on layouts), theme, and charts. Slides and notes are written by slideXml.ts and
 * put into this skeleton by deck.ts. The only module that imports pptxgenjs to write.
 * Its output still has pptxgenjs' schema deviations and build-time values; package.ts fixes them.
 */
import { createHash } from "node:crypto";
import pptxgenModule from "pptxgenjs";
import type { DeckMeta } from "../model/deck.js";
import { chartOptions } from "./chart.js";
import type { Box, ChartElement, Element, ImageElement, SlideNumberElement, SlideSpec, TextElement, TextStyle } from "../model/slideSpec.js";
import { POINTS_PER_INCH } from "../units.js";

// pptxgenjs ships CommonJS-style typings for an ES module: under NodeNext, TypeScript sees the
// default import as the module namespace, while at run time it is the class itself.
const PptxGenJS = pptxgenModule as unknown as typeof pptxgenModule.default;
type Pptx = InstanceType<typeof PptxGenJS>;
type Slide = ReturnType<Pptx["addSlide"]>;

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

/** The layout a slide is placed on, as the skeleton defines it. */
export interface SlideLayout {
  /** The layout's name (`p:cSld name`): the slide's layout kind capitalised, or "Kind 2"… (layoutNames). */
  readonly name: string;
  /** The layout's title placeholder box, or null when it has none. */
  readonly title: Box | null;
  /** Whether the slide's `layer: "layout"` decoration is on the layout (the slide leaves it out). */
  readonly decorationOnLayout: boolean;
  /** The layout's background colour. */
  readonly background: string;
  /** The title its placeholder is made for (the first slide's of the layout), or null. */
  readonly titleElement: TextElement | null;
  /** The slide number its placeholder is made for, when the layout has one, or null. */
  readonly slideNumber: SlideNumberElement | null;
  /** The body its body placeholder is made for (the first slide's first body), or null: deck.ts adds that placeholder. */
  readonly bodyElement: TextElement | null;
}

export interface Skeleton {
  /** The package as pptxgenjs wrote it. */
  readonly raw: Uint8Array;
  /** Each slide's layout, in slide order. */
  readonly layouts: readonly SlideLayout[];
  /**
   * Whether pptxgenjs wrote a slide to carry the deck's charts (every chart of the deck, in slide
   * order, on slide 1): pptxgenjs writes a chart only for a slide. deck.ts drops it and points
   * each slide at its charts.
   */
  readonly chartCarrier: boolean;
}

/**
 * The deck's skeleton as pptxgenjs writes it. Pictures come from `pictures` only, as bytes: the
 * writer never opens a file or an address itself, so a path that did not pass the reading step's
 * checks (src/images/pictures.ts) cannot become a media part.
 */
export async function writeSkeleton(specs: readonly SlideSpec[], meta: DeckMeta, pictures: PictureSource): Promise<Skeleton> {
  const pptx = new PptxGenJS();
  pptx.layout = LAYOUT_NAMES[meta.aspect];
  pptx.title = meta.title;
  // pptxgenjs writes "PptxGenJS" as the author and company unless told otherwise.
  pptx.author = meta.author ?? "";
  pptx.company = "";
  const fonts = themeFonts(specs);
  if (fonts) pptx.theme = fonts;
  if (meta.subtitle) pptx.subject = meta.subtitle;
  const names = layoutNames(specs);
  const defined = defineLayouts(pptx, specs, meta.lang, pictureData(pictures), names);
  const charts = specs.flatMap((spec) => spec.elements.filter((e): e is ChartElement => e.type === "chart"));
  const [first] = defined.values();
  if (charts.length > 0 && first) {
    const carrier = pptx.addSlide({ masterName: first.name });
    for (const chart of charts) addChart(pptx, carrier, chart);
  }
  const layouts = specs.map((spec) => {
    const layout = defined.get(names.get(spec) ?? layoutName(spec.layout));
    if (!layout) throw new Error(`no layout was defined for the slide at line ${spec.position.line}`);
    return layout;
  });
  const raw = (await pptx.write({ outputType: "uint8array" })) as Uint8Array;
  return { raw, layouts, chartCarrier: charts.length > 0 };
}

/**
 * What the skeleton of `specs` is made from, as one string: two decks with the same key have the
 * same skeleton (deck.ts `SkeletonCache`). Each slide's layout kind, background, title, first
 * body's style and box, layout decoration and charts; every picture's path, box and bytes (a
 * layout's picture, or an SVG whose fallback a layout shares); the deck's metadata.
 */
export function skeletonKey(specs: readonly SlideSpec[], meta: DeckMeta, pictures: PictureSource): string {
  const hash = createHash("sha256").update(JSON.stringify(meta));
  const seen = new Set<string>();
  for (const spec of specs) {
    const title = spec.elements.find((e) => e.type === "text" && e.role === "title");
    const body = spec.elements.find((e): e is TextElement => e.type === "text" && e.role === "body");
    const images = spec.elements.filter((e): e is ImageElement => e.type === "image").map((e) => [e.path, e.box, e.crop]);
    const decoration = spec.elements.filter((e) => e.layer === "layout" || e.type === "chart");
    hash.update(JSON.stringify([spec.layout, spec.background, title, body && [body.box, body.style, body.inset, body.indent], images, decoration]));
    for (const [path] of images) {
      if (typeof path !== "string" || seen.has(path)) continue;
      seen.add(path);
      hash.update(pictures.get(path)?.bytes ?? new Uint8Array());
    }
  }
  return hash.digest("hex");
}

/** The title and body fonts, written as the deck's theme fonts (what PowerPoint offers first). */
function themeFonts(specs: readonly SlideSpec[]): { headFontFace: string; bodyFontFace: string } | undefined {
  const texts = specs.flatMap((s) => s.elements.filter((e): e is TextElement => e.type === "text"));
  const heading = texts.find((e) => e.role === "title")?.style.font;
  const body = texts.find((e) => e.role === "body")?.style.font ?? heading;
  return heading && body ? { headFontFace: heading, bodyFontFace: body } : undefined;
}

/**
 * The slide layout of each slide: its kind's name, or, for a slide whose title is elsewhere than
 * on the kind's first slide (beside a Marp side picture), "Kind 2", "Kind 3"…: pptxgenjs puts a
 * title where its layout's placeholder is, whatever the slide says.
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
    names.set(spec, index <= 0 ? layoutName(spec.layout) : `${layoutName(spec.layout)} ${index + 1}`);
  }
  return names;
}

/**
 * A layout's name as PowerPoint's Layout menu shows it: the kind a directive names, capitalised
 * ("Bullets", "Two-column"). Never the bare kind: LibreOffice (7.4) draws a slide on a layout
 * named exactly `table` without its layout's background (white behind nocturne's light text).
 */
function layoutName(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

/**
 * One slide layout per layout kind in use, named after it, holding the title placeholder and
 * the decoration the theme marks `layer="layout"`. Decoration goes on the layout only when every
 * slide of the kind has the same; otherwise it stays on each slide. Returns each layout by name.
 */
function defineLayouts(pptx: Pptx, specs: readonly SlideSpec[], lang: string, media: MediaData, names: ReadonlyMap<SlideSpec, string>): Map<string, SlideLayout> {
  // One pass: each kind's first slide, and whether every slide of the kind has its decoration.
  const kinds = new Map<string, { first: SlideSpec; decoration: string; shared: boolean }>();
  for (const spec of specs) {
    const decoration = JSON.stringify(layoutElements(spec));
    const name = names.get(spec) ?? layoutName(spec.layout);
    const seen = kinds.get(name);
    if (!seen) kinds.set(name, { first: spec, decoration, shared: true });
    else if (seen.decoration !== decoration) seen.shared = false;
  }
  const layouts = new Map<string, SlideLayout>();
  for (const [kind, { first, shared }] of kinds) {
    const objects: pptxgenModule.default.SlideMasterProps["objects"] = [];
    let slideNumber: SlideNumberElement | null = null;
    if (shared) {
      for (const element of layoutElements(first)) {
        if (element.type === "shape") objects.push({ rect: shapeOptions(element) });
        else if (element.type === "text") objects.push({ text: { text: plainText(element), options: { ...textBoxOptions(element), lang } } });
        else if (element.type === "slide-number") slideNumber = element;
        else if (element.type === "image") objects.push({ image: imageOptions(element, media) });
      }
    }
    const title = first.elements.find((e): e is TextElement => e.type === "text" && e.role === "title");
    if (title) objects.push({ placeholder: { options: { name: "title", type: "title", ...box(title), ...styleOptions(title.style) }, text: "Click to add title" } });
    pptx.defineSlideMaster({ title: kind, background: { color: first.background }, objects, ...(slideNumber ? { slideNumber: slideNumberOptions(slideNumber) } : {}) });
    const body = first.elements.find((e): e is TextElement => e.type === "text" && e.role === "body") ?? null;
    layouts.set(kind, { name: kind, title: title ? title.box : null, decorationOnLayout: shared, background: first.background, titleElement: title ?? null, slideNumber, bodyElement: body });
  }
  return layouts;
}

/** Layout text is plain: pptxgenjs takes only a string there. */
function plainText(element: TextElement): string {
  return element.paragraphs.map((p) => p.runs.map((r) => r.text).join("")).join("\n");
}

function layoutElements(spec: SlideSpec): Element[] {
  return spec.elements.filter((e) => e.layer === "layout");
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

function shapeOptions(element: Extract<Element, { type: "shape" }>): pptxgenModule.default.ShapeProps {
  return {
    ...box(element),
    ...(element.fill ? { fill: { color: element.fill, ...(element.transparency ? { transparency: element.transparency } : {}) } } : {}),
    line: element.line ? { color: element.line, width: element.lineWidth } : { type: "none" },
  };
}

/** A native chart (src/write/chart.ts builds the options). */
function addChart(pptx: Pptx, slide: Slide, element: ChartElement): void {
  const { type, data, options } = chartOptions(element);
  slide.addChart(pptx.ChartType[type], data, options);
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
