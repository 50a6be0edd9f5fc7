/**
 * Slide and notes parts written straight from a SlideSpec (issue 14): the XML of `p:sld` and
 * `p:notes` (ECMA-376 Part 1, §19.3.1.38 and §19.3.1.26) and the relationships each part needs,
 * named by what they point at (the layout, the notes, a picture by its path, a link by its
 * address, a chart by its place on the slide); the package step turns them into part names.
 *
 * Every text box says its style once, in its own list style (`a:lstStyle`, one level per level
 * in use), and each run writes only what differs from it: bold, italic, a code font, a colour,
 * a size the fit stage chose, a link. `lang` is on every run. deck.ts puts these parts into
 * the deck's skeleton.
 */
import type { Box, ChartElement, Element, ImageElement, PlaceholderBinding, ShapeElement, SlideNumberElement, SlideSpec, SpecParagraph, SpecRun, TableElement, TextElement, TextStyle } from "../model/slideSpec.js";
import { markEquation, placeEquations } from "./math.js";
import { timingXml, type Build, type ShapeBuild } from "./timing.js";
import { stripIllegalXmlChars } from "../xml/sanitize.js";
import { centipoints, emu, percent1000, pointsToEmu } from "./emu.js";
import { CELL_MARGIN, DEFAULT_BULLET_INDENT } from "../units.js";
import { NS_A, NS_ASVG, NS_C, NS_P, NS_R, NS_RELATIONSHIPS } from "../xml/namespaces.js";
import { escapeUTF8 } from "entities";

/**
 * No `standalone` (a part has no document type declaration for it to be about) and no line break
 * after it (white space before the root element is nothing to a parser, and 5 deflated bytes a slide).
 */
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
/**
 * The field id of the slide number. Any GUID will do: PowerPoint copies the layout's field id into
 * the slides placed on it, so the id is the same on every slide and unique to nothing. The layouts'
 * fields (deck.ts) have this one, a version 4 GUID of one repeated digit, which deflates to a few
 * bytes where a random one costs ~25 in every slide part.
 */
export const SLIDE_NUMBER_FIELD = "{44444444-4444-4444-8444-444444444444}";
/**
 * The slide number placeholder's `idx` on the layouts (deck.ts) and on their slides: PowerPoint's
 * own layouts give theirs 12 (pptxgenjs writes 4294967295, 8 deflated bytes more a slide). The
 * slide and its layout say the same, and a slide number placeholder is matched by its type anyway.
 */
export const SLIDE_NUMBER_INDEX = 12;
const BULLET_CHAR = "\u2022";
/** The least hanging indent of a numbered paragraph in a template's placeholder, in inches. */
const NUMBER_INDENT = 0.45;
/** A table cell's margins (src/units.ts), each written only where it differs from DrawingML's default: 91,440 EMU left and right, 45,720 top and bottom. */
const CELL_MARGINS = (
  [
    ["marL", CELL_MARGIN.left, 91440],
    ["marR", CELL_MARGIN.right, 91440],
    ["marT", CELL_MARGIN.top, 45720],
    ["marB", CELL_MARGIN.bottom, 45720],
  ] as const
)
  .filter(([, inches, byDefault]) => emu(inches) !== byDefault)
  .map(([name, inches]) => `${name}="${emu(inches)}" `)
  .join("");

// ---------------------------------------------------------------------------------------
// What the caller says and what comes back

export interface SlideContext {
  /** The slide's number, from 1: the slide number field's text. */
  readonly number: number;
  /** The deck's language (BCP 47), written on every run. */
  readonly lang: string;
  /** The title placeholder's box on the slide's layout: a title in the same place inherits it. */
  readonly layoutTitle?: Box | null;
  /** The elements marked `layer: "layout"` are on the slide's layout: the slide leaves them out (but for its slide number). */
  readonly decorationOnLayout?: boolean;
  /** The layout's background colour: a slide of the same colour inherits it. */
  readonly layoutBackground?: string;
  /**
   * The text body properties and list style (`textBodyStyle`) of the layout's title and slide
   * number placeholders: a title or slide number with the same writes empty ones and inherits them.
   */
  readonly layoutStyles?: LayoutStyles;
  /** Whether the picture at this path is an SVG (written with a PNG fallback); default: its extension says. */
  readonly isSvg?: (path: string) => boolean;
  /** The theme's colours by colour, as the slide names them in the colour scheme (`tx1`, `accent1`; scheme.ts): written as references. */
  readonly schemeNames?: ReadonlyMap<string, string>;
  /**
   * The theme part's link colour (`hlink`, `RRGGBB`): a link of that colour writes none. PowerPoint
   * draws a link in `hlink` whatever colour its run has, and so do Keynote and LibreOffice.
   */
  readonly linkColor?: string;
}

/** What a slide's placeholders inherit from its layout's (deck.ts writes them there). */
export interface LayoutStyles {
  /** The title placeholder's `textBodyStyle`. */
  readonly title?: string;
  /** The slide number placeholder's `textBodyStyle` and box. */
  readonly slideNumber?: { readonly style: string; readonly box: Box };
  /** The body placeholder's box and `bodyStyleKey`: a body with the same style becomes that placeholder, its bullets in the layout's list style. */
  readonly body?: { readonly box: Box; readonly key: string };
}

/** What a relationship of a slide part points at; the package step decides the part names. */
export type SlideTarget =
  | { readonly type: "slideLayout" }
  | { readonly type: "notesSlide" }
  /** A picture by the path its slide names it by; `fallback`: the PNG drawn from an SVG, shown where SVG is not read. */
  | { readonly type: "image"; readonly path: string; readonly fallback?: true }
  | { readonly type: "hyperlink"; readonly url: string }
  /** A jump to another slide of the deck (numbered from 1). */
  | { readonly type: "slide"; readonly slide: number }
  /** The slide's charts, in the order of its elements, from 0. */
  | { readonly type: "chart"; readonly index: number };

/** What a relationship of a notes part points at besides its slide: the notes master. */
export type PartTarget = SlideTarget | { readonly type: "notesMaster" };

export interface SlideRelationship<Target extends PartTarget = SlideTarget> {
  readonly id: string;
  readonly target: Target;
}

export interface SlidePart {
  readonly xml: string;
  /** rId1 the layout, rId2 the notes (when there are notes), then in the order the slide first uses them. */
  readonly relationships: readonly SlideRelationship[];
  /** The shapes' names, in order (what the accessibility checker reads). */
  readonly names: readonly string[];
}

// ---------------------------------------------------------------------------------------
// Escaping

/** Text or an attribute value as XML: escaped (entities' `escapeUTF8`), without the characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return escapeUTF8(stripIllegalXmlChars(text));
}

// ---------------------------------------------------------------------------------------
// Relationships

class Relationships {
  readonly list: SlideRelationship[] = [];
  private readonly byKey = new Map<string, string>();
  add(target: SlideTarget): string {
    const key = JSON.stringify(target);
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = `rId${this.list.length + 1}`;
      this.byKey.set(key, id);
      this.list.push({ id, target });
    }
    return id;
  }
}

/**
 * A part's `.rels` from its relationships, `partName` saying where each points (relative to the
 * part, `../slideLayouts/slideLayout1.xml`); web addresses are written as they are, external.
 */
export function relationshipsXml<Target extends PartTarget>(relationships: readonly SlideRelationship<Target>[], partName: (target: Target) => string): string {
  const rows = relationships.map(({ id, target }) => {
    const type = `${NS_R}/${target.type}`;
    const external = target.type === "hyperlink";
    const to = external ? target.url : partName(target);
    return `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(to)}"${external ? ' TargetMode="External"' : ""}/>`;
  });
  return `${XML_DECLARATION}<Relationships xmlns="${NS_RELATIONSHIPS}">${rows.join("")}</Relationships>`;
}

// ---------------------------------------------------------------------------------------
// The slide

/** The slide part of `spec`: its XML, its relationships and its shapes' names. */
export function slideXml(spec: SlideSpec, context: SlideContext): SlidePart {
  const rels = new Relationships();
  rels.add({ type: "slideLayout" });
  if (spec.notes) rels.add({ type: "notesSlide" });
  const writer = new ShapeWriter(context, rels);
  const shapes: string[] = [];
  const builds: ShapeBuild[] = [];
  for (const element of spec.elements) {
    // A layout's slide number placeholder shows on no slide: each slide has its own.
    if (element.layer === "layout" && context.decorationOnLayout && element.type !== "slide-number") continue;
    const id = writer.nextId();
    shapes.push(writer.element(element, id));
    const build = buildOf(element);
    if (build) builds.push({ ...build, spid: id });
  }
  // The relationships namespace only where an attribute names a relationship (a link, a picture, a chart): ~24 deflated bytes a slide.
  const namesRelationships = rels.list.some((rel) => rel.target.type !== "slideLayout" && rel.target.type !== "notesSlide");
  const xml =
    `${XML_DECLARATION}<p:sld xmlns:a="${NS_A}"${namesRelationships ? ` xmlns:r="${NS_R}"` : ""} xmlns:p="${NS_P}"><p:cSld>` +
    (context.layoutBackground === spec.background ? "" : `<p:bg><p:bgPr>${solidFill(spec.background, undefined, context.schemeNames)}<a:effectLst/></p:bgPr></p:bg>`) +
    `<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>${shapes.join("")}</p:spTree></p:cSld>` +
    // No p:clrMapOvr: without one a slide uses its master's colour mapping.
    `${timingXml(builds)}</p:sld>`;
  return { xml, relationships: rels.list, names: writer.names };
}

/** How an element builds: a whole element on its click, a text box paragraph by paragraph, or not at all (as writer.ts decides). */
function buildOf(element: Element): Build | null {
  if (element.type === "slide-number") return null;
  if (element.step !== undefined) return { kind: "shape", step: element.step, sp: element.type === "text" || element.type === "shape" };
  if (element.type === "text" && element.paragraphs.some((p) => p.step !== undefined)) return { kind: "paragraphs", steps: element.paragraphs.map((p) => p.step) };
  return null;
}

// ---------------------------------------------------------------------------------------
// The notes

/** The notes part of slide `slide`: the slide's picture and the notes, a paragraph per line. */
export function notesXml(notes: string, lang: string, slide: number): { xml: string; relationships: readonly SlideRelationship<PartTarget>[] } {
  const paragraphs = notes.split(/\r\n|\r|\n/).map((line) => (line === "" ? `<a:p><a:endParaRPr lang="${escapeXml(lang)}"/></a:p>` : `<a:p><a:r><a:rPr lang="${escapeXml(lang)}"/><a:t>${escapeXml(line)}</a:t></a:r></a:p>`));
  const xml =
    `${XML_DECLARATION}<p:notes xmlns:a="${NS_A}" xmlns:p="${NS_P}"><p:cSld><p:spTree>` +
    `<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>` +
    `<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>` +
    `<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/>` +
    `<p:txBody><a:bodyPr/>${paragraphs.join("")}</p:txBody></p:sp>` +
    `</p:spTree></p:cSld></p:notes>`;
  return { xml, relationships: [{ id: "rId1", target: { type: "notesMaster" } }, { id: "rId2", target: { type: "slide", slide } }] };
}

// ---------------------------------------------------------------------------------------
// Shapes

/** A fill of one colour: a reference to the theme's colour scheme where `names` has the colour (scheme.ts), else the colour itself. */
const solidFill = (color: string, alpha?: number, names?: ReadonlyMap<string, string>) => {
  const name = names?.get(color);
  const tag = name === undefined ? "a:srgbClr" : "a:schemeClr";
  return `<a:solidFill><${tag} val="${name ?? color}"${alpha === undefined ? "/>" : `><a:alpha val="${alpha}"/></${tag}>`}</a:solidFill>`;
};

function xfrm(box: Box, tag = "a:xfrm"): string {
  return `<${tag}><a:off x="${emu(box.x)}" y="${emu(box.y)}"/><a:ext cx="${emu(box.w)}" cy="${emu(box.h)}"/></${tag}>`;
}

const sameBox = (a: Box, b: Box) => emu(a.x) === emu(b.x) && emu(a.y) === emu(b.y) && emu(a.w) === emu(b.w) && emu(a.h) === emu(b.h);

const ALIGN = { left: "l", center: "ctr", right: "r" } as const;
const ANCHOR = { top: "t", middle: "ctr", bottom: "b" } as const;

class ShapeWriter {
  readonly names: string[] = [];
  private id = 1;
  private readonly counts = new Map<string, number>();
  private charts = 0;
  private bodyPlaced = false;
  private readonly lang: string;

  constructor(
    private readonly context: SlideContext,
    private readonly rels: Relationships,
  ) {
    this.lang = escapeXml(context.lang);
  }

  nextId(): number {
    return ++this.id;
  }

  /** A name that says what the shape is: "Title", "Body", "Text 2", "Table 1", "Picture: <alt>"; each unique on the slide. */
  private name(kind: string, numbered: boolean): string {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    let name = numbered ? `${kind} ${n}` : n === 1 ? kind : `${kind} ${n}`;
    while (this.names.includes(name)) name = `${name} (${n})`;
    this.names.push(name);
    return escapeXml(name);
  }

  element(element: Element, id: number): string {
    switch (element.type) {
      case "text":
        return this.text(element, id);
      case "shape":
        return this.shape(element, id);
      case "table":
        return this.table(element, id);
      case "slide-number":
        return this.slideNumber(element, id);
      case "image":
        return this.picture(element, id);
      case "chart":
        return this.chart(element, id);
      default: {
        const never: never = element;
        throw new Error(`unknown element ${JSON.stringify(never)}`);
      }
    }
  }

  private text(element: TextElement, id: number): string {
    if (element.placeholder) return this.placeholderText(element, element.placeholder, id);
    const title = element.role === "title";
    const layoutBody = this.context.layoutStyles?.body;
    // The slide's first body, in its layout's style, is the layout's body placeholder (PowerPoint's outline reads it).
    const body = element.role === "body" && !this.bodyPlaced && layoutBody !== undefined && bodyStyleKey(element) === layoutBody.key;
    if (body) this.bodyPlaced = true;
    const name = title ? this.name("Title", false) : element.role === "body" ? this.name("Body", false) : this.name("Text", true);
    const layoutBox = title ? this.context.layoutTitle : body ? layoutBody?.box : null;
    const inherit = layoutBox != null && sameBox(element.box, layoutBox);
    const geometry = inherit && !element.fill ? "" : `${inherit ? "" : xfrm(element.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>${element.fill ? solidFill(element.fill, undefined, this.context.schemeNames) : "<a:noFill/>"}`;
    const nvPr = title
      ? `<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr>`
      : body
        ? `<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="${BODY_PLACEHOLDER_INDEX}"/></p:nvPr>`
        : `<p:cNvSpPr txBox="1"/><p:nvPr/>`;
    const head = body ? "" : textBodyStyle(element, this.context.schemeNames);
    const styled = body || (title && head === this.context.layoutStyles?.title) ? "<a:bodyPr/>" : head;
    const shape =
      `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${name}"/>${nvPr}</p:nvSpPr><p:spPr${geometry === "" ? "/>" : `>${geometry}</p:spPr>`}` +
      `<p:txBody>${styled}${element.paragraphs.map((p) => this.paragraph(p, element, p === element.paragraphs[0], body ? "bulleted" : "plain")).join("")}</p:txBody></p:sp>`;
    // A box with a formula becomes PowerPoint's Choice (Office Math) and Fallback (its text) pair: math.ts.
    return element.paragraphs.some((p) => p.runs.some((r) => r.math)) ? placeEquations(shape) : shape;
  }

  /**
   * A text box that fills a company template's placeholder (issue 15): it names the placeholder
   * and inherits its box, body properties, list style, fonts, sizes, colours and bullets; it
   * writes its own box only where it differs, and on runs only what the Markdown asks for (bold,
   * italic, code, links) and a size the fit stage chose (each level's size scaled alike).
   */
  private placeholderText(element: TextElement, binding: PlaceholderBinding, id: number): string {
    const title = element.role === "title" || binding.type === "title" || binding.type === "ctrTitle";
    const name = title ? this.name("Title", false) : binding.type === "subTitle" ? this.name("Subtitle", false) : binding.type === "ftr" ? this.name("Footer", false) : this.name("Body", false);
    const spPr = sameBox(element.box, binding.box) ? "<p:spPr/>" : `<p:spPr>${xfrm(element.box)}</p:spPr>`;
    const paragraphs = element.paragraphs.map((p) => this.placeholderParagraph(p, element, binding)).join("");
    const shape = `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>${placeholderXml(binding)}</p:nvPr></p:nvSpPr>${spPr}<p:txBody><a:bodyPr/>${paragraphs}</p:txBody></p:sp>`;
    return element.paragraphs.some((p) => p.runs.some((r) => r.math)) ? placeEquations(shape) : shape;
  }

  private placeholderParagraph(paragraph: SpecParagraph, element: TextElement, binding: PlaceholderBinding): string {
    const { style } = element;
    const attributes: string[] = [];
    if (paragraph.level > 0) attributes.push(`lvl="${paragraph.level}"`);
    let bullet = "";
    const indent = bulletIndent(element);
    if (paragraph.bullet === "none" && binding.bulleted) {
      attributes.push('marL="0"', 'indent="0"');
      bullet = "<a:buNone/>";
    } else if (paragraph.bullet === "number") {
      // A number needs the room of "10." whatever the placeholder's bullet indent is.
      const room = Math.max(indent, emu(NUMBER_INDENT));
      attributes.push(`marL="${room * (paragraph.level + 1)}"`, `indent="${-room}"`);
      bullet = `<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod" startAt="${paragraph.number}"/>`;
    } else if (paragraph.bullet === "bullet" && !binding.bulleted) {
      attributes.push(`marL="${indent * (paragraph.level + 1)}"`, `indent="${-indent}"`);
      bullet = `<a:buChar char="${BULLET_CHAR}"/>`;
    }
    if (paragraph.rtl) attributes.push('rtl="1"', 'algn="r"');
    const spacing = paragraph.spaceBefore === null ? "" : `<a:spcBef><a:spcPts val="${centipoints(paragraph.spaceBefore)}"/></a:spcBef>`;
    const inner = spacing + bullet;
    const pPr = attributes.length === 0 && inner === "" ? "" : `<a:pPr${attributes.map((a) => ` ${a}`).join("")}${inner === "" ? "/>" : `>${inner}</a:pPr>`}`;
    // What the placeholder gives this level. Render gave a level below the first its own size (toSpec.ts atLevelSize) and the fit stage scaled every level alike: a size is written only where it differs.
    const levelSize = binding.sizes[paragraph.level] ?? binding.sizes[0] ?? style.size;
    // What the placeholder gives; the box's own style (a markup attribute) is written where it differs, as the Markdown's is.
    const reference: TextStyle = { ...style, size: levelSize, bold: binding.bold, italic: binding.italic, color: binding.color };
    const target = paragraph.size ?? style.size;
    const own: SpecParagraph = { ...paragraph, size: target, color: paragraph.color ?? (style.color === binding.color ? null : style.color) };
    // A footer or date names the font it inherits: LibreOffice draws a slide's footer placeholder in a serif default otherwise.
    const face = binding.type === "ftr" || binding.type === "dt" ? binding.typeface : null;
    const runs = paragraph.runs
      .map((run) => ({ ...run, bold: run.bold || style.bold, italic: run.italic || style.italic }))
      .map((run) => {
        const props = runProperties(run, own, reference, this.lang);
        return this.run(run, face !== null && props.font === null ? { ...props, font: face } : props, "inline");
      })
      .join("");
    const size = target !== levelSize ? ` sz="${centipoints(target)}"` : "";
    return `<a:p>${pPr}${runs === "" ? `<a:endParaRPr lang="${this.lang}"${size}/>` : runs}</a:p>`;
  }

  /**
   * A paragraph, its properties written where they differ from its box's list style: `plain`
   * (no bullet, no margin, no space before) or `bulleted` (a body placeholder's: a bullet hanging
   * by the indent, the paragraph spacing before; `bulletedListStyle`).
   */
  private paragraph(paragraph: SpecParagraph, element: TextElement, first: boolean, list: "plain" | "bulleted"): string {
    const { style } = element;
    const indent = bulletIndent(element);
    const bulleted = list === "bulleted";
    const attributes: string[] = [];
    if (paragraph.level > 0) attributes.push(`lvl="${paragraph.level}"`);
    let bullet = "";
    if (paragraph.bullet === "none") {
      if (bulleted) {
        attributes.push('marL="0"', 'indent="0"');
        bullet = "<a:buNone/>";
      }
    } else {
      if (!bulleted) attributes.push(`marL="${indent * (paragraph.level + 1)}"`, `indent="${-indent}"`);
      const size = bulleted ? "" : '<a:buSzPct val="100000"/>';
      bullet =
        paragraph.bullet === "number"
          ? `${size}<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod" startAt="${paragraph.number}"/>`
          : bulleted
            ? ""
            : `${size}<a:buChar char="${BULLET_CHAR}"/>`;
    }
    const runs = paragraph.runs;
    const equation = runs.length === 1 && runs[0]?.math?.display === true && !runs[0].text.includes("\n");
    // Right-to-left paragraphs start at the right edge; a display equation alone is centred.
    const align = equation ? "center" : paragraph.rtl && style.align === "left" ? "right" : style.align;
    if (align !== style.align) attributes.push(`algn="${ALIGN[align]}"`);
    if (paragraph.rtl) attributes.push('rtl="1"');
    // The first paragraph of a text body has no space before it in PowerPoint and LibreOffice whatever
    // its style says (docs/performance.md, "Where the bytes go"), so it writes none unless it asks for one.
    const spaceBefore = paragraph.spaceBefore ?? (first ? null : style.paragraphSpacing);
    const inherited = bulleted ? style.paragraphSpacing : 0;
    const spacing = spaceBefore !== null && centipoints(spaceBefore) !== centipoints(inherited) ? `<a:spcBef><a:spcPts val="${centipoints(spaceBefore)}"/></a:spcBef>` : "";
    const inner = spacing + bullet;
    const pPr = attributes.length === 0 && inner === "" ? "" : `<a:pPr${attributes.map((a) => ` ${a}`).join("")}${inner === "" ? "/>" : `>${inner}</a:pPr>`}`;
    const body = runs.map((run) => this.run(run, runProperties(run, paragraph, style, this.lang), equation ? "display" : "inline")).join("");
    const size = paragraph.size !== null && paragraph.size !== style.size ? ` sz="${centipoints(paragraph.size)}"` : "";
    return `<a:p>${pPr}${body === "" ? `<a:endParaRPr lang="${this.lang}"${size}/>` : body}</a:p>`;
  }

  /** A run, cut at its line breaks into runs joined by soft breaks (`a:br`); a formula is one marked run (math.ts). */
  private run(run: SpecRun, props: RunProps, equation: "display" | "inline" | "text"): string {
    // A formula's colour stays a colour: math.ts reads it (LibreOffice draws equations black).
    const rPr = this.runPropertiesXml(props, run.href, run.math !== undefined);
    if (run.math && equation !== "text") return `<a:r>${rPr}<a:t>${escapeXml(markEquation(run, equation === "display"))}</a:t></a:r>`;
    // Most runs are one line: no array of lines for them.
    if (!run.text.includes("\n")) return run.text === "" ? "" : `<a:r>${rPr}<a:t>${escapeXml(run.text)}</a:t></a:r>`;
    return run.text
      .split("\n")
      .map((line, i) => `${i > 0 ? `<a:br>${rPr}</a:br>` : ""}${line === "" ? "" : `<a:r>${rPr}<a:t>${escapeXml(line)}</a:t></a:r>`}`)
      .join("");
  }

  private runPropertiesXml(props: RunProps, href: string | null, literal = false): string {
    const link = href === null ? "" : this.hyperlink(href);
    // (A formula keeps its colour: math.ts reads it from the run.)
    const color = href !== null && !literal && props.color !== null && props.color.toUpperCase() === this.context.linkColor?.toUpperCase() ? null : props.color;
    const children = (color ? solidFill(color, undefined, literal ? undefined : this.context.schemeNames) : "") + (props.highlight ? `<a:highlight><a:srgbClr val="${props.highlight}"/></a:highlight>` : "") + (props.font ? fontXml(props.font) : "") + link;
    return `<a:rPr${props.attributes}${children === "" ? "/>" : `>${children}</a:rPr>`}`;
  }

  /** `#slide-N` jumps to slide N; anything else is a web address. */
  private hyperlink(href: string): string {
    const slide = /^#slide-(\d+)$/.exec(href)?.[1];
    if (slide !== undefined) return `<a:hlinkClick r:id="${this.rels.add({ type: "slide", slide: Number(slide) })}" action="ppaction://hlinksldjump"/>`;
    return `<a:hlinkClick r:id="${this.rels.add({ type: "hyperlink", url: href })}"/>`;
  }

  private shape(element: ShapeElement, id: number): string {
    const kind = element.shape === "ellipse" ? "Ellipse" : element.shape === "line" ? "Line" : "Rectangle";
    // A "line" is a thin filled box.
    const geometry = element.shape === "ellipse" ? "ellipse" : "rect";
    const alpha = element.transparency ? percent1000(1 - element.transparency / 100) : undefined;
    const fill = element.fill ? solidFill(element.fill, alpha, this.context.schemeNames) : "<a:noFill/>";
    const line = element.line ? `<a:ln w="${pointsToEmu(element.lineWidth)}">${solidFill(element.line, undefined, this.context.schemeNames)}</a:ln>` : "<a:ln><a:noFill/></a:ln>";
    return `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${this.name(kind, true)}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>${xfrm(element.box)}<a:prstGeom prst="${geometry}"><a:avLst/></a:prstGeom>${fill}${line}</p:spPr></p:sp>`;
  }

  private slideNumber(element: SlideNumberElement, id: number): string {
    if (element.placeholder) {
      const spPr = sameBox(element.box, element.placeholder.box) ? "<p:spPr/>" : `<p:spPr>${xfrm(element.box)}</p:spPr>`;
      return (
        `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${this.name("Slide Number", false)}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>${placeholderXml(element.placeholder)}</p:nvPr></p:nvSpPr>${spPr}` +
        `<p:txBody><a:bodyPr/><a:p><a:fld id="${SLIDE_NUMBER_FIELD}" type="slidenum"><a:t>${this.context.number}</a:t></a:fld></a:p></p:txBody></p:sp>`
      );
    }
    const head = textBodyStyle(element, this.context.schemeNames);
    // On its layout's placeholder, with its style and in its place: the slide number says only its field.
    const layout = this.context.layoutStyles?.slideNumber;
    const inherit = head === layout?.style;
    const inPlace = inherit && sameBox(element.box, layout.box);
    return (
      // Written on every slide, so as short as it can be: no size hint, no empty list style, no run properties (a number has no language).
      `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${this.name("Slide Number", false)}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" idx="${SLIDE_NUMBER_INDEX}"/></p:nvPr></p:nvSpPr>` +
      (inPlace ? "<p:spPr/>" : `<p:spPr>${xfrm(element.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>`) +
      `<p:txBody>${inherit ? "<a:bodyPr/>" : head}` +
      `<a:p><a:fld id="${SLIDE_NUMBER_FIELD}" type="slidenum"><a:t>${this.context.number}</a:t></a:fld></a:p></p:txBody></p:sp>`
    );
  }

  private picture(element: ImageElement, id: number): string {
    const svg = (this.context.isSvg ?? ((path: string) => /\.svg$/i.test(path)))(element.path);
    const embed = this.rels.add(svg ? { type: "image", path: element.path, fallback: true } : { type: "image", path: element.path });
    const svgBlip = svg ? `<a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}"><asvg:svgBlip xmlns:asvg="${NS_ASVG}" r:embed="${this.rels.add({ type: "image", path: element.path })}"/></a:ext></a:extLst>` : "";
    const { crop } = element;
    const cropped = crop && (crop.left > 0 || crop.top > 0 || crop.right > 0 || crop.bottom > 0);
    const srcRect = cropped ? `<a:srcRect l="${percent1000(crop.left)}" t="${percent1000(crop.top)}" r="${percent1000(crop.right)}" b="${percent1000(crop.bottom)}"/>` : "";
    const name = element.alt.trim() === "" ? this.name("Picture", true) : this.name(`Picture: ${element.alt.replace(/\s+/g, " ").trim()}`, false);
    return (
      // A picture filling a template layout's picture placeholder names it (issue 15).
      `<p:pic><p:nvPicPr><p:cNvPr id="${id}" name="${name}" descr="${escapeXml(element.alt)}"/><p:cNvPicPr><a:picLocks${element.placeholder ? ' noGrp="1"' : ""} noChangeAspect="1"/></p:cNvPicPr>${element.placeholder ? `<p:nvPr>${placeholderXml(element.placeholder)}</p:nvPr>` : "<p:nvPr/>"}</p:nvPicPr>` +
      `<p:blipFill><a:blip r:embed="${embed}"${svgBlip === "" ? "/>" : `>${svgBlip}</a:blip>`}${srcRect}<a:stretch><a:fillRect/></a:stretch></p:blipFill>` +
      `<p:spPr>${xfrm(element.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>`
    );
  }

  private chart(element: ChartElement, id: number): string {
    const rId = this.rels.add({ type: "chart", index: this.charts++ });
    return (
      `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="${id}" name="${this.name("Chart", true)}" descr="${escapeXml(element.alt)}"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>` +
      `${xfrm(element.box, "p:xfrm")}<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="${rId}"/></a:graphicData></a:graphic></p:graphicFrame>`
    );
  }

  private table(element: TableElement, id: number): string {
    const { style } = element;
    const height = element.rowHeights.reduce((a, b) => a + b, 0);
    // In a template's table style, the style draws fills, rules and the header's text colour.
    const styled = element.tableStyle !== undefined;
    const borders = styled ? "" : `<a:lnL><a:noFill/></a:lnL><a:lnR><a:noFill/></a:lnR><a:lnT><a:noFill/></a:lnT><a:lnB w="${pointsToEmu(0.75)}">${solidFill(element.rule, undefined, this.context.schemeNames)}</a:lnB>`;
    const cell = (runs: readonly SpecRun[], align: "left" | "center" | "right", header: boolean, fill: string | null) => {
      const text = runs
        .map((run) => {
          const props: RunProps = {
            attributes: runAttributes(this.lang, style.size, run.bold || header, run.italic, run),
            color: run.color ?? (styled ? null : header ? element.headerColor : style.color),
            font: run.font ?? style.font,
            highlight: run.highlight ?? null,
          };
          // A formula in a table is its line of text.
          return this.run(run, props, "text");
        })
        .join("");
      const pPr = align === "left" ? "" : `<a:pPr algn="${ALIGN[align]}"/>`;
      const paragraph = `<a:p>${pPr}${text === "" ? `<a:endParaRPr lang="${this.lang}" sz="${centipoints(style.size)}"/>` : text}</a:p>`;
      return `<a:tc><a:txBody><a:bodyPr/>${paragraph}</a:txBody><a:tcPr ${CELL_MARGINS}anchor="ctr">${borders}${fill ? solidFill(fill, undefined, this.context.schemeNames) : ""}</a:tcPr></a:tc>`;
    };
    const rows = [
      ...(element.header.length > 0 ? [element.header.map((c) => cell(c.runs, c.align, true, styled ? null : element.headerFill))] : []),
      ...element.rows.map((row, i) => row.map((c) => cell(c.runs, c.align, false, !styled && i % 2 === 1 ? element.bandFill : null))),
    ];
    const trs = rows.map((cells, i) => `<a:tr h="${emu(element.rowHeights[i] ?? element.rowHeights.at(-1) ?? 0.4)}">${cells.join("")}</a:tr>`).join("");
    const grid = element.columnWidths.map((w) => `<a:gridCol w="${emu(w)}"/>`).join("");
    return (
      `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="${id}" name="${this.name("Table", true)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>` +
      `${xfrm({ ...element.box, h: height }, "p:xfrm")}<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">` +
      `<a:tbl><a:tblPr${element.header.length > 0 ? ' firstRow="1"' : ""}${element.bandFill || styled ? ' bandRow="1"' : ""}${styled ? `><a:tableStyleId>${element.tableStyle}</a:tableStyleId></a:tblPr>` : "/>"}<a:tblGrid>${grid}</a:tblGrid>${trs}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`
    );
  }
}

// ---------------------------------------------------------------------------------------
// Text styles and runs

/** A slide's `p:ph` naming its layout's placeholder: its type (none for `obj`, the default) and `idx` where the layout writes one. */
function placeholderXml(binding: PlaceholderBinding): string {
  const type = binding.type === "obj" ? "" : ` type="${escapeXml(binding.type)}"`;
  const idx = binding.hasIdx ? ` idx="${binding.idx}"` : "";
  return `<p:ph${type}${idx}/>`;
}

/** A font for Latin, East Asian and complex scripts. */
function fontXml(font: string): string {
  const face = escapeXml(font);
  // The theme's font (`+mn-lt`): its East Asian and complex script faces are the theme's own too.
  if (font.startsWith("+")) return `<a:latin typeface="${face}"/>`;
  return `<a:latin typeface="${face}"/><a:ea typeface="${face}"/><a:cs typeface="${face}"/>`;
}

/**
 * What a text box says of its text before its paragraphs: its body properties (insets, anchor,
 * wrap, no autofit) and its list style. A layout placeholder with the same lets a slide's
 * placeholder write `<a:bodyPr/>` and inherit them (deck.ts writes them on the layout).
 */
export function textBodyStyle(element: TextElement | SlideNumberElement, names?: ReadonlyMap<string, string>): string {
  const { style } = element;
  if (element.type === "slide-number") {
    return (
      `<a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="${ANCHOR[style.valign]}"><a:noAutofit/></a:bodyPr>` +
      `<a:lstStyle><a:lvl1pPr algn="${ALIGN[style.align]}"><a:buNone/>${defaultRun(style, names)}</a:lvl1pPr></a:lstStyle>`
    );
  }
  const inset = emu(element.inset);
  return `<a:bodyPr wrap="square" lIns="${inset}" tIns="${inset}" rIns="${inset}" bIns="${inset}" anchor="${ANCHOR[style.valign]}"><a:noAutofit/></a:bodyPr>${listStyle(element, names)}`;
}

/** The box's style as a level's default run. */
function defaultRun(style: TextStyle, names?: ReadonlyMap<string, string>): string {
  return `<a:defRPr sz="${centipoints(style.size)}" b="${style.bold ? 1 : 0}" i="${style.italic ? 1 : 0}">${solidFill(style.color, undefined, names)}${fontXml(style.font)}</a:defRPr>`;
}

/** A bullet's hanging indent in EMU; none given is 27 pt a level, as the measure stage counts it (measure.ts paragraphIndent). */
function bulletIndent(element: TextElement): number {
  return emu(element.indent > 0 ? element.indent : DEFAULT_BULLET_INDENT);
}

/** The layout body placeholder's `idx`, which a slide's body names. */
export const BODY_PLACEHOLDER_INDEX = 1;

/** What a body placeholder's list style is made of: a body with the same key inherits it. */
export function bodyStyleKey(element: TextElement): string {
  return JSON.stringify([element.style, element.inset, bulletIndent(element), element.style.valign]);
}

/**
 * A layout body placeholder's body properties and list style: all nine levels, each a bullet
 * hanging by the indent (in the text's font, named: the master would give Arial, and LibreOffice
 * does not read `buFontTx`), the
 * paragraph spacing before, the box's style as its default run.
 */
export function bulletedBodyStyle(element: TextElement, names?: ReadonlyMap<string, string>): string {
  const { style } = element;
  const indent = bulletIndent(element);
  const spacing = `<a:lnSpc><a:spcPct val="${percent1000(style.lineSpacing)}"/></a:lnSpc>${style.paragraphSpacing > 0 ? `<a:spcBef><a:spcPts val="${centipoints(style.paragraphSpacing)}"/></a:spcBef>` : ""}`;
  const run = defaultRun(style, names);
  const levels = Array.from({ length: 9 }, (_, level) => `<a:lvl${level + 1}pPr marL="${indent * (level + 1)}" indent="${-indent}" algn="${ALIGN[style.align]}">${spacing}<a:buSzPct val="100000"/><a:buFont typeface="${escapeXml(style.font)}"/><a:buChar char="${BULLET_CHAR}"/>${run}</a:lvl${level + 1}pPr>`);
  const inset = emu(element.inset);
  return `<a:bodyPr wrap="square" lIns="${inset}" tIns="${inset}" rIns="${inset}" bIns="${inset}" anchor="${ANCHOR[style.valign]}"><a:noAutofit/></a:bodyPr><a:lstStyle>${levels.join("")}</a:lstStyle>`;
}

/** The box's style, once per level its paragraphs use: alignment, line spacing, no bullet, the default run. */
function listStyle(element: TextElement, names?: ReadonlyMap<string, string>): string {
  const { style } = element;
  const levels = [...new Set(element.paragraphs.map((p) => p.level))].sort((a, b) => a - b);
  if (levels.length === 0) levels.push(0);
  const spacing = `<a:lnSpc><a:spcPct val="${percent1000(style.lineSpacing)}"/></a:lnSpc>`;
  const run = defaultRun(style, names);
  const body = levels.map((level) => `<a:lvl${level + 1}pPr marL="0" indent="0" algn="${ALIGN[style.align]}">${spacing}<a:buNone/>${run}</a:lvl${level + 1}pPr>`).join("");
  return `<a:lstStyle>${body}</a:lstStyle>`;
}

/** A run's properties as written: attributes (from `lang` on), and the fill, highlight and font when they differ from the box's. */
interface RunProps {
  attributes: string;
  color: string | null;
  font: string | null;
  highlight: string | null;
}

function runAttributes(lang: string, size: number | null, bold: boolean | null, italic: boolean | null, run: SpecRun): string {
  let out = ` lang="${lang}"`;
  if (size !== null) out += ` sz="${centipoints(size)}"`;
  if (bold !== null) out += ` b="${bold ? 1 : 0}"`;
  if (italic !== null) out += ` i="${italic ? 1 : 0}"`;
  if (run.underline) out += ' u="sng"';
  if (run.strike) out += ' strike="sngStrike"';
  if (run.baseline) out += ` baseline="${run.baseline === "super" ? 30000 : -40000}"`;
  return out;
}

/** What a run of a text box says besides its box's style (writer.ts `runOptions` gives the values). */
function runProperties(run: SpecRun, paragraph: SpecParagraph, style: TextStyle, lang: string): RunProps {
  const bold = paragraph.bold ?? (run.bold || style.bold);
  const italic = run.italic || style.italic;
  const size = paragraph.size ?? style.size;
  const color = run.color ?? paragraph.color ?? style.color;
  const font = run.font ?? style.font;
  // A formula's run keeps its size and colour: math.ts takes them from it for the Office Math.
  const math = run.math !== undefined;
  return {
    attributes: runAttributes(lang, math || size !== style.size ? size : null, bold !== style.bold ? bold : null, italic !== style.italic ? italic : null, run),
    color: math || color !== style.color ? color : null,
    font: font !== style.font ? font : null,
    highlight: run.highlight ?? null,
  };
}
