import type { Box, TextStyle } from "../model/slideSpec.js";
import type { Theme } from "../model/theme.js";
import { regionBox, type Aspect } from "./geometry.js";
import { MarkupError, type MarkupElement, type MarkupNode } from "./markup.js";
import type { Measurer } from "../measure/types.js";

/** Resolves the theme's names (regions, colours, sizes, fonts) used by slide markup. */
export class Resolver {
  /** `measurer`: real text measurement for flows; without it, heights are estimated. */
  constructor(readonly theme: Theme, readonly aspect: Aspect, readonly measurer?: Measurer) {}

  /** `#RRGGBB`, a colour name of the theme, or `syntax.<kind>` for a code highlighting colour. */
  color(value: string, at: MarkupElement): string {
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
    return { x: x ?? 0, y: y ?? 0, w: w ?? 1, h: h ?? 1 };
  }
}

export function fail(at: MarkupElement, message: string): never {
  throw new MarkupError(`<${at.name}>: ${message}`, at.line);
}

export const flag = (value: string | undefined) => value === "true" || value === "1";

export function elements(node: MarkupElement, name?: string): MarkupElement[] {
  return node.children.filter((c): c is MarkupElement => typeof c !== "string" && (name === undefined || c.name === name));
}

export function textOf(node: MarkupElement): string {
  return node.children.map((c: MarkupNode) => (typeof c === "string" ? c : textOf(c))).join("");
}

export function textStyle(at: MarkupElement, r: Resolver): TextStyle {
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

