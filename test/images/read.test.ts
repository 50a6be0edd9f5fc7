import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { readImages } from "../../src/images/read.js";
import { parse } from "../../src/parse/parse.js";
import { makePng } from "../support/rawDeck.js";

const root = mkdtempSync(join(tmpdir(), "deckwright-images-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const deckDir = join(root, "deck");
mkdirSync(join(deckDir, "pics"), { recursive: true });
writeFileSync(join(deckDir, "pics", "ok.png"), makePng(40, 20, [0, 0, 255]));
writeFileSync(join(root, "outside.png"), makePng(10, 10, [255, 0, 0]));
writeFileSync(join(deckDir, "notes.txt"), "not a picture");
symlinkSync(join(root, "outside.png"), join(deckDir, "link.png"));

function read(markdown: string, allowOutside = false) {
  const diagnostics = new Diagnostics("deck/talk.md");
  const outline = parse(markdown, "deck/talk.md", diagnostics);
  const files = readImages(outline, { baseDir: deckDir, allowOutside }, diagnostics);
  return { files, problems: diagnostics.list.map((d) => [d.id, d.line]) };
}

describe("reading images", () => {
  it("reads and measures an image inside the folder", () => {
    const { files, problems } = read("## A\n\n![ok](pics/ok.png)\n");
    expect(problems).toEqual([]);
    expect(files.get("pics/ok.png")).toEqual({ path: join(deckDir, "pics", "ok.png"), width: 40, height: 20 });
  });

  it("never fetches a remote image", () => {
    expect(read("## A\n\n![r](https://example.com/x.png)\n").problems).toEqual([["remote-image", 3]]);
  });

  it("reports a missing file and a file that is not an image, at their lines", () => {
    expect(read("## A\n\n![m](nope.png)\n\n![t](notes.txt)\n").problems).toEqual([["image-not-found", 3], ["invalid-image", 5]]);
  });

  it("refuses a path outside the folder, and a symbolic link that leaves it, unless allowed", () => {
    const markdown = "## A\n\n![o](../outside.png)\n\n![l](link.png)\n";
    expect(read(markdown).problems).toEqual([["image-outside", 3], ["image-outside", 5]]);
    const allowed = read(markdown, true);
    expect(allowed.problems).toEqual([]);
    expect(allowed.files.size).toBe(2);
  });

  it("reads images inside columns", () => {
    const { files } = read("## A\n\n:::: columns\n::: column\n![ok](pics/ok.png)\n:::\n::::\n");
    expect([...files.keys()]).toEqual(["pics/ok.png"]);
  });
});

describe("what a picture's src names (src/images/source.ts)", () => {
  it("an address is a scheme, a Windows drive letter is a path", async () => {
    const { isAddress, decodedPath } = await import("../../src/images/source.js");
    expect(["https://x/a.png", "file:///a.png", "data:image/png;base64,x", "FTP://h/a"].map(isAddress)).toEqual([true, true, true, true]);
    expect(["C:\\pics\\a.png", "d:/a.png", "pics/a.png", "a%20b.png"].map(isAddress)).toEqual([false, false, false, false]);
    expect([decodedPath("a%20b.png"), decodedPath("100%.png")]).toEqual(["a b.png", "100%.png"]);
  });
});
