/**
 * Zip archives that lie, for the hostile inputs of test/validate/hostile.test.ts.
 *
 * Unlike writeZip (src/write/zip.ts), nothing here is checked: any name ("../x", "a\\b"), any
 * flag, any declared size or CRC, central-directory records that share one local header, an end
 * record whose entry count is wrong, a zip64 end record. Large entries are built without ever
 * holding their data: `repeated` deflates one chunk once and repeats the compressed copy, so a
 * 1.2 GB entry of zeros costs about 1.2 MB.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";

export interface RawEntry {
  /** The name as written in both headers. */
  readonly name: string;
  /** The bytes after the local header: already deflated when `method` is 8. */
  readonly payload: Uint8Array;
  readonly method: number;
  readonly crc: number;
  /** The uncompressed size as declared. */
  readonly size: number;
  readonly flags?: number;
  /** The compressed size as declared; the payload's length by default. */
  readonly compressedSize?: number;
  /** Write the sizes (and, in the central directory, the offset) as 0xFFFFFFFF and the true values in a zip64 extra field. */
  readonly zip64?: boolean;
}

export interface ArchiveOptions {
  /** Further central-directory records that point at entry `of`'s local header, under other names. */
  readonly aliases?: readonly { readonly name: string; readonly of: number }[];
  /** The entry count written in the end record; the real count modulo 65,536 by default (as JSZip writes it). */
  readonly declaredCount?: number;
  /** Also write a zip64 end record (and its locator) that declares this many entries. */
  readonly zip64Count?: number;
}

const FLAG_UTF8 = 0x0800;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

export function stored(name: string, data: Uint8Array | string): RawEntry {
  const payload = typeof data === "string" ? bytes(data) : data;
  return { name, payload, method: METHOD_STORE, crc: crc32(payload) >>> 0, size: payload.length };
}

export function deflated(name: string, data: Uint8Array | string): RawEntry {
  const raw = typeof data === "string" ? bytes(data) : data;
  return { name, payload: deflateRawSync(raw, { level: 9 }), method: METHOD_DEFLATE, crc: crc32(raw) >>> 0, size: raw.length };
}

/**
 * `head`, then `times` copies of `chunk`, then `tail`, as one honest DEFLATE entry. Each piece is
 * deflated on its own and sync-flushed, so the pieces end on a byte boundary and concatenate into
 * one valid stream; the chunk is deflated once and its compressed bytes repeated.
 */
export function repeated(name: string, parts: { head?: string; chunk: Uint8Array | string; times: number; tail?: string }): RawEntry {
  const head = bytes(parts.head ?? "");
  const chunk = typeof parts.chunk === "string" ? bytes(parts.chunk) : parts.chunk;
  const tail = bytes(parts.tail ?? "");
  const flushed = (data: Uint8Array): Uint8Array => deflateRawSync(data, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const deflatedChunk = flushed(chunk);
  const pieces = [flushed(head), ...Array.from({ length: parts.times }, () => deflatedChunk), deflateRawSync(tail, { level: 9 })];
  // node:zlib's crc32 returns 0 for some empty arrays, whatever the running value: skip them
  let crc = 0;
  for (const piece of [head, ...Array.from({ length: parts.times }, () => chunk), tail]) if (piece.length > 0) crc = crc32(piece, crc);
  return { name, payload: concat(pieces), method: METHOD_DEFLATE, crc: crc >>> 0, size: head.length + chunk.length * parts.times + tail.length };
}

/** A zip archive of `entries`, in order, exactly as they say; see ArchiveOptions for the lies about the whole. */
export function archive(entries: readonly RawEntry[], options: ArchiveOptions = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const local = header(entry, "local", 0);
    offsets.push(offset);
    centrals.push(header(entry, "central", offset));
    locals.push(local, entry.payload);
    offset += local.length + entry.payload.length;
  }
  for (const alias of options.aliases ?? []) {
    const target = entries[alias.of];
    if (target === undefined) throw new Error(`alias of a missing entry ${alias.of}`);
    centrals.push(header({ ...target, name: alias.name }, "central", offsets[alias.of] ?? 0));
  }
  const centralSize = centrals.reduce((sum, c) => sum + c.length, 0);
  const count = options.declaredCount ?? centrals.length % 0x10000;
  const tailRecords: Uint8Array[] = [];
  if (options.zip64Count !== undefined) {
    tailRecords.push(zip64End(options.zip64Count, centralSize, offset), zip64Locator(offset + centralSize));
  }
  tailRecords.push(endRecord(count, centralSize, offset));
  return concat([...locals, ...centrals, ...tailRecords]);
}

function header(entry: RawEntry, kind: "local" | "central", localOffset: number): Uint8Array {
  const name = bytes(entry.name);
  const fixed = kind === "local" ? 30 : 46;
  const compressedSize = entry.compressedSize ?? entry.payload.length;
  const extra = entry.zip64 === true ? zip64Extra([entry.size, compressedSize, ...(kind === "central" ? [localOffset] : [])]) : new Uint8Array(0);
  const out = new Uint8Array(fixed + name.length + extra.length);
  const view = new DataView(out.buffer);
  const at = kind === "local" ? 4 : 6; // the central record has "version made by" first
  view.setUint32(0, kind === "local" ? 0x04034b50 : 0x02014b50, true);
  if (kind === "central") view.setUint16(4, 20, true);
  view.setUint16(at, 20, true);
  view.setUint16(at + 2, entry.flags ?? FLAG_UTF8, true);
  view.setUint16(at + 4, entry.method, true);
  view.setUint16(at + 6, 0, true); // time
  view.setUint16(at + 8, 0x21, true); // date: 1980-01-01
  view.setUint32(at + 10, entry.crc, true);
  const saturate = (n: number): number => (entry.zip64 === true ? 0xffffffff : Math.min(n, 0xffffffff));
  view.setUint32(at + 14, saturate(compressedSize), true);
  view.setUint32(at + 18, saturate(entry.size), true);
  view.setUint16(at + 22, name.length, true);
  view.setUint16(at + 24, extra.length, true);
  if (kind === "central") view.setUint32(42, saturate(localOffset), true);
  out.set(name, fixed);
  out.set(extra, fixed + name.length);
  return out;
}

/** The zip64 extended-information extra field (id 1) with these 8-byte values. */
function zip64Extra(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(4 + 8 * values.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0x0001, true);
  view.setUint16(2, 8 * values.length, true);
  values.forEach((value, i) => view.setBigUint64(4 + 8 * i, BigInt(value), true));
  return out;
}

function endRecord(count: number, centralSize: number, centralOffset: number): Uint8Array {
  const out = new Uint8Array(22);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, count, true);
  view.setUint16(10, count, true);
  view.setUint32(12, centralSize, true);
  view.setUint32(16, centralOffset, true);
  return out;
}

function zip64End(count: number, centralSize: number, centralOffset: number): Uint8Array {
  const out = new Uint8Array(56);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x06064b50, true);
  view.setBigUint64(4, 44n, true);
  view.setUint16(12, 45, true);
  view.setUint16(14, 45, true);
  view.setBigUint64(24, BigInt(count), true);
  view.setBigUint64(32, BigInt(count), true);
  view.setBigUint64(40, BigInt(centralSize), true);
  view.setBigUint64(48, BigInt(centralOffset), true);
  return out;
}

function zip64Locator(zip64EndOffset: number): Uint8Array {
  const out = new Uint8Array(20);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x07064b50, true);
  view.setBigUint64(8, BigInt(zip64EndOffset), true);
  view.setUint32(16, 1, true);
  return out;
}

const concat = (chunks: readonly Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(chunks));
