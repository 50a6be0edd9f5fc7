/**
 * Structural checks of a .pptx package that need no external tool (no xmllint, no schemas):
 * the things an office suite trips over first. They back `deckwright validate` and the
 * tests of the packaging step.
 *
 * - the file is a zip archive                                   not-a-zip
 * - the archive can be read safely (src/validate/zip.ts)        zip-*
 * - every .xml/.rels part is well-formed, namespace-aware XML   xml-malformed
 *   (src/validate/xml.ts), nested and with attributes in limits xml-too-deep, xml-too-complex
 * - no part holds a character XML 1.0 forbids                   illegal-xml-char
 * - every internal relationship target exists                   dangling-relationship
 * - every part has a content type (Override or Default)         missing-content-type
 * - every Override names an existing part                       override-without-part
 * - every table row fills the table grid exactly                table-grid-mismatch
 * - every shape of a slide, layout or master has its own id     duplicate-shape-id
 * - every media part is a picture, sound or video               media-not-image
 *
 * Every problem found is reported, not only the first (at most `listedPerId` of each id, the
 * rest counted); at most one xml-malformed per part (later parse errors in a broken part are
 * mostly echoes of the first). The package is read as a stream, entry by entry, and each XML
 * part is parsed as it inflates: memory stays bounded by the limits (src/validate/limits.ts)
 * whatever the file holds, and time is linear in what is read.
 */
import { formatBytes, PACKAGE_LIMITS, type PackageLimits } from "./limits.js";
import { isMediaPart, MEDIA_HEAD_BYTES, notMediaReason } from "./media.js";
import { CONTENT_TYPES_PART, ContentTypesReader, PartNames, relationshipBase, RelationshipsReader } from "./opc.js";
import { Findings, type PackageProblem } from "./problems.js";
import { hasShapeTree, ShapeIdCheck } from "./shapeIds.js";
import { TableGridCheck } from "./tables.js";
import { XmlPartReader, type XmlListener } from "./xml.js";
import { bytesSource, declaredSizeProblem, listZip, openFileSource, readEntry, type RandomAccessSource, type ReadableEntry } from "./zip.js";

export { PACKAGE_PROBLEM_IDS, PackageProblemSchema, type PackageProblem, type PackageProblemId } from "./problems.js";
export { relationshipBase, resolveTarget } from "./opc.js";
export { PACKAGE_LIMITS, type PackageLimits } from "./limits.js";
export { SourceReadError } from "./zip.js";

/** Every structural problem of the package, in part order; an empty array means none were found. */
export function checkPackage(bytes: Uint8Array, limits: PackageLimits = PACKAGE_LIMITS): PackageProblem[] {
  return checkSource(bytesSource(bytes), limits);
}

/**
 * checkPackage on a file, read piece by piece (never whole), so that a file of any size costs
 * memory within the limits only. Throws SourceReadError when the file cannot be read.
 */
export function checkPackageFile(path: string, limits: PackageLimits = PACKAGE_LIMITS): PackageProblem[] {
  const source = openFileSource(path);
  try {
    return checkSource(source, limits);
  } finally {
    source.close();
  }
}

function checkSource(source: RandomAccessSource, limits: PackageLimits): PackageProblem[] {
  const listed = listZip(source, limits);
  if (!listed.ok) return [listed.problem];
  const { listing } = listed;
  const findings = new Findings(limits.listedPerId);
  for (const problem of listing.problems) findings.add(problem);
  const check = new PackageCheck(source, new PartNames(listing.partNames), limits, findings);
  for (const entry of listing.readable) {
    if (!check.read(entry)) break;
  }
  check.finish();
  return findings.list();
}

const isXmlPart = (name: string): boolean => name.endsWith(".xml") || name.endsWith(".rels");

/** What is found while the entries are read one after another, and the budgets they share. */
class PackageCheck {
  private bytesLeft: number;
  private xmlBytesLeft: number;
  private xmlSkipped = false;
  /** `[Content_Types].xml`, once it has been read and found well-formed. */
  private contentTypes: ContentTypesReader | undefined;
  private readonly notMedia: (readonly [string, string])[] = [];

  constructor(
    private readonly source: RandomAccessSource,
    private readonly parts: PartNames,
    private readonly limits: PackageLimits,
    private readonly findings: Findings,
  ) {
    this.bytesLeft = limits.totalBytes;
    this.xmlBytesLeft = limits.xmlTotalBytes;
  }

  /** Reads and checks one entry; false when the size budget is spent, so that no further entry is read. */
  read(entry: ReadableEntry): boolean {
    const { limits } = this;
    const xml = isXmlPart(entry.name);
    const tooLarge = declaredSizeProblem(entry, xml ? limits.xmlPartBytes : limits.entryBytes, xml ? "an XML part" : "an entry", limits);
    if (tooLarge !== undefined) {
      this.findings.add(tooLarge);
      return true;
    }
    // The declared size bounds what is read (readEntry stops an entry that inflates past it).
    if (entry.size > this.bytesLeft) {
      const message = `the entries inflate to more than ${formatBytes(limits.totalBytes)} in all; this entry and those after it are not checked`;
      this.findings.add({ id: "zip-too-large", part: entry.name, message });
      return false;
    }
    if (xml && (this.xmlSkipped || entry.size > this.xmlBytesLeft)) {
      if (!this.xmlSkipped) {
        const message = `the XML parts add up to more than ${formatBytes(limits.xmlTotalBytes)}; this part and the XML parts after it are not checked`;
        this.findings.add({ id: "zip-too-large", part: entry.name, message });
      }
      this.xmlSkipped = true;
      return true;
    }
    const reader = xml ? this.xmlReader(entry.name) : isMediaPart(entry.name) ? mediaReader(entry.name, (reason) => this.notMedia.push([entry.name, reason])) : discard;
    const outcome = readEntry(this.source, entry, (chunk) => reader.write(chunk));
    this.bytesLeft -= outcome.bytes;
    if (xml) this.xmlBytesLeft -= outcome.bytes;
    if (!outcome.ok) this.findings.add(outcome.problem);
    else reader.end();
    return true;
  }

  /** The checks that need every part read: content types and media. */
  finish(): void {
    if (!this.parts.names.includes(CONTENT_TYPES_PART)) {
      this.findings.add({ id: "missing-content-type", part: CONTENT_TYPES_PART, message: "the package has no [Content_Types].xml" });
    } else if (this.contentTypes !== undefined) {
      for (const problem of this.contentTypes.missing()) this.findings.add(problem);
    }
    for (const [part, reason] of this.notMedia) {
      // a part without a content type is reported as such; what it holds is checked against none
      if (this.contentTypes === undefined || this.contentTypes.covers(part)) this.findings.add({ id: "media-not-image", part, message: reason });
    }
  }

  /**
   * The checks of one XML part, fed as it inflates. What the listeners find counts only when the
   * part turns out well-formed: in a broken part it would mostly be echoes of the break.
   */
  private xmlReader(part: string): EntryReader {
    const found = new Findings(this.limits.listedPerId);
    const report = (problem: PackageProblem): void => found.add(problem);
    const listeners: XmlListener[] = [new TableGridCheck((message) => report({ id: "table-grid-mismatch", part, message }))];
    if (hasShapeTree(part)) listeners.push(new ShapeIdCheck((message) => report({ id: "duplicate-shape-id", part, message })));
    const base = relationshipBase(part);
    if (base !== undefined) listeners.push(new RelationshipsReader(part, base, this.parts, report));
    const types = part === CONTENT_TYPES_PART ? new ContentTypesReader(this.parts, report) : undefined;
    if (types !== undefined) listeners.push(types);
    const reader = new XmlPartReader(part, fanOut(listeners), this.limits);
    return {
      write: (chunk) => reader.write(chunk),
      end: () => {
        const result = reader.end();
        for (const problem of result.problems) this.findings.add(problem);
        if (!result.wellFormed) return;
        this.findings.merge(found);
        if (types !== undefined) this.contentTypes = types;
      },
    };
  }
}

/** Where an entry's data goes as it is read; `end` is called only when all of it was read intact. */
interface EntryReader {
  write(chunk: Uint8Array): void;
  end(): void;
}

const discard: EntryReader = { write: () => undefined, end: () => undefined };

/** Keeps a media part's first bytes and hands `verdict` the reason they are no picture, sound or video, if any. */
function mediaReader(part: string, verdict: (reason: string) => void): EntryReader {
  const head = new Uint8Array(MEDIA_HEAD_BYTES);
  let length = 0;
  return {
    write: (chunk) => {
      const take = chunk.subarray(0, MEDIA_HEAD_BYTES - length);
      head.set(take, length);
      length += take.length;
    },
    end: () => {
      const reason = notMediaReason(part, head.subarray(0, length));
      if (reason !== undefined) verdict(reason);
    },
  };
}

function fanOut(listeners: readonly XmlListener[]): XmlListener {
  return {
    open: (element) => {
      for (const listener of listeners) listener.open(element);
    },
    close: () => {
      for (const listener of listeners) listener.close();
    },
  };
}
