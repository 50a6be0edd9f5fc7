/**
 * Structural checks of a .pptx package that need no external tool (no xmllint, no schemas):
 * the things an office suite trips over first. They back `deckwright validate` and the
 * tests of the packaging step.
 *
 * - the file is a zip archive                                   not-a-zip
 * - every .xml/.rels part is well-formed, namespace-aware XML   xml-malformed
 * - no part holds a character XML 1.0 forbids                   illegal-xml-char
 * - every internal relationship target exists                   dangling-relationship
 * - every part has a content type (Override or Default)         missing-content-type
 * - every Override names an existing part                       override-without-part
 * - every table row fills the table grid exactly                table-grid-mismatch
 *
 * Every problem found is reported, not only the first; at most one xml-malformed per part
 * (later parse errors in a broken part are mostly echoes of the first).
 */
import { posix } from "node:path";
import { SaxesParser } from "saxes";
import { z } from "zod";
import { findIllegalXmlChars, stripIllegalXmlChars } from "../xml/sanitize.js";
import { partNameToEntryName, readZip, type ZipEntry } from "../write/zip.js";

export const PACKAGE_PROBLEM_IDS = [
  "not-a-zip",
  "xml-malformed",
  "illegal-xml-char",
  "dangling-relationship",
  "missing-content-type",
  "override-without-part",
  "table-grid-mismatch",
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

const CONTENT_TYPES_PART = "[Content_Types].xml";
const NS_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types";
const NS_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
const NS_DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main";

/** Every structural problem of the package, in part order; an empty array means none were found. */
export function checkPackage(bytes: Uint8Array): PackageProblem[] {
  let entries: ZipEntry[];
  try {
    entries = readZip(bytes);
  } catch (error) {
    return [{ id: "not-a-zip", message: `not a readable zip archive: ${errorMessage(error)}` }];
  }
  const parts = entries.filter((entry) => !entry.name.endsWith("/"));
  const parsed = parts.filter((part) => isXmlPart(part.name)).map(parsePart);
  const trees = new Map(parsed.flatMap((p) => (p.root === undefined ? [] : [[p.part, p.root] as const])));
  return [
    ...parsed.flatMap((p) => p.problems),
    ...checkContentTypes(parts, trees.get(CONTENT_TYPES_PART)),
    ...checkRelationships(parts, trees),
    ...checkTables(trees),
  ];
}

// ---------------------------------------------------------------------------------------
// Well-formedness and characters

/** A parsed element: just what the checks need. */
interface XmlElement {
  readonly uri: string;
  readonly local: string;
  /** Attribute values by qualified name as written (`Target`, `r:id`). */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
}

interface ParsedPart {
  readonly part: string;
  /** Undefined when the part is not well-formed. */
  readonly root: XmlElement | undefined;
  readonly problems: PackageProblem[];
}

const isXmlPart = (name: string): boolean => name.endsWith(".xml") || name.endsWith(".rels");

function parsePart({ name, data }: ZipEntry): ParsedPart {
  const text = decodeXmlText(data);
  if (text === undefined) {
    return { part: name, root: undefined, problems: [{ id: "xml-malformed", part: name, message: "not valid UTF-8 or UTF-16 text" }] };
  }
  const problems: PackageProblem[] = [];
  const illegal = findIllegalXmlChars(text);
  if (illegal.length > 0) problems.push(illegalCharsProblem(name, text, illegal));
  // Parse what remains, so a stray control character does not hide other faults.
  const { root, error } = parseXml(illegal.length > 0 ? stripIllegalXmlChars(text) : text);
  if (error !== undefined) problems.push({ id: "xml-malformed", part: name, message: `not well-formed XML: ${error}` });
  return { part: name, root: error === undefined ? root : undefined, problems };
}

function decodeXmlText(data: Uint8Array): string | undefined {
  const encoding = data[0] === 0xff && data[1] === 0xfe ? "utf-16le" : data[0] === 0xfe && data[1] === 0xff ? "utf-16be" : "utf-8";
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
}

function illegalCharsProblem(part: string, text: string, found: readonly { index: number; codePoint: number }[]): PackageProblem {
  const first = found[0];
  const where = first === undefined ? "" : ` (first U+${hex4(first.codePoint)} at ${lineColumn(text, first.index)})`;
  const count = found.length === 1 ? "1 character" : `${found.length} characters`;
  return { id: "illegal-xml-char", part, message: `${count} that XML 1.0 forbids${where}` };
}

function parseXml(text: string): { root: XmlElement | undefined; error: string | undefined } {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: string | undefined;
  parser.on("error", (err) => {
    error ??= err.message;
  });
  parser.on("opentag", (tag) => {
    const attributes = new Map(Object.entries(tag.attributes).map(([qname, attr]) => [qname, attr.value] as const));
    const element: XmlElement = { uri: tag.uri, local: tag.local, attributes, children: [] };
    const parent = stack.at(-1);
    if (parent === undefined) root ??= element;
    else parent.children.push(element);
    stack.push(element);
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  try {
    parser.write(text).close();
  } catch (thrown) {
    error ??= errorMessage(thrown);
  }
  if (error === undefined && root === undefined) error = "no root element";
  return { root, error };
}

// ---------------------------------------------------------------------------------------
// Content types

function checkContentTypes(parts: readonly ZipEntry[], types: XmlElement | undefined): PackageProblem[] {
  if (!parts.some((p) => p.name === CONTENT_TYPES_PART)) {
    return [{ id: "missing-content-type", part: CONTENT_TYPES_PART, message: "the package has no [Content_Types].xml" }];
  }
  if (types === undefined) return []; // malformed: already reported
  const defaults = new Set<string>();
  const overrides = new Map<string, string>(); // lower-cased entry name → PartName as written
  for (const child of types.children.filter((c) => c.uri === NS_CONTENT_TYPES)) {
    const extension = child.attributes.get("Extension");
    const partName = child.attributes.get("PartName");
    if (child.local === "Default" && extension !== undefined) defaults.add(extension.toLowerCase());
    if (child.local === "Override" && partName !== undefined) overrides.set(partNameToEntryName(partName).toLowerCase(), partName);
  }
  const names = new Set(parts.map((p) => p.name.toLowerCase()));
  const problems: PackageProblem[] = [];
  for (const { name } of parts) {
    if (name === CONTENT_TYPES_PART || overrides.has(name.toLowerCase())) continue;
    const extension = partExtension(name);
    if (!defaults.has(extension)) {
      problems.push({
        id: "missing-content-type",
        part: name,
        message: `no content type: no Override for /${name} and no Default for extension "${extension}"`,
      });
    }
  }
  for (const [entry, partName] of overrides) {
    if (!names.has(entry)) {
      problems.push({ id: "override-without-part", part: CONTENT_TYPES_PART, message: `Override for ${partName}, which is not in the package` });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Relationships

function checkRelationships(parts: readonly ZipEntry[], trees: ReadonlyMap<string, XmlElement>): PackageProblem[] {
  const names = new Set(parts.map((p) => p.name.toLowerCase()));
  const problems: PackageProblem[] = [];
  for (const [part, root] of trees) {
    const base = relationshipBase(part);
    if (base === undefined) continue;
    for (const rel of root.children.filter((c) => c.uri === NS_RELATIONSHIPS && c.local === "Relationship")) {
      if (rel.attributes.get("TargetMode") === "External") continue;
      const target = rel.attributes.get("Target") ?? "";
      const id = rel.attributes.get("Id") ?? "?";
      const resolved = resolveTarget(base, target);
      if (resolved === undefined || !names.has(resolved.toLowerCase())) {
        problems.push({
          id: "dangling-relationship",
          part,
          message: `relationship ${id} targets "${target}"${resolved === undefined ? ", outside the package" : `, but ${resolved} is not in the package`}`,
        });
      }
    }
  }
  return problems;
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
function partExtension(name: string): string {
  return /\.([^./]*)$/.exec(name)?.[1]?.toLowerCase() ?? "";
}


// ---------------------------------------------------------------------------------------
// Tables

/**
 * DrawingML tables (`a:tbl`) as PowerPoint writes them: every `a:tr` has exactly one
 * `a:tc` per `a:gridCol`; a merged cell has `gridSpan="n"` and is followed by n−1
 * placeholder cells with `hMerge="1"`. So each row must have as many cells as the grid
 * has columns, and the spans of its non-placeholder cells must add up to the same number.
 */
function checkTables(trees: ReadonlyMap<string, XmlElement>): PackageProblem[] {
  const problems: PackageProblem[] = [];
  for (const [part, root] of trees) {
    let tableIndex = 0;
    for (const table of descendants(root, NS_DRAWINGML, "tbl")) {
      tableIndex++;
      const grid = table.children.find((c) => c.uri === NS_DRAWINGML && c.local === "tblGrid");
      const columns = grid?.children.filter((c) => c.uri === NS_DRAWINGML && c.local === "gridCol").length ?? 0;
      const rows = table.children.filter((c) => c.uri === NS_DRAWINGML && c.local === "tr");
      rows.forEach((row, rowIndex) => {
        const cells = row.children.filter((c) => c.uri === NS_DRAWINGML && c.local === "tc");
        const spanned = cells.reduce((sum, cell) => sum + cellSpan(cell), 0);
        if (cells.length !== columns || spanned !== columns) {
          problems.push({
            id: "table-grid-mismatch",
            part,
            message:
              `table ${tableIndex}, row ${rowIndex + 1}: ${cells.length} cells spanning ${spanned} columns, ` +
              `but the grid has ${columns} columns`,
          });
        }
      });
    }
  }
  return problems;
}

/** Grid columns a cell starts: its gridSpan (default 1), or 0 for an hMerge placeholder. */
function cellSpan(cell: XmlElement): number {
  if (isTrue(cell.attributes.get("hMerge"))) return 0;
  const span = Number.parseInt(cell.attributes.get("gridSpan") ?? "1", 10);
  return Number.isFinite(span) && span > 0 ? span : 1;
}

const isTrue = (value: string | undefined): boolean => value === "1" || value === "true";

function* descendants(element: XmlElement, uri: string, local: string): Generator<XmlElement> {
  for (const child of element.children) {
    if (child.uri === uri && child.local === local) yield child;
    yield* descendants(child, uri, local);
  }
}

// ---------------------------------------------------------------------------------------
// Helpers

function lineColumn(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  const column = index - before.lastIndexOf("\n");
  return `${line}:${column}`;
}

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, "0");

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
