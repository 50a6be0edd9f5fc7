/**
 * A real office suite opens the example deck: LibreOffice converts it to PDF, one page per slide.
 * Skipped, with the reason printed, where `soffice` is not on PATH.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import { SLIDE_SIZES } from "../../src/render/geometry.js";
import { compileFixture, fixtures } from "../support/fixtures.js";
import { projectPptx } from "../support/projection.js";
import { convertDecks, exec, onPath, pageCount } from "../support/office.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The example deck and the feature tour: every layout, chart type and picture format. */
const DECKS = [
  { file: join(ROOT, "content", "openai-microsoft-partnership.md"), slides: 14 },
  { file: join(ROOT, "examples", "features.md"), slides: 25 },
];



const soffice = onPath("soffice");
const skipReason = soffice === undefined ? "LibreOffice test skipped: `soffice` is not on PATH (Debian/Ubuntu: apt-get install libreoffice-impress)" : undefined;
if (skipReason !== undefined) console.warn(skipReason);

describe("LibreOffice", () => {
  it.skipIf(soffice === undefined).each(DECKS)(
    "converts $file to a PDF with one page per slide",
    async ({ file, slides: expected }) => {
      const result = await compile(await readFile(file, "utf8"), file, { modified: new Date("2024-05-01T12:00:00Z") });
      if (result.pptx === null || soffice === undefined) throw new Error("no .pptx was written");
      const slides = projectPptx(result.pptx).slides.length;
      expect(slides).toBe(expected);
      const dir = await mkdtemp(join(tmpdir(), "deckwright-soffice-"));
      try {
        await writeFile(join(dir, "deck.pptx"), result.pptx);
        // A private profile, so a running LibreOffice or a parallel test cannot lock this one out.
        const profile = pathToFileURL(join(dir, "profile")).href;
        await exec(soffice, [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, join(dir, "deck.pptx")], {
          timeout: 110_000,
        });
        expect(await pageCount(join(dir, "deck.pdf"))).toBe(slides);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

describe("LibreOffice opens every fixture deck", () => {
  it.skipIf(soffice === undefined)(
    "converts each syntax and fitting fixture to a PDF with one page per slide (one soffice run for all)",
    async () => {
      if (soffice === undefined) return;
      const dir = await mkdtemp(join(tmpdir(), "deckwright-soffice-all-"));
      try {
        const expected = new Map<string, number>();
        for (const fixture of [...fixtures("syntax"), ...fixtures("fitting")]) {
          const { pptx } = await compileFixture(fixture);
          if (!pptx) throw new Error(`no deck for ${fixture.name}`);
          await writeFile(join(dir, `${fixture.name}.pptx`), pptx);
          expected.set(fixture.name, projectPptx(pptx).slides.length);
        }
        const profile = pathToFileURL(join(dir, "profile")).href;
        const decks = [...expected.keys()].map((name) => join(dir, `${name}.pptx`));
        await exec(soffice, [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, ...decks], { timeout: 170_000 });
        const pages = new Map<string, number>();
        for (const name of expected.keys()) pages.set(name, await pageCount(join(dir, `${name}.pdf`)));
        expect(Object.fromEntries(pages)).toEqual(Object.fromEntries(expected));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});

const pdftoppm = onPath("pdftoppm");

/** A binary PPM (P6) as LibreOffice's PDF drawn by pdftoppm: width, height and RGB bytes. */
function readPpm(bytes: Buffer): { width: number; height: number; rgb: Buffer } {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error("not a binary PPM");
  return { width: Number(header[1]), height: Number(header[2]), rgb: bytes.subarray(header[0].length) };
}

describe("LibreOffice draws every slide on the background its SlideSpec names", () => {
  // A slide on a layout LibreOffice would not draw the background of (one named `table`) came out
  // white behind nocturne's light text, valid and one page a slide all the same.
  it.skipIf(soffice === undefined || pdftoppm === undefined)(
    "the example deck and the feature tour in every built-in theme: a corner no element covers has the slide's background colour",
    async () => {
      if (soffice === undefined || pdftoppm === undefined) return;
      const decks: Record<string, Uint8Array> = {};
      const specs: Record<string, { background: string; boxes: { x: number; y: number; w: number; h: number }[] }[]> = {};
      for (const theme of ["meridian", "nocturne", "folio"]) {
        for (const { file } of DECKS) {
          const result = await compile(await readFile(file, "utf8"), file, { modified: new Date("2024-05-01T12:00:00Z"), theme });
          if (result.pptx === null) throw new Error(`no deck for ${file} in ${theme}`);
          const name = `${theme}-${file.endsWith("features.md") ? "features" : "example"}`;
          decks[name] = result.pptx;
          specs[name] = result.slides.map((s) => ({ background: s.background, boxes: s.elements.flatMap((e) => ("box" in e ? [e.box] : [])) }));
        }
      }
      const wrong: string[] = [];
      await convertDecks(soffice, decks, "pdf", async (converted) => {
        for (const [name, slides] of Object.entries(specs)) {
          const prefix = join(dirname(converted(name)), `${name}-page`);
          await exec(pdftoppm, ["-r", "12", converted(name), prefix]);
          for (const [i, slide] of slides.entries()) {
            // pdftoppm numbers pages with as many digits as the last page's number has.
            const page = readPpm(await readFile(`${prefix}-${String(i + 1).padStart(String(slides.length).length, "0")}.ppm`));
            const { width, height } = SLIDE_SIZES["16:9"];
            const inch = page.width / width;
            // Corners 0.15 in in from the edges, and the first of them outside every element.
            const [left, top, right, bottom] = [0.15, 0.15, width - 0.15, height - 0.15];
            const corners = [[left, top], [right, top], [left, bottom], [right, bottom]] as const;
            const corner = corners.find(([x, y]) => !slide.boxes.some((b) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h));
            if (corner === undefined) continue;
            const at = (Math.round(corner[1] * inch) * page.width + Math.round(corner[0] * inch)) * 3;
            const drawn = [...page.rgb.subarray(at, at + 3)];
            const expected = [0, 2, 4].map((k) => parseInt(slide.background.replace("#", "").slice(k, k + 2), 16));
            if (drawn.some((v, k) => Math.abs(v - (expected[k] ?? 0)) > 6)) wrong.push(`${name} slide ${i + 1}: drawn ${drawn.join(",")}, background ${slide.background}`);
          }
        }
      });
      expect(wrong).toEqual([]);
    },
    180_000,
  );
});
