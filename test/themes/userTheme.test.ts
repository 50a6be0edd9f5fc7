import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { builtInThemeNames } from "../../src/themes/load.js";
import { compile } from "../../src/pipeline.js";
import { readZip } from "../../src/write/zip.js";
import { FIXED_DATE } from "../support/fixtures.js";
import { makePng } from "../support/rawDeck.js";

const temporary: string[] = [];
afterAll(() => temporary.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "deckwright-theme-test-"));
  temporary.push(dir);
  return dir;
}

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {} });
  return { code, stdout, stderr };
}

const slideXml = (pptx: Uint8Array, n: number) =>
  new TextDecoder().decode(readZip(pptx).find((e) => e.name === `ppt/slides/slide${n}.xml`)?.data);

describe("deckwright themes", () => {
  it("lists every built-in theme with its description", async () => {
    const result = await cli(["themes"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(builtInThemeNames());
    expect(lines.every((l) => /^\S+\s{2,}\S.{10,}$/.test(l))).toBe(true);
  });
});

describe("deckwright theme new", () => {
  it("scaffolds a theme outside the repository; one changed colour reaches the written deck", async () => {
    const dir = join(tempDir(), "brand");
    const made = await cli(["theme", "new", dir, "--from", "meridian"]);
    expect(made.code).toBe(0);
    const json = readFileSync(join(dir, "theme.json"), "utf8");
    expect(json).toContain('"extends": "meridian"');
    expect(json).toMatch(/\/\/ "logo":/);
    writeFileSync(join(dir, "theme.json"), json.replace('// "accent": "#C8102E",', '"accent": "#C8102E",'));
    const markdown = join(dir, "..", "talk.md");
    writeFileSync(markdown, `---\ntheme: ./brand\n---\n\n## Slide\n\n- a\n`);
    const result = await compile(readFileSync(markdown, "utf8"), markdown, { modified: FIXED_DATE });
    expect(result.diagnostics).toEqual([]);
    expect(result.pptx).not.toBeNull();
    const layoutXml = readZip(result.pptx ?? new Uint8Array()).filter((e) => e.name.startsWith("ppt/slideLayouts/")).map((e) => new TextDecoder().decode(e.data)).join("");
    expect(layoutXml).toContain('<a:srgbClr val="C8102E"/>');
    expect(layoutXml).not.toContain('<a:srgbClr val="0F62A8"/>');
  });

  it("refuses a folder that has files in it", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "keep.txt"), "mine");
    const result = await cli(["theme", "new", dir]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("[theme-exists]");
    expect(readFileSync(join(dir, "keep.txt"), "utf8")).toBe("mine");
  });

  it("refuses --from that is not a built-in theme, with a did-you-mean", async () => {
    const result = await cli(["theme", "new", join(tempDir(), "x"), "--from", "meridan"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("did you mean `meridian`?");
  });
});

describe("theme images", () => {
  it("places the logo, whole and described, on the layouts the theme names", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "logo.png"), makePng(400, 100, [200, 16, 46]));
    writeFileSync(join(dir, "theme.json"), JSON.stringify({ extends: "meridian", name: "logo", description: "d", logo: { path: "logo.png", alt: "ACME & Co logo", layouts: ["bullets"] } }));
    const result = await compile("## A\n\n- b\n\n# Closing\n", "a.md", { modified: FIXED_DATE, theme: dir });
    const logos = result.slides.map((s) => s.elements.filter((e) => e.type === "image"));
    expect(logos.map((l) => l.length)).toEqual([1, 0]);
    const logo = logos[0]?.[0];
    expect(logo?.type === "image" && logo.box.w / logo.box.h).toBeCloseTo(4, 2);
    const layouts = readZip(result.pptx ?? new Uint8Array()).filter((e) => e.name.startsWith("ppt/slideLayouts/"));
    expect(layouts.map((e) => new TextDecoder().decode(e.data)).join("")).toContain('descr="ACME &amp; Co logo"');
    expect(slideXml(result.pptx ?? new Uint8Array(), 1)).not.toContain("<p:pic>");
  });
});
