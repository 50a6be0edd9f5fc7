/**
 * The write stage end to end: the example deck compiled with compile() and read back as a
 * projection (test/support/projection.ts), checked for structure, schema validity and
 * byte-for-byte determinism.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDate } from "../../src/build.js";
import { compile } from "../../src/pipeline.js";
import { checkPackage } from "../../src/validate/structure.js";
import { readZip } from "../../src/write/zip.js";
import { projectPptx, type DeckProjection, type ShapeProjection } from "../support/projection.js";
import { schemaForPart, xsdSkipReason, xsdValidate } from "../support/xsd.js";
import { centralDirectory, partText } from "../support/zipInspect.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXAMPLE = resolve(REPO, "content", "openai-microsoft-partnership.md");
const MODIFIED = new Date("2024-05-01T12:00:00Z");

/** Compiles Markdown that must have no errors; returns the .pptx bytes. */
async function build(markdown: string, modified: Date = MODIFIED, file = EXAMPLE): Promise<Uint8Array> {
  const result = await compile(markdown, file, { modified });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  if (result.pptx === null) throw new Error("no .pptx was written");
  return result.pptx;
}

const textOf = (shape: ShapeProjection): string => (shape.paragraphs ?? []).map((p) => p.text).join("\n");
const allText = (shapes: readonly ShapeProjection[]): string[] => shapes.map(textOf);

let example: Uint8Array;
let deck: DeckProjection;

beforeAll(async () => {
  example = await build(readFileSync(EXAMPLE, "utf8"));
  deck = projectPptx(example);
});

describe("the example deck", () => {
  it("matches the projection snapshot (layouts, shapes, positions, text, notes)", async () => {
    await expect(`${JSON.stringify(deck, null, 2)}\n`).toMatchFileSnapshot("__snapshots__/openai-microsoft-partnership.pptx.json");
  });

  it("puts every slide title, and only it, in the slide's one title placeholder", () => {
    const titles = deck.slides.map((slide) => {
      const placeholders = slide.shapes.filter((s) => s.placeholder === "title");
      expect(placeholders).toHaveLength(1);
      return textOf(placeholders[0] as ShapeProjection);
    });
    expect(titles).toEqual([
      "Microsoft and OpenAI: partners or competitors?",
      "Agenda",
      "Where things stand",
      "The Altman–Nadella talks",
      "Microsoft's stake: over $13 billion",
      "Pulling apart",
      "OpenAI's push for independence",
      "Microsoft's hedges",
      "The enterprise rivalry",
      "What each side holds and wants",
      "The open questions",
      "Partners or competitors?",
      "Takeaways",
      "Questions and discussion",
    ]);
  });

  it("gives every content slide its speaker notes (title and section slides have none in the source)", () => {
    const content = deck.slides.filter((s) => s.layout !== "Title" && s.layout !== "Section");
    expect(content.length).toBe(11);
    for (const slide of content) expect(slide.notes.trim()).not.toBe("");
    expect(deck.slides.find((s) => s.layout === "Table")?.notes).toMatch(/^The whole negotiation on one slide\./);
  });

  it("keeps decoration shared by a layout kind on the layout, not repeated on its slides", () => {
    const footer = "Microsoft & OpenAI · the partnership talks";
    const bullets = deck.layouts.find((l) => l.name === "Bullets");
    expect(allText(bullets?.shapes ?? [])).toContain(footer);
    const bulletSlides = deck.slides.filter((s) => s.layout === "Bullets");
    expect(bulletSlides.length).toBeGreaterThan(1);
    for (const slide of bulletSlides) expect(allText(slide.shapes)).not.toContain(footer);
  });

  it("writes the table as a native table with one grid column per cell", () => {
    const table = deck.slides.flatMap((s) => s.shapes).find((s) => s.kind === "table")?.table;
    expect(table?.columns).toBe(3);
    expect(table?.rows.map((r) => r.length)).toEqual([3, 3, 3, 3, 3]);
    expect(table?.rows[1]?.[0]).toBe("Holds");
  });
});

describe("hyperlinks", () => {
  const markdown = [
    "---\ntitle: Links\n---\n",
    "## Links\n",
    "- See [the docs](https://example.com/docs)",
    "- A query [with two parameters](https://example.com/a?b=1&c=2)\n",
    "## In a table\n",
    "| Name | Where |\n|---|---|\n| Docs | [site](https://example.com/t?x=1&y=2) |\n",
  ].join("\n");

  it("are clickable: each linked run resolves to its external URL, `&` intact", async () => {
    const projection = projectPptx(await build(markdown));
    const [links, table] = projection.slides.slice(1);
    expect(links?.shapes.flatMap((s) => s.paragraphs ?? []).flatMap((p) => p.links ?? [])).toEqual([
      "https://example.com/docs",
      "https://example.com/a?b=1&c=2",
    ]);
    expect(table?.shapes.find((s) => s.kind === "table")?.table?.links).toEqual(["https://example.com/t?x=1&y=2"]);
  });

  // Known src bug (parse/inline.ts): link destinations keep HTML entities (`&amp;` stays
  // literal), while CommonMark decodes them. Remove `.fails` when fixed.
  it("decodes character references in a link destination (`&amp;` → `&`)", async () => {
    const projection = projectPptx(await build("## L\n\n- [x](https://example.com/?a=1&amp;b=2)\n"));
    expect(projection.slides[0]?.shapes.flatMap((s) => s.paragraphs ?? []).flatMap((p) => p.links ?? [])).toEqual([
      "https://example.com/?a=1&b=2",
    ]);
  });
});

describe("a valid package", () => {
  it("passes the structural checks: well-formed parts, relationships, content types, characters", () => {
    expect(checkPackage(example)).toEqual([]);
  });

  it("stays valid when the source holds characters XML forbids", async () => {
    const pptx = await build("---\ntitle: \"T\u0001\"\n---\n\n## Bad \u000b title\n\n- one \u0000 two \uffff\n\n::: notes\nnote \u0008\n:::\n");
    expect(checkPackage(pptx)).toEqual([]);
    expect(projectPptx(pptx).slides[1]?.shapes.map(textOf)).toContain("Bad \ufffd title");
  });

  const xsdReason = xsdSkipReason();
  if (xsdReason !== undefined) console.warn(xsdReason);
  it.skipIf(xsdReason !== undefined)("validates against the ECMA-376 schemas (presentation, slides, layouts, masters, …)", async () => {
    const validated = readZip(example).map((e) => e.name).filter((name) => schemaForPart(name) !== undefined);
    for (const kind of [/^ppt\/presentation\.xml$/, /^ppt\/slides\//, /^ppt\/slideLayouts\//, /^ppt\/slideMasters\//, /^ppt\/notesSlides\//]) {
      expect(validated.some((name) => kind.test(name))).toBe(true);
    }
    expect(await xsdValidate(example)).toEqual([]);
  });

  it("DEFLATE-compresses every entry except media", () => {
    const records = centralDirectory(example);
    expect(records.length).toBeGreaterThan(50);
    for (const record of records.filter((r) => !r.name.startsWith("ppt/media/"))) expect([record.name, record.method]).toEqual([record.name, 8]);
  });
});

describe("determinism", () => {
  it("gives byte-identical files for the same input and date", async () => {
    const again = await build(readFileSync(EXAMPLE, "utf8"));
    expect(Buffer.from(again).equals(Buffer.from(example))).toBe(true);
  });

  it("lets the date change only docProps/core.xml and the zip entry times", async () => {
    const later = await build(readFileSync(EXAMPLE, "utf8"), new Date("2030-02-03T04:05:06Z"));
    expect(Buffer.from(later).equals(Buffer.from(example))).toBe(false);
    const before = new Map(readZip(example).map((e) => [e.name, Buffer.from(e.data)]));
    const after = readZip(later);
    expect(after.map((e) => e.name)).toEqual([...before.keys()]);
    const changed = after.filter((e) => !before.get(e.name)?.equals(e.data)).map((e) => e.name);
    expect(changed).toEqual(["docProps/core.xml"]);
    expect(partText(later, "docProps/core.xml")).toContain(">2030-02-03T04:05:06Z<");

    const strip = (r: ReturnType<typeof centralDirectory>[number]) =>
      r.name === "docProps/core.xml" ? { name: r.name, method: r.method } : { ...r, time: 0, date: 0, localOffset: 0 };
    expect(centralDirectory(later).map(strip)).toEqual(centralDirectory(example).map(strip));
    expect(centralDirectory(later).every((r) => r.date !== centralDirectory(example)[0]?.date)).toBe(true);
  });
});

describe("buildDate (SOURCE_DATE_EPOCH)", () => {
  const DEFAULT = "1980-01-01T00:00:00.000Z";

  it("uses SOURCE_DATE_EPOCH seconds when set", () => {
    expect(buildDate({ SOURCE_DATE_EPOCH: "1700000000" }).toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(buildDate({ SOURCE_DATE_EPOCH: " 0 " }).toISOString()).toBe("1970-01-01T00:00:00.000Z");
  });

  it("defaults to 1980-01-01 when unset", () => {
    expect(buildDate({}).toISOString()).toBe(DEFAULT);
  });

  it.each(["", "yesterday", "-1", "1.5", "1e9", "0x10"])("ignores the malformed value %j", (value) => {
    expect(buildDate({ SOURCE_DATE_EPOCH: value }).toISOString()).toBe(DEFAULT);
  });

  it("is what core.xml records", async () => {
    const pptx = await build("## One\n\n- a\n", buildDate({ SOURCE_DATE_EPOCH: "1700000000" }));
    expect(partText(pptx, "docProps/core.xml")).toContain(">2023-11-14T22:13:20Z</dcterms:modified>");
  });
});
