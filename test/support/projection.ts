/**
 * A normalised, JSON-able projection of a written .pptx for snapshot tests: what a reader of
 * the deck sees (layouts, shapes, positions, text, bullets, links, tables, notes), not the
 * raw markup. Positions are in inches, rounded to 2 decimals. Slides are in presentation
 * order (p:sldIdLst); layouts are those the slides use, in order of first use.
 */
import { posix } from "node:path";
import { SaxesParser } from "saxes";
import { readZip } from "../../src/write/zip.js";

export interface DeckProjection {
  /** Slide size in inches. */
  size: { width: number; height: number };
  slides: SlideProjection[];
  layouts: LayoutProjection[];
}

export interface SlideProjection {
  /** The slide layout's `p:cSld/@name`. */
  layout: string;
  /** `RRGGBB` of a solid background fill, when the slide has one. */
  background?: string;
  shapes: ShapeProjection[];
  /** The notes body placeholder's paragraphs joined with "\n"; "" when there are none. */
  notes: string;
}

export interface LayoutProjection {
  name: string;
  background?: string;
  shapes: ShapeProjection[];
}

export type Box = { x: number; y: number; w: number; h: number } | "inherited" | "none";

export interface ShapeProjection {
  kind: "sp" | "table" | "chart" | "graphicFrame" | "pic" | "cxnSp" | "grpSp";
  name: string;
  /** `p:ph/@type` (`body` when a placeholder has no type). */
  placeholder?: string;
  /** Alt text (`p:cNvPr/@descr`). */
  alt?: string;
  box: Box;
  paragraphs?: ParagraphProjection[];
  /** Cell texts by row, the number of grid columns, and the cells' hyperlink targets. */
  table?: { columns: number; rows: string[][]; links?: string[] };
  children?: ShapeProjection[];
  /** A shape written as `mc:AlternateContent`: the equations (`a14:m`) of its Choice and its `Requires`; the rest is its Fallback. */
  equations?: { count: number; requires: string };
}

export interface ParagraphProjection {
  /** The paragraph's text; a line break is "\n", a slide-number field "{slidenum}". */
  text: string;
  /** `autoNum:<scheme>`, `char:<c>` or `none`, when the paragraph sets one. */
  bullet?: string;
  lvl?: number;
  /** Hyperlink targets of its runs, resolved through the part's relationships. */
  links?: string[];
}

// ---------------------------------------------------------------------------------------
// A tiny namespace-aware element tree

const NS = {
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  p: "http://schemas.openxmlformats.org/presentationml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  rel: "http://schemas.openxmlformats.org/package/2006/relationships",
  mc: "http://schemas.openxmlformats.org/markup-compatibility/2006",
  a14: "http://schemas.microsoft.com/office/drawing/2010/main",
} as const;
type Prefix = keyof typeof NS;

interface El {
  uri: string;
  local: string;
  attrs: { uri: string; local: string; value: string }[];
  children: (El | string)[];
}

function parseXml(text: string, part: string): El {
  const parser = new SaxesParser({ xmlns: true });
  const stack: El[] = [];
  let root: El | undefined;
  parser.on("opentag", (tag) => {
    const attrs = Object.values(tag.attributes).map((a) => ({ uri: a.uri, local: a.local, value: a.value }));
    const el: El = { uri: tag.uri, local: tag.local, attrs, children: [] };
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on("closetag", () => void stack.pop());
  parser.on("text", (t) => void stack.at(-1)?.children.push(t));
  parser.on("error", (e) => {
    throw new Error(`${part}: ${e.message}`);
  });
  parser.write(text).close();
  if (!root) throw new Error(`${part}: no root element`);
  return root;
}

/** `"p:cSld"` → matcher. */
function is(el: El | string, qname: string): el is El {
  const [prefix, local] = qname.split(":") as [Prefix, string];
  return typeof el !== "string" && el.uri === NS[prefix] && el.local === local;
}
const kids = (el: El | undefined, qname: string): El[] => (el ? el.children.filter((c): c is El => is(c, qname)) : []);
const kid = (el: El | undefined, qname: string): El | undefined => kids(el, qname)[0];
/** The first element along a path of child names. */
const at = (el: El | undefined, ...path: string[]): El | undefined => path.reduce<El | undefined>((e, q) => kid(e, q), el);
function attr(el: El | undefined, name: string): string | undefined {
  const [prefix, local] = name.includes(":") ? (name.split(":") as [Prefix, string]) : [undefined, name];
  return el?.attrs.find((a) => a.local === local && a.uri === (prefix ? NS[prefix] : ""))?.value;
}
function* descendants(el: El, qname: string): Generator<El> {
  for (const c of el.children) {
    if (typeof c === "string") continue;
    if (is(c, qname)) yield c;
    else yield* descendants(c, qname);
  }
}
const textOf = (el: El): string => el.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");

// ---------------------------------------------------------------------------------------
// The package

interface Rel {
  type: string;
  target: string;
  external: boolean;
}

class Package {
  private readonly parts: Map<string, Uint8Array>;
  private readonly cache = new Map<string, El>();

  constructor(bytes: Uint8Array) {
    this.parts = new Map(readZip(bytes).map((e) => [e.name, e.data]));
  }

  xml(part: string): El {
    let el = this.cache.get(part);
    if (!el) {
      const data = this.parts.get(part);
      if (!data) throw new Error(`no part ${part}`);
      el = parseXml(new TextDecoder().decode(data), part);
      this.cache.set(part, el);
    }
    return el;
  }

  /** The part's relationships by id; internal targets resolved to part names. */
  rels(part: string): Map<string, Rel> {
    const dir = posix.dirname(part);
    const relsPart = posix.join(dir, "_rels", `${posix.basename(part)}.rels`);
    const out = new Map<string, Rel>();
    if (!this.parts.has(relsPart)) return out;
    for (const rel of kids(this.xml(relsPart), "rel:Relationship")) {
      const external = attr(rel, "TargetMode") === "External";
      const target = attr(rel, "Target") ?? "";
      const type = (attr(rel, "Type") ?? "").replace(/^.*\//, "");
      out.set(attr(rel, "Id") ?? "", { type, external, target: external ? target : posix.normalize(posix.join(dir, target)) });
    }
    return out;
  }

  relOfType(part: string, type: string): string | undefined {
    return [...this.rels(part).values()].find((r) => r.type === type)?.target;
  }
}

// ---------------------------------------------------------------------------------------
// The projection

const EMU_PER_INCH = 914400;
const inches = (emu: string | undefined): number => Math.round((Number(emu ?? "0") / EMU_PER_INCH) * 100) / 100;

export function projectPptx(bytes: Uint8Array): DeckProjection {
  const pkg = new Package(bytes);
  const presentation = pkg.xml("ppt/presentation.xml");
  const presentationRels = pkg.rels("ppt/presentation.xml");
  const size = at(presentation, "p:sldSz");
  const slideParts = kids(at(presentation, "p:sldIdLst"), "p:sldId").map((s) => {
    const target = presentationRels.get(attr(s, "r:id") ?? "")?.target;
    if (target === undefined) throw new Error(`slide ${attr(s, "r:id")} has no relationship`);
    return target;
  });
  const layoutParts: string[] = [];
  const slides = slideParts.map((part) => {
    const layoutPart = pkg.relOfType(part, "slideLayout");
    if (layoutPart === undefined) throw new Error(`${part} has no slide layout`);
    if (!layoutParts.includes(layoutPart)) layoutParts.push(layoutPart);
    const notesPart = pkg.relOfType(part, "notesSlide");
    return {
      layout: attr(at(pkg.xml(layoutPart), "p:cSld"), "name") ?? "",
      ...sheet(pkg, part, placeholdersOf(pkg.xml(layoutPart)), sheet(pkg, layoutPart).background),
      notes: notesPart === undefined ? "" : notesText(pkg, notesPart),
    };
  });
  const layouts = layoutParts.map((part) => ({ name: attr(at(pkg.xml(part), "p:cSld"), "name") ?? "", ...sheet(pkg, part) }));
  return { size: { width: inches(attr(size, "cx")), height: inches(attr(size, "cy")) }, slides, layouts };
}

/** What a slide's placeholder takes from its layout's placeholder of the same type: its box and its list style. */
type Inherited = ReadonlyMap<string, { box: Box; listStyle: El | undefined }>;

/** Background and shapes of a slide or layout; a slide without a background, or a placeholder without a box or list style of its own, reads its layout's. */
function sheet(pkg: Package, part: string, inherited: Inherited = new Map(), layoutBackground?: string): { background?: string; shapes: ShapeProjection[] } {
  const cSld = at(pkg.xml(part), "p:cSld");
  const background = attr(at(cSld, "p:bg", "p:bgPr", "a:solidFill", "a:srgbClr"), "val") ?? layoutBackground;
  const rels = pkg.rels(part);
  const shapes = shapesOf(at(cSld, "p:spTree"), rels, inherited);
  return background === undefined ? { shapes } : { background, shapes };
}

/** A layout's placeholders by type (the first of each type): box and list style. */
function placeholdersOf(layout: El): Inherited {
  const out = new Map<string, { box: Box; listStyle: El | undefined }>();
  for (const sp of kids(at(layout, "p:cSld", "p:spTree"), "p:sp")) {
    const ph = at(sp, "p:nvSpPr", "p:nvPr", "p:ph");
    const type = ph ? (attr(ph, "type") ?? "body") : undefined;
    if (type === undefined || out.has(type)) continue;
    out.set(type, { box: shape(sp, "p:sp", new Map()).box, listStyle: at(sp, "p:txBody", "a:lstStyle") });
  }
  return out;
}

function notesText(pkg: Package, part: string): string {
  const body = [...descendants(pkg.xml(part), "p:sp")].find((sp) => attr(at(sp, "p:nvSpPr", "p:nvPr", "p:ph"), "type") === "body");
  const paragraphs = kids(at(body, "p:txBody"), "a:p").map((p) => paragraph(p, new Map()).text);
  return paragraphs.join("\n").trim() === "" ? "" : paragraphs.join("\n");
}

const SHAPE_KINDS = ["p:sp", "p:graphicFrame", "p:pic", "p:cxnSp", "p:grpSp"] as const;

function shapesOf(tree: El | undefined, rels: Map<string, Rel>, inherited: Inherited = new Map()): ShapeProjection[] {
  if (!tree) return [];
  return tree.children.flatMap((c) => {
    if (typeof c !== "string" && is(c, "mc:AlternateContent")) {
      // What a reader without Office Math sees, and how many equations the Choice draws instead.
      const choice = kid(c, "mc:Choice");
      const count = choice ? [...descendants(choice, "a14:m")].length : 0;
      return shapesOf(kid(c, "mc:Fallback"), rels, inherited).map((s) => ({ ...s, equations: { count, requires: attr(choice, "Requires") ?? "" } }));
    }
    const kind = SHAPE_KINDS.find((k) => is(c, k));
    return kind === undefined || typeof c === "string" ? [] : [shape(c, kind, rels, inherited)];
  });
}

function shape(el: El, kind: (typeof SHAPE_KINDS)[number], rels: Map<string, Rel>, inherited: Inherited = new Map()): ShapeProjection {
  const nv = el.children.find((c): c is El => typeof c !== "string" && c.local.startsWith("nv"));
  const cNvPr = kid(nv, "p:cNvPr");
  const ph = at(nv, "p:nvPr", "p:ph");
  const alt = attr(cNvPr, "descr");
  const xfrm = kind === "p:graphicFrame" ? kid(el, "p:xfrm") : at(el, kind === "p:grpSp" ? "p:grpSpPr" : "p:spPr", "a:xfrm");
  const off = kid(xfrm, "a:off");
  const ext = kid(xfrm, "a:ext");
  const fromLayout = ph ? inherited.get(attr(ph, "type") ?? "body") : undefined;
  const box: Box = xfrm
    ? { x: inches(attr(off, "x")), y: inches(attr(off, "y")), w: inches(attr(ext, "cx")), h: inches(attr(ext, "cy")) }
    : ph
      ? (fromLayout?.box ?? "inherited")
      : "none";
  const out: ShapeProjection = {
    kind: "sp",
    name: attr(cNvPr, "name") ?? "",
    ...(ph ? { placeholder: attr(ph, "type") ?? "body" } : {}),
    ...(alt !== undefined && alt !== "" ? { alt } : {}),
    box,
  };
  switch (kind) {
    case "p:sp": {
      const body = kid(el, "p:txBody");
      if (body) out.paragraphs = kids(body, "a:p").map((p) => paragraph(p, rels, [kid(body, "a:lstStyle"), fromLayout?.listStyle]));
      break;
    }
    case "p:graphicFrame": {
      const data = at(el, "a:graphic", "a:graphicData");
      const table = kid(data, "a:tbl");
      if (table) {
        out.kind = "table";
        const cells = kids(table, "a:tr").map((tr) => kids(tr, "a:tc").map((tc) => kids(kid(tc, "a:txBody"), "a:p").map((p) => paragraph(p, rels))));
        const links = cells.flat(2).flatMap((p) => p.links ?? []);
        out.table = {
          columns: kids(kid(table, "a:tblGrid"), "a:gridCol").length,
          rows: cells.map((row) => row.map((cell) => cell.map((p) => p.text).join("\n"))),
          ...(links.length > 0 ? { links } : {}),
        };
      } else {
        out.kind = (attr(data, "uri") ?? "").endsWith("/chart") ? "chart" : "graphicFrame";
      }
      break;
    }
    case "p:pic":
      out.kind = "pic";
      break;
    case "p:cxnSp":
      out.kind = "cxnSp";
      break;
    case "p:grpSp":
      out.kind = "grpSp";
      out.children = shapesOf(el, rels);
      break;
  }
  return out;
}

/** A paragraph as read: its bullet from its own properties, or else from the first list style (its box's, its layout placeholder's) that sets one at its level. */
function paragraph(p: El, rels: Map<string, Rel>, listStyles: readonly (El | undefined)[] = []): ParagraphProjection {
  let text = "";
  const links: string[] = [];
  for (const c of p.children) {
    if (typeof c === "string") continue;
    if (is(c, "a:r") || is(c, "a:fld")) {
      const link = at(c, "a:rPr", "a:hlinkClick");
      if (link) links.push(linkTarget(link, rels));
      if (is(c, "a:fld") && attr(c, "type") === "slidenum") text += "{slidenum}";
      else text += kids(c, "a:t").map(textOf).join("");
    } else if (is(c, "a:br")) {
      text += "\n";
    }
  }
  const out: ParagraphProjection = { text };
  const pPr = kid(p, "a:pPr");
  const lvl = attr(pPr, "lvl");
  const bulletOf = (props: El | undefined): string | undefined => {
    const autoNum = kid(props, "a:buAutoNum");
    const char = kid(props, "a:buChar");
    if (autoNum) return `autoNum:${attr(autoNum, "type") ?? "?"}${attr(autoNum, "startAt") ? `@${attr(autoNum, "startAt")}` : ""}`;
    if (char) return `char:${attr(char, "char") ?? "?"}`;
    return kid(props, "a:buNone") ? "none" : undefined;
  };
  const bullet = [pPr, ...listStyles.map((style) => kid(style, `a:lvl${Number(lvl ?? 0) + 1}pPr`))].reduce<string | undefined>((found, props) => found ?? bulletOf(props), undefined);
  if (bullet !== undefined) out.bullet = bullet;
  if (lvl !== undefined) out.lvl = Number(lvl);
  if (links.length > 0) out.links = links;
  return out;
}

/** An external URL as written, an internal target as its part name, or the action when there is no relationship. */
function linkTarget(link: El, rels: Map<string, Rel>): string {
  const id = attr(link, "r:id") ?? "";
  const rel = rels.get(id);
  if (rel) return rel.target;
  return id === "" ? `action:${attr(link, "action") ?? ""}` : `missing-relationship:${id}`;
}
