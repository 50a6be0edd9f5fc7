import { crc32, deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { fitBox, imageInfo, NOT_AN_IMAGE, PlacementSchema } from "../../src/images/size.js";

function u16be(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

function u32be(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

function bytesOf(text: string): number[] {
  return [...Buffer.from(text, "latin1")];
}

function pngChunk(type: string, data: number[]): number[] {
  const typed = [...bytesOf(type), ...data];
  return [...u32be(data.length), ...typed, ...u32be(crc32(Uint8Array.from(typed)))];
}

/** A complete, valid grey 8-bit PNG of the given size. */
function png(width: number, height: number): Uint8Array {
  const rows = Buffer.alloc((width + 1) * height); // filter byte 0 and black pixels on every row
  return Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...pngChunk("IHDR", [...u32be(width), ...u32be(height), 8, 0, 0, 0, 0]),
    ...pngChunk("IDAT", [...deflateSync(rows)]),
    ...pngChunk("IEND", []),
  ]);
}

function jpegSegment(marker: number, data: number[]): number[] {
  return [0xff, marker, ...u16be(data.length + 2), ...data];
}

/** An APP1 Exif segment whose IFD0 holds an orientation tag, in either byte order. */
function exif(orientation: number, littleEndian: boolean): number[] {
  const u16 = (n: number) => (littleEndian ? u16be(n).reverse() : u16be(n));
  const u32 = (n: number) => (littleEndian ? u32be(n).reverse() : u32be(n));
  const tiff = [
    ...bytesOf(littleEndian ? "II" : "MM"), ...u16(42), ...u32(8),
    ...u16(2),
    ...u16(0x010f), ...u16(2), ...u32(4), ...bytesOf("Cam\0"), // Make, an ASCII tag before it
    ...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0,
    ...u32(0),
  ];
  return jpegSegment(0xe1, [...bytesOf("Exif\0\0"), ...tiff]);
}

/** SOI, APP0 (JFIF), optional segments, a frame header of the given kind, then SOS and EOI. */
function jpeg(width: number, height: number, options: { before?: number[]; sof?: number } = {}): Uint8Array {
  return Uint8Array.from([
    0xff, 0xd8,
    ...jpegSegment(0xe0, [...bytesOf("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...(options.before ?? []),
    ...jpegSegment(0xdb, new Array<number>(65).fill(1)), // DQT
    ...jpegSegment(options.sof ?? 0xc0, [8, ...u16be(height), ...u16be(width), 1, 1, 0x11, 0]),
    ...jpegSegment(0xda, [1, 1, 0, 0, 0x3f, 0]),
    0x00, 0xff, 0xd9,
  ]);
}

function gif(width: number, height: number): Uint8Array {
  return Uint8Array.from([...bytesOf("GIF89a"), width & 0xff, width >> 8, height & 0xff, height >> 8, 0, 0, 0, 0x3b]);
}

function svg(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

describe("imageInfo: PNG", () => {
  it("reads the size from IHDR", () => {
    expect(imageInfo(png(3, 2))).toEqual({ format: "png", width: 3, height: 2 });
    expect(imageInfo(png(1920, 1080).subarray(0, 24))).toEqual({ format: "png", width: 1920, height: 1080 });
  });

  it("reads from a view into a larger buffer", () => {
    const whole = Uint8Array.from([0, 0, 0, ...png(5, 7)]);
    expect(imageInfo(whole.subarray(3))).toEqual({ format: "png", width: 5, height: 7 });
  });

  it("refuses a truncated header, a first chunk other than IHDR, and a zero size", () => {
    expect(imageInfo(png(3, 2).subarray(0, 20))).toEqual({ error: "truncated PNG header" });
    expect(imageInfo(png(3, 2).subarray(0, 8))).toEqual({ error: "truncated PNG header" });
    const wrongChunk = png(3, 2);
    wrongChunk.set(bytesOf("IDAT"), 12);
    expect(imageInfo(wrongChunk)).toEqual({ error: "invalid PNG: the first chunk is not IHDR" });
    expect(imageInfo(png(0, 2))).toEqual({ error: "invalid PNG: zero width or height" });
  });
});

describe("imageInfo: JPEG", () => {
  it("reads the size from SOF0 after APP0 and DQT", () => {
    expect(imageInfo(jpeg(640, 480))).toEqual({ format: "jpeg", width: 640, height: 480 });
  });

  it("reads progressive (SOF2) and other frame kinds, but not DHT (C4) as a frame", () => {
    expect(imageInfo(jpeg(64, 48, { sof: 0xc2 }))).toEqual({ format: "jpeg", width: 64, height: 48 });
    const dht = jpegSegment(0xc4, [0, ...new Array<number>(16).fill(0)]);
    expect(imageInfo(jpeg(64, 48, { before: dht }))).toEqual({ format: "jpeg", width: 64, height: 48 });
  });

  it("skips fill bytes between segments", () => {
    const filled = jpeg(10, 20, { before: [0xff, 0xff] });
    expect(imageInfo(filled)).toEqual({ format: "jpeg", width: 10, height: 20 });
  });

  it.each([
    { orientation: 1, little: true, size: [640, 480] },
    { orientation: 3, little: false, size: [640, 480] },
    { orientation: 5, little: true, size: [480, 640] },
    { orientation: 6, little: false, size: [480, 640] },
    { orientation: 7, little: true, size: [480, 640] },
    { orientation: 8, little: false, size: [480, 640] },
  ])("applies EXIF orientation $orientation (little-endian: $little)", ({ orientation, little, size }) => {
    expect(imageInfo(jpeg(640, 480, { before: exif(orientation, little) }))).toEqual({ format: "jpeg", width: size[0], height: size[1] });
  });

  it("ignores a broken EXIF block", () => {
    const broken = jpegSegment(0xe1, [...bytesOf("Exif\0\0"), ...bytesOf("XX"), 0, 42]);
    expect(imageInfo(jpeg(640, 480, { before: broken }))).toEqual({ format: "jpeg", width: 640, height: 480 });
    const shortIfd = jpegSegment(0xe1, [...bytesOf("Exif\0\0MM"), 0, 42, ...u32be(8), 0, 5]);
    expect(imageInfo(jpeg(640, 480, { before: shortIfd }))).toEqual({ format: "jpeg", width: 640, height: 480 });
  });

  it("refuses a JPEG cut before its frame header, or with image data first", () => {
    const whole = jpeg(640, 480);
    expect(imageInfo(whole.subarray(0, 30))).toEqual({ error: "truncated JPEG: no frame header (SOF) found" });
    expect(imageInfo(whole.subarray(0, 3))).toEqual({ error: "truncated JPEG: no frame header (SOF) found" });
    const sofAt = whole.findIndex((byte, i) => byte === 0xff && whole[i + 1] === 0xc0);
    expect(imageInfo(whole.subarray(0, sofAt + 6))).toEqual({ error: "truncated JPEG frame header" });
    const noFrame = Uint8Array.from([0xff, 0xd8, ...jpegSegment(0xda, [1, 1, 0, 0, 0x3f, 0]), 0xff, 0xd9]);
    expect(imageInfo(noFrame)).toEqual({ error: "invalid JPEG: image data before any frame header (SOF)" });
    expect(imageInfo(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 1]))).toEqual({ error: "invalid JPEG: a segment length is less than 2" });
    expect(imageInfo(jpeg(640, 0))).toEqual({ error: "invalid JPEG: zero width or height" });
  });
});

describe("imageInfo: GIF", () => {
  it("reads the logical screen size", () => {
    expect(imageInfo(gif(300, 2))).toEqual({ format: "gif", width: 300, height: 2 });
    const gif87 = gif(1, 1);
    gif87.set(bytesOf("GIF87a"));
    expect(imageInfo(gif87)).toEqual({ format: "gif", width: 1, height: 1 });
  });

  it("refuses a truncated header", () => {
    expect(imageInfo(gif(300, 2).subarray(0, 9))).toEqual({ error: "truncated GIF header" });
  });
});

describe("imageInfo: SVG", () => {
  it.each([
    { text: '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"/>', size: [120, 80] },
    { text: "<svg width='120px' height='80px'></svg>", size: [120, 80] },
    { text: '<svg width="1in" height="72pt"/>', size: [96, 96] },
    { text: '<svg viewBox="0 0 400 300"/>', size: [400, 300] },
    { text: '<svg viewBox="-10,-10,40,20" width="100%" height="100%"/>', size: [40, 20] },
    { text: '<svg width="200" viewBox="0 0 400 300"/>', size: [200, 150] },
    { text: '<svg height="30" viewBox="0 0 400 300"/>', size: [40, 30] },
    { text: '<svg width=" 12.5 " height="1e2"/>', size: [12.5, 100] },
    {
      text: '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand > -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd" [ <!ENTITY a "b"> ]>\n<svg\n  data-x="a>b" width="10" height="20">',
      size: [10, 20],
    },
    { text: '<svg:svg xmlns:svg="http://www.w3.org/2000/svg" width="5" height="6"/>', size: [5, 6] },
  ])("reads $text", ({ text, size }) => {
    expect(imageInfo(svg(text))).toEqual({ format: "svg", width: size[0], height: size[1] });
  });

  it("refuses an SVG without a usable size", () => {
    const error = { error: "invalid SVG: no width and height in px and no viewBox" };
    expect(imageInfo(svg("<svg/>"))).toEqual(error);
    expect(imageInfo(svg('<svg width="100%" height="50%"/>'))).toEqual(error);
    expect(imageInfo(svg('<svg width="10" viewBox="0 0 0 10"/>'))).toEqual(error);
    expect(imageInfo(svg('<svg width="-10" height="10"/>'))).toEqual(error);
    expect(imageInfo(svg('<svg viewBox="0 0 ten 10"/>'))).toEqual(error);
  });

  it("refuses text whose first element is not svg", () => {
    expect(imageInfo(svg("<html><svg width='1' height='1'/></html>"))).toEqual({ error: NOT_AN_IMAGE });
    expect(imageInfo(svg("<svgx width='1' height='1'/>"))).toEqual({ error: NOT_AN_IMAGE });
    expect(imageInfo(svg("hello"))).toEqual({ error: NOT_AN_IMAGE });
  });
});

describe("imageInfo: anything else", () => {
  it("refuses empty input and garbage", () => {
    expect(imageInfo(new Uint8Array())).toEqual({ error: NOT_AN_IMAGE });
    expect(imageInfo(Uint8Array.from([0x89, 0x50]))).toEqual({ error: NOT_AN_IMAGE });
    expect(imageInfo(Uint8Array.from({ length: 256 }, (_, i) => (i * 37) & 0xff))).toEqual({ error: NOT_AN_IMAGE });
  });

  it("names image formats it does not place", () => {
    expect(imageInfo(Uint8Array.from([...bytesOf("RIFF"), 0, 0, 0, 0, ...bytesOf("WEBPVP8 ")]))).toEqual({
      error: `${NOT_AN_IMAGE} (it looks like WebP)`,
    });
    expect(imageInfo(Uint8Array.from([...bytesOf("BM"), 0, 0]))).toEqual({ error: `${NOT_AN_IMAGE} (it looks like BMP)` });
  });
});

describe("fitBox", () => {
  const box = { x: 1, y: 2, w: 8, h: 4 };

  it("contains a tall image, centred horizontally", () => {
    expect(fitBox({ width: 100, height: 200 }, box, "contain")).toEqual({ x: 4, y: 2, w: 2, h: 4, crop: { left: 0, top: 0, right: 0, bottom: 0 } });
  });

  it("contains a wide image, centred vertically", () => {
    expect(fitBox({ width: 400, height: 100 }, box, "contain")).toEqual({ x: 1, y: 3, w: 8, h: 2, crop: { left: 0, top: 0, right: 0, bottom: 0 } });
  });

  it("fills the box exactly when the aspect ratios match", () => {
    expect(fitBox({ width: 20, height: 10 }, box, "contain")).toEqual({ ...box, crop: { left: 0, top: 0, right: 0, bottom: 0 } });
    expect(fitBox({ width: 20, height: 10 }, box, "cover")).toEqual({ ...box, crop: { left: 0, top: 0, right: 0, bottom: 0 } });
  });

  it("covers with a tall image by cropping top and bottom", () => {
    // 100×200 scaled to width 8 is 8×16; 4 of 16 are kept, 6/16 cut off each end.
    expect(fitBox({ width: 100, height: 200 }, box, "cover")).toEqual({ ...box, crop: { left: 0, top: 0.375, right: 0, bottom: 0.375 } });
  });

  it("covers with a wide image by cropping left and right", () => {
    // 400×100 scaled to height 4 is 16×4; 8 of 16 are kept.
    expect(fitBox({ width: 400, height: 100 }, box, "cover")).toEqual({ ...box, crop: { left: 0.25, top: 0, right: 0.25, bottom: 0 } });
  });

  it("never stretches: the visible part of a covered image has the box's aspect ratio", () => {
    for (const image of [{ width: 333, height: 71 }, { width: 7, height: 1000 }, { width: 1, height: 1 }]) {
      const placed = PlacementSchema.parse(fitBox(image, box, "cover"));
      const visibleWidth = image.width * (1 - placed.crop.left - placed.crop.right);
      const visibleHeight = image.height * (1 - placed.crop.top - placed.crop.bottom);
      expect(visibleWidth / visibleHeight).toBeCloseTo(box.w / box.h, 10);
      const contained = fitBox(image, box, "contain");
      expect(contained.w / contained.h).toBeCloseTo(image.width / image.height, 10);
      expect(contained.w <= box.w && contained.h <= box.h).toBe(true);
    }
  });

  it("gives the box itself for a zero-sized image or box", () => {
    expect(fitBox({ width: 0, height: 10 }, box, "contain")).toEqual({ ...box, crop: { left: 0, top: 0, right: 0, bottom: 0 } });
    expect(fitBox({ width: 10, height: 10 }, { ...box, w: 0 }, "cover")).toEqual({ ...box, w: 0, crop: { left: 0, top: 0, right: 0, bottom: 0 } });
  });
});
