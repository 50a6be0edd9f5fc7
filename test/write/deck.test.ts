/**
 * The package model (src/write/deck.ts): slides, notes and pictures put into the skeleton
 * pptxgenjs writes; a SkeletonCache kept across builds (as `build --watch` keeps one) gives the
 * same bytes as building without it, and makes a skeleton again only when what it is made from
 * changes.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import { SkeletonCache } from "../../src/write/deck.js";
import { DeflateCache, readZip } from "../../src/write/zip.js";
import { FIXED_DATE } from "../support/fixtures.js";

const DECK = "---\ntitle: Cache\n---\n\n## One\n\n- a\n- b\n\n## Two\n\n- c\n\n::: notes\nSay c.\n:::\n";
const parts = (bytes: Uint8Array | null) => readZip(bytes ?? new Uint8Array()).map((e) => e.name);

describe("writeDeck", () => {
  it("puts each slide, its relationships and its notes after the skeleton's parts; no notes slide for a slide without notes", async () => {
    const { pptx } = await compile(DECK, "/tmp/deckwright-deck-test/deck.md", { modified: FIXED_DATE });
    const names = parts(pptx);
    expect(names[0]).toBe("[Content_Types].xml");
    const firstSlide = names.indexOf("ppt/slides/slide1.xml");
    // The title slide, "One", and "Two" with its notes.
    expect(names.slice(firstSlide)).toEqual([
      "ppt/slides/slide1.xml",
      "ppt/slides/_rels/slide1.xml.rels",
      "ppt/slides/slide2.xml",
      "ppt/slides/_rels/slide2.xml.rels",
      "ppt/slides/slide3.xml",
      "ppt/slides/_rels/slide3.xml.rels",
      "ppt/notesSlides/notesSlide3.xml",
      "ppt/notesSlides/_rels/notesSlide3.xml.rels",
    ]);
  });

  it("leaves the notes master out of a deck without notes, and nothing names it", async () => {
    const { pptx } = await compile(DECK.replace(/::: notes[\s\S]*?:::\n/, ""), "/tmp/deckwright-deck-test/deck.md", { modified: FIXED_DATE });
    const entries = readZip(pptx ?? new Uint8Array());
    expect(entries.map((e) => e.name).filter((n) => n.includes("notes"))).toEqual([]);
    for (const entry of entries.filter((e) => /\.(xml|rels)$/.test(e.name))) expect(new TextDecoder().decode(entry.data), entry.name).not.toMatch(/notesMaster/);
    const withNotes = await compile(DECK, "/tmp/deckwright-deck-test/deck.md", { modified: FIXED_DATE });
    expect(parts(withNotes.pptx)).toContain("ppt/notesMasters/notesMaster1.xml");
  });
});

describe("SkeletonCache", () => {
  it("gives the bytes of a build without it, and makes the skeleton once for an unchanged deck", async () => {
    const skeletons = new SkeletonCache();
    const file = "/tmp/deckwright-deck-test/deck.md";
    const plain = await compile(DECK, file, { modified: FIXED_DATE });
    const first = await compile(DECK, file, { modified: FIXED_DATE, skeletons });
    const edited = await compile(DECK.replace("- c", "- c, edited"), file, { modified: FIXED_DATE, skeletons });
    expect([skeletons.misses, skeletons.hits]).toEqual([1, 1]);
    expect(Buffer.from(first.pptx ?? []).equals(Buffer.from(plain.pptx ?? []))).toBe(true);
    const fresh = await compile(DECK.replace("- c", "- c, edited"), file, { modified: FIXED_DATE });
    expect(Buffer.from(edited.pptx ?? []).equals(Buffer.from(fresh.pptx ?? []))).toBe(true);
  });

  it("makes a skeleton again when its layouts, metadata, theme or time change", async () => {
    const skeletons = new SkeletonCache();
    const file = "/tmp/deckwright-deck-test/deck.md";
    await compile(DECK, file, { modified: FIXED_DATE, skeletons });
    const changes = [
      () => compile(DECK.replace("title: Cache", "title: Other"), file, { modified: FIXED_DATE, skeletons }),
      () => compile(`${DECK}\n## Three\n\n| a | b |\n|---|---|\n| 1 | 2 |\n`, file, { modified: FIXED_DATE, skeletons }),
      () => compile(DECK, file, { modified: new Date(FIXED_DATE.getTime() + 1000), skeletons }),
      () => compile(DECK, file, { modified: FIXED_DATE, skeletons, theme: "nocturne" }),
    ];
    for (const change of changes) {
      const before = skeletons.misses;
      const { pptx } = await change();
      expect(skeletons.misses).toBe(before + 1);
      expect(pptx).not.toBeNull();
    }
    // And what it holds is still found: the first deck again.
    await compile(DECK, file, { modified: FIXED_DATE, skeletons });
    expect(skeletons.hits).toBe(1);
  });
});

describe("DeflateCache", () => {
  it("gives the bytes of a build without it, and deflates again only the parts that changed", async () => {
    const skeletons = new SkeletonCache();
    const deflated = new DeflateCache();
    const file = "/tmp/deckwright-deck-test/deck.md";
    const first = await compile(DECK, file, { modified: FIXED_DATE, skeletons, deflated });
    const parts = readZip(first.pptx ?? new Uint8Array()).length;
    expect([deflated.misses, deflated.hits]).toEqual([parts, 0]);
    const again = await compile(DECK, file, { modified: FIXED_DATE, skeletons, deflated });
    expect([deflated.misses, deflated.hits]).toEqual([parts, parts]);
    expect(Buffer.from(again.pptx ?? []).equals(Buffer.from(first.pptx ?? []))).toBe(true);
    // One bullet of slide 3 edited: that slide's part is deflated again, nothing else.
    const edited = await compile(DECK.replace("- c", "- c, edited"), file, { modified: FIXED_DATE, skeletons, deflated });
    expect([deflated.misses, deflated.hits]).toEqual([parts + 1, 2 * parts - 1]);
    const fresh = await compile(DECK.replace("- c", "- c, edited"), file, { modified: FIXED_DATE });
    expect(Buffer.from(edited.pptx ?? []).equals(Buffer.from(fresh.pptx ?? []))).toBe(true);
  });

  it("holds the most recently used text up to its limit", () => {
    const cache = new DeflateCache(10);
    const a = "aaaaaa";
    cache.get("a.xml", a);
    cache.get("b.xml", "bbbbbb");
    // 12 characters are more than 10: the least recently used ("a") went.
    cache.get("a.xml", a);
    expect([cache.misses, cache.hits]).toEqual([3, 0]);
    cache.get("a.xml", a);
    expect(cache.hits).toBe(1);
    // The same text under another name is the same entry: the name is not part of what is stored.
    const one = cache.get("x.xml", "zzzzzz");
    expect(cache.get("y.xml", "zzzzzz")).toBe(one);
  });
});
