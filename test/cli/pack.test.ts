/**
 * What `npm pack` ships works on its own: the tarball holds the compiled code, the templates,
 * README, LICENSE and package.json and nothing else, and once installed (offline, from npm's
 * cache, which `npm ci` filled) `npx deckwright build` makes a valid deck of a fresh outline.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPackage } from "../../src/validate/structure.js";
import { REPO_ROOT } from "../support/fixtures.js";

const exec = promisify(execFile);
let dir: string;
let tarball: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "deckwright-pack-"));
  const { stdout } = await exec("npm", ["pack", "--pack-destination", dir, "--silent"], { cwd: REPO_ROOT, timeout: 120_000 });
  tarball = join(dir, stdout.trim().split("\n").at(-1) ?? "");
}, 150_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the packed tarball", () => {
  it("holds the compiled code, templates, README, LICENSE and package.json, and nothing else", async () => {
    const { stdout } = await exec("tar", ["tzf", tarball]);
    const tops = new Set(stdout.trim().split("\n").map((path) => path.replace(/^package\//, "").split("/")[0]));
    expect([...tops].sort()).toEqual(["LICENSE", "README.md", "dist", "package.json", "templates"]);
    expect(stdout).toContain("package/dist/cli/main.js");
    expect(stdout).toContain("package/dist/index.d.ts");
    expect(stdout).not.toMatch(/\.map\n|\/test\/|\/src\//);
  });

  it("installs offline and builds a fresh outline with npx deckwright", async () => {
    const app = join(dir, "app");
    await exec("mkdir", ["-p", app]);
    await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
    await exec("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", tarball], { cwd: app, timeout: 120_000 });
    await writeFile(join(app, "talk.md"), "---\ntitle: From the tarball\n---\n\n## It works\n\n- installed and built\n");
    const { stdout } = await exec("npx", ["deckwright", "build", "talk.md"], { cwd: app, timeout: 60_000 });
    expect(stdout).toMatch(/^1 deck, 2 slides, /);
    expect(checkPackage(new Uint8Array(await readFile(join(app, "talk.pptx"))))).toEqual([]);
    // The other commands, as documented, from the installed package.
    const npx = (...args: string[]) => exec("npx", ["deckwright", ...args], { cwd: app, timeout: 60_000 });
    expect((await npx("check", "talk.md", "--strict")).stdout).toMatch(/^1 deck checked, 2 slides, /);
    expect((await npx("validate", "talk.pptx")).stdout).toBe("talk.pptx: valid\n");
    expect((await npx("themes")).stdout.split("\n").filter((l) => l !== "").map((l) => l.split(/\s+/)[0])).toEqual(["folio", "meridian", "nocturne"]);
    await npx("theme", "new", "brand");
    await npx("init", "starter");
    expect((await npx("build", "starter/slides", "--theme", "./brand")).stdout).toMatch(/^1 deck, \d+ slides, /);
    expect(JSON.parse((await npx("check", "talk.md", "--json")).stdout)).toMatchObject({ summary: { decks: 1, errors: 0 } });
  }, 180_000);
});
