/**
 * Image dimensions from the file's header alone, and the placement of an image in a box.
 *
 * - PNG: the IHDR chunk, which must come first.
 * - JPEG: the first frame header (SOF0–SOF15, not DHT/JPG/DAC), skipping APPn and the other
 *   segments before it. An EXIF orientation of 5–8 (a quarter turn) swaps width and height,
 *   so the result is the size the image is shown at. A broken EXIF block is ignored.
 * - GIF: the logical screen size.
 * - SVG: the root element's `width` and `height` in px, unitless, or an absolute unit
 *   (`in`, `cm`, `mm`, `pt`, `pc`, at 96 px to the inch); where one is missing or relative
 *   (`%`, `em`), it comes from the `viewBox` and its aspect ratio.
 * Sizes are in pixels. Anything else is `{ error }`, never an exception.
 */
import { z } from "zod";

export const ImageFormatSchema = z.enum(["png", "jpeg", "gif", "svg"]);
export type ImageFormat = z.infer<typeof ImageFormatSchema>;

export const ImageInfoSchema = z.object({
  format: ImageFormatSchema,
  width: z.number().positive(),
  height: z.number().positive(),
});
export type ImageInfo = z.infer<typeof ImageInfoSchema>;

export const ImageProblemSchema = z.object({ error: z.string() });
export type ImageProblem = z.infer<typeof ImageProblemSchema>;

export const NOT_AN_IMAGE = "not a PNG, JPEG, GIF or SVG file";

/** Reads the format and size of an image from its first bytes. */
export function imageInfo(bytes: Uint8Array): ImageInfo | ImageProblem {
  if (startsWith(bytes, PNG_SIGNATURE)) return pngInfo(bytes);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpegInfo(bytes);
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return gifInfo(bytes);
  const other = otherFormat(bytes);
  if (other !== null) return { error: `${NOT_AN_IMAGE} (it looks like ${other})` };
  return svgInfo(bytes);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngInfo(bytes: Uint8Array): ImageInfo | ImageProblem {
  // signature (8), chunk length (4), chunk type (4), width (4), height (4)
  if (bytes.length < 24) return { error: "truncated PNG header" };
  if (!startsWith(bytes.subarray(12), ascii("IHDR"))) return { error: "invalid PNG: the first chunk is not IHDR" };
  const view = dataView(bytes);
  return sized("png", view.getUint32(16), view.getUint32(20));
}

function gifInfo(bytes: Uint8Array): ImageInfo | ImageProblem {
  if (bytes.length < 10) return { error: "truncated GIF header" };
  const view = dataView(bytes);
  return sized("gif", view.getUint16(6, true), view.getUint16(8, true));
}

/** Markers that stand alone, without a length: TEM, RST0–7, SOI. */
function isStandaloneMarker(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegInfo(bytes: Uint8Array): ImageInfo | ImageProblem {
  const view = dataView(bytes);
  let orientation = 1;
  let offset = 2;
  for (;;) {
    while (offset < bytes.length && bytes[offset] !== 0xff) offset += 1;
    while (offset < bytes.length && bytes[offset] === 0xff) offset += 1;
    if (offset >= bytes.length) return { error: "truncated JPEG: no frame header (SOF) found" };
    const marker = bytes[offset] ?? 0;
    offset += 1;
    if (isStandaloneMarker(marker)) continue;
    if (marker === 0xd9 || marker === 0xda) return { error: "invalid JPEG: image data before any frame header (SOF)" };
    if (offset + 2 > bytes.length) return { error: "truncated JPEG: no frame header (SOF) found" };
    const length = view.getUint16(offset);
    if (length < 2) return { error: "invalid JPEG: a segment length is less than 2" };
    const segment = bytes.subarray(offset + 2, offset + length);
    if (isFrameHeader(marker)) {
      // precision (1), height (2), width (2)
      if (segment.length < 5) return { error: "truncated JPEG frame header" };
      const frame = dataView(segment);
      const height = frame.getUint16(1);
      const width = frame.getUint16(3);
      return orientation >= 5 && orientation <= 8 ? sized("jpeg", height, width) : sized("jpeg", width, height);
    }
    if (marker === 0xe1) orientation = exifOrientation(segment) ?? orientation;
    offset += length;
  }
}

/** The orientation tag (0x0112) of IFD0 in an APP1 `Exif` segment, if it is there and readable. */
function exifOrientation(segment: Uint8Array): number | undefined {
  if (!startsWith(segment, [...ascii("Exif"), 0, 0])) return undefined;
  const tiff = dataView(segment.subarray(6));
  if (tiff.byteLength < 8) return undefined;
  const order = tiff.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return undefined;
  const little = order === 0x4949;
  if (tiff.getUint16(2, little) !== 42) return undefined;
  const ifd = tiff.getUint32(4, little);
  if (ifd + 2 > tiff.byteLength) return undefined;
  const count = tiff.getUint16(ifd, little);
  for (let index = 0; index < count; index++) {
    const entry = ifd + 2 + index * 12;
    if (entry + 12 > tiff.byteLength) return undefined;
    if (tiff.getUint16(entry, little) === 0x0112 && tiff.getUint16(entry + 2, little) === 3) {
      return tiff.getUint16(entry + 8, little);
    }
  }
  return undefined;
}

/** Pixels per unit of the absolute CSS units an SVG length may have. */
const PX_PER_UNIT: Readonly<Record<string, number>> = { "": 1, px: 1, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, pt: 96 / 72, pc: 16 };

function svgInfo(bytes: Uint8Array): ImageInfo | ImageProblem {
  const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  const attributes = svgRootAttributes(text);
  if (attributes === null) return { error: NOT_AN_IMAGE };
  const width = svgLength(attributes.get("width"));
  const height = svgLength(attributes.get("height"));
  const viewBox = svgViewBox(attributes.get("viewBox"));
  if (width !== null && height !== null) return sized("svg", width, height);
  if (viewBox !== null) {
    const ratio = viewBox.width / viewBox.height;
    if (width !== null) return sized("svg", width, width / ratio);
    if (height !== null) return sized("svg", height * ratio, height);
    return sized("svg", viewBox.width, viewBox.height);
  }
  return { error: "invalid SVG: no width and height in px and no viewBox" };
}

/**
 * The attributes of the root `<svg>` start tag, after any XML declaration, processing
 * instructions, comments and doctype; null when the first element is not `svg`.
 */
function svgRootAttributes(text: string): Map<string, string> | null {
  const prolog = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*/i.exec(text);
  const rest = text.slice(prolog?.[0].length ?? 0);
  const tag = /^<(?:[A-Za-z_][\w.-]*:)?svg(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(rest);
  if (!tag) return null;
  const attributes = new Map<string, string>();
  for (const match of (tag[1] ?? "").matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes.set(match[1] ?? "", match[2] ?? match[3] ?? "");
  }
  return attributes;
}

/** A width or height in px, or null when it is missing, relative or not a positive length. */
function svgLength(value: string | undefined): number | null {
  const match = /^\s*([+]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(value ?? "");
  const factor = match ? PX_PER_UNIT[(match[2] ?? "").toLowerCase()] : undefined;
  if (!match || factor === undefined) return null;
  const px = Number(match[1]) * factor;
  return Number.isFinite(px) && px > 0 ? px : null;
}

function svgViewBox(value: string | undefined): { width: number; height: number } | null {
  const numbers = (value ?? "").trim().split(/[\s,]+/).map(Number);
  const [, , width, height] = numbers;
  if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n)) || width === undefined || height === undefined) return null;
  return width > 0 && height > 0 ? { width, height } : null;
}

/** The formats deckwright converts to PNG at build time (src/images/convert.ts), or null. */
export function convertibleFormat(bytes: Uint8Array): "WebP" | "HEIC/AVIF" | "TIFF" | "BMP" | null {
  const other = otherFormat(bytes);
  return other === "PDF" ? null : other;
}

/** Names formats that are images but not ones deckwright places, for a clearer error. */
function otherFormat(bytes: Uint8Array): "WebP" | "BMP" | "TIFF" | "HEIC/AVIF" | "PDF" | null {
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes.subarray(8), ascii("WEBP"))) return "WebP";
  if (startsWith(bytes, ascii("BM"))) return "BMP";
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return "TIFF";
  if (startsWith(bytes.subarray(4), ascii("ftyp"))) return "HEIC/AVIF";
  if (startsWith(bytes, ascii("%PDF"))) return "PDF";
  return null;
}

function sized(format: ImageFormat, width: number, height: number): ImageInfo | ImageProblem {
  if (width <= 0 || height <= 0) return { error: `invalid ${format.toUpperCase()}: zero width or height` };
  return { format, width, height };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// ── Placement ────────────────────────────────────────────────────────────────

export const BoxSchema = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
export type Box = z.infer<typeof BoxSchema>;

export const FitSchema = z.enum(["contain", "cover"]);
export type Fit = z.infer<typeof FitSchema>;

/** What to cut off each side of the image, as fractions (0..1) of the image's own width and height. */
export const CropSchema = z.object({
  left: z.number().min(0).max(1),
  top: z.number().min(0).max(1),
  right: z.number().min(0).max(1),
  bottom: z.number().min(0).max(1),
});
export type Crop = z.infer<typeof CropSchema>;

export const PlacementSchema = BoxSchema.extend({ crop: CropSchema });
export type Placement = z.infer<typeof PlacementSchema>;

const NO_CROP: Crop = { left: 0, top: 0, right: 0, bottom: 0 };

/**
 * Where an image goes in `box` without being stretched.
 * - `contain`: the largest box of the image's aspect ratio inside `box`, centred; no crop.
 * - `cover`: exactly `box`, with the image cropped evenly on two opposite sides to fill it.
 * An image or box without a positive width and height gets `box` itself, uncropped.
 */
export function fitBox(image: { width: number; height: number }, box: Box, fit: Fit): Placement {
  const { x, y, w, h } = box;
  const valid = [image.width, image.height, w, h].every((n) => Number.isFinite(n) && n > 0);
  if (!valid) return { x, y, w, h, crop: { ...NO_CROP } };
  if (fit === "contain") {
    const scale = Math.min(w / image.width, h / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    return { x: x + (w - width) / 2, y: y + (h - height) / 2, w: width, h: height, crop: { ...NO_CROP } };
  }
  const scale = Math.max(w / image.width, h / image.height);
  const cropX = Math.max(0, (1 - w / (image.width * scale)) / 2);
  const cropY = Math.max(0, (1 - h / (image.height * scale)) / 2);
  return { x, y, w, h, crop: { left: cropX, top: cropY, right: cropX, bottom: cropY } };
}
