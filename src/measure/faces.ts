/**
 * One style (weight and slant) of a @fontsource family. A @fontsource package splits each style
 * into subsets by Unicode range (latin, latin-ext, greek, cyrillic, …), listed with their
 * `unicode-range` in the package's CSS (`400.css`, `700-italic.css`, …). Nothing is read until a
 * code point needs it: a subset's metric table (metrics.ts: cached, else decoded with fontkit)
 * on the first code point in its range, each once per process. fontkit itself is loaded only to
 * decode a table, or to lay out text whose kerning table could not be read.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as Fontkit from "fontkit";
import { graphemes } from "./graphemes.js";
import { PairKerning } from "./kerning.js";
import { metricsOf, openFont } from "./metrics.js";
import { isEmoji, isInvisible, isWide } from "./scripts.js";

const load = createRequire(import.meta.url);

interface SubsetMetrics {
  unitsPerEm: number;
  averageWidth: number;
  /** Code point → glyph id and advance in font units; null when fontkit cannot read the glyph. */
  glyphs: Map<number, { id: number; advance: number } | null>;
  kerning: PairKerning | null;
}

interface Subset {
  /** Absolute path of the subset's font file (WOFF2). */
  file: string;
  ranges: ReadonlyArray<readonly [number, number]>;
  metrics?: SubsetMetrics;
  /** The font read with fontkit: only for text whose kerning could not be read (laidOut). */
  font?: Fontkit.Font;
}

interface Glyph {
  /** Advance in em. */
  em: number;
  /** Glyph id in its subset's font; -1 when estimated. */
  id: number;
  /** The subset whose font has it, or null when its advance is estimated. */
  subset: Subset | null;
  unitsPerEm: number;
}

/** Kerned widths are cached per face; past this many entries the cache starts afresh. */
const CACHE_LIMIT = 20_000;

export class Face {
  private readonly subsets: Subset[];
  private readonly glyphs = new Map<number, Glyph>();
  private readonly kerned = new Map<string, number>();
  private readonly coverage = new Map<number, Subset | null>();
  private averageEm: number | undefined;

  private constructor(readonly name: string, subsets: Subset[]) {
    this.subsets = subsets;
  }

  /** The style of a @fontsource package (weight 400 or 700, upright or italic), or null when the package has no such style. */
  static open(pkg: string, weight: 400 | 700, italic: boolean): Face | null {
    const css = `${weight}${italic ? "-italic" : ""}.css`;
    let path: string;
    try {
      path = load.resolve(`${pkg}/${css}`);
    } catch {
      return null;
    }
    const subsets = parseSubsets(readFileSync(path, "utf8"), dirname(path));
    return subsets.length === 0 ? null : new Face(`${pkg}/${css}`, subsets);
  }

  /**
   * Width of `text` in em. Kerning, when asked, applies the font's pair kerning (GPOS `kern`,
   * kerning.ts) between neighbours from the same subset; ligatures are never applied (PowerPoint
   * leaves them off unless a user turns them on). Characters no subset has are estimated: wide East Asian
   * characters and emoji 1 em, invisible ones 0, anything else the font's average width.
   */
  width(text: string, kerning: boolean): number {
    // Only emoji pictures need the clusters (ASCII has none): text without one is measured as it is.
    if (!isEmoji(text)) return kerning ? this.kernedWidth(text) : this.plainWidth(text);
    let total = 0;
    let pending = "";
    const flush = () => {
      if (pending !== "") total += kerning ? this.kernedWidth(pending) : this.plainWidth(pending);
      pending = "";
    };
    for (const segment of graphemes(text)) {
      const cp = segment.codePointAt(0) ?? 0;
      if (isEmoji(segment) && ([...segment].length > 1 || this.subsetFor(cp) === null)) {
        // An emoji picture (a sequence, or a character the font lacks) is one em, whatever its parts.
        flush();
        total += 1;
      } else {
        pending += segment;
      }
    }
    flush();
    return total;
  }

  /** The sum of the code points' advances: the width with no kerning. */
  private plainWidth(text: string): number {
    let total = 0;
    for (const char of text) total += this.glyph(char.codePointAt(0) ?? 0).em;
    return total;
  }

  /** Advances plus the GPOS pair kerning between neighbours from the same subset (invisible characters are skipped over). */
  private kernedWidth(text: string): number {
    const cached = this.kerned.get(text);
    if (cached !== undefined) return cached;
    let total = 0;
    let previous: Glyph | undefined;
    for (const char of text) {
      const glyph = this.glyph(char.codePointAt(0) ?? 0);
      total += glyph.em;
      if (glyph.subset === null) {
        if (glyph.em > 0) previous = undefined;
        continue;
      }
      const kerning = previous?.subset === glyph.subset ? kerningOf(glyph.subset) : null;
      if (previous && kerning) {
        const units = kerning.kern(previous.id, glyph.id);
        if (units === undefined) return this.laidOut(text);
        total += units / glyph.unitsPerEm;
      }
      previous = glyph;
    }
    if (this.kerned.size >= CACHE_LIMIT) this.kerned.clear();
    this.kerned.set(text, total);
    return total;
  }

  /** The width fontkit's layout engine gives, subset by subset: only where the GPOS table could not be read directly. */
  private laidOut(text: string): number {
    let total = 0;
    let segment = "";
    let segmentSubset: Subset | null = null;
    const flush = () => {
      const kerned = segmentSubset && segment !== "" ? layoutWidth(fontOf(segmentSubset), segment) : undefined;
      total += kerned ?? this.plainWidth(segment);
      segment = "";
    };
    for (const char of text) {
      const subset = this.glyph(char.codePointAt(0) ?? 0).subset;
      if (subset !== segmentSubset) flush();
      segmentSubset = subset;
      segment += char;
    }
    flush();
    return total;
  }

  /** A code point's glyph in the first subset that has it, or its estimated advance when none has. */
  private glyph(cp: number): Glyph {
    const cached = this.glyphs.get(cp);
    if (cached !== undefined) return cached;
    const char = String.fromCodePoint(cp);
    // Marks and format characters take no room, whatever a font's hmtx says (shaping zeroes them).
    const subset = isInvisible(char) ? null : this.subsetFor(cp);
    const metrics = subset ? readSubset(subset) : undefined;
    const found = metrics?.glyphs.get(cp);
    const glyph: Glyph =
      subset && metrics && found ? { em: found.advance / metrics.unitsPerEm, id: found.id, subset, unitsPerEm: metrics.unitsPerEm } : { em: isInvisible(char) ? 0 : isWide(char) ? 1 : this.average(), id: -1, subset: null, unitsPerEm: 1 };
    this.glyphs.set(cp, glyph);
    return glyph;
  }

  /** The average advance (OS/2 xAvgCharWidth) of the face's first subset, in em. */
  private average(): number {
    if (this.averageEm === undefined) {
      const subset = this.subsets[0];
      const metrics = subset ? readSubset(subset) : undefined;
      this.averageEm = metrics ? metrics.averageWidth / metrics.unitsPerEm : 0.5;
    }
    return this.averageEm;
  }

  private subsetFor(cp: number): Subset | null {
    const known = this.coverage.get(cp);
    if (known !== undefined) return known;
    const found = this.subsets.find((s) => s.ranges.some(([lo, hi]) => cp >= lo && cp <= hi) && readSubset(s).glyphs.has(cp)) ?? null;
    this.coverage.set(cp, found);
    return found;
  }
}

function readSubset(subset: Subset): SubsetMetrics {
  if (!subset.metrics) {
    const table = metricsOf(subset.file);
    const glyphs: SubsetMetrics["glyphs"] = new Map();
    for (const [cp, id, advance] of table.glyphs) glyphs.set(cp, id === undefined || advance === undefined ? null : { id, advance });
    subset.metrics = { unitsPerEm: table.unitsPerEm, averageWidth: table.averageWidth, glyphs, kerning: PairKerning.from(table.kerning) };
  }
  return subset.metrics;
}

function fontOf(subset: Subset): Fontkit.Font {
  subset.font ??= openFont(readFileSync(subset.file), subset.file);
  return subset.font;
}

function kerningOf(subset: Subset): PairKerning | null {
  return readSubset(subset).kerning;
}

const LAYOUT_FEATURES = { kern: true, liga: false, clig: false, dlig: false, calt: false };

/** The kerned width in em, or undefined when fontkit cannot lay the text out. */
function layoutWidth(font: Fontkit.Font, text: string): number | undefined {
  try {
    return font.layout(text, LAYOUT_FEATURES).advanceWidth / font.unitsPerEm;
  } catch {
    return undefined;
  }
}

/**
 * The subsets a @fontsource style sheet lists, in its order, with their Unicode ranges. The first
 * file of each (WOFF2) is read: fontkit 2.0.4 fails on some empty glyphs of the WOFF files (U+00A0).
 */
export function parseSubsets(css: string, dir: string): Subset[] {
  const subsets: Subset[] = [];
  for (const block of css.split("@font-face").slice(1)) {
    const url = /url\(\.\/(files\/[^)]+?\.woff2?)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;}]+)/.exec(block)?.[1];
    if (url === undefined) continue;
    subsets.push({ file: join(dir, url), ranges: range === undefined ? [[0, 0x10ffff]] : parseRanges(range) });
  }
  return subsets;
}

/** `U+0000-00FF,U+0131,U+4??` → inclusive ranges. */
function parseRanges(text: string): Array<readonly [number, number]> {
  return text.split(",").flatMap((part) => {
    const m = /U\+([0-9A-F?]+)(?:-([0-9A-F]+))?/i.exec(part.trim());
    if (!m?.[1]) return [];
    if (m[1].includes("?")) return [[parseInt(m[1].replaceAll("?", "0"), 16), parseInt(m[1].replaceAll("?", "F"), 16)] as const];
    const lo = parseInt(m[1], 16);
    return [[lo, m[2] === undefined ? lo : parseInt(m[2], 16)] as const];
  });
}
