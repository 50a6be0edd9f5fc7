/**
 * The theme's palette as PowerPoint's colour scheme (issue 15, for built-in and user themes):
 * written into the theme part (`a:clrScheme`: dk1, lt1, dk2, lt2, accent1–6, hlink, folHlink),
 * and colours of the deck that are scheme colours written as references to it (`a:schemeClr`),
 * so that shapes a user adds in PowerPoint take the theme's colours, and changing the theme in
 * PowerPoint (Design › Variants › Colors) recolours the slides and charts.
 *
 * dk1 is the theme's text and lt1 its background, whichever is darker (PowerPoint maps the
 * slide's text to dk1 and its background to lt1 through the master's colour map: a dark theme
 * has light "dk1"); dk2 is `muted`, lt2 `surface`, accent1–6 the chart colours, hlink and
 * folHlink the link colour.
 */
import type { Theme } from "../model/theme.js";

export const SCHEME_SLOTS = ["dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"] as const;
export type SchemeSlot = (typeof SCHEME_SLOTS)[number];
/** Each slot's colour as `RRGGBB`. */
export type ColorScheme = Readonly<Record<SchemeSlot, string>>;

const bare = (hex: string) => hex.replace("#", "").toUpperCase();

/** The colour scheme of a deckwright theme. */
export function themeScheme(theme: Theme): ColorScheme {
  const c = theme.colors;
  const accents = theme.chartColors.map(bare);
  return {
    dk1: bare(c.text),
    lt1: bare(c.background),
    dk2: bare(c.muted),
    lt2: bare(c.surface),
    accent1: accents[0] ?? bare(c.accent),
    accent2: accents[1] ?? bare(c.accent),
    accent3: accents[2] ?? bare(c.accent),
    accent4: accents[3] ?? bare(c.accent),
    accent5: accents[4] ?? bare(c.accent),
    accent6: accents[5] ?? bare(c.accent),
    hlink: bare(c.link),
    folHlink: bare(c.link),
  };
}

/**
 * What a slide calls each colour of the scheme (through the master's colour map: `tx1`, `bg1`,
 * `tx2`, `bg2`, `accent1`…), by colour; where two slots share a colour, text and background
 * first, then the accents in order.
 */
export function schemeNames(scheme: ColorScheme): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  const order: [SchemeSlot, string][] = [["dk1", "tx1"], ["lt1", "bg1"], ["accent1", "accent1"], ["accent2", "accent2"], ["accent3", "accent3"], ["accent4", "accent4"], ["accent5", "accent5"], ["accent6", "accent6"], ["dk2", "tx2"], ["lt2", "bg2"], ["hlink", "hlink"]];
  for (const [slot, name] of order) if (!names.has(scheme[slot])) names.set(scheme[slot], name);
  return names;
}

/** A theme part with `scheme` as its colour scheme (each slot an sRGB colour). */
export function withColorScheme(xml: string, scheme: ColorScheme): string {
  return xml.replace(/<a:clrScheme\b[^>]*>[\s\S]*?<\/a:clrScheme>/, (block) =>
    block.replace(/<a:(dk1|lt1|dk2|lt2|accent[1-6]|hlink|folHlink)>[\s\S]*?<\/a:\1>/g, (_m, slot: SchemeSlot) => `<a:${slot}><a:srgbClr val="${scheme[slot]}"/></a:${slot}>`),
  );
}

/** A chart part whose accent colours are references to the scheme's accents (a chart's text and rules stay as they are). */
export function chartWithSchemeAccents(xml: string, scheme: ColorScheme): string {
  const accents = new Map<string, string>();
  for (const slot of ["accent1", "accent2", "accent3", "accent4", "accent5", "accent6"] as const) if (!accents.has(scheme[slot])) accents.set(scheme[slot], slot);
  return xml
    .replace(/<a:srgbClr val="([0-9A-Fa-f]{6})"\/>/g, (m, hex: string) => {
      const slot = accents.get(hex.toUpperCase());
      return slot ? `<a:schemeClr val="${slot}"/>` : m;
    })
    .replace(/<a:srgbClr val="([0-9A-Fa-f]{6})">([\s\S]*?)<\/a:srgbClr>/g, (m, hex: string, inner: string) => {
      const slot = accents.get(hex.toUpperCase());
      return slot ? `<a:schemeClr val="${slot}">${inner}</a:schemeClr>` : m;
    });
}
