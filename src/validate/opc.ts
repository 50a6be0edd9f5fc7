/**
 * The package-level checks of OPC (ECMA-376 Part 2), as listeners on the stream of one XML part
 * (src/validate/xml.ts), against the part names the central directory gives:
 *
 * - every internal relationship target exists                   dangling-relationship
 * - every part has a content type (Override or Default)         missing-content-type
 * - every Override names an existing part                       override-without-part
 *
 * Part names compare case-insensitively, as OPC says. Only the children of the root element
 * count (`Types` > `Default`/`Override`, `Relationships` > `Relationship`), as in the schemas.
 */
import { posix } from "node:path";
import { partNameToEntryName } from "../write/zip.js";
import type { PackageProblem } from "./problems.js";
import type { XmlElementStart, XmlListener } from "./xml.js";
import { NS_CONTENT_TYPES, NS_RELATIONSHIPS } from "../xml/namespaces.js";

export const CONTENT_TYPES_PART = "[Content_Types].xml";

/** The part names of the package, as the checks look them up. */
export class PartNames {
  readonly names: readonly string[];
  private readonly lowerCase: ReadonlySet<string>;
  /** The extensions that some part has: Defaults for others need not be remembered. */
  readonly extensions: ReadonlySet<string>;

  constructor(names: readonly string[]) {
    this.names = names;
    this.lowerCase = new Set(names.map((name) => name.toLowerCase()));
    this.extensions = new Set(names.map(partExtension));
  }

  has(name: string): boolean {
    return this.lowerCase.has(name.toLowerCase());
  }
}

/** Reads `[Content_Types].xml`: the Defaults and Overrides that matter, and Overrides of parts that do not exist. */
export class ContentTypesReader implements XmlListener {
  private readonly defaults = new Set<string>();
  private readonly overrides = new Set<string>(); // lower-cased entry names

  constructor(
    private readonly parts: PartNames,
    private readonly report: (problem: PackageProblem) => void,
  ) {}

  open(element: XmlElementStart): void {
    if (element.depth !== 2 || element.uri !== NS_CONTENT_TYPES) return;
    const extension = element.attribute("Extension")?.toLowerCase();
    const partName = element.attribute("PartName");
    if (element.local === "Default" && extension !== undefined && this.parts.extensions.has(extension)) this.defaults.add(extension);
    if (element.local === "Override" && partName !== undefined) {
      const entry = partNameToEntryName(partName);
      if (this.parts.has(entry)) this.overrides.add(entry.toLowerCase());
      else this.report({ id: "override-without-part", part: CONTENT_TYPES_PART, message: `Override for ${partName}, which is not in the package` });
    }
  }

  close(): void {}

  /** The part has a content type (an Override, or a Default for its extension). */
  covers(name: string): boolean {
    return name === CONTENT_TYPES_PART || this.overrides.has(name.toLowerCase()) || this.defaults.has(partExtension(name));
  }

  /** A missing-content-type problem for each part that has none. */
  missing(): PackageProblem[] {
    return this.parts.names
      .filter((name) => !this.covers(name))
      .map((name) => ({
        id: "missing-content-type",
        part: name,
        message: `no content type: no Override for /${name} and no Default for extension "${partExtension(name)}"`,
      }));
  }
}

/** Reads a relationships part: each internal target must be a part of the package. */
export class RelationshipsReader implements XmlListener {
  constructor(
    private readonly part: string,
    private readonly base: string,
    private readonly parts: PartNames,
    private readonly report: (problem: PackageProblem) => void,
  ) {}

  open(element: XmlElementStart): void {
    if (element.depth !== 2 || element.uri !== NS_RELATIONSHIPS || element.local !== "Relationship") return;
    if (element.attribute("TargetMode") === "External") return;
    const target = element.attribute("Target") ?? "";
    const id = element.attribute("Id") ?? "?";
    const resolved = resolveTarget(this.base, target);
    if (resolved !== undefined && this.parts.has(resolved)) return;
    this.report({
      id: "dangling-relationship",
      part: this.part,
      message: `relationship ${id} targets "${target}"${resolved === undefined ? ", outside the package" : `, but ${resolved} is not in the package`}`,
    });
  }

  close(): void {}
}

/**
 * The folder that relative targets in a relationships part resolve against:
 * `ppt/slides/_rels/slide1.xml.rels` → `ppt/slides`, `_rels/.rels` → the package root ("").
 * Undefined when `part` is not a relationships part.
 */
export function relationshipBase(part: string): string | undefined {
  const match = /^(?:(.*)\/)?_rels\/[^/]*\.rels$/.exec(part);
  if (match === null) return undefined;
  return match[1] ?? "";
}

/** The relationships part of `part`: `ppt/slides/slide1.xml` → `ppt/slides/_rels/slide1.xml.rels`, "" (the package) → `_rels/.rels`. */
export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The zip entry name a relationship target points to, or undefined when it leaves the package. */
export function resolveTarget(base: string, target: string): string | undefined {
  const withoutFragment = target.replace(/[#?].*$/, "");
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutFragment);
  } catch {
    decoded = withoutFragment;
  }
  const joined = decoded.startsWith("/") ? decoded : `/${base === "" ? "" : `${base}/`}${decoded}`;
  // posix.normalize silently clamps "/.." to "/", so a target that climbs out is caught first.
  if (climbsAboveRoot(joined)) return undefined;
  const name = posix.normalize(joined).replace(/^\/+/, "");
  return name === "" ? undefined : name;
}

function climbsAboveRoot(path: string): boolean {
  let depth = 0;
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    depth += segment === ".." ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}

/** OPC extension: what follows the last "." of the last segment (`_rels/.rels` → `rels`), lower case. */
export function partExtension(name: string): string {
  return /\.([^./]*)$/.exec(name)?.[1]?.toLowerCase() ?? "";
}
