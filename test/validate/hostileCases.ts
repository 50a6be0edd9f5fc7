/**
 * The hostile .pptx files of hostile.test.ts, each with the finding `deckwright validate` must
 * answer it with. Every one is built here, from test/support/hostileZip.ts; the big ones are
 * small on disk (a 1.2 GB entry of zeros deflates to about 1.2 MB).
 */
import { archive, deflated, repeated, stored, type RawEntry } from "../support/hostileZip.js";

export interface HostileCase {
  readonly name: string;
  /** The id the finding must have. */
  readonly id: string;
  readonly build: () => Uint8Array;
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Default Extension="png" ContentType="image/png"/>' +
  '<Default Extension="mp4" ContentType="video/mp4"/>' +
  "</Types>";
const ROOT_RELS =
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/>' +
  "</Relationships>";
const PRESENTATION = '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>';

/** The honest parts of a minimal valid package. */
export function minimalEntries(): RawEntry[] {
  return [deflated("[Content_Types].xml", CONTENT_TYPES), deflated("_rels/.rels", ROOT_RELS), deflated("ppt/presentation.xml", PRESENTATION)];
}

/** A minimal valid package with `extra` entries after its own. */
const withEntries = (...extra: RawEntry[]): Uint8Array => archive([...minimalEntries(), ...extra]);

const MiB = 1024 * 1024;
const ZEROS_16_MIB = new Uint8Array(16 * MiB);

/** `size` bytes (a multiple of 16 MiB) of zeros, honestly deflated. */
const zeros = (name: string, sixteenMiBs: number): RawEntry => repeated(name, { chunk: ZEROS_16_MIB, times: sixteenMiBs });

/** An XML part nested `depth` elements deep. */
const deepXml = (depth: number): RawEntry =>
  repeated("ppt/slides/slide1.xml", { head: '<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">', chunk: "<p:x>".repeat(depth), times: 1, tail: `${"</p:x>".repeat(depth)}</p:sld>` });

const PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";

export const HOSTILE_CASES: readonly HostileCase[] = [
  // 75 × 16 MiB = 1.2 GiB of zeros as a slide: before, "not valid UTF-8" after inflating all of it
  { name: "a 1.2 GB XML part", id: "zip-entry-too-large", build: () => withEntries(zeros("ppt/slides/slide1.xml", 75)) },
  { name: "a 1.2 GB media entry", id: "zip-entry-too-large", build: () => withEntries(zeros("ppt/media/media1.mp4", 75)) },
  {
    name: "31 central-directory entries sharing one 1 GB entry",
    id: "zip-overlapping-entries",
    build: () => {
      const entries = [...minimalEntries(), zeros("ppt/media/media1.mp4", 64)];
      const aliases = Array.from({ length: 30 }, (_, i) => ({ name: `ppt/media/media${i + 2}.mp4`, of: entries.length - 1 }));
      return archive(entries, { aliases });
    },
  },
  {
    // 56 MiB of spaces inside a slide: under the 64 MiB XML limit, but compressed more than 1000:1
    name: "a deflate-bomb XML part",
    id: "zip-bomb",
    build: () => withEntries(repeated("ppt/slides/slide1.xml", { head: "<a>", chunk: " ".repeat(8 * MiB), times: 7, tail: "</a>" })),
  },
  {
    // declares 1 KiB, inflates to 1 GiB
    name: "an entry that inflates past its declared size",
    id: "zip-corrupt",
    build: () => withEntries({ ...zeros("ppt/media/media1.mp4", 64), size: 1024 }),
  },
  { name: "XML 5,000 deep", id: "xml-too-deep", build: () => withEntries(deepXml(5_000)) },
  { name: "XML 100,000 deep", id: "xml-too-deep", build: () => withEntries(deepXml(100_000)) },
  { name: "XML 1,000,000 deep", id: "xml-too-deep", build: () => withEntries(deepXml(1_000_000)) },
  { name: "an element with 1,000,000 attributes", id: "xml-too-complex", build: () => withEntries(repeated("ppt/slides/slide1.xml", { head: "<a ", chunk: Array.from({ length: 100_000 }, (_, i) => `a${i}="" `).join(""), times: 10, tail: "/>" })) },
  { name: "an entry flagged as encrypted", id: "zip-encrypted", build: () => withEntries({ ...deflated("ppt/slides/slide1.xml", "<a/>"), flags: 0x0801 }) },
  { name: "two entries with one name", id: "zip-duplicate-entry", build: () => withEntries(deflated("ppt/slides/slide1.xml", "<a/>"), deflated("ppt/slides/slide1.xml", "<b/>")) },
  {
    name: "names that climb out (../), are absolute, hold backslashes or a terminal escape",
    id: "zip-unsafe-name",
    build: () =>
      withEntries(deflated("../../etc/cron.d/x.xml", "<a/>"), deflated("/etc/x.xml", "<a/>"), deflated("..\\..\\x.xml", "<a/>"), deflated("ppt/\u001b[2J\u009b31m.xml", "<a/>")),
  },
  {
    // as JSZip writes it: the end record holds 70,000 mod 65,536 = 4,464
    name: "70,000 entries",
    id: "zip-too-many-entries",
    build: () => withEntries(...Array.from({ length: 70_000 - 3 }, (_, i) => stored(`ppt/x/${i}.bin`, new Uint8Array(0)))),
  },
  { name: "a zip64 end record that declares 70,000 entries", id: "zip-too-many-entries", build: () => archive(minimalEntries(), { zip64Count: 70_000 }) },
  { name: "a picture that is /etc/passwd", id: "media-not-image", build: () => withEntries(deflated("ppt/media/image1.png", PASSWD)) },
  {
    name: "a truncated archive",
    id: "not-a-zip",
    build: () => {
      const whole = withEntries(deflated("ppt/slides/slide1.xml", "<a/>".repeat(1000)));
      return whole.subarray(0, whole.length - 40);
    },
  },
  { name: "a CRC mismatch", id: "zip-corrupt", build: () => withEntries({ ...deflated("ppt/slides/slide1.xml", "<a/>"), crc: 0x12345678 }) },
];

