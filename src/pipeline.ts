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
import type { Flavor } from "./parse/flavors.js";
import { plan } from "./plan/plan.js";
import { confineSlidePictures } from "./images/confineSlides.js";
import { PictureStore } from "./images/pictures.js";
import { FallbackCache, sha256 } from "./images/rasterize.js";
import { imageBlocks, readImages } from "./images/read.js";
import { convertPictures } from "./images/convert.js";
import { capacityOf } from "./measure/capacity.js";
import type { FoundConfig } from "./config/config.js";
import { themeSetting, withDeckDefaults } from "./config/settings.js";
import { fitDeck } from "./fit/fit.js";
import type { FitCache } from "./fit/cache.js";
import type { OutlineCache } from "./parse/cache.js";
import { reportIllegibleLooks } from "./render/render.js";
import { loadHighlighter } from "./highlight/highlight.js";
import { fontMeasurer } from "./measure/measurer.js";
import { checkTheme } from "./themes/check.js";
import { DEFAULT_THEME, defaultThemes, loadTheme, resolveThemeDir, type LoadedTheme, type ThemeSet } from "./themes/load.js";
import { writeDeck, type SkeletonCache } from "./write/deck.js";
import type { DeflateCache } from "./write/zip.js";
import { writeTemplateDeck } from "./write/template.js";
import { themeScheme } from "./write/scheme.js";
import { templateWarnings } from "./template/warnings.js";

/** A slide with notes is four parts (slide, notes, and their relationships) and the zip writer has no zip64 (65,535 entries): at most about 16,380 such slides. */
export const MAX_SLIDES = 16_000;

export interface CompileOptions {
  /** A built-in theme's name or a theme folder's path; wins over the front matter's `theme`. */
  theme?: string;
  /** A company template (.potx or .pptx) to build into (the CLI's --template); wins over `theme`. */
  template?: string;
  /** Allow images outside the Markdown file's folder. */
  allowOutside?: boolean;
  /** Whose Markdown the file is (the CLI's --from); otherwise the front matter's `flavor`, otherwise detected. */
  flavor?: Flavor;
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
  /**
   * PNG fallbacks of SVGs already drawn, kept by the caller across builds (`build --watch` keeps
   * one for its session); without it each build makes its own, so an SVG shown on many slides is
   * still drawn once. Not sent to worker threads: a batch's decks each make their own.
   */
  fallbacks?: FallbackCache;
  /** The themes already loaded, kept by the caller across builds (`build --watch` keeps one and forgets what changed); otherwise the process's. */
  themes?: ThemeSet;
  /** The skeletons (presentation, layouts, theme, charts) of earlier builds, kept by the caller (`build --watch` keeps one); otherwise each build makes its own. */
  skeletons?: SkeletonCache;
  /** The outlines of earlier builds, kept by the caller (`build --watch` keeps one): Markdown that did not change is not parsed again. */
  outlines?: OutlineCache;
  /** The fitted slides of earlier builds, kept by the caller (`build --watch` keeps one): a slide that did not change is not rendered or measured again. */
  fits?: FitCache;
  /** The parts compressed by earlier builds, kept by the caller (`build --watch` keeps one): a part that did not change is not deflated again. */
  deflated?: DeflateCache;
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
  const parsed = options.outlines ? options.outlines.parse(markdown, file, diagnostics, options.flavor) : parse(markdown, file, diagnostics, { flavor: options.flavor });
  const config = options.config ?? null;
  const outline = { ...parsed, frontMatter: withDeckDefaults(parsed.frontMatter, config?.config) };
  const allowOutside = options.allowOutside ?? false;
  const themes = options.themes ?? defaultThemes;
  const theme = themeFor(themeSetting(options.theme, parsed.frontMatter, config, options.template), file, config, allowOutside, themes, diagnostics);
  const pictures = new PictureStore();
  for (const picture of [theme?.images.logo, theme?.images.backgroundImage]) if (picture) pictures.add(picture);
  const blocks = imageBlocks(outline);
  const converted = blocks.length > 0 ? await convertPictures(blocks, dirname(file), allowOutside) : new Map<string, Uint8Array>();
  const images = readImages(outline, { baseDir: dirname(file), allowOutside }, diagnostics, pictures, converted);
  const capacity = capacityOf(theme?.theme ?? loadTheme(resolveThemeDir(DEFAULT_THEME, "."), {}, themes).theme);
  if (hasCode(outline)) await loadHighlighter();
  const planned = plan(outline, { images, capacity }, diagnostics);
  if (theme?.template) diagnostics.list.push(...templateWarnings(theme.template, planned));
  const fitted = theme ? fitDeck(planned, theme, fontMeasurer(theme.theme), diagnostics, options.onProgress, options.fits) : { deck: planned, slides: [] };
  const deck = fitted.deck;
  if (theme) reportIllegibleLooks(deck, theme, diagnostics);
  const slides = theme ? confineSlidePictures(fitted.slides, theme, pictures, { baseDir: dirname(file), allowOutside }, diagnostics) : fitted.slides;
  if (slides.length > MAX_SLIDES) {
    diagnostics.error("deck-too-large", `A deck of ${slides.length} slides is more than deckwright can write (at most ${MAX_SLIDES}: the zip format without its 64-bit extension holds 65,535 parts)`, { line: 1, column: 1 }, "split the outline into several decks");
  }
  const sorted = byPosition(options.strict ? diagnostics.list.map((d) => ({ ...d, severity: "error" as const })) : diagnostics.list);
  const sources = [...new Set([...(theme?.chain ?? []), ...[...pictures.values()].map((picture) => picture.path)])];
  if (sorted.some((d) => d.severity === "error") || options.checkOnly) return { diagnostics: sorted, outline, deck, slides, pptx: null, sources };
  const linkColor = theme?.theme.colors.link.replace("#", "");
  const rasterizeSvg = fallbackDrawer(slides, pictures, options.fallbacks ?? new FallbackCache());
  const colorScheme = theme && !theme.template ? themeScheme(theme.theme) : undefined;
  const deckOptions = { modified: options.modified, rasterizeSvg, ...(colorScheme ? { colorScheme } : {}), ...(linkColor === undefined ? {} : { linkColor }), ...(options.skeletons ? { skeletons: options.skeletons } : {}), ...(options.deflated ? { deflated: options.deflated } : {}) };
  const pptx = theme?.template ? await writeTemplateDeck(slides, deck.meta, pictures, theme.template, deckOptions) : await writeDeck(slides, deck.meta, pictures, deckOptions);
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
function themeFor(setting: ReturnType<typeof themeSetting>, file: string, config: FoundConfig | null, allowOutside: boolean, themes: ThemeSet, diagnostics: Diagnostics): LoadedTheme | null {
  const name = setting?.name ?? DEFAULT_THEME;
  const base = setting?.base === "config" && config ? dirname(config.file) : setting?.base === "cwd" ? process.cwd() : dirname(file);
  try {
    const layouts = config?.config.templateLayouts;
    const theme = loadTheme(resolveThemeDir(name, base), { allowOutside, ...(layouts ? { templateLayouts: layouts } : {}) }, themes);
    const problems = checkTheme(theme);
    diagnostics.list.push(...problems);
    return problems.length > 0 ? null : theme;
  } catch (error) {
    if (!(error instanceof DeckwrightError)) throw error;
    diagnostics.list.push(...error.diagnostics);
    return null;
  }
}

/**
 * Draws each SVG's PNG fallback at the size it is shown (the widest use, crop included), found
 * by the SVG's bytes: the packaging step sees only the media part, one per use. `fallbacks`
 * draws each (SVG, pixel size) once and keeps it for the next build.
 */
function fallbackDrawer(slides: readonly SlideSpec[], pictures: PictureStore, fallbacks: FallbackCache): (svg: Uint8Array) => Uint8Array {
  const shown = new Map<string, number>();
  for (const element of slides.flatMap((s) => s.elements)) {
    const picture = element.type === "image" ? pictures.get(element.path) : undefined;
    if (element.type !== "image" || picture?.format !== "svg") continue;
    const crop = element.crop ?? { left: 0, right: 0 };
    const width = element.box.w / Math.max(0.01, 1 - crop.left - crop.right);
    const key = sha256(picture.bytes);
    shown.set(key, Math.max(shown.get(key) ?? 0, width));
  }
  return (svg) => {
    const hash = sha256(svg);
    return fallbacks.fallback(svg, shown.get(hash), hash);
  };
}
