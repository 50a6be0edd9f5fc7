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
import { fileURLToPath } from "node:url";
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
  const xmllint = findXmllint();
  const schemas = findSchemas();
  if (xmllint === undefined || schemas === undefined) throw new Error(xsdSkipReason());

  const bySchema = new Map<string, string[]>();
  for (const { name } of readZip(bytes)) {
    const schema = schemaForPart(name);
    if (schema !== undefined) bySchema.set(schema, [...(bySchema.get(schema) ?? []), name]);
  }

  const dir = await mkdtemp(join(tmpdir(), "deckwright-xsd-"));
  try {
    await extractParts(bytes, dir);
    const failures: XsdFailure[] = [];
    for (const [schema, parts] of bySchema) {
      failures.push(...(await validateWithSchema(xmllint, join(schemas, schema), schema, dir, parts)));
    }
    return failures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function extractParts(bytes: Uint8Array, dir: string): Promise<void> {
  for (const { name, data } of readZip(bytes)) {
    if (name.endsWith("/") || schemaForPart(name) === undefined) continue;
    const target = join(dir, name);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, data);
  }
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
