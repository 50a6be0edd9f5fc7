/**
 * Zip reading and deterministic zip writing for OPC packages (.pptx, embedded .xlsx).
 *
 * The writer is deliberately minimal so that its output depends only on its input:
 * every entry gets the same DOS time (from the caller's date, in UTC), no extra fields,
 * no comments, no directory entries, the UTF-8 name flag, and raw DEFLATE at a fixed
 * level from Node's bundled zlib. An entry that DEFLATE does not shrink (PNG, JPEG,
 * already-compressed data) is STORED instead. `[Content_Types].xml` is written first,
 * as OPC consumers expect; the other entries keep the caller's order.
 *
 * Byte-identical output holds for one Node release line: a different zlib build may
 * choose different (equally valid) DEFLATE encodings.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";
import { unzipSync } from "fflate";

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, no leading slash; a name ending in `/` is a folder. */
  readonly name: string;
  readonly data: Uint8Array;
}

export const CONTENT_TYPES_PART = "[Content_Types].xml";

/** The DEFLATE level used for every entry; fixed so that the same input gives the same bytes. */
const DEFLATE_LEVEL = 9;

const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
/** General purpose bit 11: the file name is UTF-8. */
const FLAG_UTF8 = 0x0800;
/** "Version needed to extract" / "made by": 2.0 (DEFLATE), host MS-DOS. */
const ZIP_VERSION = 20;

const LOCAL_HEADER_SIG = 0x04034b50;
const CENTRAL_HEADER_SIG = 0x02014b50;
const END_OF_CENTRAL_DIR_SIG = 0x06054b50;
const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;
const END_OF_CENTRAL_DIR_SIZE = 22;
const MAX_UINT16 = 0xffff;
const MAX_UINT32 = 0xffffffff;

/** The earliest and latest instants a DOS date/time can hold. */
const DOS_EPOCH = Date.UTC(1980, 0, 1, 0, 0, 0);
const DOS_END = Date.UTC(2107, 11, 31, 23, 59, 58);

/**
 * Every entry of a zip archive, folders included, in the order of its central directory.
 * Throws when `bytes` is not a readable zip archive.
 */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  assertEntryCountHolds(bytes);
  const order: string[] = [];
  const files = unzipSync(bytes, {
    filter: (file) => {
      order.push(file.name);
      return true;
    },
  });
  return order.map((name) => {
    const data = files[name];
    if (data === undefined) throw new Error(`zip entry ${name} could not be read`);
    return { name, data };
  });
}

/**
 * An archive of more than 65,535 entries without zip64 (JSZip writes one) holds the count modulo
 * 65,536 in its end record, and fflate would read only that many entries, in silence. The central
 * directory is walked by its size instead, and an archive whose entries outnumber its end record's
 * count is refused.
 */
function assertEntryCountHolds(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes, before a comment of at most 65,535 bytes.
  let end = -1;
  for (let at = bytes.length - END_OF_CENTRAL_DIR_SIZE; at >= Math.max(0, bytes.length - END_OF_CENTRAL_DIR_SIZE - MAX_UINT16); at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIR_SIG) {
      end = at;
      break;
    }
  }
  if (end === -1) return; // not a zip archive: fflate says so
  const declared = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (offset === MAX_UINT32 || size === MAX_UINT32 || offset + size > end) return; // zip64, or damaged: fflate decides
  let entries = 0;
  for (let at = offset; at + CENTRAL_HEADER_SIZE <= offset + size && view.getUint32(at, true) === CENTRAL_HEADER_SIG; entries++) {
    at += CENTRAL_HEADER_SIZE + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  if (entries !== declared) throw new Error(`the zip archive holds ${entries} entries but its end record says ${declared} (more than 65,535 entries need zip64)`);
}

/** A deterministic zip archive of `entries`, every entry stamped with `mtime`. */
export function writeZip(entries: readonly ZipEntry[], mtime: Date): Uint8Array {
  assertWritable(entries);
  const zip = new ZipWriter(mtime);
  for (const entry of contentTypesFirst(entries)) zip.add(entry.name, entry.data);
  return zip.finish();
}

/**
 * A zip archive written entry by entry: each entry is deflated when it is added, so a caller
 * that makes parts one at a time (src/write/deck.ts) holds only the compressed archive, never
 * the whole package twice. Entries stay in the order they were added; names must be unique.
 */
export class ZipWriter {
  private readonly time: number;
  private readonly date: number;
  private readonly chunks: Uint8Array[] = [];
  private readonly centrals: Uint8Array[] = [];
  private readonly names = new Set<string>();
  private offset = 0;

  /** `deflated`: entries compressed by earlier writers, kept by the caller (`build --watch` keeps one). */
  constructor(
    mtime: Date,
    private readonly deflated?: DeflateCache,
  ) {
    ({ time: this.time, date: this.date } = toDosDateTime(mtime));
  }

  /** Adds an entry: text is written as UTF-8. */
  add(name: string, data: Uint8Array | string): void {
    assertEntryName(name, this.names);
    if (this.names.size > MAX_UINT16) throw new Error("too many zip entries (zip64 is not supported)");
    const encoded = new TextEncoder().encode(name);
    if (encoded.length > MAX_UINT16) throw new Error(`zip entry name too long: ${name}`);
    const record = { name: encoded, ...(this.deflated ? this.deflated.get(name, data) : compress(name, typeof data === "string" ? new TextEncoder().encode(data) : data)) };
    const local = localHeader(record, this.time, this.date);
    this.centrals.push(centralHeader(record, this.time, this.date, this.offset));
    this.chunks.push(local, record.payload);
    this.offset += local.length + record.payload.length;
  }

  /** The archive. */
  finish(): Uint8Array {
    const centralSize = this.centrals.reduce((sum, c) => sum + c.length, 0);
    if (this.offset > MAX_UINT32 || centralSize > MAX_UINT32) throw new Error("zip archive too large (zip64 is not supported)");
    const end = endOfCentralDirectory(this.centrals.length, centralSize, this.offset);
    return concat([...this.chunks, ...this.centrals, end]);
  }
}

/**
 * Entries as ZipWriter stored them, kept across builds by the caller (as `build --watch` keeps
 * skeletons and fitted slides): a rebuild deflates only the parts whose content changed. Text is
 * found by its content, bytes by identity (the skeleton's parts and pictures are the same arrays
 * from one build to the next). DEFLATE is deterministic, so an entry found here is byte for byte
 * what compressing it again would give. Holds the most recently used entries up to about
 * `limit` bytes of uncompressed text.
 */
export class DeflateCache {
  private readonly texts = new Map<string, Compressed>();
  private readonly bytes = new WeakMap<Uint8Array, Compressed>();
  private held = 0;
  /** How many entries were found here, and how many were compressed (for tests and the bench). */
  hits = 0;
  misses = 0;

  constructor(private readonly limit = 64 * 1024 * 1024) {}

  /** `data` as stored in a zip entry named `name` (the name is only for errors). */
  get(name: string, data: Uint8Array | string): Compressed {
    if (typeof data !== "string") {
      const found = this.bytes.get(data);
      if (found) return this.hit(found);
      this.misses++;
      const made = compress(name, data);
      this.bytes.set(data, made);
      return made;
    }
    const found = this.texts.get(data);
    if (found) {
      this.texts.delete(data);
      this.texts.set(data, found);
      return this.hit(found);
    }
    this.misses++;
    const made = compress(name, new TextEncoder().encode(data));
    this.texts.set(data, made);
    this.held += data.length;
    for (const [old] of this.texts) {
      if (this.held <= this.limit) break;
      this.texts.delete(old);
      this.held -= old.length;
    }
    return made;
  }

  private hit(found: Compressed): Compressed {
    this.hits++;
    return found;
  }
}

/** DOS date and time fields for `when` in UTC, clamped to the range DOS can represent (1980–2107). */
export function toDosDateTime(when: Date): { time: number; date: number } {
  const ms = Number.isNaN(when.getTime()) ? DOS_EPOCH : Math.min(Math.max(when.getTime(), DOS_EPOCH), DOS_END);
  const d = new Date(ms);
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
  const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  return { time, date };
}

/** The instant a DOS date/time stands for, read as UTC (the inverse of `toDosDateTime`). */
export function fromDosDateTime(time: number, date: number): Date {
  return new Date(
    Date.UTC(1980 + (date >> 9), ((date >> 5) & 0x0f) - 1, date & 0x1f, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2),
  );
}

interface EntryRecord {
  readonly name: Uint8Array;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly payload: Uint8Array;
}

function assertWritable(entries: readonly ZipEntry[]): void {
  if (entries.length > MAX_UINT16) throw new Error("too many zip entries (zip64 is not supported)");
  const seen = new Set<string>();
  for (const { name } of entries) assertEntryName(name, seen);
}

/** A part's name: relative, `/`-separated, not a folder, not seen before (added to `seen`). */
function assertEntryName(name: string, seen: Set<string>): void {
  if (name === "" || name.endsWith("/")) throw new Error(`zip entry "${name}" is a folder; folders are not written`);
  if (name.startsWith("/") || name.includes("\\")) throw new Error(`zip entry "${name}" must be a relative, /-separated path`);
  if (seen.has(name)) throw new Error(`duplicate zip entry "${name}"`);
  seen.add(name);
}

function contentTypesFirst(entries: readonly ZipEntry[]): ZipEntry[] {
  return [
    ...entries.filter((e) => e.name === CONTENT_TYPES_PART),
    ...entries.filter((e) => e.name !== CONTENT_TYPES_PART),
  ];
}

/** An entry's data as it is stored: everything of its record but the name. */
type Compressed = Omit<EntryRecord, "name">;

function compress(entryName: string, data: Uint8Array): Compressed {
  if (data.length > MAX_UINT32) throw new Error(`zip entry too large (zip64 is not supported): ${entryName}`);
  const crc = crc32(data) >>> 0;
  const deflated = deflateRawSync(data, { level: DEFLATE_LEVEL, strategy: constants.Z_DEFAULT_STRATEGY });
  const shrinks = deflated.length < data.length;
  return {
    method: shrinks ? METHOD_DEFLATE : METHOD_STORE,
    crc,
    size: data.length,
    // A copy: zlib returns a view of its 16 KiB output chunk, which a part of a few hundred bytes
    // would otherwise keep alive (10,000 parts held 166 MB of them).
    payload: shrinks ? Uint8Array.prototype.slice.call(deflated) : data,
  };
}

function localHeader(record: EntryRecord, time: number, date: number): Uint8Array {
  const out = new Uint8Array(LOCAL_HEADER_SIZE + record.name.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, LOCAL_HEADER_SIG, true);
  view.setUint16(4, ZIP_VERSION, true);
  view.setUint16(6, FLAG_UTF8, true);
  view.setUint16(8, record.method, true);
  view.setUint16(10, time, true);
  view.setUint16(12, date, true);
  view.setUint32(14, record.crc, true);
  view.setUint32(18, record.payload.length, true);
  view.setUint32(22, record.size, true);
  view.setUint16(26, record.name.length, true);
  view.setUint16(28, 0, true); // no extra field
  out.set(record.name, LOCAL_HEADER_SIZE);
  return out;
}

function centralHeader(record: EntryRecord, time: number, date: number, localOffset: number): Uint8Array {
  if (localOffset > MAX_UINT32) throw new Error("zip archive too large (zip64 is not supported)");
  const out = new Uint8Array(CENTRAL_HEADER_SIZE + record.name.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, CENTRAL_HEADER_SIG, true);
  view.setUint16(4, ZIP_VERSION, true); // made by: MS-DOS, 2.0
  view.setUint16(6, ZIP_VERSION, true);
  view.setUint16(8, FLAG_UTF8, true);
  view.setUint16(10, record.method, true);
  view.setUint16(12, time, true);
  view.setUint16(14, date, true);
  view.setUint32(16, record.crc, true);
  view.setUint32(20, record.payload.length, true);
  view.setUint32(24, record.size, true);
  view.setUint16(28, record.name.length, true);
  // extra length, comment length, disk number, internal and external attributes: all zero
  view.setUint32(42, localOffset, true);
  out.set(record.name, CENTRAL_HEADER_SIZE);
  return out;
}

function endOfCentralDirectory(count: number, centralSize: number, centralOffset: number): Uint8Array {
  const out = new Uint8Array(END_OF_CENTRAL_DIR_SIZE);
  const view = new DataView(out.buffer);
  view.setUint32(0, END_OF_CENTRAL_DIR_SIG, true);
  view.setUint16(8, count, true);
  view.setUint16(10, count, true);
  view.setUint32(12, centralSize, true);
  view.setUint32(16, centralOffset, true);
  return out;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** `/ppt/a%20b.xml` → `ppt/a b.xml` (OPC part names are URIs; zip entry names are not). */
export function partNameToEntryName(partName: string): string {
  const path = partName.replace(/^\//, "");
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
