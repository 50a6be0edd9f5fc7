import { readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { ImageBlock, Outline } from "../model/outline.js";
import type { ImageFiles } from "../plan/context.js";
import { imageInfo } from "./size.js";

export interface ImagePolicy {
  /** The folder image paths are relative to, and must stay inside: the Markdown file's folder. */
  baseDir: string;
  /** Allow images outside `baseDir` (the CLI's --allow-outside). */
  allowOutside: boolean;
}

function imageBlocks(outline: Outline): ImageBlock[] {
  return outline.slides.flatMap((slide) =>
    slide.blocks.flatMap((b) => (b.type === "columns" ? b.columns.flat() : [b])).filter((b): b is ImageBlock => b.type === "image"),
  );
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function inside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

/**
 * The reading end for images: every image of the outline is found, kept inside the Markdown
 * file's folder (symbolic links are followed before the check), and measured. Nothing is ever
 * fetched from the network. Each problem is reported at the image's position; the image is
 * then left out.
 */
export function readImages(outline: Outline, policy: ImagePolicy, diagnostics: Diagnostics): ImageFiles {
  const files = new Map<string, { path: string; width: number; height: number }>();
  const seen = new Set<string>();
  const base = realpathSync(policy.baseDir);
  for (const block of imageBlocks(outline)) {
    if (seen.has(block.src)) continue;
    seen.add(block.src);
    const problem = (id: string, message: string, hint?: string) => diagnostics.error(id, message, block.position, hint);
    if (URL_SCHEME.test(block.src)) {
      problem("remote-image", `Unexpected remote image \`${block.src}\`: deckwright never fetches from the network`, "download the image next to the Markdown file and link it by its path");
      continue;
    }
    let decoded = block.src;
    try {
      decoded = decodeURI(block.src);
    } catch {
      // a literal % in the name
    }
    const path = resolve(policy.baseDir, decoded);
    let real: string;
    try {
      real = realpathSync(path);
      if (!statSync(real).isFile()) throw new Error("not a file");
    } catch {
      problem("image-not-found", `No image at \`${block.src}\` (looked for ${join(policy.baseDir, decoded)})`);
      continue;
    }
    if (!policy.allowOutside && !inside(real, base)) {
      problem("image-outside", `Unexpected image \`${block.src}\` outside the Markdown file's folder${real !== path ? " (through a symbolic link)" : ""}`, "move it into the folder, or build with --allow-outside");
      continue;
    }
    const info = imageInfo(readFileSync(real));
    if ("error" in info) {
      problem("invalid-image", `Cannot use \`${block.src}\`: ${info.error}`);
      continue;
    }
    files.set(block.src, { path: real, width: info.width, height: info.height });
  }
  return files;
}
