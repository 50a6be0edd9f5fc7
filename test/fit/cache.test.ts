/**
 * The caches a `build --watch` session keeps for the build's own stages (src/parse/cache.ts,
 * src/fit/cache.ts): a rebuild with them gives the bytes and the diagnostics of a build without
 * them, and parses, renders and fits again only what changed.
 */
import { describe, expect, it } from "vitest";
import { FitCache } from "../../src/fit/cache.js";
import { OutlineCache } from "../../src/parse/cache.js";
import { compile, type CompileOptions } from "../../src/pipeline.js";
import { FIXED_DATE } from "../support/fixtures.js";

const FILE = "/tmp/deckwright-cache-test/deck.md";
// A slide that shrinks (a warning), one that continues (a warning and a "(cont.)" slide), a link to a slide, notes.
const long = Array.from({ length: 30 }, (_, i) => `- Point ${i + 1} of a list too long for one slide, with words to wrap around`).join("\n");
const DECK = `---\ntitle: Cache\n---\n\n## One\n\n- a\n- b [to three](#three)\n\n## Two\n\n${long}\n\n## Three\n\n- c\n\n::: notes\nSay c.\n:::\n`;

const same = (a: Awaited<ReturnType<typeof compile>>, b: Awaited<ReturnType<typeof compile>>) => {
  expect(a.diagnostics).toEqual(b.diagnostics);
  expect(Buffer.from(a.pptx ?? []).equals(Buffer.from(b.pptx ?? []))).toBe(true);
};

describe("OutlineCache and FitCache", () => {
  it("give the bytes and diagnostics of a build without them, before and after an edit", async () => {
    const caches: Pick<CompileOptions, "outlines" | "fits"> = { outlines: new OutlineCache(), fits: new FitCache() };
    const cold = await compile(DECK, FILE, { modified: FIXED_DATE });
    expect(cold.diagnostics.map((d) => d.id)).toContain("text-continued");
    same(await compile(DECK, FILE, { modified: FIXED_DATE, ...caches }), cold);
    same(await compile(DECK, FILE, { modified: FIXED_DATE, ...caches }), cold);
    for (const edited of [DECK.replace("- c", "- c, edited"), DECK.replace("## One\n", "## One\n\nA line that moves every later slide.\n"), DECK.replace("title: Cache", "title: Other")]) {
      same(await compile(edited, FILE, { modified: FIXED_DATE, ...caches }), await compile(edited, FILE, { modified: FIXED_DATE }));
    }
  });

  it("parses an unchanged Markdown once and renders only the slides that changed", async () => {
    const outlines = new OutlineCache();
    const fits = new FitCache();
    const first = await compile(DECK, FILE, { modified: FIXED_DATE, outlines, fits });
    const fitted = fits.misses;
    // The title slide, One, Two (continued: its pieces are fitted too), Three.
    expect(fitted).toBeGreaterThan(4);
    expect(first.slides.length).toBeGreaterThan(4);
    await compile(DECK, FILE, { modified: FIXED_DATE, outlines, fits });
    expect([outlines.misses, outlines.hits]).toEqual([1, 1]);
    expect([fits.misses, fits.hits]).toEqual([fitted, fitted]);
    await compile(DECK.replace("- c", "- c, edited"), FILE, { modified: FIXED_DATE, outlines, fits });
    expect(outlines.misses).toBe(2);
    expect(fits.misses).toBe(fitted + 1);
  });

  it("fits every slide again with another theme, and keeps each deck's slides apart", async () => {
    const fits = new FitCache();
    await compile(DECK, FILE, { modified: FIXED_DATE, fits });
    const fitted = fits.misses;
    await compile(DECK, FILE, { modified: FIXED_DATE, fits, theme: "nocturne" });
    expect(fits.hits).toBe(0);
    await compile(DECK, "/tmp/deckwright-cache-test/other.md", { modified: FIXED_DATE, fits });
    expect(fits.hits).toBe(0);
    // Another deck's build (a watch session of two files) did not drop the first deck's slides.
    await compile(DECK, FILE, { modified: FIXED_DATE, fits });
    expect(fits.hits).toBe(fitted);
  });
});
