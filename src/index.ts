/**
 * deckwright as a library. `compile` turns Markdown into .pptx bytes without touching the disk
 * (but for the theme and images it reads); `buildFile` reads a Markdown file and writes its deck
 * atomically. Problems are returned as data (`Diagnostic`), never printed.
 */
export { compile, MAX_SLIDES, type CompileOptions, type CompileResult } from "./pipeline.js";
export { buildDate, buildFile, expandInputs, outputPath, writeAtomically, type BuildFileResult } from "./build.js";
export { formatDiagnostic } from "./diagnostics/format.js";
export { DeckwrightError } from "./diagnostics/diagnostics.js";
export { checkPackage, type PackageProblem } from "./validate/structure.js";
export { builtInThemeNames, DEFAULT_THEME } from "./themes/load.js";
export type { Diagnostic } from "./model/diagnostic.js";
export type { Outline } from "./model/outline.js";
export type { Deck, LayoutKind } from "./model/deck.js";
export type { SlideSpec } from "./model/slideSpec.js";
export type { Theme } from "./model/theme.js";
