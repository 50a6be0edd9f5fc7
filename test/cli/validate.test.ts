import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exitCodes.js";
import { run } from "../../src/cli/run.js";
import { compile } from "../../src/pipeline.js";
import { readZip, writeZip } from "../../src/write/zip.js";
import { FIXED_DATE } from "../support/fixtures.js";

let dir: string;
let good: Uint8Array;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "deckwright-validate-"));
  good = (await compile("## A\n\n- b\n", "a.md", { modified: FIXED_DATE })).pptx ?? new Uint8Array();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {} });
  return { code, stdout, stderr };
}

/** The good deck with one part's text changed. */
function tampered(part: string, change: (xml: string) => string): Uint8Array {
  const entries = readZip(good).map((e) => (e.name === part ? { ...e, data: new TextEncoder().encode(change(new TextDecoder().decode(e.data))) } : e));
  return writeZip(entries, FIXED_DATE);
}

async function file(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

describe("deckwright validate", () => {
  it("says a deckwright deck is valid", async () => {
    const path = await file("good.pptx", good);
    expect(await cli(["validate", path])).toEqual({ code: EXIT.ok, stdout: `${path}: valid\n`, stderr: "" });
  });

  it("reports a truncated file", async () => {
    const path = await file("truncated.pptx", good.subarray(0, Math.floor(good.length / 2)));
    const result = await cli(["validate", path]);
    expect(result.code).toBe(EXIT.inputErrors);
    expect(result.stderr).toContain("[not-a-zip]");
  });

  it("reports a dangling relationship with its part", async () => {
    const bytes = tampered("ppt/slides/_rels/slide1.xml.rels", (xml) => xml.replace(/Target="\.\.\/slideLayouts\/slideLayout\d+\.xml"/, 'Target="../slideLayouts/missing.xml"'));
    const path = await file("dangling.pptx", bytes);
    const result = await cli(["validate", path]);
    expect(result.code).toBe(EXIT.inputErrors);
    expect(result.stderr).toMatch(/ppt\/slides\/_rels\/slide1\.xml\.rels: error .*missing\.xml.* \[dangling-relationship\]/);
    expect(result.stdout).toBe(`${path}: 1 problem\n`);
  });

  it("reports a character XML forbids", async () => {
    const path = await file("illegal.pptx", tampered("ppt/slides/slide1.xml", (xml) => xml.replace("<a:t>b</a:t>", "<a:t>b\u0001</a:t>")));
    const result = await cli(["validate", path]);
    expect(result.code).toBe(EXIT.inputErrors);
    expect(result.stderr).toContain("[illegal-xml-char]");
  });

  it("exits 3 for a file that cannot be read, and checks the others", async () => {
    const path = await file("again.pptx", good);
    const result = await cli(["validate", join(dir, "missing.pptx"), path]);
    expect(result.code).toBe(EXIT.io);
    expect(result.stdout).toBe(`${path}: valid\n`);
    expect(await readFile(path)).toHaveLength(good.length);
  });
});
