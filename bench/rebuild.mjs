// Watch-mode latency: the example deck built once (cold), then again in the same process (warm),
// as `build --watch` does after a change, with the caches a watch session keeps (themes, SVG
// fallbacks, skeletons). Prints the warm times in milliseconds as JSON.
import { buildFile } from "../dist/build.js";
import { FallbackCache } from "../dist/images/rasterize.js";
import { ThemeSet } from "../dist/themes/load.js";
import { SkeletonCache } from "../dist/write/deck.js";

const [input, out, runs = "5"] = process.argv.slice(2);
const options = { modified: new Date(0), fallbacks: new FallbackCache(), themes: new ThemeSet(), skeletons: new SkeletonCache() };
await buildFile(input, out, options);
const times = [];
for (let i = 0; i < Number(runs); i++) {
  const start = performance.now();
  await buildFile(input, out, options);
  times.push(performance.now() - start);
}
process.stdout.write(`${JSON.stringify(times)}\n`);
