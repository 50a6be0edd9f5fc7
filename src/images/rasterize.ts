import { Resvg } from "@resvg/resvg-js";

/** The most pixels a PNG fallback has: a full 16:9 slide at twice 96 dpi is 3.7 million. */
export const MAX_FALLBACK_PIXELS = 4_194_304;
/** The longest side a PNG fallback has. */
export const MAX_FALLBACK_SIDE = 8192;
/** Fallback pixels per inch of the picture as shown: twice the 96 dpi of a screen. */
const FALLBACK_PPI = 192;

/**
 * How to draw an SVG's PNG fallback. Shown at `shownWidth` inches, it is drawn at 192 pixels per
 * inch; with no size known, at twice the SVG's own width, at least 1,280 and at most 3,200
 * pixels. Either way within MAX_FALLBACK_PIXELS and MAX_FALLBACK_SIDE, whatever the SVG's
 * proportions (a 10 × 30,000 SVG once asked for 24 GB): the renderer is told the side that
 * binds, since it derives the other from the SVG's own aspect ratio.
 */
export function fallbackSize(svgWidth: number, svgHeight: number, shownWidth?: number): { mode: "width" | "height"; value: number } {
  const w = Number.isFinite(svgWidth) && svgWidth > 0 ? svgWidth : 1;
  const h = Number.isFinite(svgHeight) && svgHeight > 0 ? svgHeight : 1;
  const aspect = h / w;
  let width = shownWidth !== undefined && shownWidth > 0 ? shownWidth * FALLBACK_PPI : Math.min(3200, Math.max(1280, w * 2));
  width = Math.min(width, Math.sqrt(MAX_FALLBACK_PIXELS / aspect), MAX_FALLBACK_SIDE);
  const height = width * aspect;
  if (height > MAX_FALLBACK_SIDE) return { mode: "height", value: MAX_FALLBACK_SIDE };
  if (height < 1) return { mode: "height", value: 1 };
  return { mode: "width", value: Math.max(1, Math.floor(width)) };
}

/**
 * An SVG drawn as a PNG, for the fallback picture that PowerPoint before 2016 and other readers
 * show instead of the SVG, sized by `fallbackSize`. Text in the SVG is drawn with the fonts
 * installed on the machine that builds the deck.
 */
export function svgToPng(svg: Uint8Array, shownWidth?: number): Uint8Array {
  const probe = new Resvg(Buffer.from(svg), { font: { loadSystemFonts: false } });
  const png = new Resvg(Buffer.from(svg), { fitTo: fallbackSize(probe.width, probe.height, shownWidth), font: { loadSystemFonts: true } }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** Why an SVG cannot be drawn, or null when it can: it is parsed and drawn small, so checking costs little. */
export function drawingProblem(svg: Uint8Array): string | null {
  try {
    const probe = new Resvg(Buffer.from(svg), { font: { loadSystemFonts: false } });
    new Resvg(Buffer.from(svg), { fitTo: fallbackSize(probe.width, probe.height, 0.25), font: { loadSystemFonts: false } }).render();
    return null;
  } catch (error) {
    return `an SVG that cannot be drawn (${(error as Error).message.split("\n")[0] ?? ""})`;
  }
}
