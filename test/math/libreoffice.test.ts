/**
 * Equations render as equations in a real office suite: LibreOffice opens the deck and makes each
 * display equation a Math object holding the formula (saved as .odp, its MathML is read back).
 * Skipped, with the reason printed, where `soffice` or LibreOffice's Math module is missing.
 */
import { existsSync, realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import { readZip } from "../../src/write/zip.js";
import { FIXED_DATE } from "../support/fixtures.js";
import { convertDecks, onPath } from "../support/office.js";

const soffice = onPath("soffice");
/** LibreOffice's Math module (Debian: libreoffice-math) beside the soffice it runs. */
const hasMath = soffice !== undefined && existsSync(join(dirname(realpathSync(soffice)), "libsmlo.so"));
const skipReason =
  soffice === undefined
    ? "LibreOffice math test skipped: `soffice` is not on PATH (Debian/Ubuntu: apt-get install libreoffice-impress libreoffice-math)"
    : !hasMath
      ? "LibreOffice math test skipped: LibreOffice's Math module is not installed (Debian/Ubuntu: apt-get install libreoffice-math)"
      : undefined;
if (skipReason !== undefined) console.warn(skipReason);

describe("equations in LibreOffice", () => {
  it.skipIf(skipReason !== undefined)(
    "draws each display equation as a Math object holding the formula, and shows formulas in text as text",
    async () => {
      const markdown = "## Motion\n\nSpeed is $v = \\frac{d}{t}$ here.\n\n$$ v = \\frac{d}{t} $$\n\n## Energy\n\n$$ E = mc^2 + \\sqrt{x} $$\n";
      const result = await compile(markdown, "/tmp/equations.md", { modified: FIXED_DATE });
      if (result.pptx === null || soffice === undefined) throw new Error("no .pptx was written");
      await convertDecks(soffice, { deck: result.pptx }, "odp", async (converted) => {
        const entries = new Map(readZip(await readFile(converted("deck"))).map((e) => [e.name, Buffer.from(e.data).toString("utf8")]));
        const formulas = [...entries].filter(([name]) => /^Object \d+\/content\.xml$/.test(name)).map(([, xml]) => xml);
        expect(formulas).toHaveLength(2);
        expect(formulas.some((xml) => /<mi>v<\/mi>[\s\S]*<mfrac><mi>d<\/mi><mi>t<\/mi><\/mfrac>/.test(xml))).toBe(true);
        expect(formulas.some((xml) => /<msqrt>/.test(xml) && /<msup><mi>c<\/mi><mn>2<\/mn><\/msup>/.test(xml))).toBe(true);
        // The formula inside a line of text is the fallback's text, not lost.
        expect(entries.get("content.xml")).toContain("v = d/t");
      });
    },
    120_000,
  );
});
