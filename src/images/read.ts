import { join, resolve } from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { ImageBlock, Outline } from "../model/outline.js";
import type { ImageFiles } from "../plan/context.js";
import { PictureStore, readPicture } from "./pictures.js";
import { drawsBlank } from "./rasterize.js";
import { PLACEHOLDER_PREFIX } from "./placeholder.js";
import { decodedPath, isAddress } from "./source.js";

export interface ImagePolicy {
  /** The folder image paths are relative to, and must stay inside: the Markdown file's folder. */
  baseDir: string;
  /** Allow images outside `baseDir` (the CLI's --allow-outside). */
  allowOutside: boolean;
}

export function imageBlocks(outline: Outline): ImageBlock[] {
  return outline.slides.flatMap((slide) =>
    [...slide.blocks.flatMap((b) => (b.type === "columns" ? b.columns.flat() : [b])).filter((b): b is ImageBlock => b.type === "image"), ...(slide.style?.pictures?.images ?? [])],
  );
}


type Outcome = { file: { path: string; width: number; height: number }; blank?: boolean } | { id: string; message: string; hint?: string };

/** A placeholder's proportions: those of a photo, 4:3. */
const PLACEHOLDER_SIZE = { width: 1200, height: 900 };

/**
 * The reading end for images: every image of the outline is found, kept inside the Markdown
 * file's folder (symbolic links are followed before the check), checked to be a real picture
 * (src/images/pictures.ts) and measured; the bytes go into `store` for the writer. Nothing is
 * ever fetched from the network. A picture that cannot be used (missing, outside the folder,
 * remote, not a picture, too large) is a warning at every position that names it, and a
 * placeholder frame on the slide, so that a draft deck still builds; `--strict` makes it an
 * error.
 */
export function readImages(outline: Outline, policy: ImagePolicy, diagnostics: Diagnostics, store: PictureStore = new PictureStore(), converted?: ReadonlyMap<string, Uint8Array>): ImageFiles {
  const files = new Map<string, { path: string; width: number; height: number }>();
  const outcomes = new Map<string, Outcome>();
  const warned = new Set<string>();
  // Over a whole slide (Marp's `![bg]`), a picture that cannot be used is left out (plan/look.ts).
  const full = new Set<ImageBlock>(outline.slides.flatMap((slide) => (slide.style?.pictures?.side === null ? slide.style.pictures.images : [])));
  for (const block of imageBlocks(outline)) {
    let outcome = outcomes.get(block.src);
    if (outcome === undefined) {
      outcome = readOne(block.src, policy, store, converted);
      outcomes.set(block.src, outcome);
    }
    if ("file" in outcome) {
      files.set(block.src, outcome.file);
      if (outcome.blank === true) diagnostics.warning("picture-blank", `The SVG \`${block.src}\` draws nothing where it has shapes or text: its PNG fallback (shown by PowerPoint before 2016 and other readers) is blank`, block.position, "check it in a browser; export it again as a plain SVG or a PNG");
    } else {
      // Marp's front-matter `backgroundImage` is one picture on every slide: named once.
      const at = `${block.src}\n${block.position.line}:${block.position.column}`;
      if (!warned.has(at)) diagnostics.warning(outcome.id, `${outcome.message}; ${full.has(block) ? "the slide shows without it" : "a placeholder frame stands in its place"}`, block.position, outcome.hint);
      warned.add(at);
      files.set(block.src, { path: `${PLACEHOLDER_PREFIX}${block.src}`, ...PLACEHOLDER_SIZE });
    }
  }
  return files;
}

function readOne(src: string, policy: ImagePolicy, store: PictureStore, converted?: ReadonlyMap<string, Uint8Array>): Outcome {
  if (isAddress(src)) {
    return { id: "remote-image", message: `Unexpected remote image \`${src}\`: deckwright never fetches from the network`, hint: "download the image next to the Markdown file and link it by its path" };
  }
  const decoded = decodedPath(src);
  const read = readPicture(resolve(policy.baseDir, decoded), policy.allowOutside ? null : [policy.baseDir], converted);
  if ("problem" in read) {
    const { id } = read.problem;
    if (id === "image-outside") return { id, message: `Unexpected image \`${src}\` ${read.problem.message.replace("the allowed folders", "the Markdown file's folder")}`, hint: "move it into the folder, or build with --allow-outside" };
    if (id === "image-not-found") return { id, message: `No image at \`${src}\` (looked for ${join(policy.baseDir, decoded)})` };
    return { id, message: `Cannot use \`${src}\`: ${read.problem.message}` };
  }
  store.add(read.picture);
  const { path, width, height } = read.picture;
  return { file: { path, width, height }, blank: read.picture.format === "svg" && drawsBlank(read.picture.bytes) };
}
