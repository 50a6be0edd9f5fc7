import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type Handlebars from "handlebars";
import type { LayoutKind } from "../model/deck.js";
import type { LoadedTheme } from "../themes/load.js";
import { directTemplate } from "./direct.js";

/** Compiled templates of one theme. Templates come only from theme folders, never from user data. */
export type CompiledTheme = Record<LayoutKind, { file: string; render: (view: object) => string; /** compiled at build time (scripts/compile.mjs), not by this process */ precompiled: boolean }>;

type HandlebarsModule = typeof Handlebars;
/** What `Handlebars.precompile` writes (as JavaScript source) and `template` takes. */
type TemplateSpec = Parameters<HandlebarsModule["template"]>[0];

export const COMPILE_OPTIONS = Object.freeze({ strict: true, noEscape: false, preventIndent: true } as const);

/**
 * Templates compiled ahead of time (scripts/compile.mjs, from the built-in themes' folders, with
 * src/render/precompile.ts): Handlebars' template specifications by `templateKey`, and the
 * Handlebars version that wrote them.
 */
export interface PrecompiledTemplates {
  handlebars: string;
  specs: Readonly<Record<string, TemplateSpec>>;
}

/** Where scripts/compile.mjs writes the precompiled templates: beside this module in dist/ (none beside src/). */
export const PRECOMPILED_FILE = "templates.precompiled.cjs";

/** A template's key in the precompiled table: its source and the options it is compiled with, hashed. */
export function templateKey(source: string): string {
  return createHash("sha256").update(JSON.stringify(COMPILE_OPTIONS)).update("\0").update(source).digest("hex");
}

const load = createRequire(import.meta.url);
/**
 * Handlebars without its compiler (~40 ms less to load): enough for precompiled templates. The
 * compiler (with source-map) is loaded only for a template that was not precompiled: a user
 * theme's, or a built-in template changed since dist/ was compiled.
 */
let runtime: HandlebarsModule | undefined;
let compiler: HandlebarsModule | undefined;
const handlebarsRuntime = (): HandlebarsModule => (runtime ??= load("handlebars/runtime") as HandlebarsModule);
const handlebarsCompiler = (): HandlebarsModule => (compiler ??= load("handlebars") as HandlebarsModule);

let shipped: PrecompiledTemplates | null | undefined;
/** The precompiled templates shipped beside this module (dist/render), or null when there are none (running from src/, or the prepare step failed). */
function shippedTemplates(): PrecompiledTemplates | null {
  if (shipped === undefined) {
    let found: PrecompiledTemplates | null = null;
    try {
      found = load(`./${PRECOMPILED_FILE}`) as PrecompiledTemplates;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    }
    shipped = found;
  }
  return shipped;
}

/** The fixed list of helpers a template may use. */
const HELPERS: Record<string, Handlebars.HelperDelegate> = {
  /** `{{#if (eq kind "bullet")}}` */
  eq: (a: unknown, b: unknown) => a === b,
  /** `{{pad2 3}}` → "03" */
  pad2: (n: unknown) => String(n).padStart(2, "0"),
  /** `data="{{json chart}}"`: structured data as (escaped) JSON text for an attribute. */
  json: (value: unknown) => JSON.stringify(value),
  /** `{{> runs (linked title slide)}}`: the runs, each a link to slide N (no link when N is null). */
  linked: (runs: unknown, slide: unknown) =>
    Array.isArray(runs) && typeof slide === "number" ? runs.map((run: object) => ({ ...run, href: `#slide-${slide}` })) : runs,
};

const compiled = new WeakMap<LoadedTheme, CompiledTheme>();

/**
 * Compiles every template of a theme once, in its own Handlebars environment. A template whose
 * source was precompiled (`precompiled`, by default the table shipped in dist/) is not compiled
 * again: the same specification that `compile` makes, made at build time.
 */
export function compileTheme(theme: LoadedTheme, precompiled: PrecompiledTemplates | null = shippedTemplates()): CompiledTheme {
  const cached = compiled.get(theme);
  if (cached) return cached;
  const sources = [...Object.values(theme.partials), ...Object.values(theme.layouts)].map((t) => t.source);
  const specs = precompiledSpecs(sources, precompiled);
  const env = (sources.every((source) => specs.has(source)) ? handlebarsRuntime() : handlebarsCompiler()).create();
  const template = (source: string) => {
    const spec = specs.get(source);
    return spec ? env.template(spec) : env.compile(source, COMPILE_OPTIONS);
  };
  // `log` writes to the console from inside a template; templates only render markup.
  env.unregisterHelper("log");
  for (const [name, helper] of Object.entries(HELPERS)) env.registerHelper(name, helper);
  // The simplest partials (the runs of a paragraph) run directly, with Handlebars' results (direct.ts).
  const helpers = new Set(Object.keys(env.helpers));
  const escape = (value: unknown) => env.Utils.escapeExpression(value as string);
  for (const [name, partial] of Object.entries(theme.partials)) {
    const compiledPartial = template(partial.source);
    env.registerPartial(name, directTemplate(partial.source, helpers, escape, compiledPartial) ?? compiledPartial);
  }
  const result = {} as CompiledTheme;
  for (const [kind, layout] of Object.entries(theme.layouts) as [LayoutKind, LoadedTheme["layouts"][LayoutKind]][]) {
    const render = template(layout.source);
    result[kind] = {
      file: layout.file,
      precompiled: specs.has(layout.source),
      // Prototype access stays off (Handlebars' default); said here so nobody turns it on by accident.
      render: (view) => render(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }),
    };
  }
  compiled.set(theme, result);
  return result;
}

/** The precompiled specifications of those sources that have one (none when the installed Handlebars did not write them). */
function precompiledSpecs(sources: readonly string[], precompiled: PrecompiledTemplates | null): Map<string, TemplateSpec> {
  const specs = new Map<string, TemplateSpec>();
  if (!precompiled || precompiled.handlebars !== handlebarsRuntime().VERSION) return specs;
  for (const source of sources) {
    const key = templateKey(source);
    const spec = Object.hasOwn(precompiled.specs, key) ? precompiled.specs[key] : undefined;
    if (spec) specs.set(source, spec);
  }
  return specs;
}
