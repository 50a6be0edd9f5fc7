/**
 * XSD validation of a .pptx for tests: every part is checked with `xmllint` against the
 * ECMA-376 transitional schemas. Needs the `xmllint` binary (Debian: libxml2-utils) and the
 * schema folder (env `DECKWRIGHT_OOXML_SCHEMAS`, else `<repo>/../shared/ooxml-schemas`);
 * `xsdSkipReason()` says which is missing so tests can skip with a clear message.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { readZip } from "../../src/write/zip.js";

const run = promisify(execFile);

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface XsdFailure {
  readonly part: string;
  /** The schema file, relative to the schema folder. */
  readonly schema: string;
  /** xmllint's messages for this part, with the temporary folder removed from paths. */
  readonly errors: string;
}

/** The ECMA-376 schema folder, or undefined when it is not there. */
export function findSchemas(): string | undefined {
  const fromEnv = process.env["DECKWRIGHT_OOXML_SCHEMAS"];
  const folder = fromEnv !== undefined && fromEnv !== "" ? resolve(fromEnv) : resolve(REPO_ROOT, "..", "shared", "ooxml-schemas");
  return existsSync(join(folder, "pml.xsd")) ? folder : undefined;
}

/** The `xmllint` executable on PATH, or undefined. */
export function findXmllint(): string | undefined {
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, "xmllint");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** Why XSD validation cannot run here, or undefined when it can. */
export function xsdSkipReason(): string | undefined {
  const missing: string[] = [];
  if (findXmllint() === undefined) missing.push("xmllint is not on PATH (Debian/Ubuntu: apt-get install libxml2-utils)");
  if (findSchemas() === undefined) {
    missing.push(
      "the ECMA-376 schemas were not found (set DECKWRIGHT_OOXML_SCHEMAS to a folder holding pml.xsd, " +
        `or place them at ${resolve(REPO_ROOT, "..", "shared", "ooxml-schemas")})`,
    );
  }
  return missing.length === 0 ? undefined : `XSD validation skipped: ${missing.join("; ")}`;
}

/** Part name pattern → schema file (relative to the schema folder). Parts matching nothing are not validated. */
const SCHEMA_FOR_PART: readonly (readonly [RegExp, string])[] = [
  [/^\[Content_Types\]\.xml$/, "opc/opc-contentTypes.xsd"],
  [/\.rels$/, "opc/opc-relationships.xsd"],
  [/^docProps\/app\.xml$/, "shared-documentPropertiesExtended.xsd"],
  [/^ppt\/(presentation|presProps|viewProps)\.xml$/, "pml.xsd"],
  [/^ppt\/(slides|slideLayouts|slideMasters|notesSlides|notesMasters|handoutMasters)\/[^/]+\.xml$/, "pml.xsd"],
  [/^ppt\/theme\/[^/]+\.xml$/, "dml-main.xsd"],
  [/^ppt\/tableStyles\.xml$/, "dml-main.xsd"],
  [/^ppt\/charts\/[^/]+\.xml$/, "dml-chart.xsd"],
];

/** The schema a part is validated against, or undefined (core.xml, media, embeddings, unknown parts). */
export function schemaForPart(part: string): string | undefined {
  return SCHEMA_FOR_PART.find(([pattern]) => pattern.test(part))?.[1];
}

/**
 * Validates every mapped part of the package with xmllint, one xmllint run per schema.
 * Returns one entry per failing part; an empty array means every validated part passed.
 * Throws when xmllint or the schemas are missing (check `xsdSkipReason()` first).
 */
export async function xsdValidate(bytes: Uint8Array): Promise<XsdFailure[]> {
  const parts = readZip(bytes).filter(({ name }) => schemaForPart(name) !== undefined);
  return xsdValidateParts(parts.map(({ name, data }) => ({ name, xml: Buffer.from(data).toString("utf8") })));
}

/**
 * Validates loose parts (a slide's XML before it is in a package), each named as it would be in
 * the package (`ppt/slides/slide1.xml`) so it gets its part's schema; Markup Compatibility as in
 * `xsdValidate`. Parts whose name maps to no schema are not validated.
 */
export async function xsdValidateParts(parts: readonly { name: string; xml: string }[]): Promise<XsdFailure[]> {
  const xmllint = findXmllint();
  const schemas = findSchemas();
  if (xmllint === undefined || schemas === undefined) throw new Error(xsdSkipReason());
  const bySchema = new Map<string, string[]>();
  const add = (schema: string, name: string) => bySchema.set(schema, [...(bySchema.get(schema) ?? []), name]);
  const files: { name: string; xml: string }[] = [];
  for (const part of parts) {
    const schema = schemaForPart(part.name);
    if (schema === undefined) continue;
    const compatibility = schema === "pml.xsd" ? compatibilityParts(part.name, part.xml) : [];
    if (compatibility.length === 0) {
      add(schema, part.name);
      files.push(part);
    }
    for (const derived of compatibility) {
      add(derived.schema, derived.name);
      files.push(derived);
    }
  }
  const dir = await mkdtemp(join(tmpdir(), "deckwright-xsd-"));
  try {
    for (const file of files) {
      await mkdir(dirname(join(dir, file.name)), { recursive: true });
      await writeFile(join(dir, file.name), file.xml);
    }
    const failures: XsdFailure[] = [];
    for (const [schema, names] of bySchema) {
      const path = schema === "shared-math.xsd" ? await mathSchema(schemas, dir) : join(schemas, schema);
      failures.push(...(await validateWithSchema(xmllint, path, schema, dir, names)));
    }
    return failures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Markup Compatibility (ECMA-376 Part 3), read as a consumer of the transitional schemas does:
 * a part with `mc:AlternateContent` is validated with each `mc:Fallback` taken, and with each
 * `mc:Choice` taken and its Office Math (`a14:m`, PowerPoint's extension, MS-ODRAWXML) left out;
 * each equation is validated on its own against shared-math.xsd, without the DrawingML run
 * properties PowerPoint puts in math runs (part of a14:m's content model, not of ECMA-376's).
 */
function compatibilityParts(name: string, xml: string): { name: string; schema: string; xml: string }[] {
  if (!xml.includes("<mc:AlternateContent")) return [];
  const pick = (branch: "Choice" | "Fallback") =>
    xml.replace(/<mc:AlternateContent[^>]*>[\s\S]*?<\/mc:AlternateContent>/g, (whole) => {
      const inner = new RegExp(`<mc:${branch}[^>]*>([\\s\\S]*?)</mc:${branch}>`).exec(whole)?.[1] ?? "";
      return branch === "Choice" ? inner.replace(/<a14:m>[\s\S]*?<\/a14:m>/g, "") : inner;
    });
  const parts = [
    { name: `${name}.fallback.xml`, schema: "pml.xsd", xml: pick("Fallback") },
    { name: `${name}.choice.xml`, schema: "pml.xsd", xml: pick("Choice") },
  ];
  [...xml.matchAll(/<a14:m>([\s\S]*?)<\/a14:m>/g)].forEach((match, i) => {
    const math = (match[1] ?? "").replace(/<a:rPr[^>]*\/>|<a:rPr[^>]*>[\s\S]*?<\/a:rPr>/g, "");
    parts.push({ name: `${name}.math-${i + 1}.xml`, schema: "shared-math.xsd", xml: `<?xml version="1.0" encoding="UTF-8"?>${math}` });
  });
  return parts;
}

/**
 * shared-math.xsd refers to `xml:space` without saying where the XML namespace's schema is (it
 * would be fetched from w3.org). A wrapper imports a local declaration of the one attribute first.
 */
async function mathSchema(schemas: string, dir: string): Promise<string> {
  const xmlNamespace = join(dir, "xml-namespace.xsd");
  await writeFile(
    xmlNamespace,
    `<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">` +
      `<xsd:attribute name="space"><xsd:simpleType><xsd:restriction base="xsd:NCName"><xsd:enumeration value="default"/><xsd:enumeration value="preserve"/></xsd:restriction></xsd:simpleType></xsd:attribute>` +
      `<xsd:attribute name="lang" type="xsd:language"/></xsd:schema>`,
  );
  const wrapper = join(dir, "math-wrapper.xsd");
  await writeFile(
    wrapper,
    `<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
      `<xsd:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="${pathToFileURL(xmlNamespace).href}"/>` +
      `<xsd:import namespace="http://schemas.openxmlformats.org/officeDocument/2006/math" schemaLocation="${pathToFileURL(join(schemas, "shared-math.xsd")).href}"/></xsd:schema>`,
  );
  return wrapper;
}


async function validateWithSchema(
  xmllint: string,
  schemaPath: string,
  schema: string,
  dir: string,
  parts: readonly string[],
): Promise<XsdFailure[]> {
  const files = parts.map((part) => join(dir, part));
  let stderr: string;
  try {
    stderr = (await run(xmllint, ["--noout", "--nonet", "--schema", schemaPath, ...files], { maxBuffer: 64 * 1024 * 1024 })).stderr;
  } catch (error) {
    // xmllint exits non-zero when a file fails; its report is still on stderr.
    const failed = error as { stderr?: string; code?: unknown };
    if (typeof failed.stderr !== "string" || failed.stderr === "") throw error;
    stderr = failed.stderr;
  }
  const lines = stderr.split("\n");
  const failures: XsdFailure[] = [];
  parts.forEach((part, i) => {
    const file = files[i] ?? "";
    const own = lines.filter((line) => line.startsWith(`${file}:`) || line.startsWith(`${file} `));
    if (!own.some((line) => line === `${file} validates`)) {
      const errors = own
        .filter((line) => line !== `${file} fails to validate`)
        .map((line) => line.split(`${dir}/`).join(""))
        .join("\n");
      const general = lines.filter((line) => line.trim() !== "" && !files.some((f) => line.startsWith(f))).join("\n");
      failures.push({ part, schema, errors: errors !== "" ? errors : general !== "" ? general : "failed to validate (no message)" });
    }
  });
  return failures;
}
