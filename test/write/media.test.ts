/** A picture shown on several slides is one media part (src/write/package.ts shareIdenticalMedia). */
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import { checkPackage } from "../../src/validate/structure.js";
import { readZip } from "../../src/write/zip.js";
import { FIXED_DATE, REPO_ROOT } from "../support/fixtures.js";
import { xsdSkipReason, xsdValidate } from "../support/xsd.js";

const dir = mkdtempSync(join(tmpdir(), "deckwright-media-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ASSETS = join(REPO_ROOT, "test", "fixtures", "corpus", "assets");

async function deck(markdown: string) {
  const file = join(dir, "deck.md");
  writeFileSync(file, markdown);
  const result = await compile(markdown, file, { modified: FIXED_DATE });
  if (result.pptx === null) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  const entries = readZip(result.pptx);
  const text = (name: string) => Buffer.from(entries.find((e) => e.name === name)?.data ?? []).toString("utf8");
  return { pptx: result.pptx, media: entries.filter((e) => e.name.startsWith("ppt/media/")).map((e) => e.name), text };
}

describe("pictures used more than once", () => {
  copyFileSync(join(ASSETS, "dot.png"), join(dir, "dot.png"));
  copyFileSync(join(ASSETS, "drawio-nested.svg"), join(dir, "diagram.svg"));
  const MARKDOWN = "## A\n\n![Dot](dot.png)\n\n## B\n\n![Dot](dot.png)\n\n## C\n\n![Dot again](dot.png)\n\n## D\n\n![Flow](diagram.svg)\n\n## E\n\n![Flow](diagram.svg)\n";

  it("are written once, every slide's relationship pointing at the one part", async () => {
    const { pptx, media, text } = await deck(MARKDOWN);
    // One PNG; one SVG and its one PNG fallback (both shown at the same size).
    expect(media).toHaveLength(3);
    const targets = (slide: number) => [...text(`ppt/slides/_rels/slide${slide}.xml.rels`).matchAll(/Target="\.\.\/media\/([^"]+)"/g)].map((m) => m[1]);
    expect(new Set([1, 2, 3].flatMap(targets)).size).toBe(1);
    expect(targets(4)).toEqual(targets(5));
    expect(checkPackage(pptx)).toEqual([]);
  });

  it.skipIf(xsdSkipReason() !== undefined)("and the package stays XSD-valid", async () => {
    const { pptx } = await deck(MARKDOWN);
    expect(await xsdValidate(pptx)).toEqual([]);
  }, 60_000);
});
