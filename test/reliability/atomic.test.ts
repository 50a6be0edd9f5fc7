/**
 * Writes are atomic (a temporary file beside the target, then a rename): a failed build leaves
 * the earlier deck byte-identical, a reader never sees a half-written deck, and builds running
 * at the same time into the same folder do not clash.
 */
import { spawn } from "node:child_process";
import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { removeStaleTemporaries, writeAtomically } from "../../src/build.js";
import { REPO_ROOT } from "../support/fixtures.js";
import { cli, packageProblems, removeTempDirs, tempDir, temporaryFiles } from "./support.js";

afterAll(removeTempDirs);

const GOOD = "## Good\n\n- one\n- two\n";

describe("a failed build leaves the earlier output untouched", () => {
  it.each([
    ["an error in the Markdown", { markdown: "## Bad\n\n<!-- layout: no-such-layout -->\n\n- one\n", argv: [] as string[] }],
    ["invalid front matter", { markdown: "---\ntitle: [unclosed\n---\n\n## Bad\n", argv: [] }],
    ["a missing image under --strict", { markdown: "## Bad\n\n![x](missing.png)\n", argv: ["--strict"] }],
    ["a theme that does not exist", { markdown: GOOD, argv: ["--theme", "./no-such-theme"] }],
    ["a warning under --strict", { markdown: "## Bad\n\n<script>raw</script>\n", argv: ["--strict"] }],
  ])("%s: exit 1, the earlier deck is byte-identical and not rewritten", async (_name, { markdown, argv }) => {
    const dir = tempDir();
    const md = join(dir, "deck.md");
    const out = join(dir, "out");
    writeFileSync(md, GOOD);
    expect((await cli(["build", md, "--out", out])).code).toBe(0);
    const target = join(out, "deck.pptx");
    const before = readFileSync(target);
    const inode = statSync(target).ino;

    writeFileSync(md, markdown);
    const failed = await cli(["build", md, "--out", out, ...argv]);
    expect(failed.code).toBe(1);
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(statSync(target).ino).toBe(inode); // not even replaced by an identical copy
    expect(temporaryFiles(out)).toEqual([]);
  });

  it("even an internal error (exit 70) leaves the earlier deck byte-identical", async () => {
    // A broken SVG once crashed the packaging step (see adversarial.test.ts); now it is an
    // `invalid-image` warning, an error under --strict (exit 1). Either way the old deck must survive.
    const dir = tempDir();
    const md = join(dir, "deck.md");
    writeFileSync(md, GOOD);
    expect((await cli(["build", md])).code).toBe(0);
    const before = readFileSync(join(dir, "deck.pptx"));
    writeFileSync(join(dir, "broken.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect>');
    writeFileSync(md, "## Broken\n\n![b](broken.svg)\n");
    const failed = await cli(["build", md, "--strict"]);
    expect([1, 70]).toContain(failed.code);
    expect(readFileSync(join(dir, "deck.pptx")).equals(before)).toBe(true);
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("`check` never writes, even when the input is good", async () => {
    const dir = tempDir();
    const md = join(dir, "deck.md");
    writeFileSync(md, GOOD);
    expect((await cli(["build", md])).code).toBe(0);
    const before = readFileSync(join(dir, "deck.pptx"));
    writeFileSync(md, "## Changed\n\n- three\n");
    expect((await cli(["check", md])).code).toBe(0);
    expect(readFileSync(join(dir, "deck.pptx")).equals(before)).toBe(true);
  });
});

/**
 * Reads `target` in a tight loop on another thread until told to stop, and counts what it saw:
 * the old bytes, the new bytes, anything else (a prefix, an empty file), or no file at all.
 */
const POLLER = `
const { parentPort, workerData } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
const { target, stop, old, next } = workerData;
const flag = new Int32Array(stop);
const oldBytes = Buffer.from(old), newBytes = Buffer.from(next);
const seen = { old: 0, new: 0, other: 0, missing: 0, otherLengths: [] };
parentPort.postMessage("started");
while (Atomics.load(flag, 0) === 0) {
  let bytes;
  try { bytes = readFileSync(target); } catch { seen.missing++; continue; }
  if (bytes.equals(oldBytes)) seen.old++;
  else if (bytes.equals(newBytes)) seen.new++;
  else { seen.other++; if (seen.otherLengths.length < 10) seen.otherLengths.push(bytes.length); }
}
parentPort.postMessage(seen);
`;

interface Seen {
  old: number;
  new: number;
  other: number;
  missing: number;
  otherLengths: number[];
}

/** Rewrites `target` `rounds` times, alternating old and new bytes, while the poller reads it. */
async function pollWhileWriting(write: (target: string, bytes: Uint8Array) => Promise<void>, rounds: number): Promise<Seen> {
  const dir = tempDir();
  const target = join(dir, "deck.pptx");
  // Different sizes and contents, so a prefix of either is neither.
  const old = Buffer.alloc(4 * 1024 * 1024, 0x4f);
  const next = Buffer.alloc(24 * 1024 * 1024);
  for (let i = 0; i < next.length; i++) next[i] = (i * 31 + 7) & 0xff;
  writeFileSync(target, old);
  const stop = new SharedArrayBuffer(4);
  const worker = new Worker(POLLER, { eval: true, workerData: { target, stop, old, next } });
  const result = new Promise<Seen>((resolve, reject) => {
    worker.on("message", (m: unknown) => {
      if (m !== "started") resolve(m as Seen);
    });
    worker.on("error", reject);
  });
  await new Promise<void>((resolve) => worker.once("message", () => resolve()));
  for (let round = 0; round < rounds; round++) await write(target, round % 2 === 0 ? next : old);
  await new Promise((r) => setTimeout(r, 50)); // let the poller see the last state
  Atomics.store(new Int32Array(stop), 0, 1);
  const seen = await result;
  await worker.terminate();
  expect(temporaryFiles(dir)).toEqual([]);
  return seen;
}

describe("writeAtomically never shows a partial target", () => {
  it("a reader polling the target while 24 MB and 4 MB versions replace each other sees only whole versions", { timeout: 60_000 }, async () => {
    const seen = await pollWhileWriting(writeAtomically, 12);
    expect(seen.other, `partial reads of lengths ${seen.otherLengths.join(", ")}`).toBe(0);
    expect(seen.missing).toBe(0); // the target never disappears either
    expect(seen.old + seen.new).toBeGreaterThan(0);
  });

  // The control: the same poller does catch a plain, non-atomic write in the act. (If this ever
  // stops seeing partial reads, the test above has lost its power on this machine.)
  it("control: a plain writeFile over the target is seen half-written", { timeout: 60_000 }, async () => {
    const seen = await pollWhileWriting((target, bytes) => writeFile(target, bytes), 12);
    expect(seen.other).toBeGreaterThan(0);
  });

  it("many concurrent writeAtomically calls to one target end with one whole version and no temporary files", async () => {
    const dir = tempDir();
    const target = join(dir, "deck.pptx");
    const versions = Array.from({ length: 16 }, (_, i) => Buffer.alloc(256 * 1024 + i * 1000, i + 1));
    await Promise.all(versions.map((v) => writeAtomically(target, v)));
    const final = readFileSync(target);
    expect(versions.some((v) => v.equals(final))).toBe(true);
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("a symbolic link at the target is replaced by the deck, never written through", async () => {
    const dir = tempDir();
    const elsewhere = join(dir, "elsewhere.txt");
    writeFileSync(elsewhere, "precious");
    mkdirSync(join(dir, "out"));
    symlinkSync(elsewhere, join(dir, "out", "deck.pptx"));
    writeFileSync(join(dir, "deck.md"), GOOD);
    expect((await cli(["build", join(dir, "deck.md"), "--out", join(dir, "out")])).code).toBe(0);
    expect(readFileSync(elsewhere, "utf8")).toBe("precious");
    expect(lstatSync(join(dir, "out", "deck.pptx")).isSymbolicLink()).toBe(false);
    expect(packageProblems(readFileSync(join(dir, "out", "deck.pptx")))).toEqual([]);
  });

  it("writeAtomically creates a missing folder, and a failed rename leaves no temporary file", async () => {
    const dir = tempDir();
    await writeAtomically(join(dir, "a", "b", "deck.pptx"), Buffer.from("whole"));
    expect(readFileSync(join(dir, "a", "b", "deck.pptx"), "utf8")).toBe("whole");
    await expect(writeAtomically(join(dir, "a"), Buffer.from("onto a folder"))).rejects.toThrow();
    expect(temporaryFiles(dir)).toEqual([]);
  });
});

describe("builds at the same time into one folder", () => {
  it("two different decks built concurrently: both valid, no temporary files", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const out = join(dir, "out");
    writeFileSync(join(dir, "alpha.md"), "## Alpha\n\n- a\n\n| x | y |\n|---|---|\n| 1 | 2 |\n");
    writeFileSync(join(dir, "beta.md"), "## Beta\n\n```chart\ntype: pie\ncategories: [a, b]\nseries:\n  - values: [1, 2]\n```\n");
    const results = await Promise.all([cli(["build", join(dir, "alpha.md"), "--out", out]), cli(["build", join(dir, "beta.md"), "--out", out])]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(packageProblems(readFileSync(join(out, "alpha.pptx")))).toEqual([]);
    expect(packageProblems(readFileSync(join(out, "beta.pptx")))).toEqual([]);
    expect(temporaryFiles(out)).toEqual([]);
  });

  it("the same deck built twice concurrently (and a third time from a folder): valid, identical, no temporary files", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const out = join(dir, "out");
    writeFileSync(join(dir, "same.md"), "## Same\n\n- one\n- two\n\n::: notes\nnotes\n:::\n");
    const results = await Promise.all([
      cli(["build", join(dir, "same.md"), "--out", out]),
      cli(["build", join(dir, "same.md"), "--out", out]),
      cli(["build", dir, "--out", out]),
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const bytes = readFileSync(join(out, "same.pptx"));
    expect(packageProblems(bytes)).toEqual([]);
    expect(temporaryFiles(out)).toEqual([]);
    // Deterministic: a fresh build gives the same bytes as the survivor of the race.
    const again = join(dir, "again");
    expect((await cli(["build", join(dir, "same.md"), "--out", again])).code).toBe(0);
    expect(readFileSync(join(again, "same.pptx")).equals(bytes)).toBe(true);
  });

  it("a failing and a succeeding build of the same target at once: the survivor is the good deck, whole", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const good = join(dir, "good");
    const bad = join(dir, "bad");
    mkdirSync(good);
    mkdirSync(bad);
    writeFileSync(join(good, "deck.md"), GOOD);
    writeFileSync(join(bad, "deck.md"), "## Bad\n\n<!-- layout: nope -->\n");
    const results = await Promise.all([cli(["build", join(bad, "deck.md"), "--out", out]), cli(["build", join(good, "deck.md"), "--out", out])]);
    expect(results.map((r) => r.code)).toEqual([1, 0]);
    expect(packageProblems(readFileSync(join(out, "deck.pptx")))).toEqual([]);
    expect(temporaryFiles(out)).toEqual([]);
  });
});

describe("a build killed during its write leaves nothing behind for long", () => {
  it("kill -9 while the temporary is written: the next build of that deck removes the temporary, and the deck is whole", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const target = join(dir, "deck.pptx");
    writeFileSync(target, "the earlier deck");
    // A child that writes 256 MB atomically; it is killed as soon as its temporary appears.
    const script = `import { writeAtomically } from ${JSON.stringify(new URL("../../src/build.ts", import.meta.url).href)};\nawait writeAtomically(${JSON.stringify(target)}, new Uint8Array(256 * 1024 * 1024));\n`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO_ROOT, stdio: "ignore" });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    const deadline = Date.now() + 30_000;
    while (temporaryFiles(dir).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    child.kill("SIGKILL");
    await exited;
    const left = temporaryFiles(dir);
    expect(left).toHaveLength(1);
    expect(readFileSync(target, "utf8")).toBe("the earlier deck");
    // The temporary of a process that is gone is removed once it is a little old (younger ones may belong to a build in another PID namespace).
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, left[0] ?? ""), old, old);
    await writeAtomically(target, new TextEncoder().encode("the new deck"));
    expect(temporaryFiles(dir)).toEqual([]);
    expect(readFileSync(target, "utf8")).toBe("the new deck");
  });

  it("keeps the temporaries of running processes, of other targets, and young ones", async () => {
    const dir = tempDir();
    const target = join(dir, "deck.pptx");
    const gone = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
      child.on("exit", () => resolve(child.pid ?? 0));
    });
    const old = new Date(Date.now() - 60_000);
    const files = {
      dead: `.deck.pptx.${gone}.0123abcd.tmp`,
      alive: `.deck.pptx.${process.ppid}.0123abcd.tmp`,
      other: `.other.pptx.${gone}.0123abcd.tmp`,
      young: `.deck.pptx.${gone}.4567cdef.tmp`,
    };
    for (const [kind, name] of Object.entries(files)) {
      writeFileSync(join(dir, name), "partial");
      if (kind !== "young") utimesSync(join(dir, name), old, old);
    }
    expect(await removeStaleTemporaries(target)).toEqual([join(dir, files.dead)]);
    expect(temporaryFiles(dir).sort()).toEqual([files.alive, files.other, files.young].sort());
  });
});
