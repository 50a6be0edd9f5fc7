import { TextStyleSchema, type Box, type TextStyle } from "../model/slideSpec.js";
import type { Theme } from "../model/theme.js";
import { regionBox, type SlideSize } from "./geometry.js";
import { MarkupError, type MarkupElement, type MarkupNode } from "./markup.js";
import type { Measurer } from "../measure/types.js";
import type { PlaceholderBinding } from "../model/slideSpec.js";
import type { LayoutSlots } from "../template/layouts.js";
import type { PlaceholderText, TemplatePlaceholder } from "../template/read.js";

/** The template layout a slide goes on (a template-backed theme): its placeholders. */
export interface SlideTemplate {
  readonly slots: LayoutSlots;
  /** The template's default table style, which tables are drawn in (null: deckwright's own). */
  readonly tableStyle: string | null;
}

/** Where an element with `placeholder` goes: its box, and the placeholder it fills (null: a box of its own, in the placeholder's style). */
export interface FoundPlaceholder {
  readonly box: Box;
  readonly binding: PlaceholderBinding | null;
  readonly text: PlaceholderText | null;
}

const GUTTER = 0.3;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

function unionOf(boxes: readonly Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.w));
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  return { x, y, w: round3(right - x), h: round3(bottom - y) };
}

function bindingOf(p: TemplatePlaceholder & { box: Box }): PlaceholderBinding {
  return { type: p.type, idx: p.idx, hasIdx: p.hasIdx, box: p.box, sizes: [...p.text.sizes], bold: p.text.bold, italic: p.text.italic, color: p.text.color, bulleted: p.text.bulleted, typeface: p.text.typeface };
}

/** The colours a theme's names and `#RRGGBB`s stand for, worked out once per theme and name (a slide asks for dozens). */
const resolvedColors = new WeakMap<Theme, Map<string, string>>();

/** Resolves the theme's names (regions, colours, sizes, fonts) used by slide markup. */
export class Resolver {
  /** `size`: the slide's, in inches; `measurer`: real text measurement for flows; without it, heights are estimated. */
  constructor(readonly theme: Theme, readonly slideSize: SlideSize, readonly measurer?: Measurer, readonly template?: SlideTemplate) {}

  /**
   * `placeholder="…"` of a template-backed theme's markup: `title`, `subtitle`, `body` (with
   * `column="k" columns="n"`: the k-th of n bodies side by side), `picture` (likewise), `footer`,
   * `date`, `slide-number`. A body the layout lacks is cut from its first body (or from the room
   * between title and footer) and filled as a text box of its own; a footer, date or slide number
   * it lacks is left out (null): the template decides.
   */
  placeholder(at: MarkupElement): FoundPlaceholder | null {
    const name = at.attributes.placeholder ?? "";
    const template = this.template;
    if (!template) fail(at, `placeholder="${name}" needs a template-backed theme`);
    const { slots } = template;
    const own = (p: TemplatePlaceholder | null | undefined): FoundPlaceholder | null => (p && p.box ? { box: p.box, binding: bindingOf(p as TemplatePlaceholder & { box: Box }), text: p.text } : null);
    const column = checkedNumber(at, "column", Number(at.attributes.column ?? 1), { min: 1, whole: true });
    const columns = Math.max(column, checkedNumber(at, "columns", Number(at.attributes.columns ?? 1), { min: 1, whole: true }));
    switch (name) {
      case "title":
        return own(slots.title) ?? { box: this.room("title"), binding: null, text: null };
      case "subtitle":
        return own(slots.subtitle) ?? own(slots.small[0]) ?? own(slots.large[0]) ?? { box: this.room("below-title"), binding: null, text: null };
      case "footer":
        return own(slots.footer);
      case "date":
        return own(slots.date);
      case "slide-number":
        return own(slots.slideNumber);
      case "picture":
        if (slots.pictures.length > 0) return own(slots.pictures[0]);
        return this.body(column, columns);
      case "body":
        return this.body(column, columns);
      default:
        return fail(at, `unknown placeholder \`${name}\`; expected title, subtitle, body, picture, footer, date or slide-number`);
    }
  }

  /** The k-th of n bodies side by side: the layout's own when it has n, else cut from its first body. */
  private body(k: number, n: number): FoundPlaceholder {
    const { slots } = this.template as SlideTemplate;
    const contents = [...slots.large, ...slots.small];
    const found = (p: TemplatePlaceholder | undefined): FoundPlaceholder | null => (p && p.box ? { box: p.box, binding: bindingOf(p as TemplatePlaceholder & { box: Box }), text: p.text } : null);
    // Beside a picture placeholder, the text goes in the layout's body, whichever side.
    if (slots.pictures.length > 0 && n === 2) return found(contents[0]) ?? { box: this.room("below-title"), binding: null, text: null };
    if (slots.large.length >= n) return found(slots.large[k - 1]) ?? { box: this.room("below-title"), binding: null, text: null };
    const first = slots.large[0] ?? slots.small[0];
    if (n === 1) return found(first) ?? { box: this.room("below-title"), binding: null, text: null };
    // Cut from the room all the layout's large bodies take together (a two-body layout holding three columns).
    const boxes = slots.large.map((p) => p.box).filter((b): b is Box => b !== null);
    const area = boxes.length > 1 ? unionOf(boxes) : (first?.box ?? this.room("below-title"));
    const w = (area.w - (n - 1) * GUTTER) / n;
    return { box: { x: round3(area.x + (k - 1) * (w + GUTTER)), y: area.y, w: round3(w), h: area.h }, binding: null, text: first?.text ?? null };
  }

  /** Room on a slide whose layout lacks a placeholder: the title's strip, or what is between the title and the footer. */
  private room(which: "title" | "below-title"): Box {
    const { slots } = this.template as SlideTemplate;
    const size = this.slideSize;
    const margin = this.theme.grid.margin;
    const title = slots.title?.box ?? { x: margin, y: 0.3, w: size.width - 2 * margin, h: 1.1 };
    if (which === "title") return title;
    const bottom = Math.min(...[slots.footer, slots.slideNumber, slots.date].map((p) => p?.box?.y ?? size.height - 0.5));
    const y = round3(title.y + title.h + 0.2);
    return { x: title.x, y, w: title.w, h: round3(Math.max(0.5, bottom - 0.1 - y)) };
  }

  /** `#RRGGBB`, a colour name of the theme, or `syntax.<kind>` for a code highlighting colour. */
  color(value: string, at: MarkupElement): string {
    let known = resolvedColors.get(this.theme);
    if (!known) {
      known = new Map();
      resolvedColors.set(this.theme, known);
    }
    let color = known.get(value);
    if (color === undefined) {
      color = this.lookUpColor(value, at);
      known.set(value, color);
    }
    return color;
  }

  private lookUpColor(value: string, at: MarkupElement): string {
    if (/^#?[0-9A-Fa-f]{6}$/.test(value)) return value.replace("#", "").toUpperCase();
    const syntax = /^syntax\.(\w+)$/.exec(value)?.[1];
    const named = syntax !== undefined ? (this.theme.syntax as Record<string, string>)[syntax] : this.theme.colors[value];
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
    if (at.attributes.placeholder !== undefined) {
      const found = this.placeholder(at);
      if (!found) fail(at, `the template's layout has no ${at.attributes.placeholder} placeholder`);
      return found.box;
    }
    if (region !== undefined) {
      const found = this.theme.regions[region];
      if (!found) fail(at, `unknown region \`${region}\`; the theme's regions are ${Object.keys(this.theme.regions).join(", ")}`);
      return regionBox(found, this.theme, this.slideSize);
    }
    const [x, y, w, h] = ["x", "y", "w", "h"].map((k) => Number(at.attributes[k]));
    if ([x, y, w, h].some((n) => n === undefined || !Number.isFinite(n))) fail(at, `<${at.name}> needs a region or x, y, w and h`);
    if ((x ?? 0) < 0 || (y ?? 0) < 0 || (w ?? 1) <= 0 || (h ?? 1) <= 0) fail(at, `unexpected box x="${at.attributes.x}" y="${at.attributes.y}" w="${at.attributes.w}" h="${at.attributes.h}", expected x and y from 0 and w and h above 0 (inches)`);
    return { x: x ?? 0, y: y ?? 0, w: w ?? 1, h: h ?? 1 };
  }
}

export function fail(at: MarkupElement, message: string): never {
  throw new MarkupError(`<${at.name}>: ${message}`, at.line);
}

export const flag = (value: string | undefined) => value === "true" || value === "1";

/**
 * A number attribute (`value` is already read, or the default), checked as the SlideSpec schema
 * asks of it: the render stage's checks are what stands between a theme's template and the
 * writer (a SlideSpec is not parsed again), so a template's mistake stops with its line.
 */
export function checkedNumber(at: MarkupElement, name: string, value: number, expected: { min: number; above?: boolean; whole?: boolean }): number {
  const ok = Number.isFinite(value) && (expected.above ? value > expected.min : value >= expected.min) && (!expected.whole || Number.isInteger(value));
  if (!ok) fail(at, `unexpected ${name}="${at.attributes[name] ?? ""}", expected ${expected.whole ? "a whole number" : "a number"} ${expected.above ? "above" : "from"} ${expected.min}`);
  return value;
}

const ALIGNS = TextStyleSchema.shape.align.options;
const VALIGNS = TextStyleSchema.shape.valign.options;

function oneOf<T extends string>(at: MarkupElement, name: string, allowed: readonly T[], fallback: T): T {
  const value = at.attributes[name] ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) fail(at, `unexpected ${name}="${value}", expected one of ${allowed.join(", ")}`);
  return value as T;
}

export function elements(node: MarkupElement, name?: string): MarkupElement[] {
  return node.children.filter((c): c is MarkupElement => typeof c !== "string" && (name === undefined || c.name === name));
}

export function textOf(node: MarkupElement): string {
  const [only] = node.children;
  if (node.children.length === 1 && typeof only === "string") return only;
  return node.children.map((c: MarkupNode) => (typeof c === "string" ? c : textOf(c))).join("");
}

/** A text box's style from its attributes; what they leave out comes from `inherited` (a template placeholder's), else the theme. */
export function textStyle(at: MarkupElement, r: Resolver, inherited: PlaceholderText | null = null): TextStyle {
  const a = at.attributes;
  const font = a.font === undefined && inherited ? inherited.font : r.font(a.font ?? "body");
  if (font === "") fail(at, `unexpected font="", expected heading, body, code or a font's name`);
  return {
    font,
    size: a.size === undefined && inherited ? (inherited.sizes[0] ?? 18) : r.size(a.size ?? "body", at),
    color: a.color === undefined && inherited ? inherited.color : r.color(a.color ?? "text", at),
    bold: a.bold === undefined && inherited ? inherited.bold : flag(a.bold),
    italic: a.italic === undefined && inherited ? inherited.italic : flag(a.italic),
    align: oneOf(at, "align", ALIGNS, inherited?.align ?? "left"),
    valign: oneOf(at, "valign", VALIGNS, inherited?.valign ?? "top"),
    lineSpacing: a.spacing === undefined ? (inherited?.lineSpacing ?? r.theme.lineSpacing) : checkedNumber(at, "spacing", Number(a.spacing), { min: 0, above: true }),
    paragraphSpacing: a["paragraph-spacing"] === undefined ? (inherited?.spaceBefore ?? r.theme.paragraphSpacing) : checkedNumber(at, "paragraph-spacing", Number(a["paragraph-spacing"]), { min: 0 }),
  };
}

