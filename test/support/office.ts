/** Finding command-line tools and counting PDF pages, for the tests that open decks in LibreOffice. */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
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
