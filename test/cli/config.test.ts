import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exitCodes.js";
import { run } from "../../src/cli/run.js";
import { readZip } from "../../src/write/zip.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "deckwright-config-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: "1" }, interactive: true });
  return { code, stdout, stderr };
}

const slideXml = async (pptx: string) => new TextDecoder().decode(readZip(new Uint8Array(await readFile(pptx))).find((e) => e.name === "ppt/slides/slide1.xml")?.data);
const layoutTheme = async (pptx: string) => new TextDecoder().decode(readZip(new Uint8Array(await readFile(pptx))).find((e) => e.name === "ppt/theme/theme1.xml")?.data);

describe("deckwright.config.json", () => {
  it("gives the decks below it their defaults: theme, out, lang", async () => {
    await writeFile(join(dir, "deckwright.config.json"), JSON.stringify({ theme: "nocturne", out: "built", lang: "de-DE" }));
    await mkdir(join(dir, "slides"));
    await writeFile(join(dir, "slides", "talk.md"), "## Eins\n\n- zwei\n");
    const result = await cli(["build", join(dir, "slides", "talk.md")]);
    expect(result.code).toBe(EXIT.ok);
    const deck = join(dir, "built", "talk.pptx");
    expect(existsSync(deck)).toBe(true);
    expect(await slideXml(deck)).toContain('lang="de-DE"');
    expect(await layoutTheme(deck)).toContain("86CFC3"); // nocturne's link colour
  });

  it("comes after the front matter, and flags come first", async () => {
    await writeFile(join(dir, "deckwright.config.json"), JSON.stringify({ theme: "nocturne", lang: "de-DE" }));
    await writeFile(join(dir, "talk.md"), "---\nlang: fr-FR\ntheme: folio\n---\n\n## Un\n");
    await cli(["build", join(dir, "talk.md"), "--out", join(dir, "a")]);
    expect(await slideXml(join(dir, "a", "talk.pptx"))).toContain('lang="fr-FR"');
    expect(await layoutTheme(join(dir, "a", "talk.pptx"))).toContain("9A2A22"); // folio
    await cli(["build", join(dir, "talk.md"), "--out", join(dir, "b"), "--theme", "meridian"]);
    expect(await layoutTheme(join(dir, "b", "talk.pptx"))).toContain("0F62A8"); // meridian
  });

  it("turns --strict on for its decks", async () => {
    await writeFile(join(dir, "deckwright.config.json"), JSON.stringify({ strict: true }));
    await writeFile(join(dir, "talk.md"), "## One\n\n<script>raw</script>\n");
    expect((await cli(["build", join(dir, "talk.md")])).code).toBe(EXIT.inputErrors);
  });

  it("is checked: an unknown key is an error with a did-you-mean, and nothing is built", async () => {
    await writeFile(join(dir, "deckwright.config.json"), JSON.stringify({ thme: "folio" }));
    await writeFile(join(dir, "talk.md"), "## One\n");
    const result = await cli(["build", join(dir, "talk.md")]);
    expect(result.code).toBe(EXIT.inputErrors);
    expect(result.stderr).toContain("deckwright.config.json: error Unexpected key `thme`");
    expect(result.stderr).toContain("did you mean `theme`?");
    expect(existsSync(join(dir, "talk.pptx"))).toBe(false);
  });
});

describe("deckwright init", () => {
  it("starts a folder whose example builds as it is, with the config's output folder", async () => {
    const target = join(dir, "talk");
    const made = await cli(["init", target]);
    expect(made.code).toBe(EXIT.ok);
    const built = await cli(["build", join(target, "slides")]);
    expect(built.code).toBe(EXIT.ok);
    expect(built.stderr).toBe("");
    expect(existsSync(join(target, "output", "talk.pptx"))).toBe(true);
  });

  it("never overwrites a file", async () => {
    await mkdir(join(dir, "slides"));
    await writeFile(join(dir, "slides", "talk.md"), "mine");
    const result = await cli(["init", dir]);
    expect(result.code).toBe(EXIT.io);
    expect(await readFile(join(dir, "slides", "talk.md"), "utf8")).toBe("mine");
    expect(existsSync(join(dir, "deckwright.config.json"))).toBe(false);
  });
});
