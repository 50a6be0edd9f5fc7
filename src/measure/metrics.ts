/**
 * A font file's metric table: what measuring reads from a subset (its code points' glyph ids and
 * advances, its em, its average width, its pair kerning), decoded once with fontkit and kept in
 * a cache file named by a hash of the font file's bytes, this format and fontkit's version. A
 * cold start then reads a small JSON file instead of loading fontkit and decoding WOFF2 (~0.2 s
 * of a cold build with fontkit's pure-JS Brotli). A table is never stale: a changed font file,
 * format or fontkit has another name, and test/measure/metrics.test.ts checks that a cached table
 * equals a fresh decode. When fontkit must decode, the WOFF2 data is inflated with node's own
 * Brotli (the same bytes as fontkit's pure-JS decoder, ~10× faster).
 *
 * The cache is `node_modules/.cache/deckwright/font-metrics` (the package's own node_modules in
 * this repository, the app's when deckwright is installed), or `DECKWRIGHT_CACHE_DIR`/font-metrics
 * (an empty value keeps tables in memory only). When it cannot be written
 * the table is simply decoded again next time.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync } from "node:zlib";
import type * as Fontkit from "fontkit";
import { readKerning, type Kerning } from "./kerning.js";

/** Bump when the table's shape or meaning changes: old cache files are then ignored. */
export const METRICS_FORMAT = 1;

export interface FontMetrics {
  format: number;
  unitsPerEm: number;
  /** OS/2 xAvgCharWidth, in font units. */
  averageWidth: number;
  /** Every code point the font has a glyph for: [code point, glyph id, advance in font units], or [code point] when fontkit cannot read the glyph. */
  glyphs: Array<[number, number, number] | [number]>;
  kerning: Kerning;
}

const load = createRequire(import.meta.url);
let fontkitModule: typeof Fontkit | undefined;
/** fontkit takes ~50 ms to load, so it is loaded only when a font must be decoded. */
export const fontkit = (): typeof Fontkit => (fontkitModule ??= load("fontkit") as typeof Fontkit);

/**
 * A font file read with fontkit. A WOFF2 file's compressed tables are inflated with node's
 * Brotli (`nativeBrotli`, the default) instead of fontkit's pure-JS decoder: fontkit's WOFF2
 * font keeps its compressed stream and inflates it on the first table read (`_decompress`),
 * which is replaced, for this font only, by the same steps with zlib.
 */
export function openFont(bytes: Uint8Array, file: string, nativeBrotli = true): Fontkit.Font {
  const font = fontkit().create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!("unitsPerEm" in font)) throw new Error(`${file} is a font collection, not a font`);
  if (nativeBrotli) inflateNatively(font);
  return font;
}

interface Woff2Internals {
  _decompress?: () => void;
  _decompressed?: boolean;
  _dataPos?: number;
  stream?: { pos: number; readBuffer(n: number): Uint8Array; constructor: new (buffer: Uint8Array) => unknown };
  directory?: { totalCompressedSize?: number; tables?: Record<string, { offset: number; length: number; transformLength?: number }> };
}

function inflateNatively(font: Fontkit.Font): void {
  const woff2 = font as unknown as Woff2Internals;
  const { stream, directory } = woff2;
  // Only a WOFF2 font as fontkit 2 lays it out; anything else keeps fontkit's own decoding.
  if (typeof woff2._decompress !== "function" || woff2._decompressed || !stream || typeof directory?.totalCompressedSize !== "number" || !directory.tables || typeof woff2._dataPos !== "number") return;
  const Stream = stream.constructor;
  const dataPos = woff2._dataPos;
  const compressedSize = directory.totalCompressedSize;
  const tables = directory.tables;
  const own = woff2._decompress;
  woff2._decompress = function (this: Woff2Internals) {
    if (this._decompressed || !this.stream) return;
    this.stream.pos = dataPos;
    const compressed = this.stream.readBuffer(compressedSize);
    let size = 0;
    for (const tag in tables) {
      const entry = tables[tag];
      if (!entry) continue;
      entry.offset = size;
      size += entry.transformLength ?? entry.length;
    }
    const inflated = brotliDecompressSync(compressed);
    // Not what the directory says: fontkit's own decoder decides, as it did before.
    if (inflated.byteLength !== size) return own.call(this);
    this.stream = new Stream(inflated) as NonNullable<Woff2Internals["stream"]>;
    this._decompressed = true;
  };
}

/** The metric table of a font file, decoded afresh with fontkit. */
export function decodeMetrics(bytes: Uint8Array, file: string, nativeBrotli = true): FontMetrics {
  const font = openFont(bytes, file, nativeBrotli);
  const glyphs: FontMetrics["glyphs"] = [];
  for (const cp of [...new Set(font.characterSet)].sort((a, b) => a - b)) {
    if (!font.hasGlyphForCodePoint(cp)) continue;
    try {
      const glyph = font.glyphForCodePoint(cp);
      glyphs.push([cp, glyph.id, glyph.advanceWidth]);
    } catch {
      glyphs.push([cp]);
    }
  }
  return { format: METRICS_FORMAT, unitsPerEm: font.unitsPerEm, averageWidth: font["OS/2"].xAvgCharWidth, glyphs, kerning: readKerning(font) };
}

/** The directory metric tables are cached in, or null when they are kept in memory only. */
export function metricsCacheDir(): string | null {
  const asked = process.env.DECKWRIGHT_CACHE_DIR;
  if (asked !== undefined) return asked === "" ? null : join(resolve(asked), "font-metrics");
  // src/measure or dist/measure → the package's root; installed, the app's node_modules/.cache.
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const modules = basename(dirname(root)) === "node_modules" ? dirname(root) : join(root, "node_modules");
  return join(modules, ".cache", "deckwright", "font-metrics");
}

let keySalt: string | undefined;
function salt(): string {
  if (keySalt === undefined) {
    let version = "unknown";
    try {
      const pkg = join(dirname(load.resolve("fontkit")), "..", "package.json");
      version = (JSON.parse(readFileSync(pkg, "utf8")) as { version?: string }).version ?? version;
    } catch {
      // No version: the hash of the file and the format still name the table.
    }
    keySalt = `deckwright-font-metrics ${METRICS_FORMAT} fontkit ${version}\n`;
  }
  return keySalt;
}

/** The cache file's name for a font file's bytes. */
export function metricsKey(bytes: Uint8Array): string {
  return createHash("sha256").update(salt()).update(bytes).digest("hex");
}

/** A font file's metric table: from the cache when there, else decoded and cached. */
export function metricsOf(file: string): FontMetrics {
  const bytes = readFileSync(file);
  const dir = metricsCacheDir();
  const path = dir === null ? null : join(dir, `${metricsKey(bytes)}.json`);
  if (path !== null) {
    const cached = readCached(path);
    if (cached) return cached;
  }
  const metrics = decodeMetrics(bytes, file);
  if (path !== null && dir !== null) {
    try {
      mkdirSync(dir, { recursive: true });
      // Written whole, then renamed: another process reading at the same time sees all or nothing.
      const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      writeFileSync(temp, JSON.stringify(metrics));
      renameSync(temp, path);
    } catch {
      // A read-only install: decoded again next time.
    }
  }
  return metrics;
}

function readCached(path: string): FontMetrics | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<FontMetrics> | null;
    if (value?.format !== METRICS_FORMAT || typeof value.unitsPerEm !== "number" || typeof value.averageWidth !== "number" || !Array.isArray(value.glyphs) || value.kerning === undefined) return null;
    const glyph = (g: unknown) => Array.isArray(g) && (g.length === 1 || g.length === 3) && g.every((n) => typeof n === "number");
    return value.glyphs.every(glyph) ? (value as FontMetrics) : null;
  } catch {
    return null;
  }
}
