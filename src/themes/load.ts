import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LAYOUT_KINDS, type LayoutKind } from "../model/deck.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { ThemeSchema, type Theme } from "../model/theme.js";
import { DeckwrightError } from "../diagnostics/diagnostics.js";

/** The built-in themes live in the package's templates/ folder. */
export const BUILT_IN_THEMES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../templates");
export const DEFAULT_THEME = "meridian";

/** A theme folder, read and validated: its values, and its templates as text. */
export interface LoadedTheme {
  dir: string;
  theme: Theme;
  layouts: Record<LayoutKind, { file: string; source: string }>;
  partials: Record<string, { file: string; source: string }>;
}

/** `name` is a built-in theme's name or a path (resolved against `baseDir`). */
export function resolveThemeDir(name: string, baseDir: string): string {
  const looksLikePath = name.includes("/") || name.includes("\\") || name.startsWith(".");
  return looksLikePath ? resolve(baseDir, name) : join(BUILT_IN_THEMES_DIR, name);
}

export function builtInThemeNames(): string[] {
  return readdirSync(BUILT_IN_THEMES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(BUILT_IN_THEMES_DIR, entry.name, "theme.json")))
    .map((entry) => entry.name)
    .sort();
}

const cache = new Map<string, LoadedTheme>();

/** Reads a theme folder once per process; throws DeckwrightError with every problem found. */
export function loadTheme(dir: string): LoadedTheme {
  const cached = cache.get(dir);
  if (cached) return cached;
  const problems: Diagnostic[] = [];
  const problem = (id: string, file: string, message: string, hint?: string) =>
    problems.push({ id, severity: "error", file, message, ...(hint === undefined ? {} : { hint }) });

  const themeFile = join(dir, "theme.json");
  if (!existsSync(themeFile)) {
    const hint = `built-in themes: ${builtInThemeNames().join(", ")}`;
    problem("theme-not-found", dir, "No theme here: expected a folder with a theme.json", hint);
    throw new DeckwrightError(problems);
  }
  const theme = readThemeJson(themeFile, problem);
  const layouts: Partial<LoadedTheme["layouts"]> = {};
  for (const kind of LAYOUT_KINDS) {
    const file = join(dir, "layouts", `${kind}.hbs`);
    if (existsSync(file)) layouts[kind] = { file, source: readFileSync(file, "utf8") };
    else problem("missing-template", file, `The theme has no template for the \`${kind}\` layout`);
  }
  const partials: LoadedTheme["partials"] = {};
  const partialsDir = join(dir, "partials");
  if (existsSync(partialsDir)) {
    for (const name of readdirSync(partialsDir).filter((f) => f.endsWith(".hbs")).sort()) {
      const file = join(partialsDir, name);
      partials[basename(name, ".hbs")] = { file, source: readFileSync(file, "utf8") };
    }
  }
  if (problems.length > 0 || !theme) throw new DeckwrightError(problems);
  const loaded: LoadedTheme = Object.freeze({ dir, theme, layouts: layouts as LoadedTheme["layouts"], partials });
  cache.set(dir, loaded);
  return loaded;
}

function readThemeJson(file: string, problem: (id: string, file: string, message: string) => void): Theme | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    problem("invalid-theme", file, `theme.json is not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
  const parsed = ThemeSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const at = issue.path.join(".") || "(top level)";
    problem("invalid-theme", file, `Unexpected value at ${at}: ${issue.message}`);
  }
  return undefined;
}
