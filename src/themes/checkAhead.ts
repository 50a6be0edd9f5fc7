/**
 * The built-in themes checked when dist/ is compiled (scripts/compile.mjs runs this after tsc):
 * dist/themes/themes.checked.json lists the content keys of those found clean, so that a build
 * with one of them, unchanged, does not render the specimen deck again (src/themes/check.ts).
 * A theme with problems is left out: it is checked, and its problems reported, at every build.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CHECKED_FILE, checkTheme, themeContentKey } from "./check.js";
import { builtInThemeNames, resolveThemeDir, ThemeSet, type LoadedTheme } from "./load.js";

/** `{ clean: [keys] }` of the themes whose check finds nothing, sorted. */
export function checkedThemes(themes: readonly LoadedTheme[]): { clean: string[] } {
  const none = new Set<string>();
  return { clean: [...new Set(themes.filter((theme) => checkTheme(theme, none).length === 0).map(themeContentKey))].sort() };
}

/** Writes the built-in themes' verdicts into `dir` (dist/themes); returns the file written. */
export function writeCheckedThemes(dir: string): string {
  const themes = new ThemeSet();
  const file = join(dir, CHECKED_FILE);
  writeFileSync(file, `${JSON.stringify(checkedThemes(builtInThemeNames().map((name) => themes.load(resolveThemeDir(name, ".")))), null, 2)}\n`);
  return file;
}
