/**
 * deckwright as a library. `compile` turns Markdown into .pptx bytes without touching the disk
 * (but for the theme and images it reads); `buildFile` reads a Markdown file and writes its deck
 * atomically. Problems are returned as data (`Diagnostic`), never printed.
 */
import { compile, type CompileOptions, type CompileResult } from "./pipeline.js";

export { compile, MAX_SLIDES, type CompileOptions, type CompileResult } from "./pipeline.js";

/** Markdown → a deck: the diagnostics, every stage's value, and the .pptx bytes (null on an error). */
export function build(markdown: string, file: string, options: CompileOptions): Promise<CompileResult> {
  return compile(markdown, file, options);
}

/** Everything `build` does but the write: the diagnostics (and the stages), `pptx` always null. */
export function check(markdown: string, file: string, options: CompileOptions): Promise<CompileResult> {
  return compile(markdown, file, { ...options, checkOnly: true });
}
export { buildDate, buildFile, expandInputs, outputPath, writeAtomically, type BuildFileResult } from "./build.js";
export { formatDiagnostic } from "./diagnostics/format.js";
export { DeckwrightError } from "./diagnostics/diagnostics.js";
export { checkPackage, checkPackageFile, type PackageProblem } from "./validate/structure.js";
export { builtInThemeNames, DEFAULT_THEME } from "./themes/load.js";
export type { Diagnostic } from "./model/diagnostic.js";
export type { Outline } from "./model/outline.js";
export type { Deck, LayoutKind } from "./model/deck.js";
export type { SlideSpec } from "./model/slideSpec.js";
export type { Theme } from "./model/theme.js";
