import { randomBytes } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { fromDosDateTime, readZip, toDosDateTime, writeZip, type ZipEntry } from "../../src/write/zip.js";
import { makePng } from "../support/rawDeck.js";
import { centralDirectory } from "../support/zipInspect.js";

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const WHEN = new Date("2024-05-01T12:34:56Z");

const ENTRIES: ZipEntry[] = [
  { name: "_rels/.rels", data: text("<Relationships/>".repeat(20)) },
  { name: "[Content_Types].xml", data: text("<Types/>".repeat(20)) },
  { name: "ppt/slides/slide1.xml", data: text("<p:sld>hello</p:sld>".repeat(50)) },
  { name: "ppt/media/image1.png", data: new Uint8Array(makePng(2, 2, [1, 2, 3])) },
  { name: "ppt/media/noise.bin", data: new Uint8Array(randomBytes(512)) },
  { name: "ppt/empty.xml", data: new Uint8Array(0) },
  { name: "docs/naïve – ünïcödé.xml", data: text("<x/>") },
];

describe("writeZip / readZip", () => {
  it("round-trips names and bytes, [Content_Types].xml first, the rest in the given order", () => {
    const back = readZip(writeZip(ENTRIES, WHEN));
    expect(back.map((e) => e.name)).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "ppt/slides/slide1.xml",
      "ppt/media/image1.png",
      "ppt/media/noise.bin",
      "ppt/empty.xml",
      "docs/naïve – ünïcödé.xml",
    ]);
    for (const entry of ENTRIES) {
      expect(back.find((e) => e.name === entry.name)?.data, entry.name).toEqual(entry.data);
    }
  });

  it("gives the same bytes for the same input", () => {
    expect(writeZip(ENTRIES, WHEN)).toEqual(writeZip(ENTRIES.map((e) => ({ ...e })), new Date(WHEN)));
  });

  it("stamps every entry with the given date (UTC, 2-second DOS precision), and only that changes", () => {
    const a = writeZip(ENTRIES, WHEN);
    const b = writeZip(ENTRIES, new Date("2031-12-24T08:00:01Z"));
    for (const record of centralDirectory(a)) expect(fromDosDateTime(record.time, record.date)).toEqual(new Date("2024-05-01T12:34:56Z"));
    for (const record of centralDirectory(b)) expect(fromDosDateTime(record.time, record.date)).toEqual(new Date("2031-12-24T08:00:00Z"));
    expect(a.length).toBe(b.length);
    const differing = [...a.keys()].filter((i) => a[i] !== b[i]).length;
    expect(differing).toBeGreaterThan(0);
    expect(differing).toBeLessThanOrEqual(ENTRIES.length * 2 * 4); // time+date in each local and central header
  });

  it("clamps dates before 1980 to 1980-01-01T00:00:00Z and after 2107 to the last DOS second", () => {
    expect(toDosDateTime(new Date(0))).toEqual(toDosDateTime(new Date("1980-01-01T00:00:00Z")));
    expect(fromDosDateTime(toDosDateTime(new Date(0)).time, toDosDateTime(new Date(0)).date)).toEqual(new Date("1980-01-01T00:00:00Z"));
    const late = toDosDateTime(new Date("2200-01-01T00:00:00Z"));
    expect(fromDosDateTime(late.time, late.date)).toEqual(new Date("2107-12-31T23:59:58Z"));
  });

  it("writes no folder entries, no extra fields, no comments, and sets the UTF-8 flag", () => {
    const records = centralDirectory(writeZip(ENTRIES, WHEN));
    expect(records).toHaveLength(ENTRIES.length);
    for (const record of records) {
      expect(record.name.endsWith("/")).toBe(false);
      expect(record.extraLength).toBe(0);
      expect(record.commentLength).toBe(0);
      expect(record.externalAttributes).toBe(0);
      expect(record.flags).toBe(0x0800);
    }
  });

  it("deflates what shrinks and stores what does not", () => {
    const bytes = writeZip(ENTRIES, WHEN);
    const records = new Map(centralDirectory(bytes).map((r) => [r.name, r]));
    expect(records.get("ppt/slides/slide1.xml")?.method).toBe(8);
    expect(records.get("ppt/slides/slide1.xml")?.compressedSize).toBeLessThan(200);
    expect(records.get("ppt/media/noise.bin")?.method).toBe(0);
    expect(records.get("ppt/empty.xml")?.method).toBe(0);
    // the deflated payload is raw DEFLATE that zlib itself inflates back
    const slide = records.get("ppt/slides/slide1.xml");
    if (slide === undefined) throw new Error("missing");
    const start = slide.localOffset + 30 + new TextEncoder().encode(slide.name).length;
    const inflated = inflateRawSync(bytes.subarray(start, start + slide.compressedSize));
    expect(new TextDecoder().decode(inflated)).toBe("<p:sld>hello</p:sld>".repeat(50));
  });

  it("refuses folders, duplicates and absolute or backslash paths", () => {
    const ok = { name: "a.xml", data: text("<a/>") };
    expect(() => writeZip([ok, { name: "ppt/", data: new Uint8Array(0) }], WHEN)).toThrow(/folder/);
    expect(() => writeZip([ok, ok], WHEN)).toThrow(/duplicate/);
    expect(() => writeZip([{ name: "/a.xml", data: text("") }], WHEN)).toThrow(/relative/);
    expect(() => writeZip([{ name: "a\\b.xml", data: text("") }], WHEN)).toThrow(/relative/);
  });

  it("readZip keeps folder entries and the archive's order", () => {
    // an archive written by fflate, not by this module
    const bytes = zipSync({ "b.xml": text("b"), "dir/": new Uint8Array(0), "a.xml": text("a") });
    expect(readZip(bytes).map((e) => e.name)).toEqual(["b.xml", "dir/", "a.xml"]);
    expect(readZip(bytes)[2]?.data).toEqual(text("a"));
  });

  it("readZip throws on bytes that are not a zip", () => {
    expect(() => readZip(text("not a zip at all"))).toThrow();
    expect(() => readZip(writeZip(ENTRIES, WHEN).subarray(0, 100))).toThrow();
  });
});
