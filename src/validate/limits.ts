/**
 * What `checkPackage` (src/validate/structure.ts) accepts from a .pptx nobody vouches for. Each
 * limit is far above what a real deck reaches, and each, when passed, is a finding with its own
 * id: never a crash, a hang or exhausted memory. docs/cli.md lists them for users.
 *
 * A real deck, for scale: a few hundred entries, XML parts of kilobytes to a few megabytes
 * (deckwright writes about 5 KB of XML a slide, so its largest deck, 16,000 slides, has 73 MiB),
 * elements nested about 10 deep (a few more for groups in groups), XML compressed 5 to
 * 50 times, pictures and videos that barely compress.
 */
export interface PackageLimits {
  /** Zip entries (`zip-too-many-entries`). A zip without zip64 cannot count more than 65,535. */
  readonly entries: number;
  /** Bytes of the central directory (`zip-too-large`): room for 65,535 entries with 450-byte names. */
  readonly centralDirectoryBytes: number;
  /** Uncompressed bytes of one XML part, .xml or .rels (`zip-entry-too-large`). */
  readonly xmlPartBytes: number;
  /**
   * Uncompressed bytes of all XML parts together (`zip-too-large`). Parsing is the slow part (some
   * 6–20 MB/s on a slow machine), so this bounds the time: 16,000 deckwright slides have 73 MiB.
   */
  readonly xmlTotalBytes: number;
  /** Uncompressed bytes of any other entry, a video say (`zip-entry-too-large`). */
  readonly entryBytes: number;
  /** Uncompressed bytes of all entries together (`zip-too-large`). */
  readonly totalBytes: number;
  /** Compression ratio (uncompressed : compressed) above which an entry is a zip bomb (`zip-bomb`) … */
  readonly ratio: number;
  /** … when it is at least this large uncompressed (small entries of one repeated byte are normal). */
  readonly ratioMinimumBytes: number;
  /** Elements nested in one XML part (`xml-too-deep`): libxml2's default limit. */
  readonly xmlDepth: number;
  /** Attributes on one element, namespace declarations included (`xml-too-complex`). */
  readonly xmlAttributes: number;
  /** Problems listed of each id; the others are counted in one last problem of that id. */
  readonly listedPerId: number;
}

const MiB = 1024 * 1024;

export const PACKAGE_LIMITS: PackageLimits = Object.freeze({
  entries: 65_535,
  centralDirectoryBytes: 32 * MiB,
  xmlPartBytes: 64 * MiB,
  xmlTotalBytes: 128 * MiB,
  entryBytes: 512 * MiB,
  totalBytes: 2048 * MiB,
  ratio: 1000,
  ratioMinimumBytes: 1 * MiB,
  xmlDepth: 256,
  xmlAttributes: 1000,
  listedPerId: 1000,
});

/** `1.5 GiB`, `64 MiB`, `12 KiB`, `900 bytes`: sizes in messages. */
export function formatBytes(n: number): string {
  const units = [
    [1024 * MiB, "GiB"],
    [MiB, "MiB"],
    [1024, "KiB"],
  ] as const;
  for (const [size, unit] of units) {
    if (n >= size) return `${Number((n / size).toFixed(1)).toLocaleString("en-US")} ${unit}`;
  }
  return `${n} ${n === 1 ? "byte" : "bytes"}`;
}
