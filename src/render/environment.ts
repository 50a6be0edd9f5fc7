import Handlebars from "handlebars";
import type { LayoutKind } from "../model/deck.js";
import type { LoadedTheme } from "../themes/load.js";

/** Compiled templates of one theme. Templates come only from theme folders, never from user data. */
export type CompiledTheme = Record<LayoutKind, { file: string; render: (view: object) => string }>;

const COMPILE_OPTIONS = { strict: true, noEscape: false, preventIndent: true } as const;

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

/** Compiles every template of a theme once, in its own Handlebars environment. */
export function compileTheme(theme: LoadedTheme): CompiledTheme {
  const cached = compiled.get(theme);
  if (cached) return cached;
  const env = Handlebars.create();
  // `log` writes to the console from inside a template; templates only render markup.
  env.unregisterHelper("log");
  for (const [name, helper] of Object.entries(HELPERS)) env.registerHelper(name, helper);
  for (const [name, partial] of Object.entries(theme.partials)) {
    env.registerPartial(name, env.compile(partial.source, COMPILE_OPTIONS));
  }
  const result = {} as CompiledTheme;
  for (const [kind, layout] of Object.entries(theme.layouts) as [LayoutKind, LoadedTheme["layouts"][LayoutKind]][]) {
    const template = env.compile(layout.source, COMPILE_OPTIONS);
    result[kind] = {
      file: layout.file,
      // Prototype access stays off (Handlebars' default); said here so nobody turns it on by accident.
      render: (view) => template(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }),
    };
  }
  compiled.set(theme, result);
  return result;
}
