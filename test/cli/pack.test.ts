/**
 * What `npm pack` ships works on its own: the tarball holds the compiled code, the templates,
 * README, LICENSE and package.json and nothing else, and once installed by npm, offline,
 * `npx deckwright build` makes a valid deck of a fresh outline and the other commands work.
 *
 * How it installs without the network. On a fresh machine the only npm cache is the one the
 * repo's `npm ci` filled, and `npm ci` keeps just what a lockfile install needs: each package's
 * tarball (by integrity) and, where the lock has no `resolved` URL, the abbreviated registry
 * metadata. `npm install <tarball>` resolves the tarball's dependency ranges afresh and asks for
 * full metadata, which that cache lacks, so `npm install --offline` fails with ENOTCACHED.
 * So the temp app gets what `npm install <tarball>` would have written — a package.json
 * depending on `file:<tarball>` and a package-lock.json — and `npm ci --offline` installs it:
 * the real tarball, extracted by npm (its sha512 checked), bin linked, its dependencies fetched
 * by npm from the cache only. The app's lock is the repo's own, cut to deckwright's runtime
 * tree: the lock's non-dev entries are exactly the packages that tree needs, placed as the repo
 * has them (optional platform builds such as @resvg/resvg-js-* kept, marked optional, so npm
 * picks this machine's as `npm ci` did in the repo), plus `node_modules/deckwright` resolved to
 * the tarball. Every package the app installs is therefore one the repo's `npm ci` fetched.
 * `npm ls --all` then checks the laid-out tree against the installed package.json's ranges.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
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

type LockEntry = Record<string, unknown> & { dev?: boolean; devOptional?: boolean; optional?: boolean; link?: boolean };

/**
 * The package.json and package-lock.json `npm install <tarball>` would leave in an app, from
 * the repo's lock: its non-dev entries (deckwright's runtime tree as `npm ci` placed it) and
 * deckwright itself resolved to the tarball, with the tarball's own package.json and integrity.
 */
async function appFiles(spec: string, manifest: Record<string, unknown>, integrity: string) {
  const lock = JSON.parse(await readFile(join(REPO_ROOT, "package-lock.json"), "utf8")) as {
    lockfileVersion: number;
    packages: Record<string, LockEntry>;
  };
  if (lock.lockfileVersion < 2) throw new Error(`package-lock.json is lockfileVersion ${lock.lockfileVersion}; need 2 or 3`);
  const packages: Record<string, LockEntry> = {
    "": { name: "app", version: "1.0.0", dependencies: { deckwright: spec } },
    "node_modules/deckwright": {
      version: manifest.version,
      resolved: spec,
      integrity,
      ...Object.fromEntries(
        ["license", "dependencies", "optionalDependencies", "peerDependencies", "peerDependenciesMeta", "bin", "engines", "os", "cpu"]
          .filter((key) => manifest[key] !== undefined)
          .map((key) => [key, manifest[key]]),
      ),
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === "" || entry.dev) continue;
    if (entry.link) throw new Error(`${path}: linked packages (workspaces) are not handled here`);
    // devOptional: needed by dev tools and, optionally, by the runtime tree; here only the latter.
    const { devOptional, ...rest } = entry;
    packages[path] = devOptional ? { ...rest, optional: true } : rest;
  }
  return {
    packageJson: { name: "app", version: "1.0.0", private: true, dependencies: { deckwright: spec } },
    packageLock: { name: "app", version: "1.0.0", lockfileVersion: 3, requires: true, packages },
  };
}

/** The package a file in node_modules belongs to (null outside node_modules). */
function packageName(file: string): string | null {
  const path = file.split("/node_modules/").at(-1) ?? "";
  if (path === file) return null;
  const [first = "", second = ""] = path.split("/");
  return first.startsWith("@") ? `${first}/${second}` : first;
}

/**
 * Every file node loads (ES modules through a resolve hook, CommonJS through Module._load) while
 * running `args` in `app` on a Markdown file written there first (named by args[2]).
 */
async function filesLoaded(app: string, args: string[], markdown: string): Promise<string[]> {
  const log = join(app, "loaded.log");
  await writeFile(log, "");
  await writeFile(join(app, args[2] ?? "deck.md"), markdown);
  await writeFile(
    join(app, "hooks.mjs"),
    `import { appendFileSync } from "node:fs";\nimport { fileURLToPath } from "node:url";\n` +
      `export async function resolve(specifier, context, next) { const result = await next(specifier, context); if (result.url.startsWith("file:")) appendFileSync(${JSON.stringify(log)}, fileURLToPath(result.url) + "\\n"); return result; }\n`,
  );
  await writeFile(
    join(app, "record.mjs"),
    `import { appendFileSync } from "node:fs";\nimport Module, { register } from "node:module";\n` +
      `register("./hooks.mjs", import.meta.url);\n` +
      `const load = Module._load;\nModule._load = function (request, parent, isMain) { try { appendFileSync(${JSON.stringify(log)}, Module._resolveFilename(request, parent, isMain) + "\\n"); } catch {} return load.apply(this, arguments); };\n`,
  );
  await exec(process.execPath, ["--import", "./record.mjs", ...args], { cwd: app, timeout: 60_000 });
  return [...new Set((await readFile(log, "utf8")).split("\n").filter((line) => line.startsWith("/")))];
}

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
    await mkdir(app, { recursive: true });
    const spec = `file:../${basename(tarball)}`;
    const manifest = JSON.parse((await exec("tar", ["-xzOf", tarball, "package/package.json"])).stdout) as Record<string, unknown>;
    const integrity = `sha512-${createHash("sha512").update(await readFile(tarball)).digest("base64")}`;
    const { packageJson, packageLock } = await appFiles(spec, manifest, integrity);
    await writeFile(join(app, "package.json"), JSON.stringify(packageJson, null, 2));
    await writeFile(join(app, "package-lock.json"), JSON.stringify(packageLock, null, 2));
    await exec("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: app, timeout: 120_000 });
    // The tree npm laid out satisfies every range in the installed package.json (exit 0).
    await exec("npm", ["ls", "--all", "--offline"], { cwd: app, timeout: 60_000 });
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
    // The installed CLI is the bundle (scripts/compile.mjs): a build loads dist/cli/main.js, the
    // launcher dist/cli/run.js (which reads and compiles dist/bundle/cli.cjs) and files under
    // dist/bundle/ only, and none of the packages a plain deck does not need.
    const loaded = await filesLoaded(app, ["node_modules/deckwright/dist/cli/main.js", "build", "plain.md"], "## Plain\n\n- no front matter, code, maths or pictures\n");
    const ours = loaded.filter((file) => file.includes("/node_modules/deckwright/")).map((file) => file.split("/node_modules/deckwright/")[1] ?? file);
    expect(ours.slice(0, 2)).toEqual(["dist/cli/main.js", "dist/cli/run.js"]);
    expect(ours.slice(2).filter((file) => !file.startsWith("dist/bundle/"))).toEqual([]);
    expect(ours).toContain("dist/bundle/templates.precompiled.cjs");
    const packages = new Set(loaded.filter((file) => !file.includes("/node_modules/deckwright/")).map(packageName).filter((name) => name !== null));
    // Handlebars' runtime and yaml are inside the bundle (evaluated when first asked for); the compiler is never loaded for a built-in theme.
    for (const lazy of ["saxes", "yaml", "refractor", "fontkit", "sharp", "@resvg/resvg-js", "temml", "handlebars", "marked", "zod", "pptxgenjs", "jszip"]) expect(packages).not.toContain(lazy);
    expect(checkPackage(new Uint8Array(await readFile(join(app, "plain.pptx"))))).toEqual([]);
    // The bundle's code cache: written by the first run, used (not written again) by the next, and
    // a broken one is replaced without failing the build, and older bundles' caches removed then.
    const codeDir = join(app, "node_modules", ".cache", "deckwright", "code");
    const caches = await readdir(codeDir);
    expect(caches).toEqual([expect.stringMatching(new RegExp(`^cli-[0-9a-f]{16}-${process.version}-${process.arch}\\.bin$`))]);
    const cache = join(codeDir, caches[0] ?? "");
    const written = await stat(cache);
    await npx("build", "plain.md");
    expect((await stat(cache)).mtimeMs).toBe(written.mtimeMs);
    await writeFile(cache, "not V8's code cache");
    const older = join(codeDir, `cli-0000000000000000-${process.version}-${process.arch}.bin`); // an older bundle's
    await writeFile(older, "old");
    expect((await npx("build", "plain.md")).stdout).toMatch(/^1 deck, 1 slide, /);
    expect((await stat(cache)).size).toBeGreaterThan(100_000);
    expect(await readdir(codeDir)).toEqual([caches[0]]);
    expect(checkPackage(new Uint8Array(await readFile(join(app, "plain.pptx"))))).toEqual([]);
  }, 180_000);
});
