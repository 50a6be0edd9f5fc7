/**
 * PNG fallbacks drawn once (src/images/rasterize.ts FallbackCache, used by src/pipeline.ts): an
 * SVG shown on many slides is drawn once per pixel size, a cache the caller keeps across builds
 * (as `build --watch` does) draws nothing again, and the deck's bytes are those of drawing every use.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import { FallbackCache, svgToPng, type SvgRasterizer } from "../../src/images/rasterize.js";
import { readZip } from "../../src/write/zip.js";
import { REPO_ROOT } from "../support/fixtures.js";

const FIXED = new Date("2024-01-02T03:04:05Z");
const dir = mkdtempSync(join(tmpdir(), "deckwright-fallbacks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A draw.io export (an SVG nested in an SVG): the kind of picture whose fallbacks cost most.
copyFileSync(join(REPO_ROOT, "test/fixtures/corpus/assets/drawio-nested.svg"), join(dir, "diagram.svg"));
const deckFile = join(dir, "deck.md");

/** The same diagram alone on each of `n` slides (shown full width). */
const repeated = (n: number) => Array.from({ length: n }, (_, i) => `## Slide ${i + 1}\n\n![The flow](diagram.svg)\n`).join("\n");
/** The diagram beside a list: shown about half as wide. */
const beside = "## Beside\n\n- one\n- two\n\n![The flow](diagram.svg)\n";

/** svgToPng, counting its calls and the widths asked for. */
function counting(): { rasterize: SvgRasterizer; widths: (number | undefined)[] } {
  const widths: (number | undefined)[] = [];
  return {
    widths,
    rasterize: (svg, shownWidth) => {
      widths.push(shownWidth);
      return svgToPng(svg, shownWidth);
    },
  };
}

const pngFallbacks = (pptx: Uint8Array | null) => readZip(pptx ?? new Uint8Array()).filter((e) => /^ppt\/media\/.+\.png$/.test(e.name));

describe("SVG fallbacks drawn once", () => {
  it("draws an SVG shown on 20 slides once, into the same bytes as drawing each use", async () => {
    const counter = counting();
    const cached = new FallbackCache({ rasterize: counter.rasterize });
    const once = await compile(repeated(20), deckFile, { modified: FIXED, fallbacks: cached });
    expect(once.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // The deck writes a picture's media once (src/write/deck.ts), so its fallback is asked for once.
    expect(counter.widths).toHaveLength(1);
    expect(cached.draws).toBe(1);
    expect(cached.hits).toBe(0);

    // The fallback is what drawing one use alone at its shown size gives (as deckwright did before);
    // the 20 uses share it, as they share the SVG.
    const fallbacks = pngFallbacks(once.pptx);
    expect(fallbacks).toHaveLength(1);
    const shown = once.slides[0]?.elements.find((e) => e.type === "image")?.box.w;
    expect(shown).toBeGreaterThan(1);
    const direct = svgToPng(new Uint8Array(readZip(once.pptx ?? new Uint8Array()).find((e) => e.name.endsWith(".svg"))?.data ?? []), shown);
    for (const fallback of fallbacks) expect(Buffer.from(fallback.data).equals(Buffer.from(direct))).toBe(true);
    // Without a cache passed, compile makes its own: the same bytes.
    const own = await compile(repeated(20), deckFile, { modified: FIXED });
    expect(Buffer.from(own.pptx ?? []).equals(Buffer.from(once.pptx ?? []))).toBe(true);
  });

  it("gives the bytes of a cache that keeps nothing (every fallback drawn)", async () => {
    const everyUse = counting();
    const each = await compile(repeated(3) + beside, deckFile, { modified: FIXED, fallbacks: new FallbackCache({ maxBytes: 0, rasterize: everyUse.rasterize }) });
    expect(everyUse.widths).toHaveLength(1);
    const cached = await compile(repeated(3) + beside, deckFile, { modified: FIXED, fallbacks: new FallbackCache() });
    expect(Buffer.from(cached.pptx ?? []).equals(Buffer.from(each.pptx ?? []))).toBe(true);
  });

  it("keeps fallbacks across rebuilds, and draws a new shown size separately", async () => {
    const counter = counting();
    const fallbacks = new FallbackCache({ rasterize: counter.rasterize });
    await compile(repeated(3), deckFile, { modified: FIXED, fallbacks });
    expect(fallbacks.draws).toBe(1);
    await compile(repeated(3), deckFile, { modified: FIXED, fallbacks }); // a --watch rebuild, nothing changed
    expect(fallbacks.draws).toBe(1);
    const narrow = await compile(beside, deckFile, { modified: FIXED, fallbacks });
    expect(fallbacks.draws).toBe(2);
    const [wide, half] = counter.widths;
    expect(half).toBeLessThan((wide ?? 0) * 0.75);
    // The narrower fallback is drawn at its own size: fewer pixels, its own bytes.
    const [fallback] = pngFallbacks(narrow.pptx);
    expect(fallback && Buffer.from(fallback.data).readUInt32BE(16)).toBe(Math.floor((half ?? 0) * 192));
  });
});

describe("FallbackCache", () => {
  const svg = (width: number) => new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="50"><rect width="10" height="10"/></svg>`);
  /** Stands in for svgToPng: `bytes` bytes, numbered by call. */
  const fake = (bytes: number) => {
    let calls = 0;
    return { rasterize: () => new Uint8Array(bytes).fill(++calls), calls: () => calls };
  };

  it("keys by content and pixel size: widths that come to the same pixels share a drawing", () => {
    const drawer = fake(10);
    const cache = new FallbackCache({ rasterize: drawer.rasterize });
    cache.fallback(svg(100), 2);
    cache.fallback(svg(100), 2.001); // 384.19 pixels: the same 384
    expect(drawer.calls()).toBe(1);
    cache.fallback(svg(100), 3);
    cache.fallback(svg(101), 2);
    cache.fallback(svg(100)); // no size known: twice its own width, at least 1,280 pixels
    expect(drawer.calls()).toBe(4);
    expect(cache.hits).toBe(1);
  });

  it("stays within its byte budget, the least recently used out, and keeps nothing larger than the budget", () => {
    const drawer = fake(40);
    const cache = new FallbackCache({ maxBytes: 100, rasterize: drawer.rasterize });
    const a = cache.fallback(svg(100), 1);
    cache.fallback(svg(100), 2);
    expect(cache.fallback(svg(100), 1)).toBe(a); // a is now the most recent
    cache.fallback(svg(100), 3); // 120 bytes: the size-2 drawing goes
    expect(cache.bytes).toBe(80);
    expect(cache.fallback(svg(100), 1)).toBe(a);
    cache.fallback(svg(100), 2);
    expect(drawer.calls()).toBe(4);

    const big = new FallbackCache({ maxBytes: 30, rasterize: fake(40).rasterize });
    big.fallback(svg(100), 1);
    big.fallback(svg(100), 1);
    expect([big.draws, big.bytes]).toEqual([2, 0]);
  });
});
