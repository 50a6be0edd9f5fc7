/**
 * `deckwright validate` on .pptx files built to hurt it (hostileCases.ts): each one, in a child
 * process, must answer with a finding of the expected id and exit 1, print no stack trace,
 * finish before a hang-detection deadline, and peak under 600 MiB of memory. Before the
 * streaming reader, the 1.2 GB entry cost 1.3 GB, 31 entries sharing one payload passed 2.5 GB,
 * 5,000-deep XML crashed with a stack trace and 100,000-deep XML ran for minutes.
 *
 * Then, in process, the limits one by one (with small limits, so that nothing large is built),
 * the streaming XML reader fed one byte at a time, and the media signatures.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPackage, checkPackageFile, PACKAGE_LIMITS, SourceReadError, type PackageLimits, type PackageProblem } from "../../src/validate/structure.js";
import { XmlPartReader, type XmlElementStart } from "../../src/validate/xml.js";
import { packagePptx } from "../../src/write/package.js";
import { archive, bytes, deflated, repeated, stored, type RawEntry } from "../support/hostileZip.js";
import { buildRawDeck } from "../support/rawDeck.js";
import { HOSTILE_CASES, minimalEntries } from "./hostileCases.js";

/** Long enough for a loaded machine, far too short for an unbounded or quadratic regression. */
const DEADLINE_MS = 30_000;
const MEMORY_CAP_MIB = 600;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "deckwright-hostile-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ChildRun {
  /** Why the child was killed, when it was. */
  readonly killed: "deadline" | "memory" | undefined;
  readonly exitCode: number | null;
  readonly stdout: string;
  /** What the child process itself printed on standard error (a crash's stack trace). */
  readonly stderr: string;
  /** The child's peak resident memory as last seen from outside (0 without /proc). */
  readonly seenRssMiB: number;
}

/** One file's result, from validateChild.ts. */
interface FileResult {
  readonly file: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly milliseconds: number;
  readonly peakRssMiB: number;
}

/**
 * Runs `node --import tsx <args>` with a deadline and a memory watchdog: the child is killed
 * when its resident memory (from /proc, where there is one) passes the cap, so that a regression
 * fails the test instead of exhausting the machine.
 */
function runChild(args: readonly string[], deadlineMs: number): Promise<ChildRun> {
  return new Promise((resolve) => {
    let killed: ChildRun["killed"];
    let seenRssMiB = 0;
    const child = execFile(
      process.execPath,
      ["--max-old-space-size=512", "--expose-gc", "--import", "tsx", ...args],
      { timeout: deadlineMs, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        clearInterval(watchdog);
        if (error?.killed === true) killed ??= "deadline";
        const exitCode = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ killed, exitCode, stdout, stderr, seenRssMiB });
      },
    );
    const watchdog = setInterval(() => {
      let status: string;
      try {
        status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      } catch {
        return; // no /proc here, or the child is gone
      }
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
      seenRssMiB = Math.max(seenRssMiB, rss);
      if (rss > MEMORY_CAP_MIB) {
        killed = "memory";
        child.kill("SIGKILL");
      }
    }, 20);
  });
}

const VALIDATE_CHILD = fileURLToPath(new URL("./validateChild.ts", import.meta.url));
const CLI_MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

function writeCase(name: string, content: Uint8Array): string {
  const path = join(dir, `${name.replace(/[^a-z0-9]+/gi, "-")}.pptx`);
  writeFileSync(path, content);
  return path;
}

describe("deckwright validate on a hostile file: a finding, in bounded time and memory (child process)", () => {
  // One child validates every file in turn (a child each would spend most of the time starting
  // up), reporting each file's time and peak memory as it finishes; a hang or a runaway stops
  // the child, and the files it did not finish fail below.
  const files = new Map<string, string>(); // case name → path
  let run: ChildRun;
  const results = new Map<string, FileResult>(); // path → result
  beforeAll(async () => {
    for (const hostile of HOSTILE_CASES) files.set(hostile.name, writeCase(hostile.name, hostile.build()));
    files.set("real deck", writeCase("real deck", packagePptx(await buildRawDeck(), { modified: new Date(Date.UTC(2024, 4, 1)) })));
    run = await runChild([VALIDATE_CHILD, ...files.values()], 3 * DEADLINE_MS);
    for (const line of run.stdout.split("\n").filter((l) => l !== "")) {
      const result = JSON.parse(line) as FileResult;
      results.set(result.file, result);
    }
  }, 4 * DEADLINE_MS);

  /** The file's result, which must be within bounds: finished, no crash, in time, in memory. */
  function bounded(name: string): FileResult {
    const result = results.get(files.get(name) ?? "");
    const context = `killed: ${run.killed ?? "no"}, child stderr: ${run.stderr.slice(0, 2000)}`;
    expect(result, `${name} did not finish: ${context}`).toBeDefined();
    if (result === undefined) throw new Error("unreachable");
    const summary = `${Math.round(result.milliseconds)} ms, ${Math.round(result.peakRssMiB)} MiB; ${context}`;
    expect(result.milliseconds, summary).toBeLessThan(DEADLINE_MS);
    expect(result.peakRssMiB, summary).toBeLessThan(MEMORY_CAP_MIB);
    return result;
  }

  for (const hostile of HOSTILE_CASES) {
    it(`${hostile.name}: [${hostile.id}]`, () => {
      const result = bounded(hostile.name);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`[${hostile.id}]`);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      // eslint-disable-next-line no-control-regex -- names from the file must not reach the terminal raw
      expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(result.stdout).toMatch(/: \d+ problems?\n$/);
    });
  }

  it("a real deck is valid, through the same child", () => {
    expect(bounded("real deck")).toMatchObject({ code: 0, stdout: `${files.get("real deck") ?? ""}: valid\n`, stderr: "" });
  });

  it("the child ran to its end, and no file took it past the memory cap", () => {
    expect(run.killed).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.seenRssMiB).toBeLessThan(MEMORY_CAP_MIB);
  });

  it("the deckwright command itself: exit code 1 and `file: part: error message [id]` lines", async () => {
    const path = files.get("a 1.2 GB XML part") ?? "";
    const result = await runChild([CLI_MAIN, "validate", path], DEADLINE_MS);
    expect(result.killed).toBeUndefined();
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe(`${path}: 1 problem\n`);
    expect(result.stderr).toBe(`${path}: ppt/slides/slide1.xml: error 1.2 GiB uncompressed, more than the 64 MiB limit for an XML part [zip-entry-too-large]\n`);
  }, 2 * DEADLINE_MS);
});

// ---------------------------------------------------------------------------------------
// In process

const ids = (problems: readonly PackageProblem[]): string[] => problems.map((p) => p.id);
const withEntries = (...extra: RawEntry[]): Uint8Array => archive([...minimalEntries(), ...extra]);
const limited = (overrides: Partial<PackageLimits>): PackageLimits => ({ ...PACKAGE_LIMITS, ...overrides });
const SLIDE_NS = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';

describe("checkPackage reads what real decks hold", () => {
  it("gives the same answer for a file as for its bytes: none, for a real deck", async () => {
    const deck = packagePptx(await buildRawDeck(), { modified: new Date(Date.UTC(2024, 4, 1)) });
    const path = writeCase("file and bytes", deck);
    expect(checkPackage(deck)).toEqual([]);
    expect(checkPackageFile(path)).toEqual([]);
  });

  it("reads zip64 sizes and offsets from the extra field", () => {
    const entries = minimalEntries().map((e) => ({ ...e, zip64: true }));
    expect(checkPackage(archive(entries))).toEqual([]);
  });

  it("throws SourceReadError for a file that cannot be read (the command's exit 3)", () => {
    mkdirSync(join(dir, "a-folder.pptx"), { recursive: true });
    expect(() => checkPackageFile(join(dir, "a-folder.pptx"))).toThrow(SourceReadError);
    expect(() => checkPackageFile(join(dir, "missing.pptx"))).toThrow(SourceReadError);
  });
});

describe("checkPackage's limits, one by one", () => {
  const part = (name: string, size: number): RawEntry => deflated(name, `<a>${" ".repeat(size - 7)}</a>`);

  it("stops reading when the entries inflate past the total (zip-too-large)", () => {
    const problems = checkPackage(withEntries(part("ppt/a.xml", 3000), part("ppt/b.xml", 3000), stored("ppt/c.xml", "<broken")), limited({ totalBytes: 5000 }));
    expect(problems).toEqual([
      { id: "zip-too-large", part: "ppt/b.xml", message: "the entries inflate to more than 4.9 KiB in all; this entry and those after it are not checked" },
    ]);
  });

  it("stops parsing XML past the XML total, and goes on with the other entries", () => {
    const notMedia = deflated("ppt/media/image1.png", "not a picture");
    const problems = checkPackage(withEntries(part("ppt/a.xml", 3000), part("ppt/b.xml", 3000), stored("ppt/c.xml", "<broken"), notMedia), limited({ xmlTotalBytes: 5000 }));
    expect(ids(problems)).toEqual(["zip-too-large", "media-not-image"]);
    expect(problems[0]).toMatchObject({ part: "ppt/b.xml", message: expect.stringContaining("the XML parts add up to more than 4.9 KiB") });
  });

  it("refuses an entry over its size limit before inflating it, XML or not", () => {
    const limits = limited({ xmlPartBytes: 1000, entryBytes: 2000 });
    expect(checkPackage(withEntries(part("ppt/a.xml", 1000)), limits)).toEqual([]);
    expect(ids(checkPackage(withEntries(part("ppt/a.xml", 1001)), limits))).toEqual(["zip-entry-too-large"]);
    expect(ids(checkPackage(withEntries(stored("ppt/a.bin", new Uint8Array(2001))), limits))).toEqual(["zip-entry-too-large", "missing-content-type"]);
  });

  it("calls a large entry compressed past the ratio a zip bomb, a small one not", () => {
    const limits = limited({ ratio: 10, ratioMinimumBytes: 1000 });
    expect(ids(checkPackage(withEntries(part("ppt/small.xml", 999)), limits))).toEqual([]);
    expect(checkPackage(withEntries(part("ppt/large.xml", 1000)), limits)).toEqual([
      { id: "zip-bomb", part: "ppt/large.xml", message: expect.stringMatching(/^compressed \d+:1 \(1000 bytes from \d+ bytes\), more than the 10:1 limit for entries of 1000 bytes or more$/) },
    ]);
  });

  it("holds an entry to its declared size and CRC-32 (zip-corrupt)", () => {
    const honest = deflated("ppt/a.xml", "<a>hello</a>");
    const problem = (entry: RawEntry) => checkPackage(withEntries(entry));
    expect(problem({ ...honest, size: 5 })).toEqual([{ id: "zip-corrupt", part: "ppt/a.xml", message: "it inflates to more than the 5 bytes it declares" }]);
    expect(problem({ ...honest, size: 50 })).toEqual([{ id: "zip-corrupt", part: "ppt/a.xml", message: "it inflates to 12 bytes, but declares 50" }]);
    expect(problem({ ...honest, payload: honest.payload.subarray(0, 4) })).toEqual([
      { id: "zip-corrupt", part: "ppt/a.xml", message: expect.stringMatching(/^its data does not inflate: /) },
    ]);
    expect(problem({ ...honest, method: 12 })).toEqual([{ id: "zip-corrupt", part: "ppt/a.xml", message: "compression method 12 is not supported (a .pptx uses 0, stored, or 8, deflate)" }]);
    expect(problem({ ...stored("ppt/a.xml", "<a/>"), size: 3 })).toEqual([{ id: "zip-corrupt", part: "ppt/a.xml", message: "a stored entry whose sizes differ: 4 bytes stored, 3 declared" }]);
    // over 8 MiB: streamed, not inflated in one go
    const big = repeated("ppt/big.xml", { head: "<a>", chunk: Array.from({ length: 10_000 }, (_, i) => `<b n="${i}"/>`).join(""), times: 80, tail: "</a>" });
    expect(problem({ ...big, size: 9_000_000 })).toEqual([{ id: "zip-corrupt", part: "ppt/big.xml", message: "it inflates to more than the 9,000,000 bytes it declares" }]);
    expect(problem(big)).toEqual([]);
  });

  it("checks the entry count the end record declares against the central directory", () => {
    expect(checkPackage(archive(minimalEntries(), { declaredCount: 4 }))).toEqual([
      { id: "zip-corrupt", message: "the end record declares 4 entries, but the central directory holds 3" },
    ]);
    expect(ids(checkPackage(withEntries(stored("ppt/x.xml", "<x/>")), limited({ entries: 3 })))).toEqual(["zip-too-many-entries"]);
  });

  it("refuses nesting past the depth limit, and accepts it at the limit", () => {
    const nested = (depth: number) => deflated("ppt/slides/slide1.xml", `${"<a>".repeat(depth)}${"</a>".repeat(depth)}`);
    expect(checkPackage(withEntries(nested(10)), limited({ xmlDepth: 10 }))).toEqual([]);
    expect(checkPackage(withEntries(nested(11)), limited({ xmlDepth: 10 }))).toEqual([
      { id: "xml-too-deep", part: "ppt/slides/slide1.xml", message: "elements nested more than 10 deep (at 1:33); the rest of the part is not checked" },
    ]);
  });

  it("refuses an element with more attributes than the limit", () => {
    const element = (n: number) => deflated("ppt/slides/slide1.xml", `<a ${Array.from({ length: n }, (_, i) => `b${i}="${i}"`).join(" ")}/>`);
    expect(checkPackage(withEntries(element(20)), limited({ xmlAttributes: 20 }))).toEqual([]);
    expect(ids(checkPackage(withEntries(element(21)), limited({ xmlAttributes: 20 })))).toEqual(["xml-too-complex"]);
  });

  it("lists a bounded number of problems of one id, and counts the rest", () => {
    const relationships = Array.from({ length: 5 }, (_, i) => `<Relationship Id="r${i}" Type="t" Target="missing${i}.xml"/>`).join("");
    const rels = deflated("ppt/_rels/presentation.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships}</Relationships>`);
    const problems = checkPackage(withEntries(rels), limited({ listedPerId: 2 }));
    expect(problems.map((p) => p.message)).toEqual([
      'relationship r0 targets "missing0.xml", but ppt/missing0.xml is not in the package',
      'relationship r1 targets "missing1.xml", but ppt/missing1.xml is not in the package',
      "3 more problems of this kind, not listed",
    ]);
  });
});

describe("an XML part read as a stream, one byte at a time", () => {
  /** The reader's result and every element's namespace, with the part fed in one-byte chunks. */
  function readByteByByte(data: Uint8Array) {
    const elements: string[] = [];
    const reader = new XmlPartReader("p.xml", { open: (e: XmlElementStart) => void elements.push(`${e.depth}:{${e.uri}}${e.local}`), close: () => undefined }, PACKAGE_LIMITS);
    for (let i = 0; i < data.length; i++) reader.write(data.subarray(i, i + 1));
    return { ...reader.end(), elements };
  }
  const utf16le = (text: string): Uint8Array => new Uint8Array(Buffer.from(`\uFEFF${text}`, "utf16le"));

  it("places the first illegal character as reading the whole part would", () => {
    const text = `<p:sld ${SLIDE_NS}>\n<a>x\u0001y\uFFFFz</a></p:sld>`;
    const whole = checkPackage(withEntries(deflated("ppt/slides/slide1.xml", text)));
    const message = "2 characters that XML 1.0 forbids (first U+0001 at 2:5)";
    expect(whole).toEqual([{ id: "illegal-xml-char", part: "ppt/slides/slide1.xml", message }]);
    expect(readByteByByte(bytes(text))).toMatchObject({ problems: [{ id: "illegal-xml-char", message }], wellFormed: true });
  });

  it("decodes UTF-8 sequences, UTF-16 and surrogate pairs split between chunks", () => {
    expect(readByteByByte(bytes("<a>é€😀</a>"))).toMatchObject({ problems: [], wellFormed: true });
    expect(readByteByByte(utf16le("<a>é€😀</a>"))).toMatchObject({ problems: [], wellFormed: true, elements: ["1:{}a"] });
    expect(readByteByByte(new Uint8Array([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e]))).toMatchObject({
      problems: [{ id: "xml-malformed", message: "not valid UTF-8 or UTF-16 text" }],
      wellFormed: false,
    });
  });

  it("scopes namespace declarations to their element", () => {
    const text = '<r xmlns="urn:d" xmlns:x="urn:1"><x:a xmlns:x="urn:2"><x:b/></x:a><x:c xmlns=""><d/></x:c><e/></r>';
    expect(readByteByByte(bytes(text)).elements).toEqual(["1:{urn:d}r", "2:{urn:2}a", "3:{urn:2}b", "2:{urn:1}c", "3:{}d", "2:{urn:d}e"]);
    expect(readByteByByte(bytes('<r><a xmlns:x="urn:1"/><x:b/></r>'))).toMatchObject({
      problems: [{ id: "xml-malformed", message: expect.stringContaining('unbound namespace prefix: "x"') }],
      wellFormed: false,
    });
  });
});

describe("media parts", () => {
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...bytes("IHDR")];
  const EMF = [1, 0, 0, 0, ...new Array<number>(36).fill(0), ...bytes(" EMF")];
  const accepted: Record<string, readonly number[] | string> = {
    "image1.png": PNG,
    "image2.jpeg": [0xff, 0xd8, 0xff, 0xe0],
    "image3.gif": "GIF89a\x01\x00\x01\x00",
    "image4.svg": '<?xml version="1.0"?><!-- made by hand --><svg xmlns="http://www.w3.org/2000/svg"/>',
    "image5.emf": EMF,
    "image6.wmf": [0xd7, 0xcd, 0xc6, 0x9a, 0, 0],
    "image7.tiff": [0x49, 0x49, 0x2a, 0x00],
    "hdphoto1.wdp": [0x49, 0x49, 0xbc, 0x01],
    "media1.mp4": [0, 0, 0, 0x18, ...bytes("ftypmp42")],
    "media2.wav": [...bytes("RIFF"), 0, 0, 0, 0, ...bytes("WAVE")],
    "media3.mp3": [0xff, 0xfb, 0x90, 0x64],
  };
  const TYPES =
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="a"/><Default Extension="xml" ContentType="a"/>' +
    ["png", "jpeg", "gif", "svg", "emf", "wmf", "tiff", "wdp", "mp4", "wav", "mp3", "jpg"].map((e) => `<Default Extension="${e}" ContentType="x/${e}"/>`).join("") +
    "</Types>";
  const media = (parts: Record<string, readonly number[] | string>): Uint8Array =>
    archive([
      deflated("[Content_Types].xml", TYPES),
      ...minimalEntries().slice(1),
      ...Object.entries(parts).map(([name, data]) => stored(`ppt/media/${name}`, typeof data === "string" ? bytes(data) : new Uint8Array(data))),
    ]);

  it("accepts pictures, sounds and videos by their first bytes", () => {
    expect(checkPackage(media(accepted))).toEqual([]);
  });

  it("reports a media part that is none, whatever its name says", () => {
    expect(checkPackage(media({ "image1.png": "#!/bin/sh\nrm -rf /\n", "image2.jpg": [0x4d, 0x5a, 0x90, 0, 3, 0], "image3.png": [] }))).toEqual([
      { id: "media-not-image", part: "ppt/media/image1.png", message: 'not a picture, sound or video: it is text ("#!/bin/sh.rm -rf"…)' },
      { id: "media-not-image", part: "ppt/media/image2.jpg", message: 'not a picture, sound or video: its first bytes match no known format ("MZ...."…)' },
      { id: "media-not-image", part: "ppt/media/image3.png", message: "the part is empty, not a picture, sound or video" },
    ]);
    expect(ids(checkPackage(media({ "media1.mp4": [0xff, 0xfb, 0x90, 0x64] })))).toEqual(["media-not-image"]); // an MP3 frame only counts as .mp3
  });

  it("leaves a media part without a content type to missing-content-type", () => {
    expect(ids(checkPackage(media({ "image1.bmp": "text" })))).toEqual(["missing-content-type"]);
  });
});
