/**
 * Pictures as untrusted input. Every picture a deck carries — named by the Markdown, by a
 * theme's logo or background, or by a slide template — is read here once, through the same
 * confinement (src/files/confine.ts), and must be a whole, real PNG, JPEG, GIF or SVG within the
 * limits below. The writer takes the bytes from the store and never reads the disk itself, so
 * nothing but a checked picture can become a media part.
 *
 * Limits (docs/reliability.md):
 * - a picture file: at most 64 MiB (an SVG: 8 MiB, since drawing it costs memory per byte);
 * - a PNG, JPEG or GIF: at most 100 megapixels as its header declares (it is copied, never
 *   decoded, but an office suite decodes it when the slide is shown);
 * - an SVG: no external entities, no reference to another file or address that the renderer
 *   would load (`href` of anything but an `<a>` link, CSS `url(…)`) except `#fragments` and
 *   `data:` URLs; a `data:` picture inside it must itself pass, with at
 *   most 16 megapixels (the SVG renderer decodes it) and at most 3 levels of SVG inside SVG;
 *   and it must draw (src/images/rasterize.ts draws the PNG fallback within a pixel budget).
 */
import { readFileSync } from "node:fs";
import { confine } from "../files/confine.js";
import { drawingProblem } from "./rasterize.js";
import { imageInfo, type ImageFormat } from "./size.js";

export const MAX_PICTURE_BYTES = 64 * 1024 * 1024;
export const MAX_SVG_BYTES = 8 * 1024 * 1024;
export const MAX_PICTURE_PIXELS = 100_000_000;
export const MAX_EMBEDDED_PIXELS = 16_000_000;
export const MAX_SVG_NESTING = 3;

/** A picture that passed every check: what the writer embeds. */
export interface Picture {
  /** The real path (links followed): the key the slides name it by. */
  path: string;
  bytes: Uint8Array;
  format: ImageFormat;
  width: number;
  height: number;
}

/** The pictures a build may embed, by real path. */
export class PictureStore {
  private readonly pictures = new Map<string, Picture>();

  add(picture: Picture): void {
    this.pictures.set(picture.path, picture);
  }

  get(path: string): Picture | undefined {
    return this.pictures.get(path);
  }

  has(path: string): boolean {
    return this.pictures.has(path);
  }

  values(): IterableIterator<Picture> {
    return this.pictures.values();
  }
}

export type PictureProblem = { id: "image-not-found" | "image-outside" | "invalid-image" | "image-too-large"; message: string; hint?: string };

/**
 * Reads the picture at `path` when it is inside one of `folders` (null: anywhere, --allow-outside)
 * and is a real picture; otherwise says why, in words that do not tell whether a file outside
 * the folders exists.
 */
export function readPicture(path: string, folders: readonly string[] | null, converted?: ReadonlyMap<string, Uint8Array>): { picture: Picture } | { problem: PictureProblem } {
  const found = confine(path, folders);
  if (!found.ok) {
    if (found.reason === "outside") return { problem: { id: "image-outside", message: `outside the allowed folders${found.throughLink ? " (through a symbolic link)" : ""}` } };
    return { problem: { id: "image-not-found", message: found.reason === "missing" ? "no such file" : "not a file" } };
  }
  if (found.size > MAX_PICTURE_BYTES) return { problem: { id: "image-too-large", message: `${mib(found.size)}, more than the ${mib(MAX_PICTURE_BYTES)} a picture may have` } };
  const bytes = converted?.get(found.real) ?? new Uint8Array(readFileSync(found.real));
  const checked = checkPicture(bytes);
  if ("problem" in checked) return checked;
  return { picture: { path: found.real, bytes, ...checked.info } };
}

/** Whether `bytes` are a whole picture deckwright may embed, with its format and size. */
export function checkPicture(bytes: Uint8Array): { info: { format: ImageFormat; width: number; height: number } } | { problem: PictureProblem } {
  const info = imageInfo(bytes);
  if ("error" in info) return { problem: { id: "invalid-image", message: info.error } };
  if (info.format === "svg" && bytes.length > MAX_SVG_BYTES) {
    return { problem: { id: "image-too-large", message: `an SVG of ${mib(bytes.length)}, more than the ${mib(MAX_SVG_BYTES)} an SVG may have` } };
  }
  if (info.format !== "svg" && info.width * info.height > MAX_PICTURE_PIXELS) {
    return { problem: { id: "image-too-large", message: `${info.width} × ${info.height} pixels, more than the ${MAX_PICTURE_PIXELS / 1e6} megapixels a picture may have` } };
  }
  const broken = info.format === "svg" ? svgProblem(bytes, 0) : invalid(incomplete(bytes, info.format));
  if (broken !== null) return { problem: broken };
  return { info: { format: info.format, width: info.width, height: info.height } };
}

const invalid = (message: string | null): PictureProblem | null => (message === null ? null : { id: "invalid-image", message });
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MiB`;

/** Whether the whole image is there (a header alone passes imageInfo). */
function incomplete(bytes: Uint8Array, format: "png" | "jpeg" | "gif"): string | null {
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
  }
}

/** Every tag, with its name and attributes. */
const TAGS = /<([A-Za-z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
/** `href="…"` and `xlink:href='…'` in a tag's attributes. */
const HREF = /(?:^|\s)(?:[\w.-]+:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
/** CSS `url(…)`, in a style attribute or a `<style>` element. */
const CSS_URL = /\burl\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\)/gi;

/**
 * What an SVG renderer would load: the `href` of every element but a link (`<a>`: a reader may
 * follow it when the picture is clicked, the renderer never does), and every CSS `url(…)`.
 */
function references(text: string): string[] {
  const found: string[] = [];
  for (const tag of text.matchAll(TAGS)) {
    const local = (tag[1] ?? "").replace(/^.*:/, "").toLowerCase();
    if (local === "a") continue;
    for (const href of (tag[2] ?? "").matchAll(HREF)) found.push(href[1] ?? href[2] ?? "");
  }
  for (const url of text.matchAll(CSS_URL)) found.push(url[1] ?? url[2] ?? url[3] ?? "");
  return found.map((target) => target.trim());
}
const DATA_URL = /^data:([^,;]*)((?:;[^,;]*)*),/i;

/**
 * An SVG is drawn as the picture's PNG fallback, so it must not pull in files or addresses
 * (external entities, references that are not `#fragments` or `data:`), its `data:` pictures
 * must pass the same checks within the renderer's budget, and it must draw.
 */
function svgProblem(bytes: Uint8Array, depth: number): PictureProblem | null {
  const text = Buffer.from(bytes).toString("utf8");
  if (/<!ENTITY[^>]*\b(?:SYSTEM|PUBLIC)\b/i.test(text)) return invalid("an SVG with an external entity");
  for (const target of references(text)) {
    if (target === "" || target.startsWith("#")) continue;
    if (!/^data:/i.test(target)) return invalid(`an SVG that refers to another file or address (${target.slice(0, 60)})`);
    const embedded = embeddedProblem(target, depth);
    if (embedded !== null) return embedded;
  }
  if (depth === 0) return invalid(drawingProblem(bytes));
  return null;
}

/** A `data:` picture inside an SVG: the renderer decodes it whole, so it is checked like a file, with a smaller budget. */
function embeddedProblem(url: string, depth: number): PictureProblem | null {
  const header = DATA_URL.exec(url);
  if (!header) return invalid("an SVG with a malformed data: URL");
  const payload = url.slice(header[0].length);
  const base64 = /;base64$/i.test(header[2] ?? "");
  let bytes: Uint8Array;
  try {
    bytes = base64 ? Buffer.from(payload.replace(/\s+/g, ""), "base64") : Buffer.from(decodeURIComponent(payload), "utf8");
  } catch {
    return invalid("an SVG with a malformed data: URL");
  }
  const info = imageInfo(bytes);
  if ("error" in info) return invalid(`an SVG with an embedded picture that is ${info.error}`);
  if (info.format === "svg") {
    if (depth + 1 > MAX_SVG_NESTING) return invalid(`an SVG nested more than ${MAX_SVG_NESTING} levels deep in data: URLs`);
    return svgProblem(bytes, depth + 1);
  }
  if (info.width * info.height > MAX_EMBEDDED_PIXELS) {
    const message = `an embedded picture of ${info.width} × ${info.height} pixels inside an SVG, more than the ${MAX_EMBEDDED_PIXELS / 1e6} megapixels the renderer may decode`;
    return { id: "image-too-large", message };
  }
  return invalid(incomplete(bytes, info.format));
}
