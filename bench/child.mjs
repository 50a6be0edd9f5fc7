// Runs the CLI as a user runs it, in this process, then reports the peak memory (resident set) it reached.
import { run } from "../dist/cli/run.js";

const code = await run(process.argv.slice(2), { stdout: () => {}, stderr: (t) => process.stderr.write(t), env: process.env });
process.stdout.write(`${JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
process.exitCode = code;
