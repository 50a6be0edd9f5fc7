/** Finding command-line tools and counting PDF pages, for the tests that open decks in LibreOffice. */
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { readFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";

export const exec = promisify(execFile);

/** The executable `name` on PATH, or undefined. */
export function onPath(name: string): string | undefined {
  for (const folder of (process.env["PATH"] ?? "").split(delimiter).filter((f) => f !== "")) {
    try {
      accessSync(join(folder, name), constants.X_OK);
      return join(folder, name);
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Pages of a PDF: pdfinfo when installed, else its page objects counted. */
export async function pageCount(pdf: string): Promise<number> {
  const pdfinfo = onPath("pdfinfo");
  if (pdfinfo !== undefined) {
    const { stdout } = await exec(pdfinfo, [pdf]);
    return Number(/^Pages:\s+(\d+)$/m.exec(stdout)?.[1]);
  }
  return [...(await readFile(pdf, "latin1")).matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)].length;
}
