/**
 * Reads a zip's central directory record by record (independently of src/write/zip.ts and
 * fflate) so tests can assert on what an unzip tool sees: methods, flags, times, extras.
 */
import { readZip } from "../../src/write/zip.js";

export interface CentralRecord {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly extraLength: number;
  readonly commentLength: number;
  readonly externalAttributes: number;
  readonly localOffset: number;
}

export function centralDirectory(bytes: Uint8Array): CentralRecord[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("no end of central directory record");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const records: CentralRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`bad central header at ${at}`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    records.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      extraLength,
      commentLength,
      externalAttributes: view.getUint32(at + 38, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return records;
}

/** The text of one part of a package; throws when the part is missing. */
export function partText(bytes: Uint8Array, name: string): string {
  const entry = readZip(bytes).find((e) => e.name === name);
  if (entry === undefined) throw new Error(`no part ${name}`);
  return new TextDecoder().decode(entry.data);
}

/** The bytes of one part of a package; throws when the part is missing. */
export function partBytes(bytes: Uint8Array, name: string): Uint8Array {
  const entry = readZip(bytes).find((e) => e.name === name);
  if (entry === undefined) throw new Error(`no part ${name}`);
  return entry.data;
}
