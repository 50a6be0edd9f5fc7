import { TextStyleSchema, type Box, type TextStyle } from "../model/slideSpec.js";
import type { Theme } from "../model/theme.js";
import { regionBox, type Aspect } from "./geometry.js";
import { MarkupError, type MarkupElement, type MarkupNode } from "./markup.js";
import type { Measurer } from "../measure/types.js";

/** The colours a theme's names and `#RRGGBB`s stand for, worked out once per theme and name (a slide asks for dozens). */
const resolvedColors = new WeakMap<Theme, Map<string, string>>();

/** Resolves the theme's names (regions, colours, sizes, fonts) used by slide markup. */
export class Resolver {
  /** `measurer`: real text measurement for flows; without it, heights are estimated. */
  constructor(readonly theme: Theme, readonly aspect: Aspect, readonly measurer?: Measurer) {}

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
    if (region !== undefined) {
      const found = this.theme.regions[region];
      if (!found) fail(at, `unknown region \`${region}\`; the theme's regions are ${Object.keys(this.theme.regions).join(", ")}`);
      return regionBox(found, this.theme, this.aspect);
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

export function textStyle(at: MarkupElement, r: Resolver): TextStyle {
  const a = at.attributes;
  const font = r.font(a.font ?? "body");
  if (font === "") fail(at, `unexpected font="", expected heading, body, code or a font's name`);
  return {
    font,
    size: r.size(a.size ?? "body", at),
    color: r.color(a.color ?? "text", at),
    bold: flag(a.bold),
    italic: flag(a.italic),
    align: oneOf(at, "align", ALIGNS, "left"),
    valign: oneOf(at, "valign", VALIGNS, "top"),
    lineSpacing: a.spacing === undefined ? r.theme.lineSpacing : checkedNumber(at, "spacing", Number(a.spacing), { min: 0, above: true }),
    paragraphSpacing: a["paragraph-spacing"] === undefined ? r.theme.paragraphSpacing : checkedNumber(at, "paragraph-spacing", Number(a["paragraph-spacing"]), { min: 0 }),
  };
}

