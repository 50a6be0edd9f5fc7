import type { LayoutKind } from "../model/deck.js";
import type { Position } from "../model/position.js";
import type { Box, Element, SlideSpec, SpecCell, SpecParagraph, SpecRun, TableElement, TextElement } from "../model/slideSpec.js";
import { isRightToLeft } from "../text/direction.js";
import { checkTex, equation } from "../math/tex.js";
import { tableRowHeights } from "../measure/capacity.js";
import type { Measurer } from "../measure/types.js";
import { flow } from "./flow.js";
import type { Theme } from "../model/theme.js";
import type { SlideSize } from "./geometry.js";
import type { MarkupElement, MarkupNode } from "./markup.js";
import { checkedNumber, elements, fail, flag, Resolver, textOf, textStyle, type FoundPlaceholder, type SlideTemplate } from "./resolver.js";
import { stepOf } from "./step.js";

/** `<mark>`: a yellow marker behind near-black text. */
const MARKER = "FFEB3B";
const MARKER_TEXT = "1A1A1A";

function run(node: MarkupNode, r: Resolver): SpecRun {
  if (typeof node === "string") return { text: node, bold: false, italic: false, strike: false, font: null, color: null, href: null };
  if (node.name !== "r") fail(node, "expected <r> runs inside a paragraph");
  const a = node.attributes;
  const href = a.href ?? null;
  const mark = flag(a.mark);
  const spec: SpecRun = {
    text: textOf(node),
    bold: flag(a.b),
    italic: flag(a.i),
    strike: flag(a.s),
    font: flag(a.code) ? r.theme.fonts.code.family : null,
    // A marked run is dark on a yellow marker, whatever the theme's text colour, so it stays legible.
    color: mark ? MARKER_TEXT : a.color !== undefined ? r.color(a.color, node) : href !== null ? r.color("link", node) : null,
    href,
  };
  // Set only when present, in the schema's order (a run is made for every piece of text: no spreading).
  if (flag(a.u)) spec.underline = true;
  if (flag(a.sup)) spec.baseline = "super";
  else if (flag(a.sub)) spec.baseline = "sub";
  if (mark) spec.highlight = MARKER;
  const math = mathOf(node, a.math);
  if (math) {
    spec.text = math.text;
    spec.math = math.math;
  }
  return spec;
}

/** A run that is TeX (`math="inline|display"`): its text becomes the formula as a line of text. */
function mathOf(node: MarkupElement, kind: string | undefined): Required<Pick<SpecRun, "text" | "math">> | null {
  if (kind !== "inline" && kind !== "display") return null;
  const tex = textOf(node).trim();
  // A theme's template may put any text in a math run; TeX that does not read is shown as it is.
  if (tex === "" || checkTex(tex) !== null) return null;
  const { linear, lines, ems } = equation(tex, kind === "display");
  return { text: linear, math: { tex, display: kind === "display", lines: Math.max(1, lines), ems } };
}

/** Runs of a node; white space between elements is layout, not text. */
export function runs(node: MarkupElement, r: Resolver): SpecRun[] {
  return node.children.filter((c) => typeof c !== "string" || c.trim() !== "").map((c) => run(c, r));
}

function paragraph(node: MarkupElement, r: Resolver): SpecParagraph {
  const a = node.attributes;
  const kind = a.kind ?? "text";
  const content = runs(node, r);
  return {
    runs: content,
    bullet: kind === "bullet" ? "bullet" : kind === "number" ? "number" : "none",
    level: checkedNumber(node, "level", Math.min(8, Math.max(0, Number(a.level ?? 0))), { min: 0, whole: true }),
    number: checkedNumber(node, "number", Math.max(1, Number(a.number ?? 1)), { min: 1, whole: true }),
    size: a.size === undefined ? null : r.size(a.size, node),
    color: a.color === undefined ? null : r.color(a.color, node),
    bold: a.bold === undefined ? null : flag(a.bold),
    spaceBefore: a["space-before"] === undefined ? null : checkedNumber(node, "space-before", Number(a["space-before"]), { min: 0 }),
    rtl: isRightToLeft(content.map((run) => run.text).join("")),
    ...stepOf(node),
  };
}

/**
 * A `<text>` box. In a template-backed theme, `placeholder` (or `from`, the placeholder of the
 * flow it is in) gives its box and, for what its attributes leave out, the placeholder's style;
 * it fills the placeholder when `bind` (a flow's first text does) and the placeholder is the layout's own.
 */
export function text(node: MarkupElement, r: Resolver, box?: Box, from?: FoundPlaceholder | null, bind = true): TextElement {
  const ps = elements(node, "p");
  const role = node.attributes.role ?? "other";
  if (role !== "title" && role !== "body" && role !== "other" && role !== "decoration") fail(node, `unknown role \`${role}\`, expected title, body, other or decoration`);
  const found = from ?? (node.attributes.placeholder !== undefined ? r.placeholder(node) : null);
  const inherited = found?.text ?? null;
  const element: TextElement = {
    type: "text",
    role,
    layer: node.attributes.layer === "layout" ? "layout" : "slide",
    box: box ?? found?.box ?? r.box(node),
    style: textStyle(node, r, inherited),
    indent: inherited && inherited.bulleted && Math.abs(inherited.indent) > 0 ? Math.round(Math.abs(inherited.indent) * 1000) / 1000 : r.theme.bulletIndent,
    fill: node.attributes.fill === undefined ? null : r.color(node.attributes.fill, node),
    inset: node.attributes.inset === undefined && inherited ? Math.round(inherited.inset.left * 1000) / 1000 : checkedNumber(node, "inset", Number(node.attributes.inset ?? 0), { min: 0 }),
    paragraphs: ps.length > 0 ? ps.map((p) => paragraph(p, r)) : [oneParagraph(node, r)],
    // `<text step>` (a code panel, a caption): the whole box appears on that click.
    ...stepOf(node),
  };
  if (inherited) element.paragraphs = element.paragraphs.map((p) => atLevelSize(p, inherited.sizes, element.style.size));
  if (bind && found?.binding) element.placeholder = found.binding;
  return element;
}

/**
 * A paragraph below the first level of a template's placeholder, at the size its level has there
 * (`lvl2pPr`…), scaled as the box's own size is: the fit stage measures what PowerPoint shows, and
 * the writer, finding the level's own size, writes none.
 */
function atLevelSize(p: SpecParagraph, sizes: readonly number[], boxSize: number): SpecParagraph {
  const designed = sizes[0];
  const level = sizes[p.level];
  if (p.level === 0 || p.size !== null || designed === undefined || level === undefined || level === designed) return p;
  return { ...p, size: boxSize === designed ? level : Math.round(((level * boxSize) / designed) * 2) / 2 };
}

/** The runs of a `<text>` without `<p>` elements, as its one paragraph (the box's own attributes are not the paragraph's). */
function oneParagraph(node: MarkupElement, r: Resolver): SpecParagraph {
  const own = paragraph(node, r);
  delete own.step;
  return { ...own, bullet: "none", level: 0, number: 1, size: null, color: null, bold: null, spaceBefore: null };
}

function cell(node: MarkupElement, r: Resolver): SpecCell {
  const align = node.attributes.align ?? "left";
  if (align !== "left" && align !== "center" && align !== "right") fail(node, `unknown align \`${align}\``);
  return { runs: runs(node, r), align };
}

/** Column widths follow the longest text in each column, within limits, filling the box. */
function columnWidths(cells: SpecCell[][], width: number): number[] {
  const count = cells[0]?.length ?? 1;
  const weights = Array.from({ length: count }, (_, i) =>
    Math.min(40, Math.max(6, ...cells.map((row) => (row[i]?.runs ?? []).reduce((n, x) => n + x.text.length, 0)))),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round((width * w * 1000) / total) / 1000);
}

export function table(node: MarkupElement, r: Resolver, box: Box = r.box(node)): TableElement {
  const rows = elements(node, "tr");
  const headerRow = rows.find((row) => flag(row.attributes.header));
  const bodyRows = rows.filter((row) => row !== headerRow);
  const header = headerRow ? elements(headerRow, "td").map((c) => cell(c, r)) : [];
  const body = bodyRows.map((row) => elements(row, "td").map((c) => cell(c, r)));
  const width = header.length || (body[0]?.length ?? 0);
  if (width === 0) fail(node, "a table needs at least one cell");
  if (body.some((row) => row.length !== width)) fail(node, "every row needs as many cells as the header");
  const style = textStyle(node, r);
  const a = node.attributes;
  const widths = columnWidths([header, ...body].filter((row) => row.length > 0), box.w);
  const rowHeights = tableRowHeights(header.length > 0 ? [header, ...body] : body, header.length > 0, widths, style, r.measurer);
  return {
    type: "table",
    layer: "slide",
    box: { ...box, h: Math.round(rowHeights.reduce((a, b) => a + b, 0) * 1000) / 1000 || box.h },
    style,
    columnWidths: widths,
    rowHeights,
    header,
    rows: body,
    headerFill: r.color(a["header-fill"] ?? "tableHeader", node),
    headerColor: r.color(a["header-color"] ?? "tableHeaderText", node),
    bandFill: a.band === "none" ? null : r.color(a.band ?? "tableBand", node),
    rule: r.color(a.rule ?? "rule", node),
    ...stepOf(node),
    // In a company template, a table the markup gives no colours of its own is in the template's table style.
    ...(r.template?.tableStyle && a["header-fill"] === undefined && a["header-color"] === undefined && a.band === undefined && a.rule === undefined ? { tableStyle: r.template.tableStyle } : {}),
  };
}

function element(node: MarkupElement, r: Resolver): Element[] {
  const a = node.attributes;
  const layer = a.layer === "layout" ? "layout" : "slide";
  switch (node.name) {
    case "text": {
      if (a.placeholder === undefined) return [text(node, r)];
      // A footer or date the template's layout has no placeholder for is left out: the template decides.
      const found = r.placeholder(node);
      return found ? [text(node, r, found.box, found)] : [];
    }
    case "flow":
      return flow(node, r);
    case "rect":
    case "ellipse":
      return [{
        type: "shape",
        shape: node.name,
        layer,
        box: r.box(node),
        fill: a.fill === undefined ? null : r.color(a.fill, node),
        line: a.line === undefined ? null : r.color(a.line, node),
        lineWidth: checkedNumber(node, "weight", Number(a.weight ?? (a.line === undefined ? 0 : 1)), { min: 0 }),
      }];
    case "table":
      return [table(node, r)];
    case "slide-number": {
      if (a.placeholder === undefined) return [{ type: "slide-number", layer, box: r.box(node), style: textStyle(node, r) }];
      const found = r.placeholder(node);
      if (!found) return [];
      return [{ type: "slide-number", layer, box: found.box, style: textStyle(node, r, found.text), ...(found.binding ? { placeholder: found.binding } : {}) }];
    }
    case "image":
    case "chart":
    case "code":
      // On its own, an image, chart or code panel is a flow of one in its region.
      return flow({ name: "flow", attributes: node.attributes, children: [node], line: node.line }, r);
    case "notes":
      return [];
    default:
      return fail(node, `unknown element; expected text, flow, rect, ellipse, table, image, chart, code, slide-number or notes`);
  }
}

/** Slide markup → SlideSpec, every name resolved against the theme. */
export function toSlideSpec(root: MarkupElement, layout: LayoutKind, position: Position, theme: Theme, size: SlideSize, measurer?: Measurer, template?: SlideTemplate): SlideSpec {
  if (root.name !== "slide") fail(root, "the markup must start with <slide>");
  const r = new Resolver(theme, size, measurer, template);
  const notesNode = elements(root, "notes")[0];
  const notes = notesNode ? textOf(notesNode).trim() : "";
  return {
    layout,
    position,
    background: r.color(root.attributes.background ?? "background", root),
    elements: elements(root).flatMap((e) => element(e, r)),
    notes: notes === "" ? null : notes,
  };
}
