/**
 * A media part (`ppt/media/…`) must be a picture, a sound or a video: its first bytes must be
 * those of a format that decks carry. Anything else there (a script, a password file, an
 * executable) is reported, whatever its name says.                       media-not-image
 *
 * Accepted, by signature: PNG, JPEG, GIF, BMP, TIFF, JPEG XR (`.wdp`, which PowerPoint writes
 * for edited pictures), WebP, EMF, WMF, SVG (text whose first element, within the first 4 KiB,
 * is `svg`); ISO media (MP4, M4A, M4V, MOV, 3GP), WAV, AVI, ASF (WMA, WMV), MPEG program and
 * video streams, MIDI, AIFF, Ogg, FLAC, Matroska/WebM, AU. The signatures that are only a few
 * bits long count only when the name says so: MP3 frames (`.mp3`; MP3 with an ID3 tag counts
 * by signature) and AAC ADTS (`.aac`). Not recognised: Mac PICT and EPS, which have no
 * signature and which current Office versions no longer write.
 */

/** How much of a media part's start is looked at. */
export const MEDIA_HEAD_BYTES = 4096;

export const isMediaPart = (name: string): boolean => name.toLowerCase().startsWith("ppt/media/");

interface MediaFormat {
  /** The format matches these first bytes. */
  readonly test: (head: Uint8Array) => boolean;
  /** A weak signature: it counts only for names with one of these extensions. */
  readonly only?: readonly string[];
}

const FORMATS: readonly MediaFormat[] = [
  { test: (h) => starts(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }, // PNG
  { test: (h) => starts(h, [0xff, 0xd8, 0xff]) }, // JPEG
  { test: (h) => starts(h, ascii("GIF87a")) || starts(h, ascii("GIF89a")) },
  { test: (h) => starts(h, ascii("BM")) && [12, 40, 52, 56, 64, 108, 124].includes(u32le(h, 14)) }, // BMP: a DIB header size
  { test: (h) => starts(h, [0x49, 0x49, 0x2a, 0x00]) || starts(h, [0x4d, 0x4d, 0x00, 0x2a]) }, // TIFF
  { test: (h) => starts(h, [0x49, 0x49, 0xbc]) }, // JPEG XR
  { test: (h) => riff(h, "WEBP") || riff(h, "WAVE") || riff(h, "AVI ") },
  { test: (h) => u32le(h, 0) === 1 && at(h, 40, ascii(" EMF")) }, // EMF: EMR_HEADER
  { test: (h) => starts(h, [0xd7, 0xcd, 0xc6, 0x9a]) || isWmfHeader(h) }, // WMF, placeable or not
  { test: isSvg },
  { test: (h) => ["ftyp", "moov", "mdat", "free", "wide", "skip"].some((box) => at(h, 4, ascii(box))) }, // ISO media, QuickTime
  { test: (h) => starts(h, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]) }, // ASF
  { test: (h) => starts(h, [0x00, 0x00, 0x01, 0xba]) || starts(h, [0x00, 0x00, 0x01, 0xb3]) }, // MPEG
  { test: (h) => starts(h, ascii("MThd")) || starts(h, ascii("OggS")) || starts(h, ascii("fLaC")) || starts(h, ascii(".snd")) },
  { test: (h) => starts(h, ascii("FORM")) && (at(h, 8, ascii("AIFF")) || at(h, 8, ascii("AIFC"))) },
  { test: (h) => starts(h, [0x1a, 0x45, 0xdf, 0xa3]) }, // Matroska, WebM
  { test: (h) => starts(h, ascii("ID3")) }, // MP3 with a tag
  { test: (h) => h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0, only: ["mp3"] }, // an MPEG audio frame
  { test: (h) => h[0] === 0xff && ((h[1] ?? 0) & 0xf6) === 0xf0, only: ["aac"] }, // ADTS
];

/** Why `head` (a media part's first bytes) is not a picture, sound or video; undefined when it is one. */
export function notMediaReason(name: string, head: Uint8Array): string | undefined {
  if (head.length === 0) return "the part is empty, not a picture, sound or video";
  const extension = /\.([^./]*)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  if (FORMATS.some((format) => (format.only === undefined || format.only.includes(extension)) && format.test(head))) return undefined;
  const looks = isText(head) ? "it is text" : "its first bytes match no known format";
  return `not a picture, sound or video: ${looks} (${JSON.stringify(preview(head))}…)`;
}

function isWmfHeader(h: Uint8Array): boolean {
  // type 1 (memory) or 2 (disk), header size 9 words, version 0x0100 or 0x0300
  return (h[0] === 1 || h[0] === 2) && h[1] === 0 && h[2] === 9 && h[3] === 0 && h[4] === 0 && (h[5] === 1 || h[5] === 3);
}

function isSvg(head: Uint8Array): boolean {
  const text = new TextDecoder("utf-8").decode(head).replace(/^\uFEFF/, "");
  if (!/^\s*</.test(text)) return false;
  // the first element after the prolog (declaration, processing instructions, comments, doctype)
  const prolog = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*/i.exec(text);
  return /^<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]/.test(text.slice(prolog?.[0].length ?? 0));
}

function isText(head: Uint8Array): boolean {
  return head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b >= 0x80);
}

/** The first few characters, printable ones only, for the message. */
function preview(head: Uint8Array): string {
  return Array.from(head.subarray(0, 16), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

function at(bytes: Uint8Array, offset: number, expected: readonly number[]): boolean {
  return expected.every((b, i) => bytes[offset + i] === b);
}

const starts = (bytes: Uint8Array, expected: readonly number[]): boolean => at(bytes, 0, expected);

const riff = (h: Uint8Array, kind: string): boolean => starts(h, ascii("RIFF")) && at(h, 8, ascii(kind));

function u32le(bytes: Uint8Array, offset: number): number {
  if (offset + 4 > bytes.length) return -1;
  return ((bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) | ((bytes[offset + 2] ?? 0) << 16) | ((bytes[offset + 3] ?? 0) << 24)) >>> 0;
}
