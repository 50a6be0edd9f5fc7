/**
 * Calibration against a real renderer: a small deck built with the project's pipeline is
 * converted to PDF by LibreOffice, and the lines it shows for each paragraph of the body text box
 * are counted (`pdftotext -bbox`) and compared with what measureText predicts; so is the distance
 * from the first line to the last. LibreOffice stands in for PowerPoint with the same metric-
 * compatible fonts (Carlito for Calibri, Liberation Sans for Arial). Skipped, with the reason
 * printed, where soffice, pdftotext or those fonts are missing.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureText } from "../../src/measure/measure.js";
import type { TextElement } from "../../src/model/slideSpec.js";
import { compile } from "../../src/pipeline.js";
import { linesInBox, pdfWords } from "./pdfLines.js";
import { exec, onPath } from "../support/office.js";



/** The family fontconfig gives LibreOffice for `family`, or undefined without fontconfig. */
async function substitute(family: string): Promise<string | undefined> {
  const fcMatch = onPath("fc-match");
  if (fcMatch === undefined) return undefined;
  return (await exec(fcMatch, ["-f", "%{family[0]}", family])).stdout.trim();
}

/** Each paragraph starts with a word found nowhere else, so its lines can be found in the PDF. */
const MARKDOWN = `---
title: Calibration
---

## Wrapping bullets

- Alpha is a paragraph with **bold words in the middle** of it and _italic ones_ too, long enough to wrap twice at least over the width of the slide body
- Bravo the committee reviews the quarterly numbers, asks for more detail about revenue, margins, hiring and the roadmap, then adjourns until next week
  - Charlie nested bullet with \`inline code that is monospaced\` and more words to make it wrap onto another line
- Delta well-known co-operative state-of-the-art re-entry multi-level wrap-around hyphenation test for dashes – en dash — em dash and then some more words
- Echo Pneumonoultramicroscopicsilicovolcanoconiosis-Pneumonoultramicroscopicsilicovolcanoconiosis_Pneumonoultramicroscopicsilicovolcanoconiosis
- Foxtrot short

## Numbered steps

1. Golf collect the outline from the product team and check every heading against the agreed structure of the deck
2. Hotel short step
3. India build the deck, open it in the office suite of your choice and read every slide aloud once, slowly, from the first to the last, noting what runs long
4. Juliet ship it

## More points

- Kilo margins improved in the second half as input costs fell and the new plant reached full output
- Lima hiring slowed on purpose while the teams absorbed last year's growth
- Mike three regions missed their targets, mostly because of currency moves rather than weaker demand
- November the board approved the budget for next year with one change to the capital plan
`;

/**
 * Widths agree with LibreOffice's to within about ±0.75 %, so a paragraph whose breaks would
 * move if its width were 0.8 % narrower or wider is too close to call: it is not compared.
 */
const TOLERANCE = 0.008;

function decisiveParagraphs(element: TextElement): boolean[] {
  const breaks = (w: number) => measureText({ ...element, box: { ...element.box, w } }, {}).paragraphs.map((p) => p.lines.map((l) => l.text).join("\n"));
  const usable = element.box.w - 2 * element.inset;
  const [narrow, exact, wide] = [-TOLERANCE, 0, TOLERANCE].map((t) => breaks(element.box.w + t * usable));
  return (exact ?? []).map((text, i) => narrow?.[i] === text && wide?.[i] === text);
}

const THEMES = [
  { theme: "meridian", family: "Calibri", rendersWith: "Carlito" },
  { theme: "nocturne", family: "Arial", rendersWith: "Liberation Sans" },
];

const soffice = onPath("soffice");
const pdftotext = onPath("pdftotext");
const toolsMissing = soffice === undefined ? "`soffice` is not on PATH (apt-get install libreoffice-impress)" : pdftotext === undefined ? "`pdftotext` is not on PATH (apt-get install poppler-utils)" : undefined;
if (toolsMissing !== undefined) console.warn(`LibreOffice calibration skipped: ${toolsMissing}`);

describe.skipIf(toolsMissing !== undefined).each(THEMES)("LibreOffice calibration, $theme ($family)", ({ theme, family, rendersWith }) => {
  let dir = "";
  let skip: string | undefined;
  let bodies: Array<{ page: number; element: TextElement }> = [];

  beforeAll(async () => {
    const used = await substitute(family);
    if (used !== rendersWith) {
      skip = `LibreOffice calibration (${theme}) skipped: ${family} is rendered with ${used ?? "an unknown font (no fc-match)"}, not the metric-compatible ${rendersWith}`;
      console.warn(skip);
      return;
    }
    const result = await compile(MARKDOWN, join(tmpdir(), "calibration.md"), { modified: new Date("2024-05-01T12:00:00Z"), theme });
    if (result.pptx === null) throw new Error(JSON.stringify(result.diagnostics));
    bodies = result.slides.flatMap((slide, i) => slide.elements.filter((e): e is TextElement => e.type === "text" && e.role === "body").map((element) => ({ page: i + 1, element })));
    dir = await mkdtemp(join(tmpdir(), "deckwright-measure-"));
    await writeFile(join(dir, "deck.pptx"), result.pptx);
    const profile = pathToFileURL(join(dir, "profile")).href;
    await exec(soffice ?? "soffice", [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, join(dir, "deck.pptx")], { timeout: 110_000 });
  }, 120_000);

  afterAll(async () => {
    if (dir !== "") await rm(dir, { recursive: true, force: true });
  });

  it("shows as many lines for each paragraph as measureText predicts, and the same lines", async (context) => {
    if (skip !== undefined) return context.skip();
    expect(bodies).toHaveLength(3);
    let compared = 0;
    for (const { page, element } of bodies) {
      const lines = await pdfLines(page, element);
      const starts = element.paragraphs.map((p) => lines.findIndex((l) => l.words[0]?.text === p.runs[0]?.text.split(" ")[0]));
      expect(starts.every((s) => s >= 0), `every paragraph's first word is found on page ${page}`).toBe(true);
      const measured = measureText(element, {});
      const decisive = decisiveParagraphs(element);
      measured.paragraphs.forEach((paragraph, i) => {
        const start = starts[i] ?? 0;
        const shown = lines.slice(start, starts[i + 1] ?? lines.length).map((l) => l.words.map((w) => w.text).join(" "));
        // Too close to call: a line more or less.
        if (!decisive[i]) return expect(Math.abs(paragraph.lines.length - shown.length)).toBeLessThanOrEqual(1);
        compared++;
        expect(paragraph.lines.map((l) => l.text.trim().replaceAll(/\s+/g, " ")), `paragraph ${i + 1} on page ${page}`).toEqual(shown);
      });
    }
    // At least half of the fourteen paragraphs are far enough from a break decision to be compared (9 today).
    expect(compared).toBeGreaterThanOrEqual(7);
  });

  it("spaces the lines as measureText does: 1.2 × size × line spacing, and the paragraph spacing", async (context) => {
    if (skip !== undefined) return context.skip();
    const numbered = bodies[1];
    if (!numbered) throw new Error("no numbered slide");
    const { page, element } = numbered;
    const lines = await pdfLines(page, element);
    const starts = element.paragraphs.map((p) => lines.findIndex((l) => l.words[0]?.text === p.runs[0]?.text.split(" ")[0]));
    const size = element.style.size;
    expect(element.paragraphs.every((p) => (p.size ?? size) === size)).toBe(true);
    // Baseline of the first line to that of the last, from the lines LibreOffice shows.
    const line = (1.2 * size * element.style.lineSpacing) / 72;
    const spacing = element.style.paragraphSpacing / 72;
    const span = (lines.length - 1) * line + (starts.length - 1) * spacing;
    const shown = ((lines.at(-1)?.y1 ?? 0) - (lines[0]?.y1 ?? 0)) / 72;
    expect(Math.abs(shown - span) * 72, `${(shown * 72).toFixed(2)} pt shown, ${(span * 72).toFixed(2)} pt predicted`).toBeLessThan(1);
  });

  async function pdfLines(page: number, element: TextElement) {
    const html = (await exec(pdftotext ?? "pdftotext", ["-f", String(page), "-l", String(page), "-bbox", join(dir, "deck.pdf"), "-"])).stdout;
    return linesInBox(pdfWords(html), element.box);
  }
});
