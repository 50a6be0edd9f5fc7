// Watch-mode latency: the example deck built once (cold), then again in the same process (warm),
// as `build --watch` does after a change. Prints the warm times in milliseconds as JSON.
import { buildFile } from "../dist/build.js";

const [input, out, runs = "5"] = process.argv.slice(2);
const options = { modified: new Date(0) };
await buildFile(input, out, options);
const times = [];
for (let i = 0; i < Number(runs); i++) {
  const start = performance.now();
  await buildFile(input, out, options);
  times.push(performance.now() - start);
}
process.stdout.write(`${JSON.stringify(times)}\n`);
