import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { LAYOUT_KINDS, type LayoutKind } from "../model/deck.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { ThemeSchema, type Theme } from "../model/theme.js";
import { DeckwrightError } from "../diagnostics/diagnostics.js";
import { listNames, suggestionHint } from "../diagnostics/suggest.js";
import { readPicture, type Picture } from "../images/pictures.js";
import { layerDefining, mergeValues, readChain, type TemplateSource, type ThemeLayer } from "./chain.js";
import { confine } from "../files/confine.js";
import { readTemplateFile, type Template } from "../template/read.js";
import { chooseLayouts, slotsOf, type LayoutMapping, type LayoutSlots } from "../template/layouts.js";
import { templateValues } from "../template/theme.js";

/** The built-in themes live in the package's templates/ folder. */
export const BUILT_IN_THEMES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../templates");
export const DEFAULT_THEME = "meridian";
/** The layout templates a template-backed theme starts from (issue 15): elements bound to the template's placeholders. */
export const TEMPLATE_LAYOUTS_DIR = join(BUILT_IN_THEMES_DIR, "_template");

/** A file name that is a template, not a theme folder: `.potx`, `.pptx` (and the macro kinds, refused when read). */
export const isTemplateFile = (name: string): boolean => /\.(potx|pptx|potm|pptm)$/i.test(name);

/** What a theme built on a company's template knows of it (src/template/). */
export interface TemplateBinding {
  readonly template: Template;
  readonly mapping: LayoutMapping;
  /** The placeholders of the layout each kind goes on. */
  readonly slots: Readonly<Record<LayoutKind, LayoutSlots>>;
  /** Warnings of reading it (fonts without a stand-in, …), reported with the build. */
  readonly warnings: readonly Diagnostic[];
}

/** A theme's logo or background: a checked picture (src/images/pictures.ts). */
export type ThemeImageFile = Picture;

export type { TemplateSource } from "./chain.js";

/** A theme with its `extends` chain resolved and validated: values, templates, and image files. */
export interface LoadedTheme {
  /** The folder asked for (the child of the chain). */
  dir: string;
  /** The folders of the chain, base first. */
  chain: string[];
  theme: Theme;
  layouts: Record<LayoutKind, TemplateSource>;
  partials: Record<string, TemplateSource>;
  /** The theme's images, resolved against the folder that names them, inside it (unless allowed outside), checked and read. */
  images: { logo: ThemeImageFile | null; backgroundImage: ThemeImageFile | null };
  /** Set when the theme is a company's template (`--template`, or `"template"` in theme.json). */
  template?: TemplateBinding;
}

/** `name` is a built-in theme's name or a path (resolved against `baseDir`). */
export function resolveThemeDir(name: string, baseDir: string): string {
  const looksLikePath = name.includes("/") || name.includes("\\") || name.startsWith(".") || isTemplateFile(name);
  return looksLikePath ? resolve(baseDir, name) : join(BUILT_IN_THEMES_DIR, name);
}

export function builtInThemeNames(): string[] {
  return readdirSync(BUILT_IN_THEMES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_") && existsSync(join(BUILT_IN_THEMES_DIR, entry.name, "theme.json")))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The themes loaded so far, each read once: owned by whoever builds (as marpit's `ThemeSet` owns
 * themes), so that `build --watch` keeps its own and forgets a theme whose files changed. One-off
 * callers share `defaultThemes`.
 */
export class ThemeSet {
  private readonly loaded = new Map<string, LoadedTheme>();

  /** The theme of a folder (and the themes it extends), or of a template file (.potx); see `loadTheme`. */
  load(dir: string, options: ThemeOptions = {}): LoadedTheme {
    const folder = resolve(dir);
    const key = `${folder}\0${options.allowOutside === true ? "outside" : "inside"}\0${JSON.stringify(options.templateLayouts ?? {})}`;
    let theme = this.loaded.get(key);
    if (!theme) {
      theme = readTheme(folder, options, isTemplateFile(folder) ? folder : undefined);
      this.loaded.set(key, theme);
    }
    return theme;
  }

  /** Forgets every theme that `path` (a theme folder or a file in one) belongs to, so the next build reads it again. */
  forget(path: string): void {
    const changed = resolve(path);
    for (const [key, theme] of this.loaded) {
      if (theme.chain.some((dir) => changed === dir || changed.startsWith(`${dir}/`))) this.loaded.delete(key);
    }
  }
}

/** The themes of callers that build once (a CLI build, the library API, the tests). */
export const defaultThemes = new ThemeSet();

export interface ThemeOptions {
  /** The theme's logo and background may be outside its folder (the CLI's --allow-outside). */
  allowOutside?: boolean;
  /** For a template: the layout each kind goes on, by name (deckwright.config.json's `templateLayouts`); a theme.json's win. */
  templateLayouts?: Readonly<Record<string, string>>;
}

/**
 * Reads a theme folder and the themes it extends, once per process; throws DeckwrightError with
 * every problem found. Every file is read through the theme folder's confinement: a theme
 * (perhaps from a pull request) reads nothing outside its own folders.
 */
export function loadTheme(dir: string, options: ThemeOptions = {}, themes: ThemeSet = defaultThemes): LoadedTheme {
  return themes.load(dir, options);
}

function readTheme(folder: string, options: ThemeOptions, templateFile?: string): LoadedTheme {
  const problems: Diagnostic[] = [];
  const report = (problem: Diagnostic) => problems.push(problem);
  let layers = templateFile === undefined ? readChain(folder, resolveThemeDir, report) : [];
  if (problems.length > 0) {
    const missing = problems.find((p) => p.id === "theme-not-found");
    if (missing) missing.hint = `built-in themes: ${builtInThemeNames().join(", ")}`;
    throw new DeckwrightError(problems);
  }
  const wrapped = templateFile === undefined ? wrappedTemplate(layers, options, report) : { file: templateFile, layouts: { ...options.templateLayouts } };
  let binding: TemplateBinding | undefined;
  if (wrapped) {
    binding = bindTemplate(wrapped.file, wrapped.layouts, report);
    if (!binding) throw new DeckwrightError(problems);
    const base = readChain(TEMPLATE_LAYOUTS_DIR, resolveThemeDir, report);
    const values = templateValues(binding.template, binding.slots);
    const own: ThemeLayer = { dir: wrapped.file, file: wrapped.file, values, layouts: new Map(), partials: new Map() };
    layers = [...base, own, ...layers.map((layer) => ({ ...layer, values: withoutTemplateKeys(layer.values) }))];
  }
  const theme = validate(layers, report);
  const layouts = layoutTemplates(layers, report);
  const partials = partialTemplates(layers);
  const images = theme ? themeImages(theme, layers, options.allowOutside === true, report) : { logo: null, backgroundImage: null };
  if (problems.length > 0 || !theme) throw new DeckwrightError(problems);
  const chain = layers.map((l) => l.dir).filter((dir) => dir !== TEMPLATE_LAYOUTS_DIR);
  return Object.freeze({ dir: folder, chain, theme, layouts, partials, images, ...(binding ? { template: binding } : {}) });
}

/** The template a theme folder wraps (`"template"` in its theme.json or one it extends) and its `templateLayouts`, or undefined. */
function wrappedTemplate(layers: readonly ThemeLayer[], options: ThemeOptions, report: (p: Diagnostic) => void): { file: string; layouts: Record<string, string> } | undefined {
  const layer = [...layers].reverse().find((l) => l.values.template !== undefined);
  if (!layer) return undefined;
  const name = layer.values.template;
  if (typeof name !== "string" || !isTemplateFile(name)) {
    report({ id: "invalid-theme", severity: "error", file: layer.file, message: `template: expected the path of a .potx or .pptx file, got ${JSON.stringify(name)}` });
    return undefined;
  }
  const file = resolve(layer.dir, name);
  if (options.allowOutside !== true) {
    const found = confine(file, [layer.dir]);
    if (!found.ok && found.reason === "outside") {
      report({ id: "theme-file-refused", severity: "error", file: layer.file, message: `template: \`${name}\` is outside the theme folder${found.throughLink ? " (a symbolic link)" : ""}`, hint: "put the template in the theme folder, or build with --allow-outside" });
      return undefined;
    }
  }
  const layouts: Record<string, string> = { ...options.templateLayouts };
  for (const l of layers) {
    const asked = l.values.templateLayouts;
    if (asked === undefined) continue;
    if (typeof asked !== "object" || asked === null || Array.isArray(asked) || Object.values(asked).some((v) => typeof v !== "string")) {
      report({ id: "invalid-theme", severity: "error", file: l.file, message: "templateLayouts: expected an object of layout kinds to the names of the template's layouts" });
      continue;
    }
    Object.assign(layouts, asked);
  }
  return { file, layouts };
}

function withoutTemplateKeys(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => key !== "template" && key !== "templateLayouts"));
}

/** The template in `file`, read, checked and mapped; undefined (with its problems reported) when it cannot be used. */
function bindTemplate(file: string, overrides: Readonly<Record<string, string>>, report: (p: Diagnostic) => void): TemplateBinding | undefined {
  const read = readTemplateFile(file);
  if (!read.ok) {
    read.diagnostics.forEach(report);
    return undefined;
  }
  const { template } = read;
  const mapping = chooseLayouts(template, overrides);
  const names = template.layouts.map((l) => l.name);
  for (const { kind, name } of mapping.unknown) {
    const known = (LAYOUT_KINDS as readonly string[]).includes(kind);
    report({
      id: "template-layout-unknown",
      severity: "error",
      file,
      message: known ? `templateLayouts.${kind}: the template has no layout named \`${name}\`; its layouts are ${listNames(names)}` : `templateLayouts: \`${kind}\` is not a layout kind; expected one of ${listNames(LAYOUT_KINDS)}`,
      ...((known ? suggestionHint(name, names) : suggestionHint(kind, LAYOUT_KINDS)) !== undefined ? { hint: (known ? suggestionHint(name, names) : suggestionHint(kind, LAYOUT_KINDS)) as string } : {}),
    });
  }
  if (mapping.unknown.length > 0) return undefined;
  const slots = Object.fromEntries(LAYOUT_KINDS.map((kind) => [kind, slotsOf(mapping.choices[kind].layout, template.size)])) as Record<LayoutKind, LayoutSlots>;
  return { template, mapping, slots, warnings: read.warnings };
}

function validate(layers: ThemeLayer[], report: (p: Diagnostic) => void): Theme | undefined {
  const merged = layers.reduce<Record<string, unknown>>((values, layer) => mergeValues(values, layer.values), {});
  const parsed = ThemeSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const child = layers.at(-1);
  for (const issue of parsed.error.issues) {
    const blamed = layerDefining(layers, issue.path) ?? child;
    report({ id: "invalid-theme", severity: "error", file: blamed?.file ?? "theme.json", ...describeIssue(issue, merged) });
  }
  return undefined;
}

/** `colors.accent: expected a hex colour like "#1A2B3C", got "#12345"` */
function describeIssue(issue: z.core.$ZodIssue, root: unknown): { message: string; hint?: string } {
  const at = issue.path.map(String).join(".") || "(top level)";
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeys(issue.path);
    const key = issue.keys[0] ?? "";
    const hint = suggestionHint(key, allowed);
    const where = issue.path.length === 0 ? "" : ` in ${at}`;
    const message = `Unexpected key${issue.keys.length > 1 ? "s" : ""} ${listNames(issue.keys)}${where}, expected one of ${listNames(allowed)}`;
    return hint === undefined ? { message } : { message, hint };
  }
  const value = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], root);
  const expected = issue.message.replace(/^Invalid input: /, "").replace(/, received \w+$/, "");
  if (value === undefined) return { message: `${at}: missing, ${expected}` };
  return { message: `${at}: ${expected}, got ${JSON.stringify(value)}` };
}

/** The keys the schema allows at a path (for did-you-mean). */
function allowedKeys(path: readonly PropertyKey[]): string[] {
  let schema: unknown = ThemeSchema;
  for (const key of path) {
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    schema = shape?.[String(key)];
    while (schema && typeof schema === "object" && "unwrap" in schema && typeof schema.unwrap === "function") schema = (schema as { unwrap: () => unknown }).unwrap();
  }
  return Object.keys((schema as { shape?: Record<string, unknown> } | undefined)?.shape ?? {});
}

function layoutTemplates(layers: ThemeLayer[], report: (p: Diagnostic) => void): Record<LayoutKind, TemplateSource> {
  const result = {} as Record<LayoutKind, TemplateSource>;
  for (const kind of LAYOUT_KINDS) {
    const template = [...layers].reverse().find((l) => l.layouts.has(kind))?.layouts.get(kind);
    if (template) result[kind] = template;
    else report({ id: "missing-template", severity: "error", file: join(layers.at(-1)?.dir ?? ".", "layouts", `${kind}.hbs`), message: `The theme has no template for the \`${kind}\` layout` });
  }
  return result;
}

function partialTemplates(layers: ThemeLayer[]): Record<string, TemplateSource> {
  const result: Record<string, TemplateSource> = {};
  for (const layer of layers) for (const [name, template] of layer.partials) result[name] = template;
  return result;
}

function themeImages(theme: Theme, layers: ThemeLayer[], allowOutside: boolean, report: (p: Diagnostic) => void): LoadedTheme["images"] {
  const locate = (key: "logo" | "backgroundImage"): ThemeImageFile | null => {
    const image = theme[key];
    if (!image) return null;
    const layer = layerDefining(layers, [key, "path"]);
    const file = layer?.file ?? "theme.json";
    const dir = layer?.dir ?? ".";
    const path = resolve(dir, image.path);
    const read = readPicture(path, allowOutside ? null : [dir]);
    if ("problem" in read) {
      const { id, message } = read.problem;
      if (id === "image-not-found") report({ id: "theme-image-missing", severity: "error", file, message: `${key}.path: no file at ${path}` });
      else if (id === "image-outside") report({ id: "theme-image-outside", severity: "error", file, message: `${key}.path: \`${image.path}\` is ${message.replace("the allowed folders", "the theme folder")}`, hint: "put the picture in the theme folder, or build with --allow-outside" });
      else report({ id: "theme-image-invalid", severity: "error", file, message: `${key}.path: ${path}: ${message}` });
      return null;
    }
    if (key === "logo" && !theme.regions.logo) {
      report({ id: "invalid-theme", severity: "error", file, message: "logo: the theme needs a `logo` region to place it in" });
    }
    return read.picture;
  };
  return { logo: locate("logo"), backgroundImage: locate("backgroundImage") };
}
