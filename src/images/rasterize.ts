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
  const png = draw(svg, shownWidth, true).asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/**
 * resvg draws an SVG inside an SVG (`<image href="data:image/svg+xml;base64,…">`, as draw.io
 * exports its diagrams) without its text or its own pictures, so such a picture is drawn first,
 * as a PNG at the size it is shown, and put in its place. src/images/pictures.ts has checked the
 * data: URLs (and that they nest at most MAX_SVG_NESTING deep) before anything is drawn.
 */
function draw(svg: Uint8Array, shownWidth: number | undefined, systemFonts: boolean, depth = 0) {
  const probe = new Resvg(Buffer.from(svg), { font: { loadSystemFonts: false } });
  const size = fallbackSize(probe.width, probe.height, shownWidth);
  const pixels = size.mode === "width" ? size.value : (size.value * probe.width) / Math.max(1, probe.height);
  const text = Buffer.from(svg).toString("utf8");
  const prepared = depth < NESTING_DRAWN && NESTED_SVG.test(text) ? Buffer.from(withNestedDrawn(text, probe.width, pixels, systemFonts, depth)) : Buffer.from(svg);
  return new Resvg(prepared, { fitTo: size, font: { loadSystemFonts: systemFonts } }).render();
}

/** Deeper than src/images/pictures.ts lets through: a guard, never reached by a checked picture. */
const NESTING_DRAWN = 4;
/** An `<image>` whose href is an SVG data: URL, with the attributes before the href. */
const NESTED_SVG = /(<image\b[^>]*?\s(?:[\w.-]+:)?href\s*=\s*)(["'])(data:image\/svg\+xml[^"']*)\2/i;

function withNestedDrawn(text: string, outerWidth: number, outerPixels: number, systemFonts: boolean, depth: number): string {
  const drawn = new Map<string, string>();
  return text.replace(new RegExp(NESTED_SVG.source, "gi"), (whole, before: string, quote: string, url: string) => {
    const bytes = dataUrlBytes(url);
    if (bytes === null) return whole;
    // Drawn at its share of the picture's width (its `width` attribute), at least 64 pixels.
    const width = Number.parseFloat(/\swidth\s*=\s*["']?\s*([\d.]+)(?:px)?\s*["'\s]/.exec(`${whole} `)?.[1] ?? "");
    const share = Number.isFinite(width) && width > 0 && outerWidth > 0 ? Math.min(1, width / outerWidth) : 1;
    const shown = Math.max(64, outerPixels * share) / FALLBACK_PPI;
    const key = `${shown}:${url}`;
    let png = drawn.get(key);
    if (png === undefined) {
      try {
        png = `data:image/png;base64,${Buffer.from(draw(bytes, shown, systemFonts, depth + 1).asPng()).toString("base64")}`;
      } catch {
        return whole;
      }
      drawn.set(key, png);
    }
    return `${before}${quote}${png}${quote}`;
  });
}

function dataUrlBytes(url: string): Uint8Array | null {
  const comma = url.indexOf(",");
  if (comma === -1) return null;
  const payload = url.slice(comma + 1);
  try {
    return /;base64$/i.test(url.slice(0, comma)) ? Buffer.from(payload.replace(/\s+/g, ""), "base64") : Buffer.from(decodeURIComponent(payload), "utf8");
  } catch {
    return null;
  }
}

/** Elements that draw something. */
const VISIBLE = /<(?:[\w.-]+:)?(?:path|rect|circle|ellipse|line|polyline|polygon|text|image|use)\b/i;

/**
 * Whether an SVG that has something to draw (shapes, text, pictures) comes out fully transparent
 * (drawn small, with the fonts of the machine): its fallback would show nothing.
 */
export function drawsBlank(svg: Uint8Array): boolean {
  if (!VISIBLE.test(Buffer.from(svg).toString("utf8"))) return false;
  try {
    const { pixels } = draw(svg, 2, true);
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return false;
    return true;
  } catch {
    return false;
  }
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
