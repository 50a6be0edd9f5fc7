/**
 * The CLI through `run(argv, io)`: captured output, an explicit env, temporary folders.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeAtomically } from "../../src/build.js";
import { EXIT } from "../../src/cli/exitCodes.js";
import { run } from "../../src/cli/run.js";
import { checkPackage } from "../../src/validate/structure.js";
import { partText } from "../support/zipInspect.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const VERSION = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;

/** A title slide (from the front matter) and two content slides. */
const GOOD = "---\ntitle: Talk\n---\n\n## One\n\n- a\n- b\n\n::: notes\nSay a and b.\n:::\n\n## Two\n\n- c\n";
/** Two errors: an unknown front-matter key (3:1) and an unknown layout (8:14). */
const BAD = "---\ntitle: Talk\ntheem: dark\n---\n\n## One\n\n<!-- layout: two-colum -->\n\n- a\n";

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

const SUMMARY = /^\d+ decks?( checked)?, \d+ slides?, \d+\.\d\d s(, \d+ failed)?\n$/m;
/** The summary line of the last `build` or `check`, taken out of `stdout` by `cli`. */
let lastSummary = "";

/** Runs the CLI as on a terminal (per-deck lines; `interactive: false` for a pipe or CI log). */
async function cli(argv: string[], env: NodeJS.ProcessEnv = { NO_COLOR: "1" }, interactive = true): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env, interactive });
  lastSummary = SUMMARY.exec(stdout)?.[0]?.trim() ?? "";
  return { code, stdout: stdout.replace(SUMMARY, ""), stderr };
}

/** How the CLI names an input in its messages: as the user wrote it. */
const shown = (path: string): string => path;

let dir: string;
let out: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "deckwright-cli-"));
  out = join(dir, "out");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function source(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return path;
}

describe("deckwright build", () => {
  it("builds a file into --out and prints one summary line", async () => {
    const input = await source("talk.md", GOOD);
    const result = await cli(["build", input, "--out", out]);
    expect(result).toEqual({ code: EXIT.ok, stdout: `${shown(input)} → ${join(out, "talk.pptx")} (3 slides)\n`, stderr: "" });
    expect(checkPackage(await readFile(join(out, "talk.pptx")))).toEqual([]);
  });

  it("builds every .md of a folder, in name order, and nothing else", async () => {
    await source("decks/b.md", GOOD);
    await source("decks/a.md", GOOD);
    await source("decks/readme.txt", "not a deck");
    const result = await cli(["build", join(dir, "decks"), "--out", out]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout.trim().split("\n")).toEqual([
      `${shown(join(dir, "decks", "a.md"))} → ${join(out, "a.pptx")} (3 slides)`,
      `${shown(join(dir, "decks", "b.md"))} → ${join(out, "b.pptx")} (3 slides)`,
    ]);
    expect((await readdir(out)).sort()).toEqual(["a.pptx", "b.pptx"]);
  });

  it("a folder with no .md files is `input-not-found` (exit 3), as a pattern that matches nothing is", async () => {
    await source("empty/readme.txt", "not a deck");
    const folder = await cli(["build", join(dir, "empty"), "--out", out]);
    const pattern = await cli(["build", join(dir, "empty", "*.md"), "--out", out]);
    expect([folder.code, pattern.code]).toEqual([EXIT.io, EXIT.io]);
    expect(folder.stderr).toContain("the folder has no Markdown (.md) files [input-not-found]");
  });

  it("--from chooses the flavour (a wrong one is a usage error with a did-you-mean)", async () => {
    const input = await source("remark.md", "## A\n\nText\n\n???\n\nsecret\n");
    expect((await cli(["build", input, "--out", out, "--from", "remark"])).code).toBe(EXIT.ok);
    const wrong = await cli(["build", input, "--out", out, "--from", "remak"]);
    expect(wrong.code).toBe(EXIT.usage);
    expect(wrong.stderr).toContain("did you mean `remark`?");
  });

  it("writes beside the input without --out", async () => {
    const input = await source("talk.md", GOOD);
    expect((await cli(["build", input])).code).toBe(EXIT.ok);
    expect(existsSync(join(dir, "talk.pptx"))).toBe(true);
  });

  it("dates the file from the io env's SOURCE_DATE_EPOCH", async () => {
    const input = await source("talk.md", GOOD);
    await cli(["build", input, "--out", out], { SOURCE_DATE_EPOCH: "1700000000" });
    expect(partText(await readFile(join(out, "talk.pptx")), "docProps/core.xml")).toContain(">2023-11-14T22:13:20Z<");
  });
});

describe("usage", () => {
  it.each([["--help"], ["-h"]])("%s prints the usage and exits 0", async (flag) => {
    const result = await cli([flag]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain("deckwright build <file-or-folder>... [--theme NAME|PATH] [--template FILE] [--out DIR]");
    expect(result.stderr).toBe("");
  });

  it.each([["--version"], ["-v"]])("%s prints package.json's version", async (flag) => {
    expect(await cli([flag])).toEqual({ code: EXIT.ok, stdout: `${VERSION}\n`, stderr: "" });
  });

  it.each([
    ["an unknown command", ["frobnicate", "x.md"], /`frobnicate`/],
    ["an unknown flag", ["build", "x.md", "--frob"], /--frob/],
    ["build without inputs", ["build"], /at least one/],
    ["a flag without its value", ["build", "x.md", "--out"], /--out/],
  ])("%s exits 2 with a [usage] message", async (_what, argv, mentions) => {
    const result = await cli(argv);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/^deckwright: error .* \[usage\]$/m);
    expect(result.stderr).toMatch(mentions);
    expect(result.stdout).toBe("");
  });

  it("no arguments print the usage to stderr and exit 2", async () => {
    const result = await cli([]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain("Usage:");
  });
});

describe("deckwright check", () => {
  it("runs everything but the write and prints ok", async () => {
    const input = await source("talk.md", "## One\n\n- a\n");
    const result = await cli(["check", input]);
    expect(result).toEqual({ code: EXIT.ok, stdout: `${input}: ok (1 slide)\n`, stderr: "" });
    expect(existsSync(join(dir, "talk.pptx"))).toBe(false);
  });

  it("exits 1 with the diagnostics of a bad file", async () => {
    const input = await source("bad.md", "## One\n\n<!-- layout: nope -->\n");
    const result = await cli(["check", input]);
    expect(result.code).toBe(EXIT.inputErrors);
    expect(result.stderr).toContain(`${input}:3:14: error Unexpected layout \`nope\``);
  });

  it("refuses --out, since it writes nothing", async () => {
    expect((await cli(["check", "x.md", "--out", out])).code).toBe(EXIT.usage);
  });
});

describe("--strict", () => {
  const warning = "## One\n\n<script>raw</script>\n";
  it("builds with a warning, and fails on it with --strict, leaving nothing written", async () => {
    const input = await source("warn.md", warning);
    const relaxed = await cli(["build", input, "--out", out]);
    expect(relaxed.code).toBe(EXIT.ok);
    expect(relaxed.stderr).toContain("warning Unexpected `<script>`");
    const strictOut = join(dir, "strict");
    const strict = await cli(["build", input, "--out", strictOut, "--strict"]);
    expect(strict.code).toBe(EXIT.inputErrors);
    expect(strict.stderr).toContain("error Unexpected `<script>`");
    expect(existsSync(strictOut)).toBe(false);
  });
});

describe("problems", () => {
  it("a missing input exits 3", async () => {
    const result = await cli(["build", join(dir, "missing.md"), "--out", out]);
    expect(result.code).toBe(EXIT.io);
    expect(result.stderr).toMatch(/missing\.md.* \[input-not-found\]/);
    expect(existsSync(out)).toBe(false);
  });

  it("a missing input does not stop the others from being built", async () => {
    const good = await source("good.md", "## One\n");
    const result = await cli(["build", join(dir, "missing.md"), good, "--out", out]);
    expect(result.code).toBe(EXIT.io);
    expect(result.stdout).toBe(`${good} → ${join(out, "good.pptx")} (1 slide)\n`);
    expect(existsSync(join(out, "good.pptx"))).toBe(true);
  });

  it("refuses a second input that would overwrite the first one's deck", async () => {
    const first = await source("a/talk.md", "## A\n");
    const second = await source("b/talk.md", "## B\n");
    const result = await cli(["build", first, second, "--out", out]);
    expect(result.code).toBe(EXIT.inputErrors);
    expect(result.stderr).toContain(`${second}: error Unexpected second input for ${join(out, "talk.pptx")}, which ${first} writes [output-collision]`);
    expect(result.stdout).toBe(`${first} → ${join(out, "talk.pptx")} (1 slide)\n`);
  });

  it("reports every error as file:line:col with its id and did-you-mean hint, exits 1, writes nothing", async () => {
    const input = await source("bad.md", BAD);
    const result = await cli(["build", input, "--out", out]);
    expect(result.code).toBe(EXIT.inputErrors);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${escape(shown(input))}:3:1: error .*\`theem\`.* \\[unknown-front-matter-key\\]$`)),
      "  did you mean `theme`?",
      expect.stringMatching(new RegExp(`^${escape(shown(input))}:8:14: error .*\`two-colum\`.* \\[unknown-layout\\]$`)),
      "  did you mean `two-column`?",
    ]);
    expect(existsSync(join(out, "bad.pptx"))).toBe(false);
  });

  it("builds the good files of a run even when another has errors, and exits 1", async () => {
    await source("decks/a-bad.md", BAD);
    await source("decks/b-good.md", GOOD);
    const result = await cli(["build", join(dir, "decks"), "--out", out]);
    expect(result.code).toBe(EXIT.inputErrors);
    expect(result.stderr).toContain("[unknown-layout]");
    expect(await readdir(out)).toEqual(["b-good.pptx"]);
  });

  it("leaves the earlier output byte-identical when a later build fails", async () => {
    const input = await source("talk.md", GOOD);
    expect((await cli(["build", input, "--out", out])).code).toBe(EXIT.ok);
    const before = await readFile(join(out, "talk.pptx"));
    await writeFile(input, BAD);
    expect((await cli(["build", input, "--out", out])).code).toBe(EXIT.inputErrors);
    expect((await readFile(join(out, "talk.pptx"))).equals(before)).toBe(true);
    expect(await readdir(out)).toEqual(["talk.pptx"]);
  });

  it("a missing --theme folder is a theme-not-found error (exit 1)", async () => {
    const input = await source("talk.md", GOOD);
    const result = await cli(["build", input, "--out", out, "--theme", "./no-such-theme"]);
    expect(result.code).toBe(EXIT.inputErrors);
    expect(result.stderr).toMatch(/no-such-theme: error .* \[theme-not-found\]/);
    expect(existsSync(join(out, "talk.pptx"))).toBe(false);
  });

  it("an --out that is a file exits 3 with an [io-error]", async () => {
    const input = await source("talk.md", GOOD);
    const file = await source("not-a-folder", "x");
    const result = await cli(["build", input, "--out", file]);
    expect(result.code).toBe(EXIT.io);
    expect(result.stderr).toMatch(/talk\.md: error .* \[io-error\]/);
  });
});

describe("writeAtomically", () => {
  it("replaces the target and leaves no temporary file", async () => {
    const target = join(dir, "deck.pptx");
    await writeFile(target, "old");
    await writeAtomically(target, new TextEncoder().encode("new"));
    expect(await readFile(target, "utf8")).toBe("new");
    expect(await readdir(dir)).toEqual(["deck.pptx"]);
  });

  it("leaves the earlier state intact and no temporary file when the rename fails", async () => {
    // Tests may run as root, where chmod does not stop writes; a folder at the target path makes rename fail.
    const target = join(dir, "deck.pptx");
    await mkdir(target);
    await writeFile(join(target, "keep.txt"), "kept");
    await expect(writeAtomically(target, new TextEncoder().encode("new"))).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["deck.pptx"]);
    expect(await readFile(join(target, "keep.txt"), "utf8")).toBe("kept");
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("globs", () => {
  it("builds the files a quoted pattern matches, and reports a pattern that matches nothing", async () => {
    await source("decks/a.md", "## A\n");
    await source("decks/sub/b.md", "## B\n");
    await source("decks/notes.txt", "not a deck");
    const all = await cli(["build", join(dir, "decks", "**", "*.md"), "--out", out]);
    expect(all.code).toBe(EXIT.ok);
    expect(all.stdout.trim().split("\n").map((l) => l.split(" → ")[0])).toEqual([join(dir, "decks", "a.md"), join(dir, "decks", "sub", "b.md")]);
    const none = await cli(["build", join(dir, "decks", "*.pdf"), "--out", out]);
    expect(none.code).toBe(EXIT.io);
    expect(none.stderr).toContain("no file matches the pattern [input-not-found]");
  });
});

describe("help for each command", () => {
  it.each(["build", "check", "validate", "themes", "theme"])("`%s --help` shows its usage and examples", async (command) => {
    const result = await cli([command, "--help"]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(new RegExp(`^deckwright ${command}`));
    if (command !== "themes") expect(result.stdout).toContain("Example");
  });
});

describe("output", () => {
  it("prints only the summary line when not on a terminal, or with --quiet", async () => {
    const a = await source("a.md", "## One\n\n- a\n");
    const b = await source("b.md", "## One\n\n## Two\n");
    const piped = await cli(["build", a, b, "--out", out], {}, false);
    expect(piped).toEqual({ code: EXIT.ok, stdout: "", stderr: "" });
    expect(lastSummary).toMatch(/^2 decks, 3 slides, \d+\.\d\d s$/);
    const quiet = await cli(["build", a, "--out", out, "--quiet"]);
    expect(quiet.stdout).toBe("");
    expect(lastSummary).toMatch(/^1 deck, 1 slide, /);
  });

  it("shows how far a long deck has come on a terminal, and clears the line", async () => {
    const long = await source("long.md", Array.from({ length: 250 }, (_, i) => `## Slide ${i + 1}\n\n- point\n`).join("\n"));
    const result = await cli(["build", long, "--out", out]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stderr).toContain(`${long}: slide 200 of 250`);
    expect(result.stderr.endsWith("\r\u001b[2K")).toBe(true);
    expect((await cli(["build", long, "--out", out], { NO_COLOR: "1" }, false)).stderr).toBe("");
  });

  it("counts failed decks in the summary", async () => {
    const bad = await source("bad.md", "## One\n\n<!-- layout: nope -->\n");
    await cli(["build", bad, "--out", out], {}, false);
    expect(lastSummary).toMatch(/^0 decks, 0 slides, \d+\.\d\d s, 1 failed$/);
  });

  it("colours severities on a terminal, and not with NO_COLOR or in a pipe", async () => {
    const warn = await source("warn.md", "## One\n\n<script>raw</script>\n");
    expect((await cli(["build", warn, "--out", out], {})).stderr).toContain("\u001b[33mwarning\u001b[0m");
    expect((await cli(["build", warn, "--out", out], { NO_COLOR: "1" })).stderr).toContain(": warning Unexpected `<script>`");
    expect((await cli(["build", warn, "--out", out], {}, false)).stderr).not.toContain("\u001b[");
  });
});

describe("--json and option suggestions", () => {
  it("prints one JSON document with every diagnostic's file, line, column, severity, id and message", async () => {
    const good = await source("good.md", "## One\n\n<script>raw</script>\n");
    const bad = await source("bad.md", "## One\n\n<!-- layout: nope -->\n");
    const result = await cli(["build", good, bad, join(dir, "missing.md"), "--out", out, "--json"]);
    expect(result.code).toBe(EXIT.io);
    expect(result.stderr).toBe("");
    const document = JSON.parse(result.stdout) as { decks: { input: string; output: string | null; diagnostics: Record<string, unknown>[] }[]; summary: Record<string, number> };
    const byInput = Object.fromEntries(document.decks.map((d) => [d.input, d]));
    expect(byInput[good]?.output).toBe(join(out, "good.pptx"));
    expect(byInput[good]?.diagnostics).toEqual([{ id: "raw-html", severity: "warning", file: good, line: 3, column: 1, message: expect.any(String), hint: expect.any(String) }]);
    expect(byInput[bad]?.diagnostics[0]).toMatchObject({ id: "unknown-layout", severity: "error", file: bad, line: 3, column: 14 });
    expect(byInput[join(dir, "missing.md")]?.diagnostics[0]).toMatchObject({ id: "input-not-found", severity: "error" });
    expect(document.summary).toMatchObject({ decks: 1, slides: 1, errors: 2, warnings: 1 });
  });

  it("suggests the option meant", async () => {
    const result = await cli(["build", "x.md", "--outt", out]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain("did you mean `--out`?");
  });
});
