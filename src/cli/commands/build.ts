import { dirname, resolve } from "node:path";
import { buildDate, expandInputs, outputPath, type BuildFileResult } from "../../build.js";
import { buildMany, workerCount, type BatchJob } from "../batch.js";
import { formatDiagnostic } from "../../diagnostics/format.js";
import { EXIT } from "../exitCodes.js";
import type { Io } from "../io.js";

export interface BuildFlags {
  out: string | undefined;
  theme: string | undefined;
  allowOutside: boolean;
  strict: boolean;
  /** `check`: run everything but the write. */
  checkOnly: boolean;
}

/** `deckwright build <file-or-folder>... [--theme] [--out] [--strict] [--allow-outside]`: every file is attempted, many at once on worker threads; the worst exit code wins. */
export async function build(io: Io, inputs: string[], flags: BuildFlags): Promise<number> {
  const { out } = flags;
  const { files, missing } = await expandInputs(inputs);
  let code: number = EXIT.ok;
  for (const { path, reason } of missing) {
    io.stderr(`${path}: error Cannot read the input: ${reason} [input-not-found]\n`);
    code = EXIT.io;
  }
  const writers = new Map<string, string>();
  const jobs: BatchJob[] = [];
  for (const file of files) {
    const outDir = out ?? dirname(file);
    const target = resolve(outputPath(file, outDir));
    const earlier = writers.get(target);
    if (earlier !== undefined) {
      io.stderr(`${file}: error Unexpected second input for ${outputPath(file, outDir)}, which ${earlier} writes [output-collision]\n  rename one of the files or build them into different --out folders\n`);
      code = Math.max(code, EXIT.inputErrors);
      continue;
    }
    writers.set(target, file);
    jobs.push({ file, outDir });
  }
  const results = buildMany(jobs, compileOptions(io, flags), workerCount(jobs.length, io.env));
  for (const [i, pending] of results.entries()) {
    const job = jobs[i];
    if (job) code = Math.max(code, report(io, job.file, await pending, flags).code);
  }
  return code;
}

function compileOptions(io: Io, flags: BuildFlags) {
  return {
    modified: buildDate(io.env),
    allowOutside: flags.allowOutside,
    strict: flags.strict,
    checkOnly: flags.checkOnly,
    ...(flags.theme === undefined ? {} : { theme: flags.theme }),
  };
}

/** Builds one file in this thread (for --watch) and reports it. */
export async function buildOne(io: Io, file: string, outDir: string, flags: BuildFlags, elapsed?: () => string): Promise<{ code: number; sources: string[] }> {
  const [settled] = buildMany([{ file, outDir }], compileOptions(io, flags), 1);
  return report(io, file, (await settled) as PromiseSettledResult<BuildFileResult>, flags, elapsed);
}

/** Prints a build's diagnostics and summary; a file-system failure is exit 3, anything else a bug. */
function report(io: Io, file: string, settled: PromiseSettledResult<BuildFileResult>, flags: BuildFlags, elapsed?: () => string): { code: number; sources: string[] } {
  if (settled.status === "rejected") {
    const systemError = settled.reason as NodeJS.ErrnoException;
    if (typeof systemError.code !== "string" || typeof systemError.syscall !== "string") throw settled.reason;
    io.stderr(`${file}: error ${systemError.message} [io-error]\n`);
    return { code: EXIT.io, sources: [] };
  }
  const result = settled.value;
  for (const d of result.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  if (result.diagnostics.some((d) => d.severity === "error")) return { code: EXIT.inputErrors, sources: result.sources };
  const slides = `${result.slides} ${result.slides === 1 ? "slide" : "slides"}`;
  const timing = elapsed ? ` in ${elapsed()}` : "";
  io.stdout(flags.checkOnly ? `${file}: ok (${slides})\n` : `${file} → ${result.output ?? ""} (${slides})${timing}\n`);
  return { code: EXIT.ok, sources: result.sources };
}
