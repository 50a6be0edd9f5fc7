/**
 * WebP, AVIF and TIFF pictures are converted to PNG at build time (src/images/convert.ts), within
 * the same confinement and limits as any picture; one that cannot be decoded is a warning with a
 * placeholder frame, as any unusable picture is.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import { imageInfo } from "../../src/images/size.js";
import { readZip } from "../../src/write/zip.js";
import { FIXED_DATE } from "../support/fixtures.js";
import { expectSound, removeTempDirs, tempDir } from "../reliability/support.js";

afterAll(removeTempDirs);

const media = (pptx: Uint8Array | null) => (pptx ? readZip(pptx).filter((e) => e.name.startsWith("ppt/media/")) : []);
const picture = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 200 } } });

describe("pictures in other formats", () => {
  it.each([
    ["WebP", "photo.webp", () => picture(64, 48).webp().toBuffer()],
    ["AVIF", "photo.avif", () => picture(64, 48).avif().toBuffer()],
    ["TIFF", "photo.tiff", () => picture(64, 48).tiff().toBuffer()],
  ])("%s becomes a PNG of the same size in the deck", async (_name, file, make) => {
    const dir = tempDir();
    writeFileSync(join(dir, file), await make());
    const md = join(dir, "deck.md");
    const result = await compile(`## A\n\n![A photo](${file})\n`, md, { modified: FIXED_DATE });
    expectSound(result, md);
    expect(result.diagnostics).toEqual([]);
    const parts = media(result.pptx);
    expect(parts.map((p) => p.name)).toEqual([expect.stringMatching(/\.png$/)]);
    expect(imageInfo(parts[0]?.data ?? new Uint8Array())).toEqual({ format: "png", width: 64, height: 48 });
  });

  it("a WebP outside the folder is not read, and a broken one is a warning with a placeholder", async () => {
    const root = tempDir();
    const deck = join(root, "deck");
    mkdirSync(deck);
    writeFileSync(join(root, "outside.webp"), await picture(8, 8).webp().toBuffer());
    writeFileSync(join(deck, "broken.webp"), Buffer.concat([Buffer.from("RIFF\0\0\0\0WEBPVP8 "), Buffer.alloc(20)]));
    const md = join(deck, "deck.md");
    const result = await compile("## A\n\n![o](../outside.webp)\n\n![b](broken.webp)\n", md, { modified: FIXED_DATE });
    expectSound(result, md);
    expect(result.diagnostics.map((d) => [d.id, d.severity, d.line])).toEqual([["image-outside", "warning", 3], ["invalid-image", "warning", 5]]);
    expect(media(result.pptx)).toEqual([]);
  });
});
