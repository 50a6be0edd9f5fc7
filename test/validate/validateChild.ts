/**
 * `deckwright validate` on each of a list of files in a child process, so that a test can give
 * the run a hard deadline and measure memory (a synchronous hang cannot be interrupted inside the
 * test's own process, and peak memory is only known to the process itself).
 *
 *   node --expose-gc --import tsx test/validate/validateChild.ts <file.pptx>...
 *
 * Prints one JSON line per file as it finishes: { file, code, stdout, stderr, milliseconds,
 * peakRssMiB }. The peak is the file's own: the kernel's high-water mark is reset before each
 * file, where Linux allows it (/proc/self/clear_refs), else it is the process's peak so far.
 * Run by hostile.test.ts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { validate } from "../../src/cli/commands/validate.js";

function resetPeak(): void {
  (globalThis as { gc?: () => void }).gc?.();
  try {
    writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    // not Linux: the peak stays cumulative
  }
}

function peakRssMiB(): number {
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kib !== undefined) return Number(kib) / 1024;
  } catch {
    // no /proc
  }
  return process.resourceUsage().maxRSS / 1024;
}

for (const file of process.argv.slice(2)) {
  resetPeak();
  let stdout = "";
  let stderr = "";
  const start = performance.now();
  const code = await validate({ stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {} }, [file]);
  const milliseconds = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ file, code, stdout, stderr, milliseconds, peakRssMiB: peakRssMiB() })}\n`);
}
