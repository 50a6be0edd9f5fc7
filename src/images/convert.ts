/**
 * Pictures in formats a deck cannot carry everywhere — WebP, AVIF and HEIC, TIFF, BMP — are
 * converted to PNG at build time with sharp (libvips), so a deck that names one still shows it
 * in every office suite. This is the only asynchronous part of the reading end: it runs before
 * readImages and hands it the PNG bytes by the file's real path. Each file is confined and
 * bounded as any picture is (src/images/pictures.ts): inside the folder unless allowed, at most
 * 64 MiB, at most 100 megapixels (sharp's own limit on the pixels it decodes), one page.
 */
import { openSync, readSync, closeSync } from "node:fs";
import { resolve } from "node:path";
import { confine } from "../files/confine.js";
import type { ImageBlock } from "../model/outline.js";
import { MAX_PICTURE_BYTES, MAX_PICTURE_PIXELS } from "./pictures.js";
import { convertibleFormat } from "./size.js";
import { decodedPath, isAddress } from "./source.js";

/** Real path → the picture as PNG; a file that failed to convert is left out (readImages then says why). */
export type ConvertedPictures = ReadonlyMap<string, Uint8Array>;

export async function convertPictures(blocks: readonly ImageBlock[], baseDir: string, allowOutside: boolean): Promise<ConvertedPictures> {
  const converted = new Map<string, Uint8Array>();
  for (const block of blocks) {
    if (isAddress(block.src)) continue;
    const decoded = decodedPath(block.src);
    const found = confine(resolve(baseDir, decoded), allowOutside ? null : [baseDir]);
    if (!found.ok || found.size > MAX_PICTURE_BYTES || converted.has(found.real)) continue;
    if (convertibleFormat(head(found.real)) === null) continue;
    try {
      const { default: sharp } = await import("sharp");
      const png = await sharp(found.real, { limitInputPixels: MAX_PICTURE_PIXELS, pages: 1 }).rotate().png().toBuffer();
      converted.set(found.real, new Uint8Array(png.buffer, png.byteOffset, png.byteLength));
    } catch {
      // Not decodable: readImages reports it as the picture it is.
    }
  }
  return converted;
}

function head(path: string): Uint8Array {
  const bytes = new Uint8Array(32);
  const fd = openSync(path, "r");
  try {
    readSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
  return bytes;
}
