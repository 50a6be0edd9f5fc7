import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildDate, buildFile, expandInputs, outputPath } from "../build.js";
import { formatDiagnostic } from "../diagnostics/format.js";
import { EXIT } from "./exitCodes.js";

const HELP = `deckwright — Markdown outline → themed, native, editable PowerPoint deck

Usage:
  deckwright build <file-or-folder>... [--theme NAME|PATH] [--out DIR]
  deckwright --help | --version

Options:
  --theme NAME|PATH  a built-in theme or a theme folder (default: front matter \`theme\`, else meridian)
  --out DIR          where the .pptx files go (default: beside each input)
  -h, --help         this text
  -v, --version      the version

Examples:
  deckwright build content --out output
  deckwright build talk.md --theme ./brand-theme

Exit codes: 0 built, 1 input has errors, 2 usage, 3 file not readable/writable, 70 bug.
SOURCE_DATE_EPOCH sets the date written into the file (default 1980-01-01): same input, same bytes.`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

class UsageError extends Error {}

/** Where the CLI writes; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

/** Runs one command line and returns the exit code (see exitCodes.ts); never throws. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`deckwright: error ${error.message} [usage]\nRun \`deckwright --help\` for usage.\n`);
      return EXIT.usage;
    }
    io.stderr(`deckwright: internal error — please report it\n${(error as Error).stack ?? String(error)}\n`);
    return EXIT.internal;
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        theme: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return print(io, HELP, EXIT.ok);
  if (values.version) return print(io, version(), EXIT.ok);
  const [command, ...inputs] = positionals;
  if (command === undefined) return print(io, HELP, EXIT.usage);
  if (command !== "build") throw new UsageError(`Unexpected command \`${command}\`, expected \`build\``);
  if (inputs.length === 0) throw new UsageError("`build` needs at least one Markdown file or folder");
  return build(io, inputs, values.out, values.theme);
}

async function build(io: Io, inputs: string[], out: string | undefined, theme: string | undefined): Promise<number> {
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
    code = Math.max(code, await buildOne(io, file, outDir, theme));
  }
  return code;
}

async function buildOne(io: Io, file: string, outDir: string, theme: string | undefined): Promise<number> {
  try {
    const result = await buildFile(file, outDir, { modified: buildDate(io.env), ...(theme === undefined ? {} : { theme }) });
    for (const d of result.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    if (!result.output) return EXIT.inputErrors;
    io.stdout(`${file} → ${result.output} (${result.slides} ${result.slides === 1 ? "slide" : "slides"})\n`);
    return EXIT.ok;
  } catch (error) {
    const systemError = error as NodeJS.ErrnoException;
    if (typeof systemError.code !== "string" || typeof systemError.syscall !== "string") throw error;
    io.stderr(`${file}: error ${systemError.message} [io-error]\n`);
    return EXIT.io;
  }
}

function print(io: Io, text: string, code: number): number {
  (code === EXIT.ok ? io.stdout : io.stderr)(`${text}\n`);
  return code;
}

