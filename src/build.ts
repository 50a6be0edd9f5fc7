import { randomBytes } from "node:crypto";
import { lstat, mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { decodeMarkdown } from "./files/decode.js";
import type { Diagnostic } from "./model/diagnostic.js";
import { compile, type CompileOptions } from "./pipeline.js";

/**
 * SOURCE_DATE_EPOCH (seconds) when set, as reproducible-builds.org defines it; otherwise
 * 1980-01-01T00:00:00Z, the earliest time a zip entry can hold, so that builds are
 * reproducible by default.
 */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000);
  return new Date(Date.UTC(1980, 0, 1));
}

export interface BuildFileResult {
  input: string;
  output: string | null;
  slides: number;
  diagnostics: Diagnostic[];
  /** The files and folders besides the input that the deck was made from. */
  sources: string[];
}

/** Reads one Markdown file, compiles it and writes `<outDir>/<name>.pptx` atomically. */
export async function buildFile(input: string, outDir: string, options: CompileOptions): Promise<BuildFileResult> {
  const decoded = decodeMarkdown(await readFile(input));
  if ("problem" in decoded) return { input, output: null, slides: 0, diagnostics: [{ ...decoded.problem, severity: "error", file: input }], sources: [] };
  const result = await compile(decoded.text, input, options);
  if (!result.pptx) return { input, output: null, slides: result.slides.length, diagnostics: result.diagnostics, sources: result.sources };
  // (`check` stops before the write: no pptx, no output, no error.)
  const output = outputPath(input, outDir);
  await writeAtomically(output, result.pptx);
  return { input, output, slides: result.slides.length, diagnostics: result.diagnostics, sources: result.sources };
}

/**
 * Writes to a temporary file beside the target, flushes it to the disk, then renames it over the
 * target and flushes the folder: the target is the old deck or the new one, whole, even across
 * a crash or a power cut. Temporaries that a killed build left (`kill -9` during the write) are
 * removed first: those of this target whose process is gone.
 */
export async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const folder = dirname(target);
  await mkdir(folder, { recursive: true });
  await removeStaleTemporaries(target);
  const temporary = join(folder, `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await open(temporary, "wx");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** A rename is durable once the folder is flushed; where a folder cannot be opened or flushed (Windows), the rename stands as it is. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported here
  }
}

/** Temporaries older than this whose process is gone are removed; a younger one may belong to a build in another PID namespace sharing the folder. */
const STALE_AFTER_MS = 2_000;

/** `.<target name>.<pid>.<hex>.tmp` files of `target` whose process no longer runs. */
export async function removeStaleTemporaries(target: string, now = Date.now()): Promise<string[]> {
  const folder = dirname(target);
  const prefix = `.${basename(target)}.`;
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = /^\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.startsWith(prefix) ? name.slice(prefix.length - 1) : "");
    if (!match || processRuns(Number(match[1]))) continue;
    const path = join(folder, name);
    const info = await lstat(path).catch(() => null);
    if (!info?.isFile() || now - info.mtimeMs < STALE_AFTER_MS) continue;
    await rm(path, { force: true });
    removed.push(path);
  }
  return removed;
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface ExpandedInputs {
  /** The Markdown files to build, as the user named them (a folder gives its *.md, sorted). */
  files: string[];
  /** The paths that could not be read, with the reason. */
  missing: { path: string; reason: string }[];
}

/** Files and folders → the Markdown files to build; an unreadable path does not stop the others. */
export async function expandInputs(paths: readonly string[]): Promise<ExpandedInputs> {
  const files: string[] = [];
  const missing: ExpandedInputs["missing"] = [];
  for (const path of paths) {
    // A pattern, unless a file or folder has that very name (`talk [draft].md`).
    if (/[*?[]/.test(path) && !(await stat(path).then(() => true, () => false))) {
      const matches = await glob(path);
      if (matches.length === 0) missing.push({ path, reason: "no file matches the pattern" });
      files.push(...matches);
      continue;
    }
    try {
      const info = await stat(path);
      if (info.isDirectory()) {
        const names = (await readdir(path)).filter((n) => n.endsWith(".md")).sort();
        if (names.length === 0) missing.push({ path, reason: "the folder has no Markdown (.md) files" });
        files.push(...names.map((n) => join(path, n)));
      } else {
        files.push(path);
      }
    } catch (error) {
      missing.push({ path, reason: (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or folder" : (error as Error).message });
    }
  }
  return { files, missing };
}

/**
 * Files matching a pattern, sorted: `*` and `?` within a name, `[abc]`, and `**` for any number
 * of folders. (Shells usually expand patterns; this is for quoted ones and Windows.) Folders are
 * read only where the pattern needs them.
 */
async function glob(pattern: string): Promise<string[]> {
  const segments = pattern.replace(/\\/g, "/").split("/");
  const absolute = segments[0] === "";
  const found = await walk(absolute ? "/" : "", absolute ? segments.slice(1) : segments);
  return [...new Set(found)].sort();
}

const isMagic = (segment: string) => /[*?[]/.test(segment);

function segmentMatcher(segment: string): RegExp {
  const source = segment.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
  return new RegExp(`^${source}$`);
}

async function walk(base: string, segments: string[]): Promise<string[]> {
  const here = base === "" ? "." : base;
  const joinTo = (name: string) => (base === "" ? name : join(base, name));
  const [segment, ...rest] = segments;
  if (segment === undefined) {
    const info = await stat(here).catch(() => null);
    return info?.isFile() ? [base] : [];
  }
  if (segment === "" || segment === ".") return walk(base, rest);
  if (!isMagic(segment)) return walk(joinTo(segment), rest);
  const entries = await readdir(here, { withFileTypes: true }).catch(() => []);
  if (segment === "**") {
    const deeper = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => walk(joinTo(e.name), segments)));
    return [...(await walk(base, rest)), ...deeper.flat()];
  }
  const matcher = segmentMatcher(segment);
  const matched = await Promise.all(entries.filter((e) => matcher.test(e.name)).map((e) => walk(joinTo(e.name), rest)));
  return matched.flat();
}

/** The diagnostic for an input that could not be read (a missing file, a pattern that matches nothing). */
export function missingInput({ path, reason }: ExpandedInputs["missing"][number]): Diagnostic {
  return { id: "input-not-found", severity: "error", file: path, message: `Cannot read the input: ${reason}` };
}

/** Where a Markdown file's deck goes. */
export function outputPath(input: string, outDir: string): string {
  return join(outDir, `${basename(input, extname(input))}.pptx`);
}
