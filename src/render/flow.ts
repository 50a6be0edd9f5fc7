/**
 * `<flow region="body">`: blocks stacked top to bottom in a region — text, tables, code panels,
 * images and charts. Text, tables and code take the height their content needs (measured with
 * the theme's fonts; estimated from the type size when there is no measurer, as in the theme
 * check); images and charts share what is left; a gap separates blocks.
 */
import { ChartSpecSchema } from "../charts/spec.js";
import { dataLabelColor } from "../charts/colors.js";
import type { Box, Element } from "../model/slideSpec.js";
import { CODE_INSET, codeLineHeight } from "../measure/capacity.js";
import type { MarkupElement } from "./markup.js";
import { checkedNumber, elements, fail, Resolver, textStyle, type FoundPlaceholder } from "./resolver.js";
import { PLACEHOLDER_PREFIX } from "../images/placeholder.js";
import { placePicture } from "./picture.js";
import { stepOf } from "./step.js";
import { table, text } from "./toSpec.js";
import { estimatingMeasurer } from "../measure/estimate.js";
import { POINTS_PER_INCH } from "../units.js";

const GAP = 0.2;
const MIN_FLEXIBLE = 1.2;
const round = (n: number) => Math.round(n * 1000) / 1000;

interface Piece {
  node: MarkupElement;
  /** The height it needs, or null when it takes a share of what is left. */
  height: number | null;
  place: (box: Box) => Element[];
  /** The same piece in no more than `height`, smaller but not below the theme's minimum size. */
  shrink?: (height: number) => Piece;
}

/** A code panel; when it does not fit, its type shrinks step by step (0.5 pt) down to the theme's minimum. */
function codePanel(node: MarkupElement, r: Resolver, size = r.size(node.attributes.size ?? "code", node)): Piece {
  const lines = elements(node, "p").length;
  const withCode = { ...node, name: "text", attributes: { font: "code", color: "codeText", fill: "codeBackground", inset: String(CODE_INSET), spacing: "1", "paragraph-spacing": "0", ...node.attributes, size: String(size) } };
  const minimum = Math.min(size, r.theme.sizes.minimum);
  return {
    node,
    height: lines * codeLineHeight(size) + 2 * CODE_INSET,
    place: (box) => [text(withCode, r, box)],
    shrink: (height) => {
      let smaller = size;
      while (smaller - 0.5 >= minimum && lines * codeLineHeight(smaller) + 2 * CODE_INSET > height) smaller -= 0.5;
      return codePanel(node, r, smaller);
    },
  };
}

/** `into`: the layout's picture placeholder this picture fills (the flow's first picture, in a template's `placeholder="picture"`). */
function picture(node: MarkupElement, r: Resolver, into: FoundPlaceholder | null = null): Piece {
  const a = node.attributes;
  const caption = a.caption ?? "";
  const captionSize = r.size("caption", node);
  const captionHeight = caption === "" ? 0 : (captionSize * 1.6) / POINTS_PER_INCH;
  const placed = (box: Box): Element[] => {
    // An image that could not be read was reported by the reading step; nothing to place.
    if (!a.src) return [];
    if (a.src.startsWith(PLACEHOLDER_PREFIX)) return placeholder(a.src.slice(PLACEHOLDER_PREFIX.length), a.alt ?? "", box, r, node);
    const room = { ...box, h: Math.max(0.2, box.h - captionHeight) };
    // Marp's `w:` / `h:` (max-w, max-h, in inches): the picture at most that size, centred in its room.
    const w = Math.min(room.w, a["max-w"] === undefined ? Infinity : checkedNumber(node, "max-w", Number(a["max-w"]), { min: 0, above: true }));
    const h = Math.min(room.h, a["max-h"] === undefined ? Infinity : checkedNumber(node, "max-h", Number(a["max-h"]), { min: 0, above: true }));
    const area = { x: room.x + (room.w - w) / 2, y: room.y, w, h };
    const fit = a.fit === "cover" ? "cover" : "contain";
    const placedImage = placePicture({ path: a.src, alt: a.alt ?? "", width: Number(a.width), height: Number(a.height) }, area, fit, "slide");
    const image = into?.binding?.type === "pic" ? { ...placedImage, placeholder: into.binding } : placedImage;
    if (caption === "") return [image];
    const captionNode: MarkupElement = { name: "text", attributes: { size: "caption", color: "muted", align: "center" }, children: [caption], line: node.line };
    return [image, text(captionNode, r, { x: box.x, y: round(image.box.y + image.box.h + 0.05), w: box.w, h: round(captionHeight) })];
  };
  // `step`: the picture and its caption (or the frame standing in for it) appear together.
  const step = stepOf(node);
  return { node, height: null, place: (box) => placed(box).map((element) => ({ ...element, ...step })) };
}

/**
 * A frame where a picture that cannot be used would be (the reading step said why): a box in
 * the picture's place with its description and what was written for it, so the gap is seen and
 * nothing of the Markdown is lost.
 */
export function placeholder(src: string, alt: string, box: Box, r: Resolver, node: MarkupElement): Element[] {
  const frame: Element = { type: "shape", shape: "rect", layer: "slide", box, fill: r.color("surface", node), line: r.color("rule", node), lineWidth: 1 };
  const lines = [alt, `Picture not available: ${src}`].filter((line) => line !== "");
  const label: MarkupElement = { name: "text", attributes: { size: "caption", color: "muted", align: "center", valign: "middle" }, children: lines.map((line) => ({ name: "p", attributes: {}, children: [line], line: node.line })), line: node.line };
  return [frame, text(label, r, { x: box.x + 0.1, y: box.y + 0.1, w: Math.max(0.2, box.w - 0.2), h: Math.max(0.2, box.h - 0.2) })];
}

function chart(node: MarkupElement, r: Resolver): Piece {
  let data: unknown;
  try {
    data = JSON.parse(node.attributes.data ?? "");
  } catch {
    fail(node, "a chart needs its data as JSON in `data` (use `{{json chart}}`)");
  }
  const parsed = ChartSpecSchema.safeParse(data);
  if (!parsed.success) fail(node, `the chart data is not a chart: ${parsed.error.issues[0]?.message ?? ""}`);
  const spec = parsed.data;
  const style = textStyle({ ...node, attributes: { size: "caption", ...node.attributes } }, r);
  const alt = node.attributes.alt ?? `${spec.type} chart${spec.title ? `: ${spec.title}` : ""}`;
  const colors = r.theme.chartColors.map((c) => c.replace("#", "").toUpperCase());
  return {
    node,
    height: null,
    place: (box) => [{
      type: "chart",
      layer: "slide",
      box,
      chart: spec,
      colors,
      font: style.font,
      size: style.size,
      textColor: style.color,
      labelColor: dataLabelColor(spec, colors, style.color),
      ruleColor: r.color("rule", node),
      alt,
      ...stepOf(node),
    }],
  };
}

function piece(node: MarkupElement, r: Resolver, width: number, from: FoundPlaceholder | null = null, bind = false): Piece {
  switch (node.name) {
    // Text and tables are built once at the flow's width and measured; placing only moves them.
    case "text": {
      const built = text(node, r, { x: 0, y: 0, w: width, h: 1 }, from, bind);
      return { node, height: (r.measurer ?? estimatingMeasurer).text(built).height, place: (box) => [{ ...built, box }] };
    }
    case "table": {
      const built = table(node, r, { x: 0, y: 0, w: width, h: 1 });
      return { node, height: built.box.h, place: (box) => [{ ...built, box: { ...box, h: built.box.h } }] };
    }
    case "code":
      return codePanel(node, r);
    case "image":
      return picture(node, r, bind ? from : null);
    case "chart":
      return chart(node, r);
    default:
      return fail(node, "a flow holds text, table, code, image and chart elements");
  }
}

export function flow(node: MarkupElement, r: Resolver): Element[] {
  // In a template's placeholder, text takes the placeholder's style, and the first text fills it.
  const found = node.attributes.placeholder === undefined ? null : r.placeholder(node);
  const box = found?.box ?? r.box(node);
  const children = elements(node);
  const firstText = children.find((child) => child.name === "text");
  const firstImage = children.find((child) => child.name === "image");
  const natural = children.map((child) => piece(child, r, box.w, found, child === firstText || child === firstImage));
  const gaps = GAP * Math.max(0, natural.length - 1);
  const needed = natural.reduce((sum, p) => sum + (p.height ?? MIN_FLEXIBLE), 0);
  const pieces = needed + gaps <= box.h ? natural : natural.map((p) => (p.shrink && p.height !== null ? p.shrink(p.height - (needed + gaps - box.h)) : p));
  const fixed = pieces.reduce((sum, p) => sum + (p.height ?? 0), 0);
  const flexible = pieces.filter((p) => p.height === null).length;
  const share = flexible === 0 ? 0 : Math.max(MIN_FLEXIBLE, (box.h - gaps - fixed) / flexible);
  let y = box.y;
  return pieces.flatMap((p, i) => {
    const last = i === pieces.length - 1;
    const natural = p.height ?? share;
    // The last text block gets the rest of the region: room to grow when it is short, and a box
    // whose overflow the fit stage can see when it is long.
    const height = last && p.node.name === "text" ? box.y + box.h - y : natural;
    const placed = p.place({ x: box.x, y: round(y), w: box.w, h: round(Math.max(0.2, height)) });
    y += height + GAP;
    return placed;
  });
}
