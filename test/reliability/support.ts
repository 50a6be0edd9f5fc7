/**
 * Shared helpers of the reliability tests: a compile with a fixed date, temporary folders that
 * are removed after the run, the CLI with captured output, and `expectSound`, the one
 * assertion every adversarial input must pass:
 *
 *   either the build stopped with at least one error diagnostic (and wrote nothing),
 *   or it produced a .pptx whose every part checkPackage accepts (embedded workbooks too);
 *   and every diagnostic is well-formed data: a stable id, a severity, the file, and a
 *   line:col whenever it is about the Markdown.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { run } from "../../src/cli/run.js";
import { DiagnosticSchema, type Diagnostic } from "../../src/model/diagnostic.js";
import { compile, type CompileOptions, type CompileResult } from "../../src/pipeline.js";
import { checkPackage, type PackageProblem } from "../../src/validate/structure.js";
import { readZip } from "../../src/write/zip.js";
import { FIXED_DATE, REPO_ROOT } from "../support/fixtures.js";
import { projectPptx } from "../support/projection.js";

const made: string[] = [];

/** A fresh folder under the OS temp dir; `removeTempDirs()` (in afterAll) deletes them all. */
export function tempDir(prefix = "deckwright-reliability-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** compile() with the fixed test date; `file` defaults to a Markdown file in a fresh temp folder. */
export function compileText(markdown: string, file?: string, options: Partial<CompileOptions> = {}): Promise<CompileResult> {
  return compile(markdown, file ?? join(tempDir(), "deck.md"), { modified: FIXED_DATE, ...options });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI in-process, with its output captured and a fixed SOURCE_DATE_EPOCH. */
export async function cli(argv: string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { SOURCE_DATE_EPOCH: "1767322800" } });
  return { code, stdout, stderr };
}

/** checkPackage of the deck and of every package embedded in it (charts' .xlsx workbooks). */
export function packageProblems(pptx: Uint8Array): PackageProblem[] {
  const problems = checkPackage(pptx);
  if (problems.some((p) => p.id === "not-a-zip")) return problems;
  for (const entry of readZip(pptx)) {
    if (/\.(xlsx|docx|pptx)$/.test(entry.name)) {
      problems.push(...checkPackage(entry.data).map((p) => ({ ...p, part: `${entry.name}!${p.part ?? ""}` })));
    }
  }
  return problems;
}

/**
 * The "illegal-character" summary ("N more characters that XML forbids were replaced") is one
 * warning for the characters after the first 20, which each have their own line; it is the
 * only diagnostic about the Markdown that is allowed to have no line (src/parse/source.ts).
 */
function isLinelessSummary(d: Diagnostic): boolean {
  return d.id === "illegal-character" && / more characters? that XML forbids/.test(d.message);
}

/** Every diagnostic is well-formed; those about the Markdown file carry line:col. */
export function expectWellFormedDiagnostics(diagnostics: readonly Diagnostic[], markdownFile: string): void {
  for (const d of diagnostics) {
    expect(DiagnosticSchema.safeParse(d).success, `diagnostic is not a valid Diagnostic: ${JSON.stringify(d)}`).toBe(true);
    expect(d.id, JSON.stringify(d)).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(d.message.length, JSON.stringify(d)).toBeGreaterThan(0);
    expect(d.file, JSON.stringify(d)).toBeTypeOf("string");
    if (d.file === markdownFile && !isLinelessSummary(d)) {
      expect(d.line, `diagnostic about the Markdown without a line: ${JSON.stringify(d)}`).toBeTypeOf("number");
      expect(d.column, `diagnostic about the Markdown without a column: ${JSON.stringify(d)}`).toBeTypeOf("number");
    }
  }
}

/**
 * The reliability contract for one compile: an error stops the build (pptx null) and is
 * reported; a built deck is a valid package. Returns the result's slide texts for further checks.
 */
export function expectSound(result: CompileResult, markdownFile: string): void {
  expectWellFormedDiagnostics(result.diagnostics, markdownFile);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    expect(result.pptx, "a build with errors must not produce a deck").toBeNull();
    return;
  }
  expect(result.pptx, `no errors but no deck either: ${JSON.stringify(result.diagnostics)}`).not.toBeNull();
  if (result.pptx) expect(packageProblems(result.pptx)).toEqual([]);
}

/** Diagnostics ids (severity-tagged) for compact assertions: ["empty-deck:error", …]. */
export function ids(result: { diagnostics: readonly Diagnostic[] }): string[] {
  return result.diagnostics.map((d) => `${d.id}:${d.severity}`);
}

/** Every text of the written deck, slide by slide: shape paragraphs and table cells, then notes. */
export function deckText(pptx: Uint8Array): { slides: string[]; notes: string[] } {
  const deck = projectPptx(pptx);
  const shapeText = (shapes: ReturnType<typeof projectPptx>["slides"][number]["shapes"]): string[] =>
    shapes.flatMap((s) => [
      ...(s.paragraphs ?? []).map((p) => p.text),
      ...(s.table?.rows.flat() ?? []),
      ...(s.alt === undefined ? [] : [s.alt]),
      ...shapeText(s.children ?? []),
    ]);
  return { slides: deck.slides.map((s) => shapeText(s.shapes).join("\n")), notes: deck.slides.map((s) => s.notes) };
}

export interface DeadlineResult {
  /** False when the child was killed at the deadline (a hang) or died (a crash). */
  finished: boolean;
  milliseconds: number;
  diagnostics: Diagnostic[];
  slides: number;
  /** The deck, when the build wrote one. */
  pptx: Uint8Array | null;
  /** The child's standard error (a stack trace, when it crashed). */
  stderr: string;
}

/**
 * Compiles `markdown` in a child process (compileChild.ts) and kills it after `deadlineMs`:
 * the only way to stop a synchronous hang. `finished` is false when it was killed or crashed.
 */
export async function compileWithDeadline(markdown: string, deadlineMs: number): Promise<DeadlineResult> {
  const dir = tempDir();
  const input = join(dir, "deck.md");
  const output = join(dir, "deck.pptx");
  writeFileSync(input, markdown);
  const child = fileURLToPath(new URL("./compileChild.ts", import.meta.url));
  const start = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", child, input, output], { timeout: deadlineMs, killSignal: "SIGKILL", maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const milliseconds = performance.now() - start;
      if (error) {
        resolve({ finished: false, milliseconds, diagnostics: [], slides: 0, pptx: null, stderr });
        return;
      }
      const summary = JSON.parse(stdout) as { diagnostics: Diagnostic[]; slides: number; written: boolean };
      resolve({ finished: true, milliseconds, diagnostics: summary.diagnostics, slides: summary.slides, pptx: summary.written ? readFileSync(output) : null, stderr });
    });
  });
}

/** Files in `dir` that look like writeAtomically's temporaries (`.<name>.<pid>.<hex>.tmp`). */
export function temporaryFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith(".tmp"));
}

export interface LimitedRun {
  /** False when the child was killed at the deadline or by the memory limit, or crashed. */
  finished: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child, as it reported it (NaN when it did not finish). */
  maxRssMiB: number;
  milliseconds: number;
}

/**
 * The CLI in a child process (cliChild.ts) under a memory limit and a deadline: the data segment
 * is capped with `ulimit -d` (native allocations such as a picture being drawn count too; a
 * virtual-memory cap would stop WebAssembly) and V8's heap with --max-old-space-size. The
 * child reports its peak RSS; a test asserts it stays far below the cap, so that a regression
 * to unbounded memory fails rather than exhausting the machine. Paths in `argv` are absolute.
 */
export function cliWithLimits(argv: readonly string[], limits: { memoryMiB: number; deadlineMs: number }): Promise<LimitedRun> {
  const child = fileURLToPath(new URL("./cliChild.ts", import.meta.url));
  const quoted = [process.execPath, `--max-old-space-size=${limits.memoryMiB}`, "--import", "tsx", child, ...argv].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const start = performance.now();
  return new Promise((resolve) => {
    execFile("bash", ["-c", `ulimit -d ${limits.memoryMiB * 1024} && exec ${quoted}`], { cwd: REPO_ROOT, timeout: limits.deadlineMs, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const milliseconds = performance.now() - start;
      const cost = /@@cost (\{.*\})\s*$/.exec(stderr);
      const parsed = cost ? (JSON.parse(cost[1] ?? "{}") as { code: number; maxRssMiB: number }) : null;
      const killed = error !== null && (error as { killed?: boolean }).killed === true;
      resolve({
        finished: parsed !== null && !killed,
        code: parsed?.code ?? null,
        stdout,
        stderr: cost ? stderr.slice(0, cost.index) : stderr,
        maxRssMiB: parsed?.maxRssMiB ?? Number.NaN,
        milliseconds,
      });
    });
  });
}
