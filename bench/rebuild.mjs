// Watch-mode latency: the example deck built once (cold), then again in the same process (warm),
// as `build --watch` does after a change, with the caches a watch session keeps (themes, SVG
// fallbacks, skeletons, outlines, fitted slides, deflated parts). Prints the warm times in milliseconds as JSON.
// With `edit` as the fourth argument, each rebuild first changes one bullet in the middle of the
// deck (a copy of it beside the input, removed at the end), as a user's save does.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { buildFile } from "../dist/build.js";
import { FitCache } from "../dist/fit/cache.js";
import { FallbackCache } from "../dist/images/rasterize.js";
import { OutlineCache } from "../dist/parse/cache.js";
import { ThemeSet } from "../dist/themes/load.js";
import { SkeletonCache } from "../dist/write/deck.js";
import { DeflateCache } from "../dist/write/zip.js";

const [input, out, runs = "5", mode = "same"] = process.argv.slice(2);
const options = { modified: new Date(0), fallbacks: new FallbackCache(), themes: new ThemeSet(), skeletons: new SkeletonCache(), outlines: new OutlineCache(), fits: new FitCache(), deflated: new DeflateCache() };
const edit = mode === "edit";
const lines = readFileSync(input, "utf8").split("\n");
const bullets = lines.flatMap((line, i) => (/^\s*- \S/.test(line) ? [i] : []));
const edited = bullets[Math.floor(bullets.length / 2)];
if (edit && edited === undefined) throw new Error(`${input} has no bullet to edit`);
const file = edit ? join(dirname(input), `.${basename(input, ".md")}.rebuild-edit.md`) : input;
const save = (n) => writeFileSync(file, lines.map((line, i) => (i === edited ? `${line} (edit ${n})` : line)).join("\n"));
try {
  if (edit) save(0);
  await buildFile(file, out, options);
  const times = [];
  for (let i = 0; i < Number(runs); i++) {
    if (edit) save(i + 1);
    const start = performance.now();
    await buildFile(file, out, options);
    times.push(performance.now() - start);
  }
  process.stdout.write(`${JSON.stringify(times)}\n`);
} finally {
  if (edit) rmSync(file, { force: true });
}
