import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { checkPackage } from "../../src/validate/structure.js";
import { dropIndentation, packagePptx, stableGuid } from "../../src/write/package.js";
import { fromDosDateTime, readZip, writeZip } from "../../src/write/zip.js";
import { findIllegalXmlChars } from "../../src/xml/sanitize.js";
import { buildRawDeck } from "../support/rawDeck.js";
import { xsdSkipReason, xsdValidate } from "../support/xsd.js";
import { centralDirectory, partBytes, partText } from "../support/zipInspect.js";

const MODIFIED = new Date("2024-05-01T12:00:00Z");
const pack = (raw: Uint8Array): Uint8Array => packagePptx(raw, { modified: MODIFIED });

let raw: Uint8Array;
let packed: Uint8Array;
let dirtyRaw: Uint8Array;
let dirtyPacked: Uint8Array;

beforeAll(async () => {
  raw = await buildRawDeck();
  dirtyRaw = await buildRawDeck({ illegalChars: true });
  packed = pack(raw);
  dirtyPacked = pack(dirtyRaw);
});

afterEach(() => {
  vi.useRealTimers();
});

/** The name of the first chart part that contains `marker`. */
function chartPartWith(bytes: Uint8Array, marker: string): string {
  const chart = readZip(bytes).find((e) => /^ppt\/charts\/chart\d+\.xml$/.test(e.name) && new TextDecoder().decode(e.data).includes(marker));
  if (chart === undefined) throw new Error(`no chart with ${marker}`);
  return chart.name;
}

/** The text of the first chart part that contains `marker`. */
function chartWith(bytes: Uint8Array, marker: string): string {
  return partText(bytes, chartPartWith(bytes, marker));
}

/** The bodies of every `<tag>…</tag>` element (non-nesting elements only). */
function bodies(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map((m) => m[1] ?? "");
}

const count = (s: string, re: RegExp): number => [...s.matchAll(new RegExp(re.source, "g"))].length;

describe("packagePptx: zip container", () => {
  it("compresses: pptxgenjs stores every entry, the package deflates the XML", () => {
    expect(centralDirectory(raw).every((r) => r.method === 0)).toBe(true);
    const methods = new Map(centralDirectory(packed).map((r) => [r.name, r.method]));
    expect(methods.get("ppt/slides/slide3.xml")).toBe(8);
    expect(methods.get("ppt/presentation.xml")).toBe(8);
    expect(packed.length).toBeLessThan(raw.length / 2);
  });

  it("drops the folder entries pptxgenjs writes", () => {
    expect(centralDirectory(raw).some((r) => r.name.endsWith("/"))).toBe(true);
    expect(centralDirectory(packed).filter((r) => r.name.endsWith("/"))).toEqual([]);
  });

  it("writes [Content_Types].xml first and keeps every part", () => {
    expect(centralDirectory(packed)[0]?.name).toBe("[Content_Types].xml");
    const rawParts = readZip(raw).filter((e) => !e.name.endsWith("/")).map((e) => e.name);
    expect(readZip(packed).map((e) => e.name).sort()).toEqual(rawParts.sort());
  });

  it("stamps every zip entry with options.modified", () => {
    for (const record of centralDirectory(packed)) {
      expect(fromDosDateTime(record.time, record.date), record.name).toEqual(MODIFIED);
    }
  });

  it("writes the parts sorted by name, numbers as numbers", () => {
    const names = centralDirectory(packed).map((r) => r.name);
    expect(names.slice(0, 3)).toEqual(["[Content_Types].xml", "_rels/.rels", "docProps/app.xml"]);
    const slides = names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides).toEqual([1, 2, 3, 4, 5, 6].map((n) => `ppt/slides/slide${n}.xml`));
  });

  it("leaves media bytes untouched", () => {
    const media = readZip(raw).filter((e) => e.name.startsWith("ppt/media/") && !e.name.endsWith("/"));
    expect(media.length).toBe(2);
    for (const { name, data } of media) expect(partBytes(packed, name)).toEqual(data);
  });

  it("refuses a media part that is not a picture (a bug upstream, never a deck)", () => {
    const entries = readZip(raw).filter((e) => !e.name.endsWith("/"));
    const forged = writeZip([...entries, { name: "ppt/media/image-9-9.png", data: new TextEncoder().encode("root:x:0:0:root:/root:/bin/bash\n") }], MODIFIED);
    expect(() => pack(forged)).toThrow(/ppt\/media\/image-9-9.png is not a picture/);
  });

  it("rejects an invalid date", () => {
    expect(() => packagePptx(raw, { modified: new Date("nope") })).toThrow(RangeError);
  });
});

describe("packagePptx: determinism", () => {
  it("gives identical bytes for decks built at different times with different random ids", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-02T03:04:05Z"));
    const first = await buildRawDeck();
    vi.setSystemTime(new Date("2031-06-07T08:09:10Z"));
    const second = await buildRawDeck();
    vi.useRealTimers();

    // the raw decks really differ: build time and random GUIDs
    expect(partText(first, "docProps/core.xml")).toContain("2030-01-02T03:04:05Z");
    expect(partText(second, "docProps/core.xml")).toContain("2031-06-07T08:09:10Z");
    expect(partText(first, "ppt/presentation.xml")).not.toBe(partText(second, "ppt/presentation.xml"));
    expect(first).not.toEqual(second);

    expect(pack(first)).toEqual(pack(second));
    expect(pack(first)).toEqual(packed);
  });

  it("renumbers charts from 1 (pptxgenjs keeps counting across decks built in one process)", async () => {
    const later = await buildRawDeck(); // charts 1..4 were taken by earlier builds in this process
    const rawCharts = readZip(later).map((e) => e.name).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    expect(rawCharts).not.toContain("ppt/charts/chart1.xml");
    const packedLater = pack(later);
    const names = readZip(packedLater).map((e) => e.name);
    for (let n = 1; n <= 4; n++) {
      expect(names).toContain(`ppt/charts/chart${n}.xml`);
      expect(names).toContain(`ppt/charts/_rels/chart${n}.xml.rels`);
      expect(names).toContain(`ppt/embeddings/Microsoft_Excel_Worksheet${n}.xlsx`);
    }
    expect(partText(packedLater, "ppt/slides/_rels/slide4.xml.rels")).toContain('Target="/ppt/charts/chart1.xml"');
    expect(partText(packedLater, "ppt/charts/_rels/chart1.xml.rels")).toContain('Target="../embeddings/Microsoft_Excel_Worksheet1.xlsx"');
    expect(checkPackage(packedLater)).toEqual([]);
    expect(packedLater).toEqual(packed);
  });

  it("is idempotent: packaging a packaged deck changes nothing", () => {
    expect(pack(packed)).toEqual(packed);
  });
});

describe("packagePptx: docProps/core.xml", () => {
  it("replaces the build time with options.modified (seconds, UTC)", () => {
    const before = partText(raw, "docProps/core.xml");
    expect(before).toMatch(/<dcterms:created xsi:type="dcterms:W3CDTF">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/dcterms:created>/);
    expect(before).not.toContain("2024-05-01T12:00:00Z");
    const after = partText(packed, "docProps/core.xml");
    expect(after).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T12:00:00Z</dcterms:created>');
    expect(after).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-05-01T12:00:00Z</dcterms:modified>');
  });

  it("pins the embedded chart workbooks too: their core.xml dates, zip times, folders and compression", () => {
    const workbooks = readZip(raw).filter((e) => e.name.startsWith("ppt/embeddings/") && !e.name.endsWith("/"));
    expect(workbooks.length).toBe(4);
    for (const { name, data } of workbooks) {
      expect(centralDirectory(data).some((r) => r.name.endsWith("/")), name).toBe(true);
      expect(partText(data, "docProps/core.xml")).toMatch(/W3CDTF">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z</);

      const repacked = partBytes(packed, name);
      const records = centralDirectory(repacked);
      expect(records.filter((r) => r.name.endsWith("/"))).toEqual([]);
      expect(records[0]?.name).toBe("[Content_Types].xml");
      for (const r of records) expect(fromDosDateTime(r.time, r.date)).toEqual(MODIFIED);
      expect(records.find((r) => r.name === "xl/worksheets/sheet1.xml")?.method).toBe(8);
      const core = partText(repacked, "docProps/core.xml");
      expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T12:00:00Z</dcterms:created>');
      expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-05-01T12:00:00Z</dcterms:modified>');
      expect(partText(repacked, "xl/worksheets/sheet1.xml")).toBe(partText(data, "xl/worksheets/sheet1.xml"));
    }
  });
});

describe("packagePptx: [Content_Types].xml", () => {
  it("drops the phantom slideMaster2..N Overrides and keeps the real ones", () => {
    const before = partText(raw, "[Content_Types].xml");
    expect(before).toContain('PartName="/ppt/slideMasters/slideMaster2.xml"');
    expect(readZip(raw).some((e) => e.name === "ppt/slideMasters/slideMaster2.xml")).toBe(false);
    const after = partText(packed, "[Content_Types].xml");
    expect(after).not.toContain("slideMaster2.xml");
    expect(after).toContain('PartName="/ppt/slideMasters/slideMaster1.xml"');
    const droppedNotes = count(before, /notesSlides\/notesSlide\d+\.xml"/g) - count(after, /notesSlides\/notesSlide\d+\.xml"/g);
    expect(count(after, /<Override /)).toBe(count(before, /<Override /) - 5 - droppedNotes); // 6 slides → masters 2..6
  });

  it("declares .jpg as image/jpeg, not image/jpg", () => {
    expect(partText(raw, "[Content_Types].xml")).toContain('<Default Extension="jpg" ContentType="image/jpg"/>');
    const after = partText(packed, "[Content_Types].xml");
    expect(after).toContain('<Default Extension="jpg" ContentType="image/jpeg"/>');
    expect(after).not.toContain("image/jpg");
  });
});

describe("packagePptx: ppt/presentation.xml", () => {
  it("moves p:notesMasterIdLst before p:sldIdLst", () => {
    const before = partText(raw, "ppt/presentation.xml");
    expect(before.indexOf("<p:notesMasterIdLst>")).toBeGreaterThan(before.indexOf("<p:sldIdLst>"));
    const after = partText(packed, "ppt/presentation.xml");
    const order = ["<p:sldMasterIdLst>", "<p:notesMasterIdLst>", "<p:sldIdLst>", "<p:sldSz "].map((tag) => after.indexOf(tag));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(count(after, /<p:notesMasterIdLst>/)).toBe(1);
  });

  it("replaces the random section GUIDs with stable upper-case ones", () => {
    const rawIds = [...partText(raw, "ppt/presentation.xml").matchAll(/<p14:section name="[^"]*" id="([^"]+)"/g)].map((m) => m[1]);
    expect(rawIds).toHaveLength(3);
    const ids = [...partText(packed, "ppt/presentation.xml").matchAll(/<p14:section name="[^"]*" id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
    expect(ids[0]).toBe(stableGuid("ppt/presentation.xml", "section", "0", "Introduction"));
  });
});

describe("packagePptx: charts", () => {
  it("keeps two c:axId in bar, line and area charts (pptxgenjs writes a third, 3-D-only one)", () => {
    for (const type of ["c:barChart", "c:lineChart", "c:areaChart"]) {
      const [before] = bodies(chartWith(raw, `<${type}>`), type);
      expect(count(before ?? "", /<c:axId /), type).toBe(3);
      const [after] = bodies(chartWith(packed, `<${type}>`), type);
      expect(count(after ?? "", /<c:axId /), type).toBe(2);
      expect(after).not.toContain('<c:axId val="2094734556"/>');
    }
  });

  it("adds the required c:grouping to line charts", () => {
    expect(chartWith(raw, "<c:lineChart>")).toContain("<c:lineChart><c:varyColors");
    expect(chartWith(packed, "<c:lineChart>")).toContain('<c:lineChart><c:grouping val="standard"/><c:varyColors');
  });

  it("drops c:invertIfNegative from line and area series, keeps it in bar series", () => {
    expect(chartWith(raw, "<c:lineChart>")).toContain("<c:invertIfNegative");
    expect(chartWith(raw, "<c:areaChart>")).toContain("<c:invertIfNegative");
    expect(chartWith(packed, "<c:lineChart>")).not.toContain("<c:invertIfNegative");
    expect(chartWith(packed, "<c:areaChart>")).not.toContain("<c:invertIfNegative");
    expect(chartWith(packed, "<c:barChart>")).toContain('<c:invertIfNegative val="0"/>');
  });

  it("moves each line series' c:marker before its c:dLbls", () => {
    expect(chartWith(raw, "<c:lineChart>")).toMatch(/<\/c:dLbls>\s*<c:marker>/);
    const series = bodies(chartWith(packed, "<c:lineChart>"), "c:ser");
    expect(series).toHaveLength(2);
    for (const ser of series) {
      expect(ser.indexOf("<c:marker>")).toBeGreaterThan(ser.indexOf("<c:spPr>"));
      expect(ser.indexOf("<c:marker>")).toBeLessThan(ser.indexOf("<c:dLbls>"));
    }
  });

  it("fixes scatter charts: no c:showLeaderLines in a single c:dLbl, no category-axis elements in c:valAx, no empty c:ext", () => {
    const before = chartWith(raw, "<c:scatterChart>");
    expect(bodies(before, "c:dLbl").some((l) => l.includes("<c:showLeaderLines"))).toBe(true);
    expect(bodies(before, "c:valAx").some((a) => a.includes("<c:auto "))).toBe(true);
    expect(before).toMatch(/<c:ext uri="\{CE6537A1-[^"]*"[^>]*\/>/);

    const after = chartWith(packed, "<c:scatterChart>");
    expect(bodies(after, "c:dLbl").length).toBeGreaterThan(0);
    expect(bodies(after, "c:dLbl").some((l) => l.includes("<c:showLeaderLines"))).toBe(false);
    expect(bodies(after, "c:valAx").some((a) => /<c:(auto|lblAlgn|noMultiLvlLbl) /.test(a))).toBe(false);
    expect(after).not.toMatch(/<c:ext\b[^>]*\/>/);
    expect(chartWith(packed, "<c:barChart>")).toContain('<c:auto val="1"/>'); // c:catAx keeps it
  });

  it("replaces the random scatter label GUIDs with stable ones", () => {
    const guids = (xml: string): string[] => [...xml.matchAll(/<c16:uniqueId val="([^"]+)"/g)].map((m) => m[1] ?? "");
    const rawGuids = guids(chartWith(raw, "<c:scatterChart>"));
    expect(rawGuids.length).toBeGreaterThan(0);
    expect(rawGuids.some((g) => /[a-f]/.test(g))).toBe(true); // pptxgenjs: random, lower case
    const after = guids(chartWith(packed, "<c:scatterChart>"));
    expect(after).toHaveLength(rawGuids.length);
    expect(new Set(after).size).toBe(after.length);
    for (const g of after) expect(g).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
  });
});

describe("packagePptx: XML-illegal characters", () => {
  it("strips them from every XML part and keeps the rest of the text", () => {
    const dirtyParts = readZip(dirtyRaw).filter((e) => /\.(xml|rels)$/.test(e.name));
    const withIllegal = dirtyParts.filter((e) => findIllegalXmlChars(new TextDecoder().decode(e.data)).length > 0).map((e) => e.name);
    expect(withIllegal).toEqual(
      expect.arrayContaining(["docProps/core.xml", "ppt/slides/slide1.xml", "ppt/slides/slide3.xml", "ppt/notesSlides/notesSlide1.xml"]),
    );
    for (const { name, data } of readZip(dirtyPacked).filter((e) => /\.(xml|rels)$/.test(e.name))) {
      expect(findIllegalXmlChars(new TextDecoder().decode(data)), name).toEqual([]);
    }
    // the lone surrogate was already U+FFFD in pptxgenjs' UTF-8; the emoji survives
    expect(partText(dirtyPacked, "ppt/slides/slide1.xml")).toContain("<a:t>Bad chars here  and \uFFFD lone; keep 😀 emoji</a:t>");
    expect(partText(dirtyPacked, "docProps/core.xml")).toContain("<dc:title>Raw deck Bad chars here  and \uFFFD lone; keep 😀 emoji</dc:title>");
  });

  it("cleans the embedded workbooks' XML as well", () => {
    const workbook = partBytes(dirtyPacked, "ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx");
    for (const { name, data } of readZip(workbook)) {
      expect(findIllegalXmlChars(new TextDecoder().decode(data)), name).toEqual([]);
    }
  });
});

describe("packagePptx: indentation", () => {
  it("drops the white space pptxgenjs indents its parts with, and keeps white space that is text", () => {
    expect(partText(raw, "ppt/slideMasters/slideMaster1.xml")).toMatch(/>\s+</);
    for (const entry of readZip(packed).filter((e) => /\.(xml|rels)$/.test(e.name))) {
      const xml = new TextDecoder().decode(entry.data);
      // What is left: an element whose whole content is white space (text, for all the package step knows).
      expect(xml.replace(/<([\w:]+)\b[^<>]*>\s+<\/\1>/g, ""), entry.name).not.toMatch(/>\s+</);
    }
    expect(dropIndentation('<?xml version="1.0"?>\n<a>\n\t<b x="1"/>  <a:t> </a:t>\n<c><d>t</d> <e/></c>\n</a>')).toBe('<?xml version="1.0"?><a><b x="1"/><a:t> </a:t><c><d>t</d><e/></c></a>');
  });
});

describe("packagePptx: structural checks", () => {
  it("the raw deck has the phantom Overrides (and the dirty one illegal characters)", () => {
    expect(checkPackage(raw).map((p) => p.id)).toContain("override-without-part");
    expect(checkPackage(dirtyRaw).map((p) => p.id)).toContain("illegal-xml-char");
  });

  it("checkPackage finds nothing in packaged decks", () => {
    expect(checkPackage(packed)).toEqual([]);
    expect(checkPackage(dirtyPacked)).toEqual([]);
  });
});

const skipXsd = xsdSkipReason();
if (skipXsd !== undefined) console.warn(skipXsd);

describe("packagePptx: XSD validation (ECMA-376 transitional, xmllint)", () => {
  it.skipIf(skipXsd !== undefined)("the raw pptxgenjs deck fails with the known deviations", async () => {
    const failures = await xsdValidate(raw);
    const byPart = new Map(failures.map((f) => [f.part, f.errors]));
    const chart = (type: string): string => chartPartWith(raw, `<c:${type}>`);
    const expected: Record<string, RegExp[]> = {
      "ppt/presentation.xml": [/Element '\{[^}]+\}notesMasterIdLst': This element is not expected/],
      "ppt/slides/slide2.xml": [/Element '\{[^}]+\}pPr': This element is not expected/],
      [chart("barChart")]: [/Element '\{[^}]+\}axId': This element is not expected/],
      [chart("lineChart")]: [/Element '\{[^}]+\}varyColors': This element is not expected\. Expected is \( \{[^}]+\}grouping \)/],
      [chart("areaChart")]: [/Element '\{[^}]+\}invertIfNegative': This element is not expected/, /Element '\{[^}]+\}axId'/],
      [chart("scatterChart")]: [/Element '\{[^}]+\}showLeaderLines': This element is not expected/, /Element '\{[^}]+\}auto': This element is not expected/],
    };
    expect([...byPart.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [part, patterns] of Object.entries(expected)) {
      for (const pattern of patterns) expect(byPart.get(part), part).toMatch(pattern);
    }
  });

  // deckwright's slides are written by src/write/slideXml.ts (their XSD tests: slideXml.test.ts and
  // fixtures.test.ts); pptxgenjs writes the rest, and those parts of its raw deck must all validate.
  const notSlides = (failures: readonly { part: string }[]) => failures.filter((f) => !f.part.startsWith("ppt/slides/"));

  it.skipIf(skipXsd !== undefined)("every part of the packaged deck but pptxgenjs' own slides validates", async () => {
    expect(notSlides(await xsdValidate(packed))).toEqual([]);
  });

  it.skipIf(skipXsd !== undefined)("every part of the packaged deck with illegal characters but pptxgenjs' own slides validates", async () => {
    expect(notSlides(await xsdValidate(dirtyPacked))).toEqual([]);
  });
});
