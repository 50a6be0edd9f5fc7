import { checkPackageFile, SourceReadError, type PackageProblem } from "../../validate/structure.js";
import { EXIT } from "../exitCodes.js";
import type { Io } from "../io.js";

/**
 * `deckwright validate <file.pptx>...`: the structural checks of src/validate/structure.ts on
 * any .pptx (also one another tool wrote): one line per problem, `file: part: message [id]`,
 * then a summary. Exit 0 when every file is valid, 1 when one has problems, 3 when one cannot
 * be read. The file is read piece by piece, within the limits of src/validate/limits.ts, so a
 * hostile file costs seconds and bounded memory, and gets findings, not a crash.
 */
export async function validate(io: Io, files: string[]): Promise<number> {
  let code: number = EXIT.ok;
  for (const file of files) {
    let problems: PackageProblem[];
    try {
      problems = checkPackageFile(file);
    } catch (error) {
      if (!(error instanceof SourceReadError)) throw error;
      io.stderr(`${file}: error Cannot read the file: ${error.message} [io-error]\n`);
      code = Math.max(code, EXIT.io);
      continue;
    }
    for (const p of problems) io.stderr(`${file}: ${p.part === undefined ? "" : `${printable(p.part)}: `}error ${printable(p.message)} [${p.id}]\n`);
    if (problems.length === 0) {
      io.stdout(`${file}: valid\n`);
    } else {
      io.stdout(`${file}: ${problems.length} ${problems.length === 1 ? "problem" : "problems"}\n`);
      code = Math.max(code, EXIT.inputErrors);
    }
  }
  return code;
}

/**
 * `text` with control and bidirectional-override characters escaped (`\u001b`): part names and
 * attribute values come from the file, and must not drive the terminal or reorder the line.
 */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is escaped
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
