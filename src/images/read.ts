import { readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { ImageBlock, Outline } from "../model/outline.js";
import type { ImageFiles } from "../plan/context.js";
import { svgToPng } from "./rasterize.js";
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

/** Whether the whole image is there (a header alone passes imageInfo), and an SVG is safe to draw. */
function incomplete(bytes: Uint8Array, format: "png" | "jpeg" | "gif" | "svg"): string | null {
  const tail = (n: number) => bytes.subarray(Math.max(0, bytes.length - n));
  switch (format) {
    case "png":
      return Buffer.from(tail(16)).includes("IEND") ? null : "a truncated PNG (no IEND chunk)";
    case "jpeg": {
      const end = tail(64);
      return end.some((b, i) => b === 0xff && end[i + 1] === 0xd9) ? null : "a truncated JPEG (no end-of-image marker)";
    }
    case "gif":
      return tail(4).includes(0x3b) ? null : "a truncated GIF (no trailer)";
    case "svg":
      return svgProblem(bytes);
  }
}

/**
 * An SVG is drawn as the picture's PNG fallback, so it must parse, and must not pull in files or
 * addresses (external entities, `href`s that are not `#fragments` or `data:`): those could
 * bring files from outside the Markdown folder into the deck.
 */
function svgProblem(bytes: Uint8Array): string | null {
  const text = Buffer.from(bytes).toString("utf8");
  if (/<!ENTITY[^>]*\bSYSTEM\b/i.test(text) || /<!ENTITY[^>]*\bPUBLIC\b/i.test(text)) return "an SVG with an external entity";
  for (const match of text.matchAll(/\bhref\s*=\s*["']\s*([^"']*)["']/gi)) {
    const target = match[1] ?? "";
    if (!target.startsWith("#") && !/^data:/i.test(target)) return `an SVG that refers to another file or address (${target.slice(0, 60)})`;
  }
  try {
    svgToPng(bytes);
  } catch (error) {
    return `an SVG that cannot be drawn (${(error as Error).message.split("\n")[0] ?? ""})`;
  }
  return null;
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
    const bytes = readFileSync(real);
    const info = imageInfo(bytes);
    const broken = "error" in info ? info.error : incomplete(bytes, info.format);
    if (broken !== null || "error" in info) {
      problem("invalid-image", `Cannot use \`${block.src}\`: ${broken ?? "not an image"}`);
      continue;
    }
    files.set(block.src, { path: real, width: info.width, height: info.height });
  }
  return files;
}
