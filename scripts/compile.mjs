// Compiles src/ into dist/ with tsc (tsconfig.build.json), incrementally, and only when needed;
// then prepares the built-in themes for a fast cold start: their Handlebars templates precompiled
// (dist/render/templates.precompiled.cjs, src/render/precompile.ts) and the keys of those the
// theme check finds clean (dist/themes/themes.checked.json, src/themes/checkAhead.ts), when tsc
// ran or a file under templates/, Handlebars or package-lock.json changed since. Both are only
// shortcuts: without them (or for a changed theme) templates compile and themes are checked at
// run time, as before.
//
//   node scripts/compile.mjs          npm start: nothing to do when no file under src/, no
//                                     tsconfig*.json and not TypeScript itself changed since the
//                                     last successful compile; else tsc --incremental (only what
//                                     changed is checked and written again).
//   node scripts/compile.mjs --clean  npm run build (and prepare): removes dist/ and tsc's build
//                                     info first, so dist/ is a clean, full compile.
//
// tsc's build info and the stamp of the last successful compile live in
// node_modules/.cache/deckwright/, outside dist/ (which npm pack ships). Every write to dist/
// goes through here, so the build info always describes dist/; when dist/ is gone, so is it.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cache = join(root, "node_modules", ".cache", "deckwright");
const buildInfo = join(cache, "tsbuildinfo.json");
const stamp = join(cache, "compiled.stamp");
const dist = join(root, "dist");
const prepared = [join(dist, "render", "templates.precompiled.cjs"), join(dist, "themes", "themes.checked.json")];
const clean = process.argv.includes("--clean");

/** The newest modification time of a file or folder (a deleted file changes its folder's). */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  let time = stat.mtimeMs;
  if (stat.isDirectory()) for (const entry of readdirSync(path)) time = Math.max(time, newest(join(path, entry)));
  return time;
}

/** A package's package.json (its version changes when it is updated). */
function manifest(name) {
  try {
    return createRequire(join(root, "package.json")).resolve(`${name}/package.json`);
  } catch {
    return join(root, "node_modules", name, "package.json");
  }
}

function stampTime() {
  try {
    return statSync(stamp).mtimeMs;
  } catch {
    return -1;
  }
}

function sourcesTime() {
  const inputs = [join(root, "src"), manifest("typescript"), ...readdirSync(root).filter((f) => /^tsconfig.*\.json$/.test(f)).map((f) => join(root, f))];
  return Math.max(...inputs.map(newest));
}

/** The built-in themes' precompiled templates and check verdicts (see the top); a failure leaves neither, and all is done at run time. */
async function prepareBuiltInThemes() {
  const started = new Date();
  for (const file of prepared) rmSync(file, { force: true });
  try {
    const { writePrecompiledTemplates } = await import(pathToFileURL(join(dist, "render", "precompile.js")).href);
    const { writeCheckedThemes } = await import(pathToFileURL(join(dist, "themes", "checkAhead.js")).href);
    writePrecompiledTemplates(dirname(prepared[0]));
    writeCheckedThemes(dirname(prepared[1]));
    for (const file of prepared) utimesSync(file, started, started);
  } catch (error) {
    for (const file of prepared) rmSync(file, { force: true });
    process.stderr.write(`warning: the built-in themes were not prepared (their templates compile and they are checked at run time): ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

const preparedTime = () => Math.min(...prepared.map(newest));
const themesTime = () => Math.max(newest(join(root, "templates")), newest(manifest("handlebars")), newest(join(root, "package-lock.json")));

const built = newest(join(dist, "cli", "main.js")) > 0;
if (!clean && built && stampTime() >= sourcesTime()) {
  if (preparedTime() < themesTime()) await prepareBuiltInThemes();
  process.exit(0);
}

rmSync(stamp, { force: true });
if (clean || !built) {
  rmSync(dist, { recursive: true, force: true });
  rmSync(buildInfo, { force: true });
}
mkdirSync(cache, { recursive: true });
// The stamp's time is taken before tsc reads the sources: a file saved during the compile is newer.
const started = new Date();
const tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--incremental", "--tsBuildInfoFile", buildInfo], { cwd: root, stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);
await prepareBuiltInThemes();
writeFileSync(stamp, `${started.toISOString()}\n`);
utimesSync(stamp, started, started);
