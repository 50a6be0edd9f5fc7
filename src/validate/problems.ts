/**
 * The problems `checkPackage` reports (src/validate/structure.ts), and the collector that keeps
 * their number bounded: a hostile package can hold millions of dangling relationships or
 * overlapping entries, so each id lists at most `listedPerId` problems and counts the rest in
 * one last problem of that id.
 */
import { z } from "zod";

export const PACKAGE_PROBLEM_IDS = [
  "not-a-zip",
  "xml-malformed",
  "illegal-xml-char",
  "dangling-relationship",
  "missing-content-type",
  "override-without-part",
  "table-grid-mismatch",
  "duplicate-shape-id",
  // the archive (src/validate/zip.ts)
  "zip-too-many-entries",
  "zip-unsafe-name",
  "zip-duplicate-entry",
  "zip-encrypted",
  "zip-overlapping-entries",
  "zip-entry-too-large",
  "zip-too-large",
  "zip-bomb",
  "zip-corrupt",
  // XML parts (src/validate/xml.ts)
  "xml-too-deep",
  "xml-too-complex",
  // media parts (src/validate/media.ts)
  "media-not-image",
] as const;

export const PackageProblemSchema = z.object({
  /** Stable identifier of the kind of problem. */
  id: z.enum(PACKAGE_PROBLEM_IDS),
  /** The part (zip entry name, e.g. `ppt/slides/slide1.xml`) at fault, when there is one. */
  part: z.string().optional(),
  message: z.string(),
});

export type PackageProblem = z.infer<typeof PackageProblemSchema>;
export type PackageProblemId = PackageProblem["id"];

/**
 * The order problems are listed in: the archive, then each part's XML, then content types,
 * relationships, tables and media; within one rank, in the order they were found (part order).
 */
const RANK: Readonly<Record<PackageProblemId, number>> = {
  "not-a-zip": 0,
  "zip-too-many-entries": 0,
  "zip-unsafe-name": 0,
  "zip-duplicate-entry": 0,
  "zip-encrypted": 0,
  "zip-overlapping-entries": 0,
  "zip-entry-too-large": 0,
  "zip-too-large": 0,
  "zip-bomb": 0,
  "zip-corrupt": 0,
  "xml-malformed": 1,
  "illegal-xml-char": 1,
  "xml-too-deep": 1,
  "xml-too-complex": 1,
  "missing-content-type": 2,
  "override-without-part": 3,
  "dangling-relationship": 4,
  "table-grid-mismatch": 5,
  "duplicate-shape-id": 5,
  "media-not-image": 6,
};

/** Problems as they are found, at most `listedPerId` of each id listed and the rest counted. */
export class Findings {
  private readonly listed: PackageProblem[] = [];
  private readonly listedCount = new Map<PackageProblemId, number>();
  private readonly unlisted = new Map<PackageProblemId, number>();

  constructor(private readonly listedPerId: number) {}

  add(problem: PackageProblem): void {
    const listed = this.listedCount.get(problem.id) ?? 0;
    if (listed < this.listedPerId) {
      this.listed.push(problem);
      this.listedCount.set(problem.id, listed + 1);
    } else {
      this.count(problem.id, 1);
    }
  }

  /** What `other` found: its listed problems added here, its unlisted ones counted. */
  merge(other: Findings): void {
    for (const problem of other.listed) this.add(problem);
    for (const [id, n] of other.unlisted) this.count(id, n);
  }

  /** Every problem listed, in rank order, then one problem per id that had more than were listed. */
  list(): PackageProblem[] {
    const summaries = [...this.unlisted].map(([id, n]): PackageProblem => ({
      id,
      message: `${n.toLocaleString("en-US")} more ${n === 1 ? "problem" : "problems"} of this kind, not listed`,
    }));
    // Array.prototype.sort is stable, so problems of one rank keep the order they were found in.
    return [...this.listed, ...summaries].sort((a, b) => RANK[a.id] - RANK[b.id]);
  }

  private count(id: PackageProblemId, n: number): void {
    this.unlisted.set(id, (this.unlisted.get(id) ?? 0) + n);
  }
}
