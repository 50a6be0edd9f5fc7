import { readFile } from "node:fs/promises";
import { checkPackage } from "../../validate/structure.js";
import { EXIT } from "../exitCodes.js";
import type { Io } from "../io.js";

/**
 * `deckwright validate <file.pptx>...`: the structural checks of src/validate/structure.ts on
 * any .pptx (also one another tool wrote): one line per problem, `file: part: message [id]`,
 * then a summary. Exit 0 when every file is valid, 1 when one has problems, 3 when one cannot
 * be read.
 */
export async function validate(io: Io, files: string[]): Promise<number> {
  let code: number = EXIT.ok;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (error) {
      io.stderr(`${file}: error Cannot read the file: ${(error as Error).message} [io-error]\n`);
      code = Math.max(code, EXIT.io);
      continue;
    }
    const problems = checkPackage(bytes);
    for (const p of problems) io.stderr(`${file}: ${p.part === undefined ? "" : `${p.part}: `}error ${p.message} [${p.id}]\n`);
    if (problems.length === 0) {
      io.stdout(`${file}: valid\n`);
    } else {
      io.stdout(`${file}: ${problems.length} ${problems.length === 1 ? "problem" : "problems"}\n`);
      code = Math.max(code, EXIT.inputErrors);
    }
  }
  return code;
}
