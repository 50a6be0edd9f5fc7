import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type * as ResvgModule from "@resvg/resvg-js";

const load = createRequire(import.meta.url);
let resvgModule: typeof ResvgModule | undefined;
/** resvg (a native addon, ~20 ms to load) is loaded on the first SVG, not by every build. */
const resvg = (): typeof ResvgModule => (resvgModule ??= load("@resvg/resvg-js") as typeof ResvgModule);

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

/** Draws an SVG's PNG fallback shown `shownWidth` inches wide: svgToPng, or a stand-in that counts (tests). */
export type SvgRasterizer = (svg: Uint8Array, shownWidth?: number) => Uint8Array;

export interface FallbackCacheOptions {
  /** The most bytes of PNG kept; the least recently used go first. 64 MiB unless given. */
  maxBytes?: number;
  /** What draws a fallback that is not kept: svgToPng unless given. */
  rasterize?: SvgRasterizer;
}

/** How many SVGs' own sizes are remembered (two numbers each) to work out a fallback's pixel size without parsing it again. */
const MAX_REMEMBERED_SIZES = 4096;

/**
 * PNG fallbacks already drawn, each found by the SVG's content hash and the pixel size it is drawn
 * at (fallbackSize): an SVG shown on 20 slides is drawn once, and `build --watch` draws again only
 * what changed. The caller owns it and passes it in the compile options, one per watch session
 * (`compile` makes one per build when none is passed); nothing is kept in module state. Bounded
 * by `maxBytes`, least recently used out; `draws` counts what was drawn, `hits` what was reused.
 */
export class FallbackCache {
  readonly maxBytes: number;
  private readonly rasterize: SvgRasterizer;
  /** In order of use, the least recent first. */
  private readonly drawn = new Map<string, Uint8Array>();
  private readonly svgSizes = new Map<string, { width: number; height: number }>();
  private kept = 0;
  draws = 0;
  hits = 0;

  constructor(options: FallbackCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.rasterize = options.rasterize ?? svgToPng;
  }

  /** Bytes of PNG kept now. */
  get bytes(): number {
    return this.kept;
  }

  /** The fallback of `svg` shown `shownWidth` inches wide; `hash` is its sha-256 (hex) when the caller has it. */
  fallback(svg: Uint8Array, shownWidth?: number, hash: string = sha256(svg)): Uint8Array {
    const own = this.svgSize(svg, hash);
    const size = fallbackSize(own.width, own.height, shownWidth);
    const key = `${hash}:${size.mode}:${size.value}`;
    const found = this.drawn.get(key);
    if (found !== undefined) {
      this.hits++;
      this.drawn.delete(key);
      this.drawn.set(key, found);
      return found;
    }
    const png = this.rasterize(svg, shownWidth);
    this.draws++;
    if (png.byteLength <= this.maxBytes) {
      this.drawn.set(key, png);
      this.kept += png.byteLength;
      for (const [oldest, bytes] of this.drawn) {
        if (this.kept <= this.maxBytes) break;
        this.drawn.delete(oldest);
        this.kept -= bytes.byteLength;
      }
    }
    return png;
  }

  private svgSize(svg: Uint8Array, hash: string): { width: number; height: number } {
    const known = this.svgSizes.get(hash);
    if (known !== undefined) return known;
    const probe = new (resvg().Resvg)(Buffer.from(svg), { font: { loadSystemFonts: false } });
    const size = { width: probe.width, height: probe.height };
    if (this.svgSizes.size >= MAX_REMEMBERED_SIZES) this.svgSizes.delete(this.svgSizes.keys().next().value as string);
    this.svgSizes.set(hash, size);
    return size;
  }
}

/** An SVG's content hash, as FallbackCache keys it. */
export const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/**
 * resvg draws an SVG inside an SVG (`<image href="data:image/svg+xml;base64,…">`, as draw.io
 * exports its diagrams) without its text or its own pictures, so such a picture is drawn first,
 * as a PNG at the size it is shown, and put in its place. src/images/pictures.ts has checked the
 * data: URLs (and that they nest at most MAX_SVG_NESTING deep) before anything is drawn.
 */
function draw(svg: Uint8Array, shownWidth: number | undefined, systemFonts: boolean, depth = 0) {
  const probe = new (resvg().Resvg)(Buffer.from(svg), { font: { loadSystemFonts: false } });
  const size = fallbackSize(probe.width, probe.height, shownWidth);
  const pixels = size.mode === "width" ? size.value : (size.value * probe.width) / Math.max(1, probe.height);
  const text = Buffer.from(svg).toString("utf8");
  const prepared = depth < NESTING_DRAWN && NESTED_SVG.test(text) ? Buffer.from(withNestedDrawn(text, probe.width, pixels, systemFonts, depth)) : Buffer.from(svg);
  return new (resvg().Resvg)(prepared, { fitTo: size, font: { loadSystemFonts: systemFonts } }).render();
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
    const probe = new (resvg().Resvg)(Buffer.from(svg), { font: { loadSystemFonts: false } });
    new (resvg().Resvg)(Buffer.from(svg), { fitTo: fallbackSize(probe.width, probe.height, 0.25), font: { loadSystemFonts: false } }).render();
    return null;
  } catch (error) {
    return `an SVG that cannot be drawn (${(error as Error).message.split("\n")[0] ?? ""})`;
  }
}
