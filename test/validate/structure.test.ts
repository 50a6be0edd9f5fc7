import { beforeAll, describe, expect, it } from "vitest";
import { checkPackage, PackageProblemSchema, relationshipBase, resolveTarget, type PackageProblem } from "../../src/validate/structure.js";
import { packagePptx } from "../../src/write/package.js";
import { readZip, writeZip, type ZipEntry } from "../../src/write/zip.js";
import { buildRawDeck } from "../support/rawDeck.js";

const WHEN = new Date("2024-05-01T12:00:00Z");
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A small package from part texts (string) or bytes. */
function zip(parts: Record<string, string | Uint8Array>): Uint8Array {
  const entries: ZipEntry[] = Object.entries(parts).map(([name, data]) => ({
    name,
    data: typeof data === "string" ? new TextEncoder().encode(data) : data,
  }));
  return writeZip(entries, WHEN);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>' +
  "</Types>";

function rels(...targets: readonly (readonly [string, string?])[]): string {
  const items = targets.map(
    ([target, mode], i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/x" Target="${target}"${mode === undefined ? "" : ` TargetMode="${mode}"`}/>`,
  );
  return `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;
}

const SLIDE_NS =
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';

function slideWithTable(rows: readonly string[], columns = 3): string {
  const grid = Array.from({ length: columns }, () => '<a:gridCol w="100"/>').join("");
  return `<p:sld ${SLIDE_NS}><p:cSld><p:spTree><p:graphicFrame><a:graphic><a:graphicData><a:tbl><a:tblGrid>${grid}</a:tblGrid>${rows
    .map((r) => `<a:tr h="0">${r}</a:tr>`)
    .join("")}</a:tbl></a:graphicData></a:graphic></p:graphicFrame></p:spTree></p:cSld></p:sld>`;
}

const cell = (attributes = ""): string => `<a:tc${attributes}><a:txBody><a:bodyPr/><a:p/></a:txBody></a:tc>`;

/** A minimal valid package, with `extra` parts added or replaced. */
function minimal(extra: Record<string, string | Uint8Array> = {}): Uint8Array {
  return zip({
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": rels(["ppt/presentation.xml"]),
    "ppt/presentation.xml": `<p:presentation ${SLIDE_NS}/>`,
    ...extra,
  });
}

const ids = (problems: readonly PackageProblem[]): string[] => problems.map((p) => p.id);

describe("checkPackage on a real deck", () => {
  let packed: Uint8Array;
  beforeAll(async () => {
    packed = packagePptx(await buildRawDeck(), { modified: WHEN });
  });

  it("finds nothing in a packaged deck", () => {
    expect(checkPackage(packed)).toEqual([]);
  });

  it("finds the relationships left dangling by a removed image", () => {
    const entries = readZip(packed).filter((e) => e.name !== "ppt/media/image-6-1.png");
    const problems = checkPackage(writeZip(entries, WHEN));
    expect(problems).toEqual([
      {
        id: "dangling-relationship",
        part: "ppt/slides/_rels/slide6.xml.rels",
        message: expect.stringContaining('targets "../media/image-6-1.png", but ppt/media/image-6-1.png is not in the package'),
      },
    ]);
  });

  it("reports a truncated deck as not-a-zip", () => {
    const problems = checkPackage(packed.subarray(0, Math.floor(packed.length / 2)));
    expect(ids(problems)).toEqual(["not-a-zip"]);
    expect(problems[0]?.part).toBeUndefined();
  });
});

describe("checkPackage on crafted packages", () => {
  it("accepts a minimal valid package", () => {
    expect(checkPackage(minimal())).toEqual([]);
  });

  it("reports bytes that are not a zip", () => {
    expect(ids(checkPackage(new TextEncoder().encode("<html>not a deck</html>")))).toEqual(["not-a-zip"]);
    expect(ids(checkPackage(new Uint8Array(0)))).toEqual(["not-a-zip"]);
  });

  it("reports malformed XML, once per part, with its position", () => {
    const problems = checkPackage(minimal({ "ppt/presentation.xml": "<a><b></a></b><c>" }));
    expect(problems).toEqual([{ id: "xml-malformed", part: "ppt/presentation.xml", message: expect.stringMatching(/^not well-formed XML: 1:\d+: /) }]);
  });

  it("reports XML that is not namespace-well-formed", () => {
    expect(ids(checkPackage(minimal({ "ppt/presentation.xml": "<p:presentation/>" })))).toEqual(["xml-malformed"]);
  });

  it("reports a part that is not valid UTF-8", () => {
    const bad = new Uint8Array([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e]); // <a>\xC3(</a>
    expect(checkPackage(minimal({ "ppt/presentation.xml": bad }))).toEqual([
      { id: "xml-malformed", part: "ppt/presentation.xml", message: "not valid UTF-8 or UTF-16 text" },
    ]);
  });

  it("reports illegal characters (and not also as malformed XML)", () => {
    const problems = checkPackage(minimal({ "ppt/presentation.xml": `<p:presentation ${SLIDE_NS}>\n<a:t>x\u0001y\uffffz</a:t></p:presentation>` }));
    expect(problems).toEqual([
      { id: "illegal-xml-char", part: "ppt/presentation.xml", message: "2 characters that XML 1.0 forbids (first U+0001 at 2:7)" },
    ]);
  });

  it("reports references to illegal characters as malformed XML", () => {
    expect(ids(checkPackage(minimal({ "ppt/presentation.xml": `<p:presentation ${SLIDE_NS}>&#x1B;</p:presentation>` })))).toEqual([
      "xml-malformed",
    ]);
  });

  it("reports dangling relationships, resolving relative, absolute and root targets", () => {
    const problems = checkPackage(
      minimal({
        "_rels/.rels": rels(["ppt/presentation.xml"], ["docProps/missing.xml"]),
        "ppt/_rels/presentation.xml.rels": rels(
          ["slides/slide1.xml"], // missing
          ["/ppt/presentation.xml"], // absolute, present
          ["../ppt/presentation.xml"], // relative, present
          ["../../escape.xml"], // leaves the package
          ["https://example.com/x", "External"], // external: not checked
          ["presentation.xml#frag"], // fragment ignored, present
        ),
      }),
    );
    expect(problems).toEqual([
      {
        id: "dangling-relationship",
        part: "_rels/.rels",
        message: 'relationship rId2 targets "docProps/missing.xml", but docProps/missing.xml is not in the package',
      },
      {
        id: "dangling-relationship",
        part: "ppt/_rels/presentation.xml.rels",
        message: 'relationship rId1 targets "slides/slide1.xml", but ppt/slides/slide1.xml is not in the package',
      },
      {
        id: "dangling-relationship",
        part: "ppt/_rels/presentation.xml.rels",
        message: 'relationship rId4 targets "../../escape.xml", outside the package',
      },
    ]);
  });

  it("reports parts without a content type", () => {
    const problems = checkPackage(minimal({ "ppt/media/image1.png": new Uint8Array([1, 2, 3]), "ppt/notes": "x" }));
    expect(problems).toEqual([
      {
        id: "missing-content-type",
        part: "ppt/media/image1.png",
        message: 'no content type: no Override for /ppt/media/image1.png and no Default for extension "png"',
      },
      { id: "missing-content-type", part: "ppt/notes", message: 'no content type: no Override for /ppt/notes and no Default for extension ""' },
    ]);
  });

  it("matches Default extensions case-insensitively", () => {
    expect(checkPackage(minimal({ "ppt/IMAGE.XML": "<x/>" }))).toEqual([]);
  });

  it("reports a package without [Content_Types].xml", () => {
    const problems = checkPackage(zip({ "_rels/.rels": rels(["a.xml"]), "a.xml": "<a/>" }));
    expect(problems).toEqual([{ id: "missing-content-type", part: "[Content_Types].xml", message: "the package has no [Content_Types].xml" }]);
  });

  it("reports Overrides for parts that do not exist", () => {
    const types = CONTENT_TYPES.replace(
      "</Types>",
      '<Override PartName="/ppt/slideMasters/slideMaster2.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"/></Types>',
    );
    expect(checkPackage(minimal({ "[Content_Types].xml": types }))).toEqual([
      { id: "override-without-part", part: "[Content_Types].xml", message: "Override for /ppt/slideMasters/slideMaster2.xml, which is not in the package" },
    ]);
  });

  it("accepts a table whose rows fill the grid, merged cells included", () => {
    const slide = slideWithTable([cell() + cell() + cell(), cell(' gridSpan="2"') + cell(' hMerge="1"') + cell(), cell(' gridSpan="3"') + cell(' hMerge="1"') + cell(' hMerge="1"')]);
    expect(checkPackage(minimal({ "ppt/slides/slide1.xml": slide }))).toEqual([]);
  });

  it("reports ragged table rows", () => {
    const slide = slideWithTable([
      cell() + cell() + cell(), // fine
      cell() + cell(), // one short
      cell(' gridSpan="2"') + cell(), // span without its hMerge placeholder
      cell() + cell() + cell() + cell(), // one too many
    ]);
    const problems = checkPackage(minimal({ "ppt/slides/slide1.xml": slide }));
    expect(problems).toEqual([
      { id: "table-grid-mismatch", part: "ppt/slides/slide1.xml", message: "table 1, row 2: 2 cells spanning 2 columns, but the grid has 3 columns" },
      { id: "table-grid-mismatch", part: "ppt/slides/slide1.xml", message: "table 1, row 3: 2 cells spanning 3 columns, but the grid has 3 columns" },
      { id: "table-grid-mismatch", part: "ppt/slides/slide1.xml", message: "table 1, row 4: 4 cells spanning 4 columns, but the grid has 3 columns" },
    ]);
  });

  it("reports a shape id used twice in a slide (as pptxgenjs wrote a table on the first slide), once per id", () => {
    const shape = (id: number, name: string) => `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${name}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/></p:sp>`;
    const slide = (...shapes: string[]) =>
      `<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree>${shapes.join("")}</p:spTree></p:cSld></p:sld>`;
    expect(checkPackage(minimal({ "ppt/slides/slide1.xml": slide(shape(1, ""), shape(2, "Title"), shape(3, "Body")) }))).toEqual([]);
    expect(checkPackage(minimal({ "ppt/slides/slide1.xml": slide(shape(1, ""), shape(2, "Title"), shape(2, "Table 0"), shape(2, "Again")) }))).toEqual([
      { id: "duplicate-shape-id", part: "ppt/slides/slide1.xml", message: "shape id 2 is used by more than one shape (Table 0 repeats it)" },
    ]);
  });

  it("reports every problem, not only the first", () => {
    const problems = checkPackage(
      minimal({
        "_rels/.rels": rels(["ppt/presentation.xml"], ["nowhere.xml"]),
        "ppt/broken.xml": "<a>",
        "ppt/dirty.xml": "<a>\u0007</a>",
        "ppt/slides/slide1.xml": slideWithTable([cell()], 2),
        "ppt/media/x.emf": new Uint8Array([0]),
      }),
    );
    expect(new Set(ids(problems))).toEqual(
      new Set(["xml-malformed", "illegal-xml-char", "dangling-relationship", "missing-content-type", "table-grid-mismatch"]),
    );
  });

  it("returns problems that match the PackageProblem schema", () => {
    const problems = checkPackage(minimal({ "ppt/broken.xml": "<a>", "ppt/x.bin": new Uint8Array([0]) }));
    expect(problems.length).toBe(2);
    for (const problem of problems) expect(PackageProblemSchema.parse(problem)).toEqual(problem);
  });
});

describe("relationship target resolution", () => {
  it("finds the base folder of a relationships part", () => {
    expect(relationshipBase("_rels/.rels")).toBe("");
    expect(relationshipBase("ppt/_rels/presentation.xml.rels")).toBe("ppt");
    expect(relationshipBase("ppt/slides/_rels/slide1.xml.rels")).toBe("ppt/slides");
    expect(relationshipBase("ppt/slides/slide1.xml")).toBeUndefined();
  });

  it("resolves relative, absolute, encoded and escaping targets", () => {
    expect(resolveTarget("ppt/slides", "../media/a.png")).toBe("ppt/media/a.png");
    expect(resolveTarget("ppt/slides", "/ppt/charts/chart1.xml")).toBe("ppt/charts/chart1.xml");
    expect(resolveTarget("", "ppt/presentation.xml")).toBe("ppt/presentation.xml");
    expect(resolveTarget("ppt", "./slides/./slide1.xml")).toBe("ppt/slides/slide1.xml");
    expect(resolveTarget("ppt", "media/a%20b.png")).toBe("ppt/media/a b.png");
    expect(resolveTarget("ppt", "slide1.xml#anchor")).toBe("ppt/slide1.xml");
    expect(resolveTarget("ppt", "../../x.xml")).toBeUndefined();
    expect(resolveTarget("", "/../x.xml")).toBeUndefined();
  });
});
