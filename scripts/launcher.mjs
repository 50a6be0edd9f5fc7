// dist/cli/run.js as scripts/compile.mjs writes it (over tsc's): the CLI's `run`, from the bundle
// dist/bundle/cli.cjs compiled with V8's code cache. Compiling the bundle's ~2.5 MB and then,
// while it runs, each function it calls was a fifth of a cold build of the example deck; the cache
// holds all of that as V8 left it at the end of the first run, and later runs start from it.
//
// The cache is a file per bundle, node version and architecture, in
// node_modules/.cache/deckwright/code (DECKWRIGHT_CACHE_DIR/code when that is set; none when it
// is empty), beside the font metrics' cache (src/measure/metrics.ts). It is written, once, when
// a run ends and there was none or V8 refused it (another V8, other flags), and the caches of
// other bundles there are removed then; a failed write is ignored, and without it the bundle is
// compiled as any script is. It changes nothing the CLI does: V8 checks that a cache belongs to
// this source and V8 before using it.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, URL } from "node:url";
import { Script } from "node:vm";

/** The sha-256 of the bundle, written in by scripts/compile.mjs: a changed bundle has another cache. */
const BUNDLE_HASH = "@BUNDLE_HASH@";
const file = fileURLToPath(new URL("../bundle/cli.cjs", import.meta.url));

function cacheFile() {
  const asked = process.env.DECKWRIGHT_CACHE_DIR;
  if (asked === "") return null;
  // dist/bundle → the package's root; installed, the app's node_modules/.cache.
  const root = resolve(dirname(file), "..", "..");
  const modules = basename(dirname(root)) === "node_modules" ? dirname(root) : join(root, "node_modules");
  const dir = asked === undefined ? join(modules, ".cache", "deckwright", "code") : join(resolve(asked), "code");
  return join(dir, `cli-${BUNDLE_HASH.slice(0, 16)}-${process.version}-${process.arch}.bin`);
}

const cache = cacheFile();
let cachedData;
if (cache !== null) {
  try {
    cachedData = readFileSync(cache);
  } catch {
    cachedData = undefined;
  }
}
// CommonJS' own wrapper, on the bundle's first line (its line numbers stay), with one more
// parameter: import() of a package (refractor, node's modules in pptxgenjs) goes through this
// module, as a script compiled by vm cannot import.
const wrapped = `(function (exports, require, module, __filename, __dirname, __deckwrightImport) {${readFileSync(file, "utf8")}\n})`;
const script = new Script(wrapped, { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
if (cache !== null && (cachedData === undefined || script.cachedDataRejected === true)) {
  process.once("beforeExit", () => {
    try {
      mkdirSync(dirname(cache), { recursive: true });
      const temporary = `${cache}.${process.pid}.tmp`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cache);
      // Caches of older bundles (each build of dist/ has its own) are not used again.
      for (const name of readdirSync(dirname(cache))) {
        if (/^cli-[0-9a-f]{16}-.*\.bin$/.test(name) && name !== basename(cache)) rmSync(join(dirname(cache), name), { force: true });
      }
    } catch {
      // A read-only or full disk: the next run compiles the bundle again.
    }
  });
}
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(file), cli, file, dirname(file), (specifier) => import(specifier));

/** The CLI (src/cli/run.ts; its types are tsc's dist/cli/run.d.ts). */
export const run = cli.exports.run;
