import { dirname, resolve } from "node:path";
import { buildDate, expandInputs, missingInput, outputPath, type BuildFileResult } from "../../build.js";
import type { Diagnostic } from "../../model/diagnostic.js";
import { buildMany, workerCount, type BatchJob } from "../batch.js";
import { findConfig, readConfig } from "../../config/config.js";
import { buildSettings } from "../../config/settings.js";
import type { CompileOptions } from "../../pipeline.js";
import type { Flavor } from "../../parse/flavors.js";
import { formatDiagnostic } from "../../diagnostics/format.js";
import { EXIT } from "../exitCodes.js";
import { useColor, type Io } from "../io.js";

export interface BuildFlags {
  /** Print one JSON document at the end instead of text. */
  json: boolean;
  /** Nothing on standard output but the summary line. */
  quiet?: boolean;
  out: string | undefined;
  theme: string | undefined;
  /** --template: a company template (.potx/.pptx) to build into. */
  template?: string | undefined;
  /** Undefined when not given on the command line: the config file may then say. */
  allowOutside: boolean | undefined;
  strict: boolean | undefined;
  /** `check`: run everything but the write. */
  checkOnly: boolean;
  /** `--from`: whose Markdown the inputs are (pandoc, marp, remark, reveal, deckwright); otherwise detected. */
  from?: Flavor | undefined;
}

/** `deckwright build <file-or-folder>... [--theme] [--out] [--strict] [--allow-outside]`: every file is attempted, many at once on worker threads; the worst exit code wins. */
export async function build(io: Io, inputs: string[], flags: BuildFlags): Promise<number> {
  const started = performance.now();
  const records: DeckRecord[] = [];
  // With --json, nothing but the document is printed.
  const quiet = flags.json ? { ...io, stdout: () => undefined, stderr: () => undefined } : io;
  const code = await buildAll(quiet, inputs, flags, records);
  const document = summaryDocument(records, performance.now() - started);
  if (flags.json) io.stdout(`${JSON.stringify(document, null, 2)}\n`);
  else io.stdout(`${summaryLine(document.summary, flags.checkOnly)}\n`);
  return code;
}

/** One input's outcome, as `--json` prints it. */
interface DeckRecord {
  input: string;
  output: string | null;
  slides: number;
  diagnostics: Diagnostic[];
}

/** `3 decks, 42 slides, 0.41 s` (and how many failed). */
function summaryLine(summary: ReturnType<typeof summaryDocument>["summary"], checked: boolean): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const failed = summary.failed > 0 ? `, ${summary.failed} failed` : "";
  return `${plural(summary.decks, "deck")}${checked ? " checked" : ""}, ${plural(summary.slides, "slide")}, ${summary.seconds.toFixed(2)} s${failed}`;
}

function summaryDocument(records: DeckRecord[], ms: number) {
  const all = records.flatMap((r) => r.diagnostics);
  return {
    decks: records,
    summary: {
      decks: records.filter((r) => !r.diagnostics.some((d) => d.severity === "error")).length,
      slides: records.reduce((n, r) => n + (r.diagnostics.some((d) => d.severity === "error") ? 0 : r.slides), 0),
      errors: all.filter((d) => d.severity === "error").length,
      warnings: all.filter((d) => d.severity === "warning").length,
      seconds: Math.round(ms) / 1000,
      failed: records.filter((r) => r.diagnostics.some((d) => d.severity === "error")).length,
    },
  };
}

async function buildAll(io: Io, inputs: string[], flags: BuildFlags, records: DeckRecord[]): Promise<number> {
  const { files, missing } = await expandInputs(inputs);
  let code: number = EXIT.ok;
  for (const input of missing) {
    const diagnostic = missingInput(input);
    io.stderr(`${formatDiagnostic(diagnostic, { color: useColor(io) })}\n`);
    records.push({ input: input.path, output: null, slides: 0, diagnostics: [diagnostic] });
    code = EXIT.io;
  }
  const writers = new Map<string, string>();
  const jobs: BatchJob[] = [];
  for (const file of files) {
    const settings = settingsFor(io, file, flags);
    if ("problems" in settings) {
      for (const d of settings.problems) io.stderr(`${formatDiagnostic(d, { color: useColor(io) })}\n`);
      records.push({ input: file, output: null, slides: 0, diagnostics: settings.problems });
      code = Math.max(code, EXIT.inputErrors);
      continue;
    }
    const outDir = settings.out ?? dirname(file);
    const target = resolve(outputPath(file, outDir));
    const earlier = writers.get(target);
    if (earlier !== undefined) {
      const message = `Unexpected second input for ${outputPath(file, outDir)}, which ${earlier} writes`;
      io.stderr(`${file}: error ${message} [output-collision]\n  rename one of the files or build them into different --out folders\n`);
      records.push({ input: file, output: null, slides: 0, diagnostics: [{ id: "output-collision", severity: "error", file, message }] });
      code = Math.max(code, EXIT.inputErrors);
      continue;
    }
    writers.set(target, file);
    jobs.push({ file, outDir, options: settings.options });
  }
  const threads = workerCount(jobs.length, io.env);
  const onTerminal = io.interactive === true && !flags.quiet;
  let shown = false;
  const line = (text: string) => {
    io.stderr(`\r\u001b[2K${text}`);
    shown = text !== "";
  };
  if (onTerminal && threads === 1) {
    // A long deck shows how far its layout has come (slides are measured one by one).
    jobs.forEach((job, i) => {
      const prefix = jobs.length > 1 ? `[${i + 1}/${jobs.length}] ` : "";
      job.options = { ...job.options, onProgress: (done, total) => line(`${prefix}${job.file}: slide ${done} of ${total}`) };
    });
  }
  const results = buildMany(jobs, threads);
  const progress = onTerminal && jobs.length > 1;
  for (const [i, pending] of results.entries()) {
    const job = jobs[i];
    if (!job) continue;
    if (progress) line(`[${i + 1}/${jobs.length}] ${job.file}`);
    const settled = await pending;
    if (shown) line("");
    code = Math.max(code, report(io, job.file, settled, flags, undefined, records).code);
  }
  return code;
}

/** A file's settings: its deckwright.config.json (the nearest one above it) under the flags. */
function settingsFor(io: Io, file: string, flags: BuildFlags): { out: string | undefined; options: CompileOptions } | { problems: Diagnostic[] } {
  const configFile = findConfig(dirname(file));
  const { found, problems } = configFile === null ? { found: null, problems: [] } : readConfig(configFile);
  if (problems.length > 0) return { problems };
  const settings = buildSettings({ out: flags.out, strict: flags.strict, allowOutside: flags.allowOutside }, found);
  const options: CompileOptions = {
    modified: buildDate(io.env),
    allowOutside: settings.allowOutside,
    strict: settings.strict,
    checkOnly: flags.checkOnly,
    config: found,
    ...(flags.theme === undefined ? {} : { theme: flags.theme }),
    ...(flags.template === undefined ? {} : { template: flags.template }),
    ...(flags.from === undefined ? {} : { flavor: flags.from }),
  };
  return { out: settings.out, options };
}

/** Builds one file in this thread (for --watch) and reports it. */
export async function buildOne(io: Io, file: string, outDir: string, flags: BuildFlags, elapsed?: () => string, caches?: Pick<CompileOptions, "fallbacks" | "themes" | "skeletons" | "outlines" | "fits" | "deflated">): Promise<{ code: number; sources: string[] }> {
  const settings = settingsFor(io, file, flags);
  if ("problems" in settings) {
    for (const d of settings.problems) io.stderr(`${formatDiagnostic(d, { color: useColor(io) })}\n`);
    return { code: EXIT.inputErrors, sources: [] };
  }
  // One thread: the caches (a watch session's) stay in this one.
  const [settled] = buildMany([{ file, outDir: flags.out ?? settings.out ?? outDir, options: { ...settings.options, ...caches } }], 1);
  return report(io, file, (await settled) as PromiseSettledResult<BuildFileResult>, flags, elapsed);
}

/** Prints a build's diagnostics and summary; a file-system failure is exit 3, anything else a bug. */
function report(io: Io, file: string, settled: PromiseSettledResult<BuildFileResult>, flags: BuildFlags, elapsed?: () => string, records?: DeckRecord[]): { code: number; sources: string[] } {
  if (settled.status === "rejected") {
    const systemError = settled.reason as NodeJS.ErrnoException;
    if (typeof systemError.code !== "string" || typeof systemError.syscall !== "string") throw settled.reason;
    io.stderr(`${file}: error ${systemError.message} [io-error]\n`);
    records?.push({ input: file, output: null, slides: 0, diagnostics: [{ id: "io-error", severity: "error", file, message: systemError.message }] });
    return { code: EXIT.io, sources: [] };
  }
  const result = settled.value;
  records?.push({ input: file, output: result.output, slides: result.slides, diagnostics: result.diagnostics });
  for (const d of result.diagnostics) io.stderr(`${formatDiagnostic(d, { color: useColor(io) })}\n`);
  if (result.diagnostics.some((d) => d.severity === "error")) return { code: EXIT.inputErrors, sources: result.sources };
  const slides = `${result.slides} ${result.slides === 1 ? "slide" : "slides"}`;
  const timing = elapsed ? ` in ${elapsed()}` : "";
  // One line per deck on a terminal (and for every --watch rebuild); elsewhere only the summary.
  const show = elapsed !== undefined || (io.interactive === true && !flags.quiet);
  if (show) io.stdout(flags.checkOnly ? `${file}: ok (${slides})\n` : `${file} → ${result.output ?? ""} (${slides})${timing}\n`);
  return { code: EXIT.ok, sources: result.sources };
}
