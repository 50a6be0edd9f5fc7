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
import { compileFixture, fixtures } from "../support/fixtures.js";
import { projectPptx } from "../support/projection.js";
import { exec, onPath, pageCount } from "../support/office.js";

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
