/** Finding command-line tools and counting PDF pages, for the tests that open decks in LibreOffice. */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { onPath } from "../../src/cli/tools.js";

export const exec = promisify(execFile);

export { onPath };

/** Pages of a PDF: pdfinfo when installed, else its page objects counted. */
export async function pageCount(pdf: string): Promise<number> {
  const pdfinfo = onPath("pdfinfo");
  if (pdfinfo !== undefined) {
    const { stdout } = await exec(pdfinfo, [pdf]);
    return Number(/^Pages:\s+(\d+)$/m.exec(stdout)?.[1]);
  }
  return [...(await readFile(pdf, "latin1")).matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)].length;
}

/**
 * Converts decks (by name) to `format` in one LibreOffice run, with a private profile so a running
 * LibreOffice or a parallel test cannot lock it out, and hands `use` the converted file of each
 * name; the folder is removed afterwards.
 */
export async function convertDecks<T>(
  soffice: string,
  decks: Readonly<Record<string, Uint8Array>>,
  format: "pdf" | "odp",
  use: (converted: (name: string) => string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "deckwright-soffice-"));
  try {
    const inputs = Object.keys(decks).map((name) => join(dir, `${name}.pptx`));
    for (const [name, bytes] of Object.entries(decks)) await writeFile(join(dir, `${name}.pptx`), bytes);
    const profile = pathToFileURL(join(dir, "profile")).href;
    await exec(soffice, [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", format, "--outdir", dir, ...inputs], { timeout: 110_000 });
    return await use((name) => join(dir, `${name}.${format}`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
