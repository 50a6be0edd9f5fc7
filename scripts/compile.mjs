// Compiles src/ into dist/ with tsc (tsconfig.build.json), incrementally, and only when needed;
// then prepares the built-in themes for a fast cold start: their Handlebars templates precompiled
// (dist/render/templates.precompiled.cjs, src/render/precompile.ts) and the keys of those the
// theme check finds clean (dist/themes/themes.checked.json, src/themes/checkAhead.ts), when tsc
// ran or a file under templates/, Handlebars or package-lock.json changed since. Both are only
// shortcuts: without them (or for a changed theme) templates compile and themes are checked at
// run time, as before.
//
// Then it bundles what node runs with esbuild (bundleDist below): the CLI (dist/cli/main.js,
// run.js, worker.js) and the library (dist/index.js) are written over tsc's files of those
// names, their shared code in chunks under dist/bundle/, with the packages they import at load
// (marked, zod, pptxgenjs and JSZip, fflate, entities, gemoji, mathml2omml) inside: a cold start
// then reads and compiles a handful of files instead of ~250 modules. What is loaded later stays
// later: the commands are dynamic imports (chunks of their own), and what is loaded with
// createRequire (handlebars, yaml, saxes in math, fontkit, temml, resvg) or by a dynamic import
// of a package (sharp, refractor) is loaded from node_modules, as before. tsc still type-checks
// and writes the .d.ts files and every other module (the ones scripts, bench/rebuild.mjs and the
// prepare step import).
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
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cache = join(root, "node_modules", ".cache", "deckwright");
const buildInfo = join(cache, "tsbuildinfo.json");
const stamp = join(cache, "compiled.stamp");
const bundleStamp = join(cache, "bundled.stamp");
const bundleMeta = join(cache, "bundle-meta.json");
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
  for (const file of [...prepared, ...inBundle(prepared)]) rmSync(file, { force: true });
  try {
    const { writePrecompiledTemplates } = await import(pathToFileURL(join(dist, "render", "precompile.js")).href);
    const { writeCheckedThemes } = await import(pathToFileURL(join(dist, "themes", "checkAhead.js")).href);
    writePrecompiledTemplates(dirname(prepared[0]));
    writeCheckedThemes(dirname(prepared[1]));
    for (const file of prepared) utimesSync(file, started, started);
    placePreparedInBundle();
  } catch (error) {
    for (const file of [...prepared, ...inBundle(prepared)]) rmSync(file, { force: true });
    process.stderr.write(`warning: the built-in themes were not prepared (their templates compile and they are checked at run time): ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/**
 * The bundle's entries: where each lands in dist/ and its source. The CLI and the library go over
 * tsc's files of those names (package.json's bin and main, and bench/child.mjs, run them); the
 * worker goes beside the chunks, where batch.ts' `new URL("./worker.js", import.meta.url)` finds it.
 */
const ENTRIES = [
  { out: "cli/main", in: "src/cli/main.ts" },
  { out: "cli/run", in: "src/cli/run.ts" },
  { out: "index", in: "src/index.ts" },
  { out: "bundle/worker", in: "src/cli/worker.ts" },
];
/** The folder of the bundle's chunks. */
const bundleDir = join(dist, "bundle");
const inBundle = (files) => files.map((file) => join(bundleDir, basename(file)));
/**
 * The prepared files are read beside the module that reads them (`./templates.precompiled.cjs`,
 * `./themes.checked.json`): in dist/render and dist/themes for tsc's modules, in dist/bundle for
 * the chunks. Copied with their times, so that they are as fresh as the originals.
 */
function placePreparedInBundle() {
  if (!existsSync(bundleDir)) return;
  for (const file of prepared) {
    if (!existsSync(file)) continue;
    const copy = join(bundleDir, basename(file));
    copyFileSync(file, copy);
    const { atime, mtime } = statSync(file);
    utimesSync(copy, atime, mtime);
  }
}
/** Loaded from node_modules when used, never bundled: native addons, and refractor (~0.3 s, only for decks with code). */
const EXTERNAL = ["sharp", "@resvg/resvg-js", "refractor", "refractor/*"];
/** Packages a cold build must not load (docs/performance.md): none may be in what the CLI's entries import statically. */
const LAZY = ["saxes", "yaml", "refractor", "fontkit", "sharp", "@resvg/resvg-js", "temml", "handlebars"];
const packageOf = (input) => {
  const path = input.split("node_modules/").at(-1) ?? "";
  const parts = path.split("/");
  return input.includes("node_modules/") ? (parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]) : null;
};

/**
 * The bundle (see the top). Written only when esbuild succeeds and the checks pass, so a failure
 * leaves the previous bundle (or tsc's files) in place, and no stamp: the next run tries again.
 * Checked here: that nothing in LAZY is loaded by the CLI's static imports, and that every
 * module using import.meta.url (paths to templates/ and package.json two folders up, fonts,
 * the prepared files and the worker beside it) lands in dist/bundle/, two folders below the
 * package's root as it is in dist/ and src/.
 */
async function bundleDist() {
  rmSync(bundleStamp, { force: true });
  const started = new Date();
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: dist,
    chunkNames: "bundle/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    // The CommonJS packages inside (JSZip and its streams) require node's modules.
    banner: { js: 'import { createRequire as __deckwrightRequire } from "node:module"; const require = __deckwrightRequire(import.meta.url);' },
    metafile: true,
    write: false,
    logLevel: "warning",
  });
  const outputs = result.metafile.outputs;
  const name = (file) => relative(dist, join(root, file)).split(sep).join("/");
  const problems = [];
  for (const [file, output] of Object.entries(outputs)) {
    for (const input of Object.keys(output.inputs)) {
      if (!input.startsWith("src/") || !readFileSync(join(root, input), "utf8").includes("import.meta.url")) continue;
      if (!name(file).startsWith("bundle/")) problems.push(`${input} uses import.meta.url but lands in dist/${name(file)}, not in dist/bundle/ (where the files it finds beside itself are placed)`);
    }
  }
  // The CLI's entries; the library's (dist/index.js) exports checkPackage, which brings saxes, as tsc's index.js does.
  const cli = ENTRIES.filter((entry) => entry.out.startsWith("cli/")).map((entry) => `${entry.out}.js`);
  for (const entry of Object.entries(outputs).filter(([file]) => cli.includes(name(file)))) {
    const seen = new Set();
    const queue = [entry[0]];
    while (queue.length > 0) {
      const file = queue.pop();
      if (seen.has(file)) continue;
      seen.add(file);
      for (const imported of outputs[file]?.imports ?? []) {
        if (imported.kind !== "import-statement") continue;
        if (imported.external) {
          if (LAZY.includes(packageOf(`node_modules/${imported.path}`))) problems.push(`dist/${name(entry[0])} loads ${imported.path} at start`);
        } else queue.push(imported.path);
      }
      for (const input of Object.keys(outputs[file]?.inputs ?? {})) {
        const pkg = packageOf(input);
        if (pkg !== null && LAZY.includes(pkg)) problems.push(`dist/${name(entry[0])} loads ${pkg} at start (${input})`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`the bundle was not written:\n  ${[...new Set(problems)].join("\n  ")}`);
  rmSync(bundleDir, { recursive: true, force: true });
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.contents);
  }
  placePreparedInBundle();
  writeFileSync(bundleMeta, JSON.stringify(result.metafile));
  writeFileSync(bundleStamp, `${started.toISOString()}\n`);
  utimesSync(bundleStamp, started, started);
}

/** Bundles, or exits with the error (a build that cannot bundle fails, as one that does not type-check). */
async function bundleOrExit() {
  try {
    await bundleDist();
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

const bundledTime = () => newest(bundleStamp);
// The bundle holds the packages too: a changed lock (or esbuild, or this script) bundles again.
const bundleInputsTime = () => Math.max(newest(join(root, "package-lock.json")), newest(manifest("esbuild")), newest(fileURLToPath(import.meta.url)));
const preparedTime = () => Math.min(...[...prepared, ...inBundle(prepared)].map(newest));
const themesTime = () => Math.max(newest(join(root, "templates")), newest(manifest("handlebars")), newest(join(root, "package-lock.json")));

const built = newest(join(dist, "cli", "main.js")) > 0;
if (!clean && built && stampTime() >= sourcesTime()) {
  if (bundledTime() < bundleInputsTime()) await bundleOrExit();
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
await bundleOrExit();
await prepareBuiltInThemes();
writeFileSync(stamp, `${started.toISOString()}\n`);
utimesSync(stamp, started, started);
