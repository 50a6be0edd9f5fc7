import type { LayoutKind } from "../model/deck.js";
import type { Position } from "../model/position.js";
import type { Box, Element, SlideSpec, SpecCell, SpecParagraph, SpecRun, TableElement, TextStyle } from "../model/slideSpec.js";
import type { Theme } from "../model/theme.js";
import { regionBox, type Aspect } from "./geometry.js";
import { MarkupError, type MarkupElement, type MarkupNode } from "./markup.js";

/** Resolves the theme's names (regions, colours, sizes, fonts) used by slide markup. */
class Resolver {
  constructor(readonly theme: Theme, readonly aspect: Aspect) {}

  color(value: string, at: MarkupElement): string {
    if (/^#?[0-9A-Fa-f]{6}$/.test(value)) return value.replace("#", "").toUpperCase();
    const named = this.theme.colors[value];
    if (named === undefined) fail(at, `unknown colour \`${value}\`; the theme's colours are ${Object.keys(this.theme.colors).join(", ")}`);
    return named.replace("#", "").toUpperCase();
  }

  size(value: string, at: MarkupElement): number {
    const named = this.theme.sizes[value];
    const size = named ?? Number(value);
    if (!Number.isFinite(size) || size <= 0) fail(at, `unknown size \`${value}\`; the theme's sizes are ${Object.keys(this.theme.sizes).join(", ")}`);
    return size;
  }

  font(value: string): string {
    return value === "heading" || value === "body" || value === "code" ? this.theme.fonts[value].family : value;
  }

  box(at: MarkupElement): Box {
    const { region } = at.attributes;
    if (region !== undefined) {
      const found = this.theme.regions[region];
      if (!found) fail(at, `unknown region \`${region}\`; the theme's regions are ${Object.keys(this.theme.regions).join(", ")}`);
      return regionBox(found, this.theme, this.aspect);
    }
    const [x, y, w, h] = ["x", "y", "w", "h"].map((k) => Number(at.attributes[k]));
    if ([x, y, w, h].some((n) => n === undefined || !Number.isFinite(n))) fail(at, `<${at.name}> needs a region or x, y, w and h`);
    return { x: x ?? 0, y: y ?? 0, w: w ?? 1, h: h ?? 1 };
  }
}

function fail(at: MarkupElement, message: string): never {
  throw new MarkupError(`<${at.name}>: ${message}`, at.line);
}

const flag = (value: string | undefined) => value === "true" || value === "1";

function elements(node: MarkupElement, name?: string): MarkupElement[] {
  return node.children.filter((c): c is MarkupElement => typeof c !== "string" && (name === undefined || c.name === name));
}

function textOf(node: MarkupElement): string {
  return node.children.map((c: MarkupNode) => (typeof c === "string" ? c : textOf(c))).join("");
}

function textStyle(at: MarkupElement, r: Resolver): TextStyle {
  const a = at.attributes;
  return {
    font: r.font(a.font ?? "body"),
    size: r.size(a.size ?? "body", at),
    color: r.color(a.color ?? "text", at),
    bold: flag(a.bold),
    italic: flag(a.italic),
    align: (a.align as TextStyle["align"] | undefined) ?? "left",
    valign: (a.valign as TextStyle["valign"] | undefined) ?? "top",
    lineSpacing: a.spacing === undefined ? r.theme.lineSpacing : Number(a.spacing),
    paragraphSpacing: a["paragraph-spacing"] === undefined ? r.theme.paragraphSpacing : Number(a["paragraph-spacing"]),
  };
}

function run(node: MarkupNode, r: Resolver): SpecRun {
  if (typeof node === "string") return { text: node, bold: false, italic: false, strike: false, font: null, color: null, href: null };
  if (node.name !== "r") fail(node, "expected <r> runs inside a paragraph");
  const a = node.attributes;
  const href = a.href ?? null;
  return {
    text: textOf(node),
    bold: flag(a.b),
    italic: flag(a.i),
    strike: flag(a.s),
    font: flag(a.code) ? r.theme.fonts.code.family : null,
    color: a.color !== undefined ? r.color(a.color, node) : href !== null ? r.color("link", node) : null,
    href,
  };
}

/** Runs of a node; white space between elements is layout, not text. */
function runs(node: MarkupElement, r: Resolver): SpecRun[] {
  return node.children.filter((c) => typeof c !== "string" || c.trim() !== "").map((c) => run(c, r));
}

function paragraph(node: MarkupElement, r: Resolver): SpecParagraph {
  const a = node.attributes;
  const kind = a.kind ?? "text";
  return {
    runs: runs(node, r),
    bullet: kind === "bullet" ? "bullet" : kind === "number" ? "number" : "none",
    level: Math.min(8, Math.max(0, Number(a.level ?? 0))),
    number: Math.max(1, Number(a.number ?? 1)),
    size: a.size === undefined ? null : r.size(a.size, node),
    color: a.color === undefined ? null : r.color(a.color, node),
    bold: a.bold === undefined ? null : flag(a.bold),
    spaceBefore: a["space-before"] === undefined ? null : Number(a["space-before"]),
  };
}

function text(node: MarkupElement, r: Resolver): Element {
  const ps = elements(node, "p");
  const role = node.attributes.role ?? "other";
  if (role !== "title" && role !== "body" && role !== "other" && role !== "decoration") fail(node, `unknown role \`${role}\`, expected title, body, other or decoration`);
  return {
    type: "text",
    role,
    layer: node.attributes.layer === "layout" ? "layout" : "slide",
    box: r.box(node),
    style: textStyle(node, r),
    indent: r.theme.bulletIndent,
    paragraphs: ps.length > 0 ? ps.map((p) => paragraph(p, r)) : [{ ...paragraph(node, r), bullet: "none", level: 0, number: 1, size: null, color: null, bold: null, spaceBefore: null }],
  };
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

function table(node: MarkupElement, r: Resolver): TableElement {
  const rows = elements(node, "tr");
  const headerRow = rows.find((row) => flag(row.attributes.header));
  const bodyRows = rows.filter((row) => row !== headerRow);
  const header = headerRow ? elements(headerRow, "td").map((c) => cell(c, r)) : [];
  const body = bodyRows.map((row) => elements(row, "td").map((c) => cell(c, r)));
  const width = header.length || (body[0]?.length ?? 0);
  if (width === 0) fail(node, "a table needs at least one cell");
  if (body.some((row) => row.length !== width)) fail(node, "every row needs as many cells as the header");
  const box = r.box(node);
  const style = textStyle(node, r);
  const a = node.attributes;
  return {
    type: "table",
    layer: "slide",
    box,
    style,
    columnWidths: columnWidths([header, ...body].filter((row) => row.length > 0), box.w),
    rowHeight: Math.round(((style.size * 1.2) / 72 + 0.2) * 1000) / 1000,
    header,
    rows: body,
    headerFill: r.color(a["header-fill"] ?? "tableHeader", node),
    headerColor: r.color(a["header-color"] ?? "tableHeaderText", node),
    bandFill: a.band === "none" ? null : r.color(a.band ?? "tableBand", node),
    rule: r.color(a.rule ?? "rule", node),
  };
}

function element(node: MarkupElement, r: Resolver): Element | null {
  const a = node.attributes;
  const layer = a.layer === "layout" ? "layout" : "slide";
  switch (node.name) {
    case "text":
      return text(node, r);
    case "rect":
    case "ellipse":
      return {
        type: "shape",
        shape: node.name,
        layer,
        box: r.box(node),
        fill: a.fill === undefined ? null : r.color(a.fill, node),
        line: a.line === undefined ? null : r.color(a.line, node),
        lineWidth: Number(a.weight ?? (a.line === undefined ? 0 : 1)),
      };
    case "table":
      return table(node, r);
    case "slide-number":
      return { type: "slide-number", layer, box: r.box(node), style: textStyle(node, r) };
    case "notes":
      return null;
    default:
      return fail(node, `unknown element; expected text, rect, ellipse, table, slide-number or notes`);
  }
}

/** Slide markup → SlideSpec, every name resolved against the theme. */
export function toSlideSpec(root: MarkupElement, layout: LayoutKind, position: Position, theme: Theme, aspect: Aspect): SlideSpec {
  if (root.name !== "slide") fail(root, "the markup must start with <slide>");
  const r = new Resolver(theme, aspect);
  const notesNode = elements(root, "notes")[0];
  const notes = notesNode ? textOf(notesNode).trim() : "";
  return {
    layout,
    position,
    background: r.color(root.attributes.background ?? "background", root),
    elements: elements(root).map((e) => element(e, r)).filter((e): e is Element => e !== null),
    notes: notes === "" ? null : notes,
  };
}
