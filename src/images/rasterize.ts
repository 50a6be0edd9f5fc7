import { Resvg } from "@resvg/resvg-js";

/**
 * An SVG drawn as a PNG, for the fallback picture that PowerPoint before 2016 and other readers
 * show instead of the SVG. Twice the SVG's own width, at least 1280 and at most 3200 pixels.
 * Text in the SVG is drawn with the fonts installed on the machine that builds the deck.
 */
export function svgToPng(svg: Uint8Array): Uint8Array {
  const probe = new Resvg(Buffer.from(svg), { font: { loadSystemFonts: false } });
  const width = Math.min(3200, Math.max(1280, Math.round(probe.width * 2)));
  const png = new Resvg(Buffer.from(svg), { fitTo: { mode: "width", value: width }, font: { loadSystemFonts: true } }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
