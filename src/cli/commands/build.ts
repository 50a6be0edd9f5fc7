import { dirname, resolve } from "node:path";
import { buildDate, buildFile, expandInputs, outputPath } from "../../build.js";
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

/** `deckwright build <file-or-folder>... [--theme] [--out] [--allow-outside]`: every file is attempted; the worst exit code wins. */
export async function build(io: Io, inputs: string[], flags: BuildFlags): Promise<number> {
  const { out } = flags;
  const { files, missing } = await expandInputs(inputs);
  let code: number = EXIT.ok;
  for (const { path, reason } of missing) {
    io.stderr(`${path}: error Cannot read the input: ${reason} [input-not-found]\n`);
    code = EXIT.io;
  }
  const writers = new Map<string, string>();
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
    code = Math.max(code, await buildOne(io, file, outDir, flags));
  }
  return code;
}

async function buildOne(io: Io, file: string, outDir: string, flags: BuildFlags): Promise<number> {
  try {
    const options = {
      modified: buildDate(io.env),
      allowOutside: flags.allowOutside,
      strict: flags.strict,
      checkOnly: flags.checkOnly,
      ...(flags.theme === undefined ? {} : { theme: flags.theme }),
    };
    const result = await buildFile(file, outDir, options);
    for (const d of result.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    const failed = result.diagnostics.some((d) => d.severity === "error");
    if (failed) return EXIT.inputErrors;
    const slides = `${result.slides} ${result.slides === 1 ? "slide" : "slides"}`;
    io.stdout(flags.checkOnly ? `${file}: ok (${slides})\n` : `${file} → ${result.output ?? ""} (${slides})\n`);
    return EXIT.ok;
  } catch (error) {
    const systemError = error as NodeJS.ErrnoException;
    if (typeof systemError.code !== "string" || typeof systemError.syscall !== "string") throw error;
    io.stderr(`${file}: error ${systemError.message} [io-error]\n`);
    return EXIT.io;
  }
}
