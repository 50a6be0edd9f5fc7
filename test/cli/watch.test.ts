import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { readZip } from "../../src/write/zip.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "deckwright-watch-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Resolves when `text` has appeared `times` times in what the CLI printed. */
function printed(output: { text: string }, pattern: RegExp, times: number, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const poll = () => {
      if ((output.text.match(new RegExp(pattern.source, "g")) ?? []).length >= times) return done();
      if (Date.now() - started > timeoutMs) return fail(new Error(`waited for ${pattern} ×${times}; got:\n${output.text}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

describe("deckwright build --watch", () => {
  it("rebuilds with the changed theme when a theme file changes", async () => {
    const theme = join(dir, "brand");
    await mkdir(theme);
    await writeFile(join(theme, "theme.json"), JSON.stringify({ extends: "meridian", name: "brand", description: "d", colors: { accent: "#C8102E" } }));
    const input = join(dir, "talk.md");
    await writeFile(input, "---\ntheme: ./brand\n---\n\n## One\n");
    const out = { text: "" };
    const stop = new AbortController();
    const running = run(["build", input, "--out", join(dir, "out"), "--watch"], { stdout: (t) => void (out.text += t), stderr: (t) => void (out.text += t), env: {}, signal: stop.signal });
    await printed(out, /watching 1 deck/, 1);
    const layouts = async () =>
      readZip(new Uint8Array(await readFile(join(dir, "out", "talk.pptx")))).filter((e) => e.name.startsWith("ppt/slideLayouts/")).map((e) => new TextDecoder().decode(e.data)).join("");
    expect(await layouts()).toContain("C8102E");
    await writeFile(join(theme, "theme.json"), JSON.stringify({ extends: "meridian", name: "brand", description: "d", colors: { accent: "#0B6E4F" } }));
    await printed(out, /talk\.pptx \(1 slide\) in \d+ ms/, 2);
    expect(await layouts()).toContain("0B6E4F");
    stop.abort();
    expect(await running).toBe(0);
  });

  const templates = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "shared", "templates");
  it.skipIf(!existsSync(join(templates, "05-unhcr.pptx")))("rebuilds into the new template when the company template changes", async () => {
    await copyFile(join(templates, "06-officer-4x3.pptx"), join(dir, "corp.pptx"));
    const input = join(dir, "talk.md");
    await writeFile(input, "---\ntemplate: corp.pptx\n---\n\n## One\n\n- a\n");
    const out = { text: "" };
    const stop = new AbortController();
    const running = run(["build", input, "--out", join(dir, "out"), "--watch"], { stdout: (t) => void (out.text += t), stderr: (t) => void (out.text += t), env: {}, signal: stop.signal });
    await printed(out, /watching 1 deck/, 1);
    const layoutCount = async () => readZip(new Uint8Array(await readFile(join(dir, "out", "talk.pptx")))).filter((e) => /^ppt\/slideLayouts\/[^/]+\.xml$/.test(e.name)).length;
    expect(await layoutCount()).toBe(7);
    await copyFile(join(templates, "05-unhcr.pptx"), join(dir, "corp.pptx"));
    await printed(out, /talk\.pptx \(1 slide\) in \d+ ms/, 2);
    expect(await layoutCount()).toBe(10);
    stop.abort();
    expect(await running).toBe(0);
  });

  it("rebuilds when the Markdown changes, says how long it took, and stops when asked", async () => {
    const input = join(dir, "talk.md");
    await writeFile(input, "## One\n\n- a\n");
    const out = { text: "" };
    const stop = new AbortController();
    const running = run(["build", input, "--out", join(dir, "out"), "--watch"], {
      stdout: (t) => void (out.text += t),
      stderr: (t) => void (out.text += t),
      env: {},
      signal: stop.signal,
    });
    await printed(out, /watching 1 deck/, 1);
    const first = await readFile(join(dir, "out", "talk.pptx"));
    await writeFile(input, "## One\n\n- a\n\n## Two\n\n- b\n");
    await printed(out, /talk\.pptx \(2 slides\) in \d+ ms/, 1);
    const second = await readFile(join(dir, "out", "talk.pptx"));
    expect(second.equals(first)).toBe(false);
    stop.abort();
    expect(await running).toBe(0);
  });
});
