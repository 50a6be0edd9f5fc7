/**
 * Builds one click at a time, end to end: a deck with `::: incremental` and one with pauses and
 * a table build into slides whose `p:timing` is valid against the ECMA-376 schemas, and
 * LibreOffice imports the builds: converted to .odp, each slide has one on-click entrance per
 * item (or per pause), aimed at the right paragraphs and shapes. The LibreOffice part is skipped,
 * with the reason printed, where `soffice` is not on PATH (CI installs it).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import { readZip } from "../../src/write/zip.js";
import { REPO_ROOT } from "../support/fixtures.js";
import { convertDecks, onPath } from "../support/office.js";
import { xsdSkipReason, xsdValidate } from "../support/xsd.js";

const MODIFIED = new Date("2024-05-01T12:00:00Z");

const DECKS = {
  incremental: "## Plan\n\nWhat we do:\n\n::: incremental\n- Measure first\n- Then cut\n- Then ship\n:::\n\n::: notes\nSay each step.\n:::\n",
  pause: "## Numbers\n\nBefore the pause\n\n. . .\n\nAfter the pause\n\n| Team | Wants |\n|------|-------|\n| Sales | Leads |\n\n. . .\n\n- Last point\n",
} as const;
type DeckName = keyof typeof DECKS;

const decks = new Map<DeckName, Uint8Array>();

beforeAll(async () => {
  for (const [name, markdown] of Object.entries(DECKS) as [DeckName, string][]) {
    const result = await compile(markdown, `${name}.md`, { modified: MODIFIED });
    expect(result.diagnostics).toEqual([]);
    if (!result.pptx) throw new Error(`no deck for ${name}`);
    decks.set(name, result.pptx);
  }
});

const deck = (name: DeckName): Uint8Array => decks.get(name) ?? new Uint8Array();
const part = (bytes: Uint8Array, name: string): string => new TextDecoder().decode(readZip(bytes).find((e) => e.name === name)?.data ?? new Uint8Array());

describe("builds in the .pptx", () => {
  it("writes a p:timing on the slide that builds, and none elsewhere; notes are not built", () => {
    for (const name of Object.keys(DECKS) as DeckName[]) {
      const slides = readZip(deck(name)).filter((e) => /^ppt\/slides\/slide\d+\.xml$/.test(e.name));
      expect(slides.map((s) => new TextDecoder().decode(s.data).includes("<p:timing>")), name).toEqual([true]);
      const notes = readZip(deck(name)).filter((e) => e.name.startsWith("ppt/notesSlides/") && e.name.endsWith(".xml"));
      expect(notes.some((n) => new TextDecoder().decode(n.data).includes("p:timing"))).toBe(false);
    }
    expect(part(deck("incremental"), "ppt/slides/slide1.xml").match(/nodeType="clickEffect"/g)).toHaveLength(3);
    expect(part(deck("pause"), "ppt/slides/slide1.xml").match(/nodeType="clickEffect"/g)).toHaveLength(2);
  });

  it("builds the corpus' fixtures one click at a time: `::: incremental` (two items) and `. . .` (two pauses)", async () => {
    for (const [fixture, clicks] of [["pandoc-incremental-div.md", 2], ["pandoc-pause.md", 2]] as const) {
      const file = join(REPO_ROOT, "test", "fixtures", "corpus", fixture);
      const { pptx } = await compile(await readFile(file, "utf8"), file, { modified: MODIFIED });
      expect(part(pptx ?? new Uint8Array(), "ppt/slides/slide1.xml").match(/nodeType="clickEffect"/g), fixture).toHaveLength(clicks);
    }
  });

  it.skipIf(xsdSkipReason() !== undefined)("every part, the slides with p:timing among them, is valid against the ECMA-376 schemas", async () => {
    for (const name of Object.keys(DECKS) as DeckName[]) expect(await xsdValidate(deck(name)), name).toEqual([]);
  });
});

/** One slide's clicks as LibreOffice read them: per on-click entrance (with what comes with it), the text of each target. */
function odpClicks(content: string): string[][][] {
  const text = (id: string): string => {
    const at = content.indexOf(`xml:id="${id}"`);
    const open = content.lastIndexOf("<", at);
    const tag = /^<([\w:]+)/.exec(content.slice(open))?.[1] ?? "";
    const close = content.indexOf(`</${tag}>`, at);
    const inner = content.slice(open, close).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
    return tag === "draw:frame" ? `[frame] ${inner}` : inner;
  };
  return content.split("<draw:page ").slice(1).map((page) => {
    const clicks: string[][] = [];
    const effects = page.matchAll(/presentation:node-type="(on-click|with-previous|after-previous)"[^>]*presentation:preset-class="entrance"[^>]*>\s*<anim:set [^>]*smil:targetElement="(id\d+)"/g);
    for (const [, node, id] of effects) {
      if (node === "on-click" || clicks.length === 0) clicks.push([]);
      clicks.at(-1)?.push(text(id ?? ""));
    }
    return clicks;
  });
}

const soffice = onPath("soffice");
const skipReason = soffice === undefined ? "LibreOffice builds test skipped: `soffice` is not on PATH (Debian/Ubuntu: apt-get install libreoffice-impress)" : undefined;
if (skipReason !== undefined) console.warn(skipReason);

describe("LibreOffice imports the builds", () => {
  it.skipIf(soffice === undefined)(
    "converts each deck to .odp with one on-click entrance per item, aimed at the right paragraphs (one soffice run for both)",
    async () => {
      if (soffice === undefined) return;
      const names = Object.keys(DECKS) as DeckName[];
      await convertDecks(soffice, Object.fromEntries(names.map((name) => [name, deck(name)])), "odp", async (converted) => {
        const content = async (name: DeckName) => part(new Uint8Array(await readFile(converted(name))), "content.xml");
        // Three clicks, one item each; "What we do:" is there from the start.
        expect(odpClicks(await content("incremental"))).toEqual([[["Measure first"], ["Then cut"], ["Then ship"]]]);
        // The first pause shows the paragraph and the table together; the second the last point.
        expect(odpClicks(await content("pause"))).toEqual([[["After the pause", "[frame] Team Wants Sales Leads"], ["Last point"]]]);
      });
    },
    120_000,
  );
});
