/**
 * Pair kerning read straight from a font's GPOS table: the lookups of its `kern` feature, pair
 * adjustment (formats 1 and 2, also inside extension lookups). Reading the table is far cheaper
 * than fontkit's full layout engine, which takes ~150 ms to warm up. The tables are fontkit's
 * parsed (untyped) structures, so every step is checked; `PairKerning.of` returns null when the
 * font has no `kern` feature, and `undefined` from `kern` means "could not read": the caller then
 * lays the text out with fontkit instead.
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

/** The coverage index of a glyph, or -1. */
function coverageIndex(coverage: Coverage, glyph: number): number {
  if (coverage.version === 1) {
    let [lo, hi] = [0, (coverage.glyphs?.length ?? 0) - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = at(coverage.glyphs, mid) ?? 0;
      if (g === glyph) return mid;
      if (g < glyph) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  for (const r of all(coverage.rangeRecords)) if (glyph >= r.start && glyph <= r.end) return r.startCoverageIndex + glyph - r.start;
  return -1;
}

function classOf(def: ClassDef | undefined, glyph: number): number {
  if (def === undefined) return 0;
  if (def.version === 1) {
    const i = glyph - (def.startGlyph ?? 0);
    return i >= 0 && i < (def.classValueArray?.length ?? 0) ? (at(def.classValueArray, i) ?? 0) : 0;
  }
  for (const r of all(def.classRangeRecord)) if (glyph >= r.start && glyph <= r.end) return r.class;
  return 0;
}

/** The adjustment one pair subtable gives, or null when it does not apply to the pair. */
function adjust(table: PairPos, left: number, right: number): number | null {
  const index = coverageIndex(table.coverage, left);
  if (index < 0) return null;
  if (table.version === 1) {
    const pair = all(at(table.pairSets, index)).find((p) => p.secondGlyph === right);
    return pair ? (pair.value1?.xAdvance ?? 0) + (pair.value2?.xAdvance ?? 0) : null;
  }
  if (table.version === 2) {
    const record = at(at(table.classRecords, classOf(table.classDef1, left)), classOf(table.classDef2, right));
    return (record?.value1?.xAdvance ?? 0) + (record?.value2?.xAdvance ?? 0);
  }
  throw new Error(`unknown pair adjustment format ${table.version}`);
}

export class PairKerning {
  private readonly cache = new Map<number, number | undefined>();

  private constructor(private readonly lookups: PairPos[][]) {}

  /** The font's pair kerning, or null when it has none. */
  static of(font: Fontkit.Font): PairKerning | null {
    try {
      const gpos = (font as unknown as { GPOS?: Gpos }).GPOS;
      if (!gpos) return null;
      const indexes = [...new Set(all(gpos.featureList).filter((f) => f.tag === "kern").flatMap((f) => all(f.feature.lookupListIndexes)))].sort((a, b) => a - b);
      const lookups = indexes.map((i) => {
        const lookup = at(gpos.lookupList, i);
        if (!lookup) return [];
        return all(lookup.subTables).flatMap((sub) => {
          const table = lookup.lookupType === 9 && "extension" in sub ? sub.extension : sub;
          const type = lookup.lookupType === 9 && "lookupType" in sub ? sub.lookupType : lookup.lookupType;
          return type === 2 && table && "coverage" in table ? [table] : [];
        });
      });
      return lookups.some((l) => l.length > 0) ? new PairKerning(lookups) : null;
    } catch {
      return null;
    }
  }

  /** The kerning between two glyphs in font units (0 for most pairs), or undefined when the table could not be read. */
  kern(left: number, right: number): number | undefined {
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
