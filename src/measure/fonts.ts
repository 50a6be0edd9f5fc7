/**
 * Fonts for measuring: a family (with its fallbacks) → the metrics of its open, metric-compatible
 * stand-in (standIns.ts), in the asked weight and slant. Widths come from each glyph's advance;
 * line height is PowerPoint's, which does not depend on the font.
 */
import { Face } from "./faces.js";
import { chooseStandIn } from "./standIns.js";

const POINTS_PER_INCH = 72;

/**
 * PowerPoint's single line spacing is 1.2 × the type size, whatever the font's ascent, descent and
 * line gap say (hhea, OS/2 typo and win metrics alike); `lnSpc spcPct` multiplies that. The font's
 * metrics only place the baseline inside the line. (Measured against PowerPoint's own PDFs by
 * several converters; LibreOffice Impress paces a .pptx the same way.)
 */
export const SINGLE_LINE_EM = 1.2;

/**
 * Pair kerning applies from this size up. deckwright's decks inherit `kern="1200"` from
 * the presentation's default text style, so PowerPoint kerns text of 12 pt and more; below that
 * the unkerned width (a little wider) is used.
 */
export const KERNING_FROM_PT = 12;

/** A bold style the package lacks is simulated, as FreeType does: each visible glyph 1/24 em wider. */
const SYNTHETIC_BOLD_EM = 1 / 24;

export interface MeasuringFont {
  /** The open family whose metrics are used, e.g. "Carlito". */
  readonly standIn: string;
  /** The family of the list that the stand-in serves, or null when none had one and Carlito's metrics were used. */
  readonly serves: string | null;
  /** True when the asked bold or italic style was not available and was simulated from another style. */
  readonly simulated: boolean;
  /** The width of `text` set in this font at `sizePt`, in inches (kerned from 12 pt). */
  advance(text: string, sizePt: number): number;
  /** The height of one line at `sizePt` with `lineSpacing` (a multiple of single), in inches. */
  lineHeight(sizePt: number, lineSpacing: number): number;
}

const faces = new Map<string, Face | null>();
const fonts = new Map<string, MeasuringFont>();

function face(pkg: string, weight: 400 | 700, italic: boolean): Face | null {
  const key = `${pkg}|${weight}|${italic}`;
  if (!faces.has(key)) faces.set(key, Face.open(pkg, weight, italic));
  return faces.get(key) ?? null;
}

/**
 * The measuring font for the first of `families` (a family, then its fallbacks) that has a
 * metric-compatible stand-in; Carlito's metrics when none has. Cheap: font files are read on the
 * first measurement that needs them, once per process.
 */
export function fontFor(families: readonly string[], bold: boolean, italic: boolean): MeasuringFont {
  const key = `${families.join("\u0000")}|${bold}|${italic}`;
  let font = fonts.get(key);
  if (!font) {
    font = makeFont(families, bold, italic);
    fonts.set(key, font);
  }
  return font;
}

function makeFont(families: readonly string[], bold: boolean, italic: boolean): MeasuringFont {
  const { standIn, serves } = chooseStandIn(families);
  const weight = bold ? 700 : 400;
  // The asked style, else the same weight upright, else regular (emboldened when bold was asked).
  const exact = face(standIn.package, weight, italic);
  const chosen = exact ?? face(standIn.package, weight, false) ?? face(standIn.package, 400, italic) ?? face(standIn.package, 400, false);
  if (!chosen) throw new Error(`the font package ${standIn.package} has no regular style: is it installed?`);
  const emboldened = bold && chosen !== exact && chosen !== face(standIn.package, 700, false);
  return {
    standIn: standIn.family,
    serves,
    simulated: chosen !== exact,
    advance(text, sizePt) {
      let em = chosen.width(text, sizePt >= KERNING_FROM_PT);
      if (emboldened) em += visibleCount(text) * SYNTHETIC_BOLD_EM;
      return (em * sizePt) / POINTS_PER_INCH;
    },
    lineHeight: (sizePt, lineSpacing) => (SINGLE_LINE_EM * sizePt * lineSpacing) / POINTS_PER_INCH,
  };
}

function visibleCount(text: string): number {
  let n = 0;
  for (const char of text) if (/\S/u.test(char)) n++;
  return n;
}
