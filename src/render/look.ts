/**
 * A slide's look beyond its layout (Marp's directives and `![bg]` pictures, `PlannedSlide.look`),
 * applied to its rendered SlideSpec: a background colour and a text colour where the text stays
 * legible (the theme's contrast check decides), background pictures over the whole slide (text
 * on them on a panel of the slide's background, slightly see-through) or on one side of it (the
 * slide's content then laid out in the rest).
 */
import type { SlideLook } from "../model/deck.js";
import type { Box, Element, SlideSpec } from "../model/slideSpec.js";
import type { Theme } from "../model/theme.js";
import { checkContrast } from "../themes/contrast.js";
import { fitBox } from "../images/size.js";
import type { SlideSize } from "./geometry.js";
import { placePicture } from "./picture.js";
import { PLACEHOLDER_PREFIX } from "../images/placeholder.js";
import { placeholder } from "./flow.js";
import { Resolver } from "./resolver.js";

const round = (n: number) => Math.round(n * 1000) / 1000;
/** How much of a full-bleed picture shows through the panel behind text on it. */
export const PANEL_TRANSPARENCY = 12;
/** Space around text on its panel, in inches. */
const PANEL_PADDING = 0.15;

/** Which of the look's colours can be used on this slide without making its text illegible. */
export function legibleColors(spec: SlideSpec, look: SlideLook, theme: Theme): { background: boolean; color: boolean } {
  const problems = (s: SlideSpec) => checkContrast([s], theme, "").filter((p) => p.id === "low-contrast").length;
  const before = problems(spec);
  const legible = (s: SlideSpec) => problems(s) <= before;
  const both = withColors(spec, look.background?.color, look.color?.color);
  if ((look.background || look.color) && legible(both)) return { background: look.background !== undefined, color: look.color !== undefined };
  return {
    background: look.background !== undefined && legible(withColors(spec, look.background.color, undefined)),
    color: look.color !== undefined && legible(withColors(spec, undefined, look.color.color)),
  };
}

/** The slide with another background and another colour for all its text (links and marked text keep theirs). */
function withColors(spec: SlideSpec, background: string | undefined, color: string | undefined): SlideSpec {
  if (background === undefined && color === undefined) return spec;
  const elements = color === undefined ? spec.elements : spec.elements.map((e): Element => {
    if (e.type === "text" && e.role !== "decoration") {
      return { ...e, style: { ...e.style, color }, paragraphs: e.paragraphs.map((p) => ({ ...p, color: p.color === null ? null : color })) };
    }
    if (e.type === "slide-number") return { ...e, style: { ...e.style, color } };
    if (e.type === "table") return { ...e, style: { ...e.style, color } };
    return e;
  });
  return { ...spec, background: background ?? spec.background, elements };
}

/** The slide with its look applied (the colours only where legible). */
export function applyLook(spec: SlideSpec, look: SlideLook | undefined, theme: Theme, size: SlideSize): SlideSpec {
  if (!look) return spec;
  const legible = legibleColors(spec, look, theme);
  const coloured = withColors(spec, legible.background ? look.background?.color : undefined, legible.color ? look.color?.color : undefined);
  return look.pictures ? withPictures(coloured, look.pictures, theme, size) : coloured;
}

type Pictures = NonNullable<SlideLook["pictures"]>;

/**
 * The pictures, side by side (or stacked) in `area`, each cropped to fill its part or (`contain`,
 * `N%`) whole; a picture that cannot be used (plan/look.ts keeps those only beside the slide) is
 * a placeholder frame filling its part, as in a slide's content.
 */
function placePictures(pictures: Pictures, area: Box, theme: Theme, size: SlideSize): Element[] {
  const n = pictures.images.length;
  return pictures.images.flatMap((image, i): Element[] => {
    const cell = pictures.vertical
      ? { x: area.x, y: area.y + (area.h * i) / n, w: area.w, h: area.h / n }
      : { x: area.x + (area.w * i) / n, y: area.y, w: area.w / n, h: area.h };
    const scale = image.scale ?? 1;
    const box = { x: cell.x + (cell.w * (1 - scale)) / 2, y: cell.y + (cell.h * (1 - scale)) / 2, w: cell.w * scale, h: cell.h * scale };
    if (image.path.startsWith(PLACEHOLDER_PREFIX)) {
      const at = { name: "image", attributes: {}, children: [], line: 0 };
      const rounded = { x: round(box.x), y: round(box.y), w: round(box.w), h: round(box.h) };
      return placeholder(image.path.slice(PLACEHOLDER_PREFIX.length), image.alt, rounded, new Resolver(theme, size), at);
    }
    return [placePicture(image, box, image.fit, "slide")];
  });
}

function withPictures(spec: SlideSpec, pictures: Pictures, theme: Theme, size: SlideSize): SlideSpec {
  const { width, height } = size;
  if (pictures.side === null) return onFullPicture(spec, placePictures(pictures, { x: 0, y: 0, w: width, h: height }, theme, size), width, height);
  const share = pictures.share;
  const pictureArea = { x: pictures.side === "left" ? 0 : round(width * (1 - share)), y: 0, w: round(width * share), h: height };
  const contentX = pictures.side === "left" ? width * share : 0;
  const squeeze = (b: Box): Box => ({ x: round(contentX + b.x * (1 - share)), y: b.y, w: round(Math.max(0.01, b.w * (1 - share))), h: b.h });
  const elements = spec.elements.map((e): Element => {
    if (e.type !== "image") return { ...e, box: squeeze(e.box) };
    // A picture of the content keeps its proportions in its narrower box.
    const placed = fitBox({ width: e.box.w, height: e.box.h }, squeeze(e.box), "contain");
    return { ...e, box: { x: round(placed.x), y: round(placed.y), w: round(placed.w), h: round(placed.h) } };
  });
  return { ...spec, elements: [...placePictures(pictures, pictureArea, theme, size), ...elements] };
}

/**
 * Over a picture that fills the slide, everything is drawn on the slide (a layout's decoration
 * would be under the picture), and the text sits on a panel of the slide's background, one for
 * the slide's content and one for its footer, so that it stays as legible as the theme made it.
 */
function onFullPicture(spec: SlideSpec, placed: Element[], width: number, height: number): SlideSpec {
  const hasText = (e: Element) => e.type !== "text" || e.paragraphs.some((p) => p.runs.some((r) => r.text.trim() !== ""));
  const readable = (e: Element) => (e.type === "text" || e.type === "table" || e.type === "slide-number" || e.type === "chart") && hasText(e);
  const content = spec.elements.filter((e) => readable(e) && e.layer === "slide");
  const chrome = spec.elements.filter((e) => readable(e) && e.layer === "layout");
  const panels = [content, chrome].flatMap((group): Element[] => {
    if (group.length === 0) return [];
    const x = Math.max(0, Math.min(...group.map((e) => e.box.x)) - PANEL_PADDING);
    const y = Math.max(0, Math.min(...group.map((e) => e.box.y)) - PANEL_PADDING);
    const right = Math.min(width, Math.max(...group.map((e) => e.box.x + e.box.w)) + PANEL_PADDING);
    const bottom = Math.min(height, Math.max(...group.map((e) => e.box.y + e.box.h)) + PANEL_PADDING);
    return [{ type: "shape", shape: "rect", transparency: PANEL_TRANSPARENCY, layer: "slide", box: { x: round(x), y: round(y), w: round(right - x), h: round(bottom - y) }, fill: spec.background, line: null, lineWidth: 0 }];
  });
  const themePicture = spec.elements.filter((e) => e.type === "image" && e.layer === "layout" && e.box.x === 0 && e.box.y === 0);
  const rest = spec.elements.filter((e) => !themePicture.includes(e)).map((e): Element => ({ ...e, layer: "slide" }) as Element);
  return { ...spec, elements: [...placed, ...panels, ...rest] };
}
