/**
 * A company's template (.potx, or a .pptx used as one) read into what deckwright builds on
 * (issue 15): the slide size, the masters and their layouts in the masters' own order, every
 * layout's placeholders with their boxes and text styles inherited from the master where the
 * layout has none, the theme's fonts and colours, and the template's own sample slides (which a
 * deck built on it leaves out).
 *
 * The file is untrusted (a theme from a pull request): it is checked by `checkPackageFile` (zip
 * bombs, sizes, malformed XML, dangling relationships; src/validate/structure.ts) before any
 * part is read, and refused with a diagnostic when it is encrypted, holds macros, or links to
 * anything outside itself but web addresses.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { extname } from "node:path";
import type { Diagnostic } from "../model/diagnostic.js";
import type { Box } from "../model/slideSpec.js";
import { checkPackage, PACKAGE_LIMITS } from "../validate/structure.js";
import { bytesSource, listZip } from "../validate/zip.js";
import { relationshipBase, relationshipsPartOf, resolveTarget } from "../validate/opc.js";
import { readZip } from "../write/zip.js";
import { NS_R } from "../xml/namespaces.js";
import { child, children, descendants, parseXml, path, type XmlNode } from "./xml.js";

const EMU_PER_INCH = 914_400;
/** A template larger than this is refused before it is read (real ones are kilobytes to a few megabytes; one with many pictures, tens). */
export const MAX_TEMPLATE_BYTES = 256 * 1024 * 1024;

/** The placeholder types of ECMA-376 §19.7.10 (`ST_PlaceholderType`); a `p:ph` without one is `obj`. */
export type PlaceholderType = "title" | "ctrTitle" | "subTitle" | "body" | "obj" | "pic" | "tbl" | "chart" | "dgm" | "media" | "clipArt" | "dt" | "ftr" | "sldNum" | "hdr" | "sldImg";

/** What a placeholder's text looks like, inherited down master text styles → master placeholder → layout placeholder. */
export interface PlaceholderText {
  /** The Latin font family (theme fonts resolved). */
  readonly font: string;
  /** The Latin typeface as the template writes it: `+mn-lt`, `+mj-lt` (the theme's fonts) or a family. */
  readonly typeface: string;
  /** Type size of each level, 1–9, in points. */
  readonly sizes: readonly number[];
  readonly bold: boolean;
  readonly italic: boolean;
  /** `RRGGBB`, scheme colours resolved through the master's colour map. */
  readonly color: string;
  readonly align: "left" | "center" | "right";
  readonly valign: "top" | "middle" | "bottom";
  /** Line spacing as a multiple of single spacing. */
  readonly lineSpacing: number;
  /** Space before a paragraph, in points. */
  readonly spaceBefore: number;
  /** Left margin and first-line indent of level 1, in inches (a hanging bullet has a negative indent). */
  readonly marginLeft: number;
  readonly indent: number;
  /** Whether level 1 has a bullet. */
  readonly bulleted: boolean;
  /** Insets of the text box, in inches. */
  readonly inset: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };
}

export interface TemplatePlaceholder {
  readonly type: PlaceholderType;
  /** `idx`; LibreOffice omits it (then 0 for the first, as PowerPoint reads it). */
  readonly idx: number;
  /** Whether `idx` was written: a slide's placeholder says it only then. */
  readonly hasIdx: boolean;
  readonly name: string;
  /** Its box, the layout's own or the master's; null when neither says (then it cannot hold content). */
  readonly box: Box | null;
  /** Its rotation in degrees (a rotated placeholder is not used for content). */
  readonly rotation: number;
  /** Whether its text runs vertically (`a:bodyPr vert`): not used for content. */
  readonly vertical: boolean;
  readonly text: PlaceholderText;
}

export interface TemplateLayout {
  /** Its part name, `ppt/slideLayouts/slideLayout2.xml`. */
  readonly part: string;
  /** `p:cSld name`; Google Slides' readable name is `matchingName`. */
  readonly name: string;
  readonly matchingName: string | null;
  /** `p:sldLayout type`, or null when it has none. */
  readonly type: string | null;
  readonly master: string;
  /** Its place among all layouts, masters in order (what `template inspect` numbers them by). */
  readonly order: number;
  readonly placeholders: readonly TemplatePlaceholder[];
}

export interface TemplateMaster {
  readonly part: string;
  readonly theme: string | null;
  readonly layouts: readonly string[];
}

export interface TemplateTheme {
  /** The heading (major) and body (minor) Latin fonts. */
  readonly fonts: { readonly major: string; readonly minor: string };
  /** dk1, lt1, dk2, lt2, accent1–6, hlink, folHlink as `RRGGBB`. */
  readonly colors: Readonly<Record<string, string>>;
}

export interface Template {
  /** The file it was read from, for diagnostics. */
  readonly file: string;
  /** Every part, by name. */
  readonly parts: ReadonlyMap<string, Uint8Array>;
  /** The slide size in inches (`p:sldSz`). */
  readonly size: { readonly width: number; readonly height: number };
  readonly masters: readonly TemplateMaster[];
  readonly layouts: readonly TemplateLayout[];
  /** The first master's theme. */
  readonly theme: TemplateTheme;
  /** The master's colour map: `bg1` → `lt1`, `tx1` → `dk1`, … */
  readonly colorMap: Readonly<Record<string, string>>;
  /** The template's own slides (part names), which a deck leaves out. */
  readonly sampleSlides: readonly string[];
  readonly notesMaster: string | null;
  /** presentation.xml's content type as the template gives it (a .potx names a template). */
  readonly mainContentType: string;
  /** The template's default table style (`def` of ppt/tableStyles.xml, a `{GUID}`), or null. */
  readonly tableStyle: string | null;
}

export type TemplateResult = { readonly ok: true; readonly template: Template; readonly warnings: readonly Diagnostic[] } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const MAIN_TYPES = {
  presentation: "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
  template: "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
  slideshow: "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
} as const;
export const PRESENTATION_MAIN_TYPE = MAIN_TYPES.presentation;

/** The template in the file at `file`; every refusal is a diagnostic with its own id, never a throw. */
export function readTemplateFile(file: string): TemplateResult {
  const refuse = (id: string, message: string, hint?: string): TemplateResult => ({ ok: false, diagnostics: [{ id, severity: "error", file, message, ...(hint ? { hint } : {}) }] });
  const extension = extname(file).toLowerCase();
  if (extension === ".potm" || extension === ".pptm") return refuse("template-macros", `Cannot use ${extension} templates: they carry macros`, "save the template as .potx (PowerPoint: File › Save As › PowerPoint Template) and use that");
  if (extension !== ".potx" && extension !== ".pptx") return refuse("template-not-supported", `Expected a .potx or .pptx template, not ${extension === "" ? "a file without an extension" : extension}`);
  let bytes: Uint8Array;
  try {
    bytes = readCapped(file, MAX_TEMPLATE_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return refuse("template-not-found", "No template file here");
    if (code === "E2BIG") return refuse("template-invalid", `The template is larger than ${MAX_TEMPLATE_BYTES / 1024 / 1024} MiB`);
    return refuse("template-unreadable", `Cannot read the template: ${error instanceof Error ? error.message : String(error)}`);
  }
  return readTemplate(bytes, file);
}

/** Reads a file of at most `max` bytes (more: an E2BIG error), without reading more than that. */
function readCapped(file: string, max: number): Uint8Array {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    if (size > max) throw Object.assign(new Error("too large"), { code: "E2BIG" });
    const out = new Uint8Array(size);
    let done = 0;
    while (done < size) {
      const n = readSync(fd, out, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return out.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** The template in `bytes` (`file` names it in diagnostics). */
export function readTemplate(bytes: Uint8Array, file: string): TemplateResult {
  const refuse = (id: string, message: string, hint?: string): TemplateResult => ({ ok: false, diagnostics: [{ id, severity: "error", file, message, ...(hint ? { hint } : {}) }] });
  // An encrypted Office file is an OLE compound file, not a zip.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return refuse("template-encrypted", "The template is password-protected (an encrypted Office file)", "remove the password in PowerPoint (File › Info › Protect Presentation) and save it again");
  }
  // Macros first: a macro project is refused for what it is, whatever else is wrong with the file.
  const listed = listZip(bytesSource(bytes), PACKAGE_LIMITS);
  if (listed.ok && listed.listing.partNames.some((name) => /(^|\/)vbaProject\.bin$/i.test(name))) {
    return refuse("template-macros", "The template carries macros", "save it as .potx (without macros) and use that");
  }
  const found = checkPackage(bytes);
  // Faults of a template's own shapes are no reason to refuse it, but are said: a master or layout
  // repeating shape ids (LibreOffice's .potx does) is written with the repeats renumbered
  // (src/write/template.ts), the rest as it is. Anything else is refused.
  const tolerated = found.filter((p) => TOLERATED.has(p.id));
  const problems = found.filter((p) => !TOLERATED.has(p.id));
  if (problems.length > 0) {
    const listed = problems.slice(0, 5).map((p) => `${p.part ? `${p.part}: ` : ""}${p.message} (${p.id})`);
    const more = problems.length > 5 ? ` and ${problems.length - 5} more` : "";
    return refuse("template-invalid", `The template is not a valid package: ${listed.join("; ")}${more}`, "open it in PowerPoint and save it again, or run `deckwright validate` on it");
  }
  const parts = new Map(readZip(bytes).map((entry) => [entry.name, entry.data] as const));
  try {
    const result = new TemplateReader(parts, file).read();
    if (!result.ok || tolerated.length === 0) return result;
    const listed = tolerated.slice(0, 3).map((p) => `${p.part ? `${p.part}: ` : ""}${p.message}`).join("; ");
    const warning: Diagnostic = { id: "template-problem", severity: "warning", file, message: `The template has faults of its own (repeated shape ids are renumbered in the deck; the rest is kept): ${listed}${tolerated.length > 3 ? ` and ${tolerated.length - 3} more` : ""}`, hint: "open it in PowerPoint and save it again to fix them" };
    return { ...result, warnings: [warning, ...result.warnings] };
  } catch (error) {
    if (error instanceof TemplateProblem) return refuse(error.id, error.message, error.hint);
    throw error;
  }
}

/** Package findings a template may have and still be used (its parts are copied as they are). */
const TOLERATED: ReadonlySet<string> = new Set(["duplicate-shape-id", "table-grid-mismatch", "override-without-part"]);

class TemplateProblem extends Error {
  constructor(
    readonly id: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The part it points at (resolved), or the address for an external one. */
  readonly target: string;
  readonly external: boolean;
}

const TEXT_DEFAULT: PlaceholderText = {
  font: "Calibri",
  typeface: "+mn-lt",
  sizes: [18, 18, 18, 18, 18, 18, 18, 18, 18],
  bold: false,
  italic: false,
  color: "000000",
  align: "left",
  valign: "top",
  lineSpacing: 1,
  spaceBefore: 0,
  marginLeft: 0,
  indent: 0,
  bulleted: false,
  inset: { left: 0.1, top: 0.05, right: 0.1, bottom: 0.05 },
};

class TemplateReader {
  private readonly decoder = new TextDecoder();
  private readonly trees = new Map<string, XmlNode>();
  private readonly warnings: Diagnostic[] = [];

  constructor(
    private readonly parts: ReadonlyMap<string, Uint8Array>,
    private readonly file: string,
  ) {}

  read(): TemplateResult {
    const types = this.tree("[Content_Types].xml");
    if (!types) throw new TemplateProblem("template-invalid", "The template has no [Content_Types].xml");
    const overrides = children(types, "Override");
    if (this.parts.has("word/document.xml") || this.parts.has("xl/workbook.xml")) throw new TemplateProblem("template-not-supported", "This is a Word or Excel file, not a PowerPoint template");
    if ([...this.parts.keys()].some((name) => /vbaProject\.bin$/i.test(name)) || overrides.some((o) => /macroEnabled/i.test(o.attributes.ContentType ?? ""))) {
      throw new TemplateProblem("template-macros", "The template carries macros", "save it as .potx (without macros) and use that");
    }
    const root = this.relationships("");
    const office = root.find((r) => r.type === `${NS_R}/officeDocument`);
    if (!office || !this.parts.has(office.target)) throw new TemplateProblem("template-not-supported", "This package has no presentation: not a PowerPoint template");
    if (office.target !== "ppt/presentation.xml") throw new TemplateProblem("template-not-supported", `The presentation is at ${office.target}; deckwright reads templates whose presentation is ppt/presentation.xml`);
    const mainContentType = overrides.find((o) => o.attributes.PartName === "/ppt/presentation.xml")?.attributes.ContentType ?? "";
    if (!Object.values(MAIN_TYPES).includes(mainContentType as (typeof MAIN_TYPES)[keyof typeof MAIN_TYPES])) throw new TemplateProblem("template-not-supported", `The presentation part has the content type ${mainContentType || "(none)"}`);
    this.refuseExternal();

    const presentation = this.tree("ppt/presentation.xml");
    const rels = this.relationships("ppt/presentation.xml");
    const byId = new Map(rels.map((r) => [r.id, r] as const));
    const size = path(presentation, "sldSz");
    const width = Number(size?.attributes.cx ?? 0) / EMU_PER_INCH;
    const height = Number(size?.attributes.cy ?? 0) / EMU_PER_INCH;
    if (!(width > 0 && height > 0)) throw new TemplateProblem("template-invalid", "The template says no slide size (p:sldSz)");
    const masterParts = children(path(presentation, "sldMasterIdLst"), "sldMasterId").map((m) => byId.get(m.attributes["r:id"] ?? "")?.target).filter((t): t is string => t !== undefined && this.parts.has(t));
    if (masterParts.length === 0) throw new TemplateProblem("template-no-layouts", "The template has no slide master");
    const sampleSlides = children(path(presentation, "sldIdLst"), "sldId").map((s) => byId.get(s.attributes["r:id"] ?? "")?.target).filter((t): t is string => t !== undefined);
    const notesMaster = children(path(presentation, "notesMasterIdLst"), "notesMasterId").map((m) => byId.get(m.attributes["r:id"] ?? "")?.target).find((t) => t !== undefined && this.parts.has(t)) ?? null;

    const masters: TemplateMaster[] = [];
    const layouts: TemplateLayout[] = [];
    let theme: TemplateTheme | undefined;
    let colorMap: Record<string, string> | undefined;
    for (const part of masterParts) {
      const master = this.tree(part);
      const masterRels = this.relationships(part);
      const masterById = new Map(masterRels.map((r) => [r.id, r] as const));
      const themePart = masterRels.find((r) => r.type === `${NS_R}/theme`)?.target ?? null;
      const masterTheme = themePart ? this.theme(themePart) : { fonts: { major: "Calibri", minor: "Calibri" }, colors: {} };
      const map = { ...(path(master, "clrMap")?.attributes ?? {}) };
      theme ??= masterTheme;
      colorMap ??= map;
      const context: StyleContext = { theme: masterTheme, colorMap: map };
      const masterPlaceholders = this.placeholders(master, null, context, textStyles(master));
      const layoutParts = children(path(master, "sldLayoutIdLst"), "sldLayoutId").map((l) => masterById.get(l.attributes["r:id"] ?? "")?.target).filter((t): t is string => t !== undefined && this.parts.has(t));
      masters.push({ part, theme: themePart, layouts: layoutParts });
      for (const layoutPart of layoutParts) {
        const layout = this.tree(layoutPart);
        if (!layout) continue;
        const cSld = child(layout, "cSld");
        layouts.push({
          part: layoutPart,
          name: cSld?.attributes.name ?? "",
          matchingName: layout.attributes.matchingName ?? null,
          type: layout.attributes.type ?? null,
          master: part,
          order: layouts.length + 1,
          placeholders: this.placeholders(layout, masterPlaceholders, context, textStyles(master)),
        });
      }
    }
    if (layouts.length === 0) throw new TemplateProblem("template-no-layouts", "The template's masters have no slide layouts");
    const tableStylesPart = rels.find((r) => r.type === `${NS_R}/tableStyles`)?.target;
    const def = tableStylesPart ? this.tree(tableStylesPart)?.attributes.def : undefined;
    const tableStyle = def !== undefined && /^\{[0-9A-Fa-f-]{36}\}$/.test(def) ? def.toUpperCase() : null;
    return {
      ok: true,
      template: { file: this.file, parts: this.parts, size: { width: round(width), height: round(height) }, masters, layouts, theme: theme ?? { fonts: { major: "Calibri", minor: "Calibri" }, colors: {} }, colorMap: colorMap ?? {}, sampleSlides, notesMaster, mainContentType, tableStyle },
      warnings: this.warnings,
    };
  }

  /** Refuses a template that links to files or addresses outside itself (but hyperlinks, which only open when clicked). */
  private refuseExternal(): void {
    for (const name of this.parts.keys()) {
      if (!name.endsWith(".rels")) continue;
      const tree = this.tree(name);
      for (const rel of children(tree, "Relationship")) {
        if (rel.attributes.TargetMode !== "External") continue;
        if (rel.attributes.Type === `${NS_R}/hyperlink`) continue;
        throw new TemplateProblem("template-external-link", `The template links to something outside itself (${name}: ${rel.attributes.Target ?? ""}), which an office suite would fetch when the deck opens`, "embed the picture or file in the template instead of linking it");
      }
    }
  }

  private text(name: string): string | undefined {
    const bytes = this.parts.get(name);
    return bytes ? this.decoder.decode(bytes) : undefined;
  }

  private tree(name: string): XmlNode | undefined {
    let tree = this.trees.get(name);
    if (tree === undefined) {
      const text = this.text(name);
      if (text === undefined) return undefined;
      tree = parseXml(text);
      this.trees.set(name, tree);
    }
    return tree;
  }

  /** The relationships of part `name` ("" for the package's own), targets resolved to part names. */
  relationships(name: string): Relationship[] {
    const relsName = relationshipsPartOf(name);
    const base = relationshipBase(relsName) ?? "";
    return children(this.tree(relsName), "Relationship").map((rel) => {
      const external = rel.attributes.TargetMode === "External";
      // saxes has decoded the attribute already; a target that leaves the package points at nothing.
      const raw = rel.attributes.Target ?? "";
      const target = external ? raw : (resolveTarget(base, raw) ?? "");
      return { id: rel.attributes.Id ?? "", type: rel.attributes.Type ?? "", target, external };
    });
  }

  private theme(part: string): TemplateTheme {
    const tree = this.tree(part);
    const elements = path(tree, "themeElements");
    const fontScheme = child(elements, "fontScheme");
    const latin = (which: string) => path(fontScheme, which, "latin")?.attributes.typeface ?? "";
    const colors: Record<string, string> = {};
    for (const entry of child(elements, "clrScheme")?.children ?? []) {
      const value = child(entry, "srgbClr")?.attributes.val ?? child(entry, "sysClr")?.attributes.lastClr;
      if (value && /^[0-9A-Fa-f]{6}$/.test(value)) colors[entry.local] = value.toUpperCase();
    }
    return { fonts: { major: latin("majorFont") || "Calibri", minor: latin("minorFont") || "Calibri" }, colors };
  }

  /** The placeholders of a master or layout, in shape-tree order, with what they inherit from `inherited` (the master's). */
  private placeholders(part: XmlNode | undefined, inherited: readonly TemplatePlaceholder[] | null, context: StyleContext, styles: MasterStyles): TemplatePlaceholder[] {
    const tree = path(part, "cSld", "spTree");
    if (!tree) return [];
    const out: TemplatePlaceholder[] = [];
    let unnumbered = 0;
    for (const shape of shapesOf(tree)) {
      const nv = shape.children.find((c) => c.local.startsWith("nv"));
      const ph = path(nv, "nvPr", "ph");
      if (!ph) continue;
      const type = (ph.attributes.type ?? "obj") as PlaceholderType;
      const hasIdx = ph.attributes.idx !== undefined;
      const idx = hasIdx ? Number(ph.attributes.idx) : unnumbered++;
      const base = inherited?.find((m) => m.type === masterTypeOf(type)) ?? null;
      const spPr = child(shape, "spPr");
      const xfrm = child(spPr, "xfrm");
      const box = boxOf(xfrm) ?? base?.box ?? null;
      const rotation = xfrm?.attributes.rot ? Number(xfrm.attributes.rot) / 60000 : (base?.rotation ?? 0);
      const start = base?.text ?? styleOf(styles, type, context);
      const text = textOf(child(shape, "txBody"), start, context);
      const vert = path(shape, "txBody", "bodyPr")?.attributes.vert;
      const vertical = vert !== undefined ? vert !== "horz" : (base?.vertical ?? false);
      out.push({ type, idx, hasIdx, name: path(nv, "cNvPr")?.attributes.name ?? "", box, rotation, vertical, text });
    }
    return out;
  }
}

/** The shapes of a shape tree, groups opened (a placeholder can sit in a group). */
function shapesOf(tree: XmlNode): XmlNode[] {
  const out: XmlNode[] = [];
  for (const c of tree.children) {
    if (c.local === "grpSp") out.push(...shapesOf(c));
    else if (c.local === "sp" || c.local === "pic" || c.local === "graphicFrame") out.push(c);
  }
  return out;
}

/** The master placeholder a layout placeholder of this type inherits from (ECMA-376 §19.3.1.36). */
function masterTypeOf(type: PlaceholderType): PlaceholderType {
  if (type === "ctrTitle") return "title";
  if (type === "title" || type === "dt" || type === "ftr" || type === "sldNum") return type;
  return "body";
}

function boxOf(xfrm: XmlNode | undefined): Box | null {
  const off = child(xfrm, "off");
  const ext = child(xfrm, "ext");
  if (!off || !ext) return null;
  const [x, y, w, h] = [off.attributes.x, off.attributes.y, ext.attributes.cx, ext.attributes.cy].map((v) => Number(v ?? NaN) / EMU_PER_INCH) as [number, number, number, number];
  if (![x, y, w, h].every(Number.isFinite) || w <= 0 || h <= 0) return null;
  return { x: round(Math.max(0, x)), y: round(Math.max(0, y)), w: round(w), h: round(h) };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

interface StyleContext {
  readonly theme: TemplateTheme;
  readonly colorMap: Readonly<Record<string, string>>;
}

interface MasterStyles {
  readonly title: XmlNode | undefined;
  readonly body: XmlNode | undefined;
  readonly other: XmlNode | undefined;
}

function textStyles(master: XmlNode | undefined): MasterStyles {
  const styles = child(master, "txStyles");
  return { title: child(styles, "titleStyle"), body: child(styles, "bodyStyle"), other: child(styles, "otherStyle") };
}

/** The master text style a placeholder of this type starts from. */
function styleOf(styles: MasterStyles, type: PlaceholderType, context: StyleContext): PlaceholderText {
  const list = type === "title" || type === "ctrTitle" ? styles.title : type === "dt" || type === "ftr" || type === "sldNum" || type === "hdr" ? styles.other : styles.body;
  return withLevels(TEXT_DEFAULT, list, context);
}

/** `base` with what a text body (its `a:bodyPr` and `a:lstStyle`) says. */
function textOf(txBody: XmlNode | undefined, base: PlaceholderText, context: StyleContext): PlaceholderText {
  if (!txBody) return base;
  const bodyPr = child(txBody, "bodyPr");
  const inset = { ...base.inset };
  for (const [key, attribute] of [["left", "lIns"], ["top", "tIns"], ["right", "rIns"], ["bottom", "bIns"]] as const) {
    const value = bodyPr?.attributes[attribute];
    if (value !== undefined && Number.isFinite(Number(value))) inset[key] = Number(value) / EMU_PER_INCH;
  }
  const anchor = bodyPr?.attributes.anchor;
  const valign = anchor === "ctr" ? "middle" : anchor === "b" ? "bottom" : anchor === "t" ? "top" : base.valign;
  return { ...withLevels(base, child(txBody, "lstStyle"), context), inset, valign };
}

const ALIGN: Record<string, PlaceholderText["align"]> = { l: "left", ctr: "center", r: "right", just: "left", dist: "left" };

/** `base` with a list style's level properties (`a:lvl1pPr`…): sizes per level; the rest from level 1. */
function withLevels(base: PlaceholderText, list: XmlNode | undefined, context: StyleContext): PlaceholderText {
  if (!list) return base;
  const sizes = [...base.sizes];
  let out = { ...base };
  for (let level = 1; level <= 9; level++) {
    const pPr = child(list, `lvl${level}pPr`);
    const sz = child(pPr, "defRPr")?.attributes.sz;
    if (sz !== undefined && Number(sz) > 0) sizes[level - 1] = Number(sz) / 100;
    if (level !== 1 || !pPr) continue;
    const rPr = child(pPr, "defRPr");
    const font = child(rPr, "latin")?.attributes.typeface;
    const color = colorOf(child(rPr, "solidFill"), context);
    const lnSpc = path(pPr, "lnSpc", "spcPct")?.attributes.val;
    const spcBef = path(pPr, "spcBef", "spcPts")?.attributes.val;
    const spcBefPct = path(pPr, "spcBef", "spcPct")?.attributes.val;
    out = {
      ...out,
      ...(font ? { font: themeFont(font, context.theme), typeface: font } : {}),
      ...(rPr?.attributes.b !== undefined ? { bold: rPr.attributes.b === "1" || rPr.attributes.b === "true" } : {}),
      ...(rPr?.attributes.i !== undefined ? { italic: rPr.attributes.i === "1" || rPr.attributes.i === "true" } : {}),
      ...(color ? { color } : {}),
      ...(pPr.attributes.algn && ALIGN[pPr.attributes.algn] ? { align: ALIGN[pPr.attributes.algn] } : {}),
      ...(lnSpc !== undefined ? { lineSpacing: Number(lnSpc) / 100_000 } : {}),
      ...(spcBef !== undefined ? { spaceBefore: Number(spcBef) / 100 } : spcBefPct !== undefined ? { spaceBefore: ((Number(spcBefPct) / 100_000) * (sizes[0] ?? 18)) } : {}),
      ...(pPr.attributes.marL !== undefined ? { marginLeft: Number(pPr.attributes.marL) / EMU_PER_INCH } : {}),
      ...(pPr.attributes.indent !== undefined ? { indent: Number(pPr.attributes.indent) / EMU_PER_INCH } : {}),
      ...(child(pPr, "buNone") ? { bulleted: false } : child(pPr, "buChar") || child(pPr, "buAutoNum") || child(pPr, "buBlip") ? { bulleted: true } : {}),
    };
  }
  return { ...out, sizes };
}

/** `+mj-lt` and `+mn-lt` are the theme's major and minor fonts. */
function themeFont(typeface: string, theme: TemplateTheme): string {
  if (typeface.startsWith("+mj")) return theme.fonts.major;
  if (typeface.startsWith("+mn")) return theme.fonts.minor;
  return typeface;
}

/** A `a:solidFill`'s colour as `RRGGBB`: sRGB, system or scheme colour (through the colour map), with lumMod/lumOff applied. */
export function colorOf(fill: XmlNode | undefined, context: StyleContext): string | null {
  if (!fill) return null;
  const srgb = child(fill, "srgbClr");
  const sys = child(fill, "sysClr");
  const scheme = child(fill, "schemeClr");
  const node = srgb ?? sys ?? scheme;
  let value: string | undefined;
  if (srgb) value = srgb.attributes.val;
  else if (sys) value = sys.attributes.lastClr;
  else if (scheme) value = schemeColor(scheme.attributes.val ?? "", context);
  if (!value || !/^[0-9A-Fa-f]{6}$/.test(value) || !node) return null;
  return modified(value.toUpperCase(), node);
}

/** A scheme colour name (`tx1`, `accent2`, `bg1`) as `RRGGBB`. */
export function schemeColor(name: string, context: StyleContext): string | undefined {
  const mapped = context.colorMap[name] ?? name;
  return context.theme.colors[mapped];
}

/** A colour with its `lumMod`/`lumOff`/`tint`/`shade` children applied (in HSL, as Office does, near enough). */
function modified(hex: string, node: XmlNode): string {
  const [h, s, lightness] = toHsl(hex);
  let l = lightness;
  let changed = false;
  for (const m of node.children) {
    const v = Number(m.attributes.val ?? NaN) / 100_000;
    if (!Number.isFinite(v)) continue;
    if (m.local === "lumMod" || m.local === "shade") l *= v;
    else if (m.local === "lumOff") l += v;
    else if (m.local === "tint") l = l * v + (1 - v);
    else continue;
    changed = true;
  }
  if (!changed) return hex;
  l = Math.min(1, Math.max(0, l));
  return fromHsl(h, s, l);
}

function toHsl(hex: string): [number, number, number] {
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h / 6, s, l];
}

function fromHsl(h: number, s: number, l: number): string {
  const hue = (p: number, q: number, t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  let r = l;
  let g = l;
  let b = l;
  if (s !== 0) {
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    r = hue(p, q, h + 1 / 3);
    g = hue(p, q, h);
    b = hue(p, q, h - 1 / 3);
  }
  return [r, g, b].map((c) => Math.round(c * 255).toString(16).padStart(2, "0")).join("").toUpperCase();
}

/** Every `a:t` of a part, for telling text baked into a layout. */
export function textsOf(node: XmlNode): string[] {
  return descendants(node, "t").map((t) => t.text);
}
