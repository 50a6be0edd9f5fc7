/**
 * Pair kerning read straight from a font's GPOS table: the lookups of its `kern` feature, pair
 * adjustment (formats 1 and 2, also inside extension lookups). Reading the table is far cheaper
 * than fontkit's full layout engine, which takes ~150 ms to warm up. fontkit's parsed (untyped)
 * structures are copied once into plain arrays (`readKerning`, which metric tables store: see
 * metrics.ts), so every step is checked; `PairKerning.of` returns null when the font has no
 * `kern` feature, and `undefined` from `kern` means "could not read": the caller then lays the
 * text out with fontkit instead.
 */
import type * as Fontkit from "fontkit";

/** fontkit's lazily parsed arrays, or plain arrays. */
type List<T> = { get(i: number): T; length: number } | T[];

interface Coverage {
  version: number;
  glyphs?: List<number>;
  rangeRecords?: List<{ start: number; end: number; startCoverageIndex: number }>;
}

interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: List<number>;
  classRangeRecord?: List<{ start: number; end: number; class: number }>;
}

interface Value {
  xAdvance?: number;
}

interface PairPos {
  version: number;
  coverage: Coverage;
  pairSets?: List<List<{ secondGlyph: number; value1?: Value; value2?: Value }>>;
  classDef1?: ClassDef;
  classDef2?: ClassDef;
  classRecords?: List<List<{ value1?: Value; value2?: Value }>>;
}

interface Lookup {
  lookupType: number;
  /** An extension lookup (type 9) wraps each subtable, with the wrapped lookup's type. */
  subTables: List<PairPos | { extension?: PairPos; lookupType?: number }>;
}

interface Gpos {
  featureList: List<{ tag: string; feature: { lookupListIndexes: List<number> } }>;
  lookupList: List<Lookup>;
}

const at = <T>(list: List<T> | undefined, i: number): T | undefined => (list === undefined ? undefined : Array.isArray(list) ? list[i] : list.get(i));
const all = <T>(list: List<T> | undefined): T[] => (list === undefined ? [] : Array.from({ length: list.length }, (_, i) => at(list, i) as T));

/**
 * One pair adjustment subtable as plain data (what a metric table stores, metrics.ts): each
 * value is the pair's summed `xAdvance` (first and second glyph), in font units.
 */
export interface KerningTable {
  version: number;
  coverage: { version: number; glyphs?: number[]; ranges?: Array<[start: number, end: number, startCoverageIndex: number]> };
  /** Format 1: per covered first glyph, its [second glyph, adjustment] pairs in the font's order. */
  pairSets?: Array<Array<[second: number, adjustment: number]>>;
  classDef1?: PlainClassDef;
  classDef2?: PlainClassDef;
  /** Format 2: adjustment by class of the first glyph, then class of the second. */
  classRecords?: number[][];
}

interface PlainClassDef {
  version: number;
  startGlyph?: number;
  values?: number[];
  ranges?: Array<[start: number, end: number, cls: number]>;
}

/**
 * A font's pair kerning as plain data: for each lookup of its `kern` feature (in index order),
 * its pair adjustment subtables. Null when the font has none (or its feature list cannot be
 * read); "unreadable" when a subtable could not be read through (then every kerned width is laid
 * out by fontkit, as when one pair could not be read before).
 */
export type Kerning = KerningTable[][] | null | "unreadable";

export function readKerning(font: Fontkit.Font): Kerning {
  let tables: PairPos[][];
  try {
    const gpos = (font as unknown as { GPOS?: Gpos }).GPOS;
    if (!gpos) return null;
    const indexes = [...new Set(all(gpos.featureList).filter((f) => f.tag === "kern").flatMap((f) => all(f.feature.lookupListIndexes)))].sort((a, b) => a - b);
    tables = indexes.map((i) => {
      const lookup = at(gpos.lookupList, i);
      if (!lookup) return [];
      return all(lookup.subTables).flatMap((sub) => {
        const table = lookup.lookupType === 9 && "extension" in sub ? sub.extension : sub;
        const type = lookup.lookupType === 9 && "lookupType" in sub ? sub.lookupType : lookup.lookupType;
        return type === 2 && table && "coverage" in table ? [table] : [];
      });
    });
    if (!tables.some((l) => l.length > 0)) return null;
  } catch {
    return null;
  }
  try {
    return tables.map((subtables) => subtables.map(plainTable));
  } catch {
    return "unreadable";
  }
}

const sum = (v: { value1?: Value; value2?: Value } | undefined): number => (v?.value1?.xAdvance ?? 0) + (v?.value2?.xAdvance ?? 0);

function plainTable(table: PairPos): KerningTable {
  const c = table.coverage;
  const plain: KerningTable = { version: table.version, coverage: { version: c.version } };
  if (c.glyphs !== undefined) plain.coverage.glyphs = all(c.glyphs);
  if (c.rangeRecords !== undefined) plain.coverage.ranges = all(c.rangeRecords).map((r) => [r.start, r.end, r.startCoverageIndex]);
  if (table.pairSets !== undefined) plain.pairSets = all(table.pairSets).map((set) => all(set).map((p) => [p.secondGlyph, sum(p)]));
  if (table.classDef1 !== undefined) plain.classDef1 = plainClassDef(table.classDef1);
  if (table.classDef2 !== undefined) plain.classDef2 = plainClassDef(table.classDef2);
  if (table.classRecords !== undefined) plain.classRecords = all(table.classRecords).map((row) => all(row).map(sum));
  return plain;
}

function plainClassDef(def: ClassDef): PlainClassDef {
  const plain: PlainClassDef = { version: def.version };
  if (def.startGlyph !== undefined) plain.startGlyph = def.startGlyph;
  if (def.classValueArray !== undefined) plain.values = all(def.classValueArray);
  if (def.classRangeRecord !== undefined) plain.ranges = all(def.classRangeRecord).map((r) => [r.start, r.end, r.class]);
  return plain;
}

/** The coverage index of a glyph, or -1. */
function coverageIndex(coverage: KerningTable["coverage"], glyph: number): number {
  if (coverage.version === 1) {
    const glyphs = coverage.glyphs ?? [];
    let [lo, hi] = [0, glyphs.length - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = glyphs[mid] ?? 0;
      if (g === glyph) return mid;
      if (g < glyph) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  for (const [start, end, index] of coverage.ranges ?? []) if (glyph >= start && glyph <= end) return index + glyph - start;
  return -1;
}

function classOf(def: PlainClassDef | undefined, glyph: number): number {
  if (def === undefined) return 0;
  if (def.version === 1) {
    const i = glyph - (def.startGlyph ?? 0);
    return i >= 0 && i < (def.values?.length ?? 0) ? (def.values?.[i] ?? 0) : 0;
  }
  for (const [start, end, cls] of def.ranges ?? []) if (glyph >= start && glyph <= end) return cls;
  return 0;
}

/** The adjustment one pair subtable gives, or null when it does not apply to the pair. */
function adjust(table: KerningTable, left: number, right: number): number | null {
  const index = coverageIndex(table.coverage, left);
  if (index < 0) return null;
  if (table.version === 1) {
    const pair = (table.pairSets?.[index] ?? []).find((p) => p[0] === right);
    return pair ? pair[1] : null;
  }
  if (table.version === 2) return table.classRecords?.[classOf(table.classDef1, left)]?.[classOf(table.classDef2, right)] ?? 0;
  throw new Error(`unknown pair adjustment format ${table.version}`);
}

export class PairKerning {
  private readonly cache = new Map<number, number | undefined>();

  private constructor(private readonly lookups: KerningTable[][] | null) {}

  /** The font's pair kerning, or null when it has none. */
  static of(font: Fontkit.Font): PairKerning | null {
    return PairKerning.from(readKerning(font));
  }

  /** Pair kerning from its plain tables (readKerning, or a metric table), or null when there is none. */
  static from(kerning: Kerning): PairKerning | null {
    if (kerning === null) return null;
    return new PairKerning(kerning === "unreadable" ? null : kerning);
  }

  /** The kerning between two glyphs in font units (0 for most pairs), or undefined when the table could not be read. */
  kern(left: number, right: number): number | undefined {
    if (this.lookups === null) return undefined;
    const key = left * 0x10000 + right;
    if (this.cache.has(key)) return this.cache.get(key);
    let total: number | undefined = 0;
    try {
      for (const subtables of this.lookups) {
        for (const table of subtables) {
          const value = adjust(table, left, right);
          if (value !== null) {
            total += value;
            break;
          }
        }
      }
    } catch {
      total = undefined;
    }
    this.cache.set(key, total);
    return total;
  }
}
