/**
 * Reading a zip archive nobody vouches for (`deckwright validate` on any .pptx). Unlike readZip
 * (src/write/zip.ts, for deckwright's own output), nothing the archive says is trusted:
 *
 * - it works over a random-access source, so a file is read piece by piece, never whole;
 * - the central directory is found from the end record (searched in the last 64 KiB + 22 bytes,
 *   zip64 end records read) and walked by its size, not by the entry count it declares;
 * - every entry is checked before its data is touched: its name (no `..`, no leading `/`, no
 *   backslash, drive letter or control character), duplicates (case-insensitive, as OPC part
 *   names compare), its local header, data that overlaps another entry's (the "many entries, one
 *   payload" bomb), encryption, the compression method;
 * - data is inflated in small steps and counted as it comes: an entry that inflates to more than
 *   it declared stops right there, so the declared size, once checked against the limits, bounds
 *   the work; the CRC-32 is checked at the end.
 *
 * Each problem is a PackageProblem with its own id (src/validate/problems.ts); the limits are in
 * src/validate/limits.ts.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { crc32, inflateRawSync } from "node:zlib";
import { Inflate } from "fflate";
import { formatBytes, type PackageLimits } from "./limits.js";
import type { PackageProblem } from "./problems.js";

/** Bytes at any offset: a whole archive in memory, or a file read piece by piece. */
export interface RandomAccessSource {
  readonly size: number;
  /** `length` bytes from `offset`, fewer only where the source ends. */
  read(offset: number, length: number): Uint8Array;
}

export function bytesSource(bytes: Uint8Array): RandomAccessSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, Math.min(offset + length, bytes.length)) };
}

/** The file behind a source could not be read: an I/O error, not a problem of the package. */
export class SourceReadError extends Error {}

/** A source over a file, read with positioned reads; `close` it when done. Throws SourceReadError. */
export function openFileSource(path: string): RandomAccessSource & { close(): void } {
  const fd = io(() => openSync(path, "r"));
  let size: number;
  try {
    size = io(() => fstatSync(fd).size);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return {
    size,
    read(offset, length) {
      const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      let done = 0;
      while (done < out.length) {
        const n = io(() => readSync(fd, out, done, out.length - done, offset + done));
        if (n === 0) break; // the file shrank while we read it
        done += n;
      }
      return done === out.length ? out : out.subarray(0, done);
    },
    close: () => closeSync(fd),
  };
}

function io<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw new SourceReadError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** One central-directory record, as declared. */
export interface ZipEntryRecord {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  /** Uncompressed size. */
  readonly size: number;
  readonly localOffset: number;
}

/** An entry that passed every check that needs no data: where its data is. */
export interface ReadableEntry extends ZipEntryRecord {
  readonly dataStart: number;
}

export interface ZipListing {
  /** Every part the archive names (folders, unsafe names and repeated names left out), readable or not. */
  readonly partNames: readonly string[];
  /** The parts whose data can be read, in central-directory order. */
  readonly readable: readonly ReadableEntry[];
  readonly problems: readonly PackageProblem[];
}

/** The entries of the archive, or the one problem that makes it unreadable as a whole. */
export type ZipListingResult = { readonly ok: true; readonly listing: ZipListing } | { readonly ok: false; readonly problem: PackageProblem };

const END_SIG = 0x06054b50;
const END_SIZE = 22;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_END_SIG = 0x06064b50;
const ZIP64_END_SIZE = 56;
const CENTRAL_SIG = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIG = 0x04034b50;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
const SATURATED_32 = 0xffffffff;
const ZIP64_EXTRA = 0x0001;

const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
const METHOD_AES = 99;

/** Finds, walks and checks the central directory; reads no entry's data. */
export function listZip(source: RandomAccessSource, limits: PackageLimits): ZipListingResult {
  const end = findEnd(source);
  if (typeof end === "string") return { ok: false, problem: { id: "not-a-zip", message: `not a readable zip archive: ${end}` } };
  const directory = readDirectory(source, end, limits);
  if ("problem" in directory) return { ok: false, problem: directory.problem };
  return { ok: true, listing: checkEntries(source, directory.records, end.centralOffset, directory.problems) };
}

// ---------------------------------------------------------------------------------------
// The end record and the central directory

interface End {
  /** Offset of the end record (or of the zip64 end record): where the central directory must stop. */
  readonly at: number;
  readonly entries: number;
  readonly centralOffset: number;
  readonly centralSize: number;
  readonly spanned: boolean;
}

function findEnd(source: RandomAccessSource): End | string {
  const start = Math.max(0, source.size - END_SIZE - MAX_COMMENT);
  const tail = source.read(start, source.size - start);
  const view = dataView(tail);
  for (let i = tail.length - END_SIZE; i >= 0; i--) {
    if (view.getUint32(i, true) !== END_SIG || i + END_SIZE + view.getUint16(i + 20, true) > tail.length) continue;
    const at = start + i;
    const end: End = {
      at,
      entries: view.getUint16(i + 10, true),
      centralSize: view.getUint32(i + 12, true),
      centralOffset: view.getUint32(i + 16, true),
      spanned: view.getUint16(i + 4, true) !== 0 || view.getUint16(i + 6, true) !== 0 || view.getUint16(i + 8, true) !== view.getUint16(i + 10, true),
    };
    return zip64End(source, end) ?? end;
  }
  return source.size < END_SIZE ? `${source.size} bytes, too short for one` : "no end-of-central-directory record (not a zip file, or a truncated one)";
}

/** The zip64 end record, when a locator right before the end record points at one. */
function zip64End(source: RandomAccessSource, end: End): End | string | undefined {
  if (end.at < ZIP64_LOCATOR_SIZE) return undefined;
  const locator = dataView(source.read(end.at - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE));
  if (locator.getUint32(0, true) !== ZIP64_LOCATOR_SIG) return undefined;
  const offset = safeNumber(locator.getBigUint64(8, true));
  const record = offset === undefined || offset + ZIP64_END_SIZE > end.at ? undefined : dataView(source.read(offset, ZIP64_END_SIZE));
  if (offset === undefined || record === undefined || record.byteLength < ZIP64_END_SIZE || record.getUint32(0, true) !== ZIP64_END_SIG) {
    return "a zip64 end locator that points at no zip64 end record";
  }
  const entries = safeNumber(record.getBigUint64(32, true));
  const centralSize = safeNumber(record.getBigUint64(40, true));
  const centralOffset = safeNumber(record.getBigUint64(48, true));
  if (entries === undefined || centralSize === undefined || centralOffset === undefined) return "a zip64 end record with sizes beyond 2^53";
  const spanned = record.getUint32(16, true) !== 0 || record.getUint32(20, true) !== 0 || record.getBigUint64(24, true) !== record.getBigUint64(32, true);
  return { at: offset, entries, centralSize, centralOffset, spanned };
}

function readDirectory(
  source: RandomAccessSource,
  end: End,
  limits: PackageLimits,
): { records: ZipEntryRecord[]; problems: PackageProblem[] } | { problem: PackageProblem } {
  const corrupt = (message: string): { problem: PackageProblem } => ({ problem: { id: "zip-corrupt", message } });
  if (end.spanned) return corrupt("an archive spanned over several disks, which a .pptx never is");
  if (end.entries > limits.entries) {
    return { problem: { id: "zip-too-many-entries", message: `the archive declares ${end.entries.toLocaleString("en-US")} entries, more than the ${limits.entries.toLocaleString("en-US")} limit` } };
  }
  if (end.centralOffset + end.centralSize > end.at) {
    return corrupt(`the central directory (${end.centralSize} bytes at offset ${end.centralOffset}) runs past the end record at offset ${end.at}`);
  }
  if (end.centralSize > limits.centralDirectoryBytes) {
    return { problem: { id: "zip-too-large", message: `the central directory is ${formatBytes(end.centralSize)}, more than the ${formatBytes(limits.centralDirectoryBytes)} limit` } };
  }
  const directory = source.read(end.centralOffset, end.centralSize);
  const view = dataView(directory);
  const records: ZipEntryRecord[] = [];
  const problems: PackageProblem[] = [];
  let at = 0;
  let walked = 0;
  let complete = true;
  while (at < directory.length) {
    if (walked === limits.entries) {
      return { problem: { id: "zip-too-many-entries", message: `the central directory holds more than ${limits.entries.toLocaleString("en-US")} entries (the limit)` } };
    }
    if (at + CENTRAL_SIZE > directory.length || view.getUint32(at, true) !== CENTRAL_SIG) {
      problems.push({ id: "zip-corrupt", message: `central-directory record ${walked + 1} at offset ${end.centralOffset + at} is truncated or has no signature; the entries from there on are not read` });
      complete = false;
      break;
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const recordEnd = at + CENTRAL_SIZE + nameLength + extraLength + view.getUint16(at + 32, true);
    if (recordEnd > directory.length) {
      problems.push({ id: "zip-corrupt", message: `central-directory record ${walked + 1} runs past the end of the central directory` });
      complete = false;
      break;
    }
    const flags = view.getUint16(at + 8, true);
    const name = decodeName(directory.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength), (flags & FLAG_UTF8) !== 0);
    const sizes = zip64Sizes(
      { compressedSize: view.getUint32(at + 20, true), size: view.getUint32(at + 24, true), localOffset: view.getUint32(at + 42, true) },
      directory.subarray(at + CENTRAL_SIZE + nameLength, at + CENTRAL_SIZE + nameLength + extraLength),
    );
    if (sizes === undefined) {
      problems.push({ id: "zip-corrupt", part: name, message: "its sizes say zip64 but it has no readable zip64 extra field" });
    } else {
      records.push({ name, flags, method: view.getUint16(at + 10, true), crc: view.getUint32(at + 16, true), ...sizes });
    }
    at = recordEnd;
    walked++;
  }
  if (complete && walked !== end.entries) {
    problems.push({ id: "zip-corrupt", message: `the end record declares ${end.entries} entries, but the central directory holds ${walked}` });
  }
  return { records, problems };
}

interface Sizes {
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** The sizes a zip64 extra field gives for the fields saturated at 0xFFFFFFFF; undefined when it is missing. */
function zip64Sizes(sizes: Sizes, extra: Uint8Array): Sizes | undefined {
  if (sizes.size !== SATURATED_32 && sizes.compressedSize !== SATURATED_32 && sizes.localOffset !== SATURATED_32) return sizes;
  const view = dataView(extra);
  for (let at = 0; at + 4 <= extra.length; at += 4 + view.getUint16(at + 2, true)) {
    if (view.getUint16(at, true) !== ZIP64_EXTRA) continue;
    const fieldEnd = at + 4 + view.getUint16(at + 2, true);
    let next = at + 4;
    const take = (declared: number): number | undefined => {
      if (declared !== SATURATED_32) return declared;
      if (next + 8 > fieldEnd || next + 8 > extra.length) return undefined;
      const value = safeNumber(view.getBigUint64(next, true));
      next += 8;
      return value;
    };
    // the order is fixed: uncompressed size, compressed size, local header offset
    const size = take(sizes.size);
    const compressedSize = take(sizes.compressedSize);
    const localOffset = take(sizes.localOffset);
    if (size === undefined || compressedSize === undefined || localOffset === undefined) return undefined;
    return { size, compressedSize, localOffset };
  }
  return undefined;
}

/**
 * UTF-8 when it decodes as such (many tools omit the flag), else Latin-1; a name flagged UTF-8
 * that is not gets U+FFFD, which unsafeNameReason refuses.
 */
function decodeName(bytes: Uint8Array, utf8: boolean): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return utf8 ? new TextDecoder("utf-8").decode(bytes) : new TextDecoder("latin1").decode(bytes);
  }
}

// ---------------------------------------------------------------------------------------
// Checks of each entry that need no data

interface Candidate {
  readonly record: ZipEntryRecord;
  readonly index: number;
  readonly dataStart: number;
  readonly dataEnd: number;
}

function checkEntries(source: RandomAccessSource, records: readonly ZipEntryRecord[], centralOffset: number, directoryProblems: readonly PackageProblem[]): ZipListing {
  const problems = new Map<number, PackageProblem>(); // by record index, at most one each
  const seen = new Map<string, string>(); // lower-cased name → name as first written
  const partNames: string[] = [];
  const candidates: Candidate[] = [];
  records.forEach((record, index) => {
    const part = record.name;
    const unsafe = unsafeNameReason(record.name);
    if (unsafe !== undefined) {
      problems.set(index, { id: "zip-unsafe-name", part, message: `an entry name that is not safe to use: ${unsafe}` });
      return;
    }
    const key = record.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      const same = first === record.name ? "a second entry of this name" : `an entry whose name differs from ${JSON.stringify(first)} only in case (OPC part names ignore case)`;
      problems.set(index, { id: "zip-duplicate-entry", part, message: `${same}; only the first is checked` });
      return;
    }
    seen.set(key, record.name);
    if (record.name.endsWith("/")) return; // a folder: nothing in it to check
    partNames.push(record.name);
    const located = locate(source, record, centralOffset);
    if (typeof located === "string") problems.set(index, { id: "zip-corrupt", part, message: located });
    else candidates.push({ record, index, ...located });
  });
  for (const [index, problem] of overlaps(candidates)) problems.set(index, problem);
  const readable: ReadableEntry[] = [];
  for (const candidate of candidates) {
    if (problems.has(candidate.index)) continue;
    const problem = unreadableReason(candidate.record);
    if (problem === undefined) readable.push({ ...candidate.record, dataStart: candidate.dataStart });
    else problems.set(candidate.index, problem);
  }
  const ordered = [...problems].sort(([a], [b]) => a - b).map(([, problem]) => problem);
  return { partNames, readable, problems: [...directoryProblems, ...ordered] };
}

/** Why a name may not be extracted or used as a part name, or undefined when it is fine. */
function unsafeNameReason(name: string): string | undefined {
  if (name === "" || name === "/") return "it is empty";
  if (name.includes("\uFFFD")) return "not valid UTF-8, though flagged so";
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return "it holds a control character";
  if (name.includes("\\")) return "it holds a backslash (zip names are /-separated; a backslash is a folder separator on Windows)";
  if (name.startsWith("/")) return "it is absolute";
  if (/^[A-Za-z]:/.test(name)) return "it starts with a drive letter";
  if (name.split("/").some((segment) => segment === ".." || segment === ".")) return 'it has a "." or ".." segment';
  if (/\/\/./.test(name)) return "it has an empty segment";
  return undefined;
}

/** Where the entry's data lies, from its local header; a message when the header is not where it should be. */
function locate(source: RandomAccessSource, record: ZipEntryRecord, centralOffset: number): { dataStart: number; dataEnd: number } | string {
  if (record.localOffset + LOCAL_SIZE > centralOffset) return `its local header (offset ${record.localOffset}) lies outside the archive's data`;
  const view = dataView(source.read(record.localOffset, LOCAL_SIZE));
  if (view.byteLength < LOCAL_SIZE || view.getUint32(0, true) !== LOCAL_SIG) return `no local header at offset ${record.localOffset}`;
  const dataStart = record.localOffset + LOCAL_SIZE + view.getUint16(26, true) + view.getUint16(28, true);
  const dataEnd = dataStart + record.compressedSize;
  if (dataEnd > centralOffset) return `its data (${record.compressedSize} bytes at offset ${dataStart}) runs past the start of the central directory`;
  return { dataStart, dataEnd };
}

/**
 * Entries whose local header or data begins inside an earlier entry's (by position; for the same
 * position, the one listed later): one payload shared by many entries is how a few megabytes
 * inflate to many gigabytes.
 */
function overlaps(candidates: readonly Candidate[]): Map<number, PackageProblem> {
  const found = new Map<number, PackageProblem>();
  const byPosition = [...candidates].sort((a, b) => a.record.localOffset - b.record.localOffset || a.index - b.index);
  let reach: Candidate | undefined; // the candidate whose data ends furthest so far
  for (const candidate of byPosition) {
    if (reach !== undefined && candidate.record.localOffset < reach.dataEnd) {
      found.set(candidate.index, {
        id: "zip-overlapping-entries",
        part: candidate.record.name,
        message: `its data (from offset ${candidate.record.localOffset}) overlaps the data of ${reach.record.name} (offsets ${reach.record.localOffset}–${reach.dataEnd}); only the first is read`,
      });
    }
    if (reach === undefined || candidate.dataEnd > reach.dataEnd) reach = candidate;
  }
  return found;
}

function unreadableReason(record: ZipEntryRecord): PackageProblem | undefined {
  const part = record.name;
  if ((record.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0 || record.method === METHOD_AES) {
    return { id: "zip-encrypted", part, message: "the entry is encrypted, which a .pptx part never is; its content is not checked" };
  }
  if (record.method !== METHOD_STORE && record.method !== METHOD_DEFLATE) {
    return { id: "zip-corrupt", part, message: `compression method ${record.method} is not supported (a .pptx uses 0, stored, or 8, deflate)` };
  }
  if (record.method === METHOD_STORE && record.compressedSize !== record.size) {
    return { id: "zip-corrupt", part, message: `a stored entry whose sizes differ: ${record.compressedSize} bytes stored, ${record.size} declared` };
  }
  return undefined;
}

/** The size and ratio limits, checked against what the entry declares (reading then holds it to that). */
export function declaredSizeProblem(entry: ZipEntryRecord, maxBytes: number, kind: string, limits: PackageLimits): PackageProblem | undefined {
  const part = entry.name;
  if (entry.size > maxBytes) {
    return { id: "zip-entry-too-large", part, message: `${formatBytes(entry.size)} uncompressed, more than the ${formatBytes(maxBytes)} limit for ${kind}` };
  }
  if (entry.size >= limits.ratioMinimumBytes && entry.size > entry.compressedSize * limits.ratio) {
    const ratio = entry.compressedSize === 0 ? "∞" : Math.round(entry.size / entry.compressedSize).toLocaleString("en-US");
    return {
      id: "zip-bomb",
      part,
      message: `compressed ${ratio}:1 (${formatBytes(entry.size)} from ${formatBytes(entry.compressedSize)}), more than the ${limits.ratio.toLocaleString("en-US")}:1 limit for entries of ${formatBytes(limits.ratioMinimumBytes)} or more`,
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Reading an entry's data

/** Compressed bytes read from the source at a time. */
const READ_BLOCK = 1024 * 1024;
/** Compressed bytes inflated at a time: at most about 16 MiB come out (DEFLATE's ratio is at most 1032:1). */
const INFLATE_STEP = 16 * 1024;
/**
 * Entries this small, both sizes as declared, are inflated in one go by node:zlib, which stops
 * at the declared size: many times faster than streaming for the many small parts of a deck.
 */
const ONE_SHOT_BYTES = 8 * 1024 * 1024;

/** Thrown from the inflater's callback to stop an entry that inflates past its declared size. */
const OVERFLOW = Symbol("overflow");

/** `bytes` is what was read (and handed to `sink`) in either case. */
export type ReadOutcome = { readonly ok: true; readonly bytes: number } | { readonly ok: false; readonly bytes: number; readonly problem: PackageProblem };

/**
 * Hands the entry's uncompressed data to `sink`, in chunks, never more than its declared size;
 * checks that it inflates to exactly that size, with the declared CRC-32.
 */
export function readEntry(source: RandomAccessSource, entry: ReadableEntry, sink: (chunk: Uint8Array) => void): ReadOutcome {
  const part = entry.name;
  let produced = 0;
  let crc = 0;
  const take = (chunk: Uint8Array): void => {
    const allowed = produced + chunk.length > entry.size ? chunk.subarray(0, entry.size - produced) : chunk;
    // node:zlib's crc32 returns 0 for some empty arrays, whatever the running value: skip them
    if (allowed.length > 0) {
      produced += allowed.length;
      crc = crc32(allowed, crc);
      sink(allowed);
    }
    if (allowed !== chunk) throw OVERFLOW;
  };
  const corrupt = (message: string): ReadOutcome => ({ ok: false, bytes: produced, problem: { id: "zip-corrupt", part, message } });
  const oneShot = entry.method === METHOD_DEFLATE && entry.size <= ONE_SHOT_BYTES && entry.compressedSize <= ONE_SHOT_BYTES;
  const inflater = entry.method === METHOD_DEFLATE && !oneShot ? new Inflate((chunk) => take(chunk)) : undefined;
  try {
    if (oneShot) {
      const input = source.read(entry.dataStart, entry.compressedSize);
      if (input.length < entry.compressedSize) return corrupt("its data runs past the end of the file");
      take(inflateRawSync(input, { maxOutputLength: Math.max(entry.size, 1) }));
    }
    for (let at = 0; !oneShot && at < entry.compressedSize; at += READ_BLOCK) {
      const length = Math.min(READ_BLOCK, entry.compressedSize - at);
      const block = source.read(entry.dataStart + at, length);
      if (block.length < length) return corrupt("its data runs past the end of the file");
      if (inflater === undefined) {
        take(block);
        continue;
      }
      for (let step = 0; step < block.length; step += INFLATE_STEP) {
        inflater.push(block.subarray(step, step + INFLATE_STEP), at + step + INFLATE_STEP >= entry.compressedSize);
      }
    }
    if (inflater !== undefined && entry.compressedSize === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error === OVERFLOW || (error instanceof RangeError && (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")) {
      return corrupt(`it inflates to more than the ${entry.size.toLocaleString("en-US")} bytes it declares`);
    }
    if (error instanceof SourceReadError) throw error;
    return corrupt(`its data does not inflate: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (produced !== entry.size) return corrupt(`it inflates to ${produced.toLocaleString("en-US")} bytes, but declares ${entry.size.toLocaleString("en-US")}`);
  if (crc >>> 0 !== entry.crc) return corrupt(`its CRC-32 is ${hex8(crc >>> 0)}, but the central directory says ${hex8(entry.crc)}`);
  return { ok: true, bytes: produced };
}

// ---------------------------------------------------------------------------------------
// Helpers

function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function safeNumber(value: bigint): number | undefined {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}

const hex8 = (n: number): string => n.toString(16).toUpperCase().padStart(8, "0");
