import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exitCodes.js";
import { run } from "../../src/cli/run.js";
import { imageInfo } from "../../src/images/size.js";
import { REPO_ROOT } from "../support/fixtures.js";
import { onPath } from "../support/office.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "deckwright-preview-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function cli(argv: string[], env: NodeJS.ProcessEnv) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env });
  return { code, stdout, stderr };
}

const skip = onPath("soffice") === undefined || onPath("pdftoppm") === undefined ? "preview test skipped: soffice or pdftoppm is not on PATH" : undefined;
if (skip) console.warn(skip);

describe("deckwright preview", () => {
  it.skipIf(skip !== undefined)("renders a PNG per slide and a contact sheet", async () => {
    const deck = join(REPO_ROOT, "content", "openai-microsoft-partnership.md");
    const result = await cli(["preview", deck, "--out", dir], process.env);
    expect(result.code).toBe(EXIT.ok);
    for (let i = 1; i <= 14; i++) expect(existsSync(join(dir, `openai-microsoft-partnership-${String(i).padStart(2, "0")}.png`))).toBe(true);
    const sheet = imageInfo(readFileSync(join(dir, "openai-microsoft-partnership-sheet.png")));
    expect(sheet).toMatchObject({ format: "png" });
    if (!("error" in sheet)) expect(sheet.width).toBeGreaterThan(sheet.height);
  }, 180_000);

  it("says how to install LibreOffice when it is missing", async () => {
    const result = await cli(["preview", "talk.md"], { PATH: "" });
    expect(result.code).toBe(EXIT.io);
    expect(result.stderr).toContain("[preview-unavailable]");
    expect(result.stderr).toContain("apt-get install libreoffice-impress poppler-utils");
  });
});
