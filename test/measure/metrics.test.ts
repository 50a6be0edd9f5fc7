/**
 * Metric tables (src/measure/metrics.ts): a cached table is what a fresh decode of the font file
 * gives, node's Brotli decodes what fontkit's own decoder does, and a cache that is missing,
 * corrupt, of another format or unwritable is never trusted.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseSubsets } from "../../src/measure/faces.js";
import { decodeMetrics, metricsCacheDir, metricsKey, metricsOf, openFont } from "../../src/measure/metrics.js";

const require = createRequire(import.meta.url);
const PACKAGES = ["carlito", "arimo", "tinos", "caladea", "cousine", "gelasio"];
const STYLES = ["400", "700", "400-italic", "700-italic"];

/** Every subset file the stand-ins' style sheets list. */
function subsetFiles(): string[] {
  const files = new Set<string>();
  for (const pkg of PACKAGES) {
    for (const style of STYLES) {
      const css = require.resolve(`@fontsource/${pkg}/${style}.css`);
      for (const subset of parseSubsets(readFileSync(css, "utf8"), dirname(css))) files.add(subset.file);
    }
  }
  return [...files].sort();
}

const saved = process.env.DECKWRIGHT_CACHE_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.DECKWRIGHT_CACHE_DIR;
  else process.env.DECKWRIGHT_CACHE_DIR = saved;
});

describe("metric tables", () => {
  const files = subsetFiles();

  it("lists the subsets of all six stand-ins", () => {
    expect(files.length).toBeGreaterThan(6 * 4);
  });

  it("gives from the cache exactly what a fresh decode of each font file gives", () => {
    // The cache a build uses (node_modules/.cache unless DECKWRIGHT_CACHE_DIR says otherwise).
    for (const file of files) {
      const cached = metricsOf(file);
      const fresh = decodeMetrics(readFileSync(file), file);
      expect(cached, file).toEqual(fresh);
      expect(fresh.glyphs.length, file).toBeGreaterThan(0);
      // Every kerning table of the shipped fonts is read through: none falls back to fontkit's layout.
      expect(fresh.kerning, file).not.toBe("unreadable");
    }
  }, 120_000);

  it("decodes WOFF2 with node's Brotli to the same tables as fontkit's own decoder", () => {
    const latin = files.filter((f) => /-latin-\d+-(normal|italic)\.woff2$/.test(f));
    expect(latin.length).toBe(PACKAGES.length * STYLES.length);
    for (const file of latin) {
      const bytes = readFileSync(file);
      // The native path is taken (fontkit's WOFF2 inflation replaced on this font), not skipped.
      expect(Object.hasOwn(openFont(bytes, file, true), "_decompress"), file).toBe(true);
      expect(decodeMetrics(bytes, file, true), file).toEqual(decodeMetrics(bytes, file, false));
    }
  }, 120_000);

  it("names a table by the font file's bytes", () => {
    const [a, b] = files;
    if (a === undefined || b === undefined) throw new Error("no fonts");
    expect(metricsKey(readFileSync(a))).toBe(metricsKey(readFileSync(a)));
    expect(metricsKey(readFileSync(a))).not.toBe(metricsKey(readFileSync(b)));
  });

  it("writes a table on first use and ignores a corrupt or outdated one", () => {
    const dir = mkdtempSync(join(tmpdir(), "deckwright-metrics-"));
    try {
      process.env.DECKWRIGHT_CACHE_DIR = dir;
      const file = files.find((f) => f.includes("carlito-latin-400-normal")) ?? "";
      const bytes = readFileSync(file);
      const fresh = decodeMetrics(bytes, file);
      const path = join(metricsCacheDir() ?? "", `${metricsKey(bytes)}.json`);
      expect(metricsOf(file)).toEqual(fresh);
      expect(readdirSync(dirname(path))).toEqual([`${metricsKey(bytes)}.json`]);
      expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(fresh);

      writeFileSync(path, "{ not json");
      expect(metricsOf(file)).toEqual(fresh);
      writeFileSync(path, JSON.stringify({ ...fresh, format: fresh.format + 1, unitsPerEm: 1 }));
      expect(metricsOf(file)).toEqual(fresh);
      writeFileSync(path, JSON.stringify({ ...fresh, glyphs: [["A", 1, 2]] }));
      expect(metricsOf(file)).toEqual(fresh);
      // What was decoded again was written again.
      expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(fresh);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("measures when the cache cannot be written, or is turned off", () => {
    const dir = mkdtempSync(join(tmpdir(), "deckwright-metrics-"));
    try {
      const file = files[0] ?? "";
      const fresh = decodeMetrics(readFileSync(file), file);
      // A file where the cache directory would be: nothing can be written under it.
      writeFileSync(join(dir, "blocked"), "");
      process.env.DECKWRIGHT_CACHE_DIR = join(dir, "blocked");
      expect(metricsOf(file)).toEqual(fresh);
      process.env.DECKWRIGHT_CACHE_DIR = "";
      expect(metricsCacheDir()).toBeNull();
      expect(metricsOf(file)).toEqual(fresh);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
