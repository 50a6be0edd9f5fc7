// Compiles src/ into dist/ with tsc (tsconfig.build.json), incrementally, and only when needed;
// then prepares the built-in themes for a fast cold start: their Handlebars templates precompiled
// (dist/render/templates.precompiled.cjs, src/render/precompile.ts) and the keys of those the
// theme check finds clean (dist/themes/themes.checked.json, src/themes/checkAhead.ts), when tsc
// ran or a file under templates/, Handlebars or package-lock.json changed since. Both are only
// shortcuts: without them (or for a changed theme) templates compile and themes are checked at
// run time, as before.
//
// Then it bundles what node runs with esbuild (bundleDist below), so that a cold start reads and
// compiles a few files instead of ~250 modules, with the packages loaded at start (marked, zod,
// pptxgenjs and JSZip, fflate, entities, gemoji, mathml2omml) inside:
//   - the CLI: src/cli/run.ts as one CommonJS script, dist/bundle/cli.cjs, which dist/cli/run.js
//     (scripts/launcher.mjs, over tsc's) compiles with V8's code cache; dist/cli/main.js imports it;
//   - the library: dist/index.js (over tsc's) and the batch worker dist/bundle/worker.js, an ES
//     module bundle with their shared code in a chunk under dist/bundle/.
// What is loaded later stays later: the commands' modules run when the command does; what is
// loaded with createRequire (Handlebars' compiler, saxes, fontkit, temml, resvg) or a dynamic
// import of a package (sharp, refractor) is loaded from node_modules, as before; yaml and
// Handlebars' runtime are inside the CLI's bundle but evaluated only when first required (IN_CACHE). tsc still type-checks and
// writes the .d.ts files and every other module (those scripts, bench/rebuild.mjs and the prepare
// step import).
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
import { createHash } from "node:crypto";
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
 * The library's entries, an ES module bundle with its shared code in chunks: dist/index.js over
 * tsc's (package.json's main), and the batch worker beside the chunks, where batch.ts'
 * `new URL("./worker.js", import.meta.url)` finds it.
 */
const LIBRARY = [
  { out: "index", in: "src/index.ts" },
  { out: "bundle/worker", in: "src/cli/worker.ts" },
];
/** The CLI's bundle: src/cli/run.ts as one CommonJS script, which scripts/launcher.mjs (dist/cli/run.js) compiles with V8's code cache. */
const CLI = { out: "bundle/cli", in: "src/cli/run.ts" };
/** The folder of the chunks and the CLI's bundle. */
const bundleDir = join(dist, "bundle");
const inBundle = (files) => files.map((file) => join(bundleDir, basename(file)));
/**
 * The prepared files are read beside the module that reads them (`./templates.precompiled.cjs`,
 * `./themes.checked.json`): in dist/render and dist/themes for tsc's modules, in dist/bundle for
 * the bundles. Copied with their times, so that they are as fresh as the originals.
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
/**
 * Packages a cold build does not load (docs/performance.md): the CLI's bundle leaves them out,
 * so they load from node_modules where the code asks (createRequire, or saxes when `validate`
 * runs), never at start; the pack test checks that a build loads none of them.
 */
const LAZY = ["saxes", "fontkit", "temml", "handlebars"];
/**
 * Packages loaded when asked for that the CLI's bundle holds all the same, so that V8's code
 * cache covers them: the loading call (createRequire, which esbuild does not follow) is made a
 * require() in the CLI's bundle only, which esbuild bundles as a module evaluated on its first
 * require, as before. yaml (front matter, charts, Marp) and Handlebars' runtime (every build):
 * ~45 and ~30 ms of a cold build of the example deck from node_modules.
 */
const IN_CACHE = [
  { file: "src/parse/yaml.ts", call: 'createRequire(import.meta.url)("yaml")', require: 'require("yaml")' },
  { file: "src/render/environment.ts", call: 'load("handlebars/runtime")', require: 'require("handlebars/runtime")' },
];
const inCache = {
  name: "deckwright-in-cache",
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/](parse[\\/]yaml|render[\\/]environment)\.ts$/ }, (args) => {
      const entry = IN_CACHE.find((e) => args.path.endsWith(e.file.split("/").join(sep)));
      const text = readFileSync(args.path, "utf8");
      if (!entry || text.split(entry.call).length !== 2) return { errors: [{ text: `${args.path}: expected ${entry?.call ?? "a known call"} once` }] };
      return { contents: text.replace(entry.call, entry.require), loader: "ts" };
    });
  },
};
const packageOf = (input) => {
  const path = input.split("node_modules/").at(-1) ?? "";
  const parts = path.split("/");
  return input.includes("node_modules/") ? (parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]) : null;
};

/**
 * The bundles (see the top). Written only when esbuild succeeds and the checks pass, so a failure
 * leaves the previous bundle (or tsc's files) in place, and no stamp: the next run tries again.
 * Checked here: that esbuild warns of nothing (import.meta in CommonJS, say), that no package in
 * LAZY (Handlebars' compiler among them) is inside the CLI's bundle, that every import() of a package in it goes through the
 * launcher, and that every module using import.meta.url (paths to templates/ and package.json
 * two folders up, fonts, the prepared files and the worker beside it) lands in dist/bundle/,
 * two folders below the package's root as it is in dist/ and src/.
 */
async function bundleDist() {
  rmSync(bundleStamp, { force: true });
  const started = new Date();
  const esbuild = await import("esbuild");
  const common = { absWorkingDir: root, outdir: dist, bundle: true, platform: "node", target: "node20", metafile: true, write: false, logLevel: "silent" };
  const library = await esbuild.build({
    ...common,
    entryPoints: LIBRARY,
    chunkNames: "bundle/[name]-[hash]",
    splitting: true,
    format: "esm",
    external: EXTERNAL,
    // The CommonJS packages inside (JSZip and its streams) require node's modules.
    banner: { js: 'import { createRequire as __deckwrightRequire } from "node:module"; const require = __deckwrightRequire(import.meta.url);' },
  });
  const cli = await esbuild.build({
    ...common,
    entryPoints: [CLI],
    outExtension: { ".js": ".cjs" },
    format: "cjs",
    // Not "handlebars": it would keep out the runtime too; its compiler is loaded with createRequire, which esbuild does not follow.
    external: [...EXTERNAL, ...LAZY.filter((pkg) => pkg !== "handlebars")],
    plugins: [inCache],
    define: { "import.meta.url": "__deckwrightUrl" },
    banner: { js: 'var __deckwrightUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  const name = (file) => relative(dist, join(root, file)).split(sep).join("/");
  const problems = [...library.warnings, ...cli.warnings].map((warning) => `esbuild: ${warning.text}${warning.location ? ` (${warning.location.file}:${warning.location.line})` : ""}`);
  const outputs = { ...library.metafile.outputs, ...cli.metafile.outputs };
  for (const [file, output] of Object.entries(outputs)) {
    for (const input of Object.keys(output.inputs)) {
      const pkg = packageOf(input);
      // Handlebars' runtime is inside (IN_CACHE), its compiler never.
      const lazy = pkg !== null && LAZY.includes(pkg) && !(pkg === "handlebars" && /handlebars\/(runtime\.js|dist\/cjs\/handlebars\.runtime\.js|dist\/cjs\/handlebars\/(base|exception|utils|runtime|safe-string|no-conflict|logger|decorators|helpers|internal)[./])/.test(input));
      if (lazy && name(file) === `${CLI.out}.cjs`) problems.push(`the CLI's bundle holds ${pkg} (${input})`);
      if (!input.startsWith("src/") || !readFileSync(join(root, input), "utf8").includes("import.meta.url")) continue;
      if (!name(file).startsWith("bundle/")) problems.push(`${input} uses import.meta.url but lands in dist/${name(file)}, not in dist/bundle/ (where the files it finds beside itself are placed)`);
    }
  }
  // import() in a script compiled by vm has no loader: each one left in the CLI's bundle (of a
  // package kept out of it) calls the launcher's import instead.
  const cliFile = cli.outputFiles[0];
  const imports = Object.values(cli.metafile.outputs)[0].imports.filter((i) => i.kind === "dynamic-import" && i.external);
  const calls = [...cliFile.text.matchAll(/\bimport\((?="[^"]+"\))/g)].length;
  if (calls !== imports.length) problems.push(`the CLI's bundle has ${calls} import("…") calls where esbuild reports ${imports.length}`);
  if (problems.length > 0) throw new Error(`the bundle was not written:\n  ${[...new Set(problems)].join("\n  ")}`);
  const cliText = cliFile.text.replace(/\bimport\((?="[^"]+"\))/g, "__deckwrightImport(");
  const launcher = readFileSync(join(root, "scripts", "launcher.mjs"), "utf8").replace("@BUNDLE_HASH@", createHash("sha256").update(cliText).digest("hex"));
  rmSync(bundleDir, { recursive: true, force: true });
  for (const file of [...library.outputFiles, ...cli.outputFiles]) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file === cliFile ? cliText : file.contents);
  }
  writeFileSync(join(dist, "cli", "run.js"), launcher);
  // src/cli/main.ts as tsc writes it (it imports ./run.js, now the launcher), so that it is never a bundle of an older layout.
  const main = await esbuild.transform(readFileSync(join(root, "src", "cli", "main.ts"), "utf8"), { loader: "ts", format: "esm", target: "node20" });
  writeFileSync(join(dist, "cli", "main.js"), main.code);
  placePreparedInBundle();
  writeFileSync(bundleMeta, JSON.stringify({ library: library.metafile, cli: cli.metafile }));
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
// The bundle holds the packages too: a changed lock (or esbuild, this script or the launcher) bundles again.
const bundleInputsTime = () => Math.max(newest(join(root, "package-lock.json")), newest(manifest("esbuild")), newest(fileURLToPath(import.meta.url)), newest(join(root, "scripts", "launcher.mjs")));
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
