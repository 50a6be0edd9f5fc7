import { relative } from "node:path";
import { DeckwrightError } from "../../diagnostics/diagnostics.js";
import { formatDiagnostic } from "../../diagnostics/format.js";
import { builtInThemeNames, loadTheme, resolveThemeDir } from "../../themes/load.js";
import { scaffoldTheme, ScaffoldError } from "../../themes/scaffold.js";
import { EXIT } from "../exitCodes.js";
import type { Io } from "../io.js";

/** `deckwright themes`: the built-in themes, one line each. */
export function listThemes(io: Io): number {
  const names = builtInThemeNames();
  const width = Math.max(...names.map((n) => n.length));
  for (const name of names) {
    const { theme } = loadTheme(resolveThemeDir(name, "."));
    io.stdout(`${name.padEnd(width)}  ${theme.description}\n`);
  }
  return EXIT.ok;
}

/** `deckwright theme new <dir> [--from NAME]`: a theme folder extending a built-in. */
export function newTheme(io: Io, dir: string, from: string): number {
  try {
    const files = scaffoldTheme(dir, from);
    for (const file of files) io.stdout(`created ${relative(process.cwd(), file) || file}\n`);
    io.stdout(`Use it with: deckwright build talk.md --theme ${dir}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ScaffoldError) {
      io.stderr(`${dir}: error ${error.message} [theme-exists]\n`);
      return EXIT.io;
    }
    if (error instanceof DeckwrightError) {
      for (const d of error.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
      return EXIT.inputErrors;
    }
    throw error;
  }
}
