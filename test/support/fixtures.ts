/** The Markdown fixtures under test/fixtures/, and a compile with a fixed date for snapshots. */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compile, type CompileResult } from "../../src/pipeline.js";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const FIXED_DATE = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

export interface Fixture {
  name: string;
  /** Path relative to the repo root, as diagnostics and snapshots show it. */
  file: string;
  markdown: string;
}

export function fixtures(group: "syntax" | "errors" | "fitting"): Fixture[] {
  const dir = join(REPO_ROOT, "test", "fixtures", group);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => ({ name: f.replace(/\.md$/, ""), file: relative(REPO_ROOT, join(dir, f)), markdown: readFileSync(join(dir, f), "utf8") }));
}

export function exampleDeck(): Fixture {
  const file = "content/openai-microsoft-partnership.md";
  return { name: "openai-microsoft-partnership", file, markdown: readFileSync(join(REPO_ROOT, file), "utf8") };
}

export function compileFixture(fixture: Fixture, theme?: string): Promise<CompileResult> {
  return compile(fixture.markdown, fixture.file, { modified: FIXED_DATE, ...(theme === undefined ? {} : { theme }) });
}

/**
 * JSON for snapshots: false flags and nulls left out, so the file reads like the input, and
 * paths inside the repository written as `<repo>/…`, so snapshots do not depend on the clone's folder.
 */
export function snapshotJson(value: unknown): string {
  const replacer = (_key: string, v: unknown) => {
    if (v === false || v === null) return undefined;
    return typeof v === "string" && v.startsWith(REPO_ROOT) ? `<repo>${v.slice(REPO_ROOT.length)}` : v;
  };
  return `${JSON.stringify(value, replacer, 2)}\n`;
}
