/**
 * deckwright in one screen: Markdown → Outline → Deck → SlideSpec[] → .pptx bytes.
 * Each stage is a pure function of a validated value; only buildFile (build.ts) touches disk.
 */
import { dirname } from "node:path";
import type { Deck } from "./model/deck.js";
import type { Diagnostic } from "./model/diagnostic.js";
import type { Outline } from "./model/outline.js";
import type { SlideSpec } from "./model/slideSpec.js";
import { DeckwrightError, Diagnostics } from "./diagnostics/diagnostics.js";
import { parse } from "./parse/parse.js";
import { plan } from "./plan/plan.js";
import { svgToPng } from "./images/rasterize.js";
import { readImages } from "./images/read.js";
import { capacityOf } from "./render/capacity.js";
import type { FoundConfig } from "./config/config.js";
import { themeSetting, withDeckDefaults } from "./config/settings.js";
import { fitDeck } from "./fit/fit.js";
import { loadHighlighter } from "./highlight/highlight.js";
import { fontMeasurer } from "./measure/measurer.js";
import { checkTheme } from "./themes/check.js";
import { DEFAULT_THEME, loadTheme, resolveThemeDir, type LoadedTheme } from "./themes/load.js";
import { packagePptx } from "./write/package.js";
import { writePptx } from "./write/writer.js";

/** pptxgenjs writes four parts per slide and no zip64, so a zip holds at most about 16,380 slides. */
export const MAX_SLIDES = 16_000;

export interface CompileOptions {
  /** A built-in theme's name or a theme folder's path; wins over the front matter's `theme`. */
  theme?: string;
  /** Allow images outside the Markdown file's folder. */
  allowOutside?: boolean;
  /** Warnings count as errors (the CLI's --strict). */
  strict?: boolean;
  /** Stop before writing: every check runs, `pptx` is null (the CLI's `check`). */
  checkOnly?: boolean;
  /** The deckwright.config.json that applies (its deck defaults and theme), if any. */
  config?: FoundConfig | null;
  /** Called as slides are laid out and measured (the CLI's progress line on a terminal). */
  onProgress?: (done: number, total: number) => void;
  /** Written into the file as its creation time; the same date gives the same bytes. */
  modified: Date;
}

export interface CompileResult {
  diagnostics: Diagnostic[];
  outline: Outline;
  deck: Deck;
  slides: SlideSpec[];
  /** The .pptx, or null when an error stopped the build. */
  pptx: Uint8Array | null;
  /** What the deck was made from besides the Markdown: the theme's folders and the image files (for --watch). */
  sources: string[];
}

export async function compile(markdown: string, file: string, options: CompileOptions): Promise<CompileResult> {
  const diagnostics = new Diagnostics(file);
  const parsed = parse(markdown, file, diagnostics);
  const config = options.config ?? null;
  const outline = { ...parsed, frontMatter: withDeckDefaults(parsed.frontMatter, config?.config) };
  const theme = themeFor(themeSetting(options.theme, parsed.frontMatter, config), file, config, diagnostics);
  const images = readImages(outline, { baseDir: dirname(file), allowOutside: options.allowOutside ?? false }, diagnostics);
  const capacity = capacityOf(theme?.theme ?? loadTheme(resolveThemeDir(DEFAULT_THEME, ".")).theme);
  if (hasCode(outline)) await loadHighlighter();
  const planned = plan(outline, { images, capacity }, diagnostics);
  const { deck, slides } = theme ? fitDeck(planned, theme, fontMeasurer(theme.theme), diagnostics, options.onProgress) : { deck: planned, slides: [] };
  if (slides.length > MAX_SLIDES) {
    diagnostics.error("deck-too-large", `A deck of ${slides.length} slides is more than deckwright can write (at most ${MAX_SLIDES}: the zip format without its 64-bit extension holds 65,535 parts)`, { line: 1, column: 1 }, "split the outline into several decks");
  }
  const sorted = byPosition(options.strict ? diagnostics.list.map((d) => ({ ...d, severity: "error" as const })) : diagnostics.list);
  const sources = [...(theme?.chain ?? []), ...[...images.values()].map((image) => image.path)];
  if (sorted.some((d) => d.severity === "error") || options.checkOnly) return { diagnostics: sorted, outline, deck, slides, pptx: null, sources };
  const raw = await writePptx(slides, deck.meta);
  const linkColor = theme?.theme.colors.link.replace("#", "");
  const pptx = packagePptx(raw, { modified: options.modified, rasterizeSvg: svgToPng, ...(linkColor === undefined ? {} : { linkColor }) });
  return { diagnostics: sorted, outline, deck, slides, pptx, sources };
}

/** In the order of the source: problems without a line (a theme file, the whole input) first. */
function byPosition(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function hasCode(outline: Outline): boolean {
  return outline.slides.some((s) => s.blocks.some((b) => b.type === "code" || (b.type === "columns" && b.columns.flat().some((c) => c.type === "code"))));
}

/**
 * The theme (src/config/settings.ts decides which); a path is relative to where it was written:
 * the Markdown file, the config file, or (for --theme) the working folder. A theme that cannot be
 * loaded is reported with the rest; the build then stops before writing.
 */
function themeFor(setting: ReturnType<typeof themeSetting>, file: string, config: FoundConfig | null, diagnostics: Diagnostics): LoadedTheme | null {
  const name = setting?.name ?? DEFAULT_THEME;
  const base = setting?.base === "config" && config ? dirname(config.file) : setting?.base === "cwd" ? process.cwd() : dirname(file);
  try {
    const theme = loadTheme(resolveThemeDir(name, base));
    const problems = checkTheme(theme);
    diagnostics.list.push(...problems);
    return problems.length > 0 ? null : theme;
  } catch (error) {
    if (!(error instanceof DeckwrightError)) throw error;
    diagnostics.list.push(...error.diagnostics);
    return null;
  }
}
