/**
 * Runs the CLI in a child process and reports what it cost, so that a test can bound a hostile
 * input's memory and time from outside (a runaway allocation cannot be caught inside the
 * process that makes it):
 *
 *   node --max-old-space-size=N --import tsx test/reliability/cliChild.ts <argv…>
 *
 * Prints the CLI's output as it would, then one last line on standard error:
 * `@@cost {"code":…,"maxRssMiB":…,"ms":…}`. Run by `cliWithLimits` in support.ts.
 */
import { run } from "../../src/cli/run.js";

const start = performance.now();
const code = await run(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: { ...process.env, SOURCE_DATE_EPOCH: "1767322800" },
});
const maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stderr.write(`\n@@cost ${JSON.stringify({ code, maxRssMiB, ms: Math.round(performance.now() - start) })}\n`);
process.exitCode = code;
