import { dirname, resolve } from "node:path";
import type { FrontMatter } from "../model/outline.js";
import type { Config, FoundConfig } from "./config.js";

/*
 * The one place where a setting's value is decided: the command-line flag, then the deck's front
 * matter, then deckwright.config.json, then the default. (Front matter has no build options and
 * flags have no deck defaults, so each setting takes the sources it has, in that order.)
 */

function firstOf<T>(...candidates: (T | undefined)[]): T | undefined {
  return candidates.find((c) => c !== undefined);
}

/** The front matter with the config's deck defaults filled in where the deck says nothing. */
export function withDeckDefaults(frontMatter: FrontMatter, config: Config | undefined): FrontMatter {
  if (!config) return frontMatter;
  const defaults: FrontMatter = {};
  if (config.lang !== undefined) defaults.lang = config.lang;
  if (config.footer !== undefined) defaults.footer = config.footer;
  if (config.aspect !== undefined) defaults.aspect = config.aspect;
  if (config.agenda !== undefined) defaults.agenda = config.agenda;
  return { ...defaults, ...frontMatter };
}

/** The theme: --theme, then front matter, then the config (a path there is relative to the config file). */
export function themeSetting(flag: string | undefined, frontMatter: FrontMatter, config: FoundConfig | null, templateFlag?: string): { name: string; base: "markdown" | "config" | "cwd" } | undefined {
  // A company template (--template, `template:`) wins over a theme from the same place.
  if (templateFlag !== undefined) return { name: templateFlag, base: "cwd" };
  if (flag !== undefined) return { name: flag, base: "cwd" };
  if (frontMatter.template !== undefined) return { name: frontMatter.template, base: "markdown" };
  if (frontMatter.theme !== undefined) return { name: frontMatter.theme, base: "markdown" };
  if (config?.config.template !== undefined) return { name: config.config.template, base: "config" };
  if (config?.config.theme !== undefined) return { name: config.config.theme, base: "config" };
  return undefined;
}

/** Build options: the flag, then the config, then the default. `out` in the config is relative to it. */
export function buildSettings(flags: { out?: string | undefined; strict?: boolean | undefined; allowOutside?: boolean | undefined }, config: FoundConfig | null) {
  const configOut = config?.config.out === undefined ? undefined : resolve(dirname(config.file), config.config.out);
  return {
    out: firstOf(flags.out, configOut),
    strict: firstOf(flags.strict, config?.config.strict) ?? false,
    allowOutside: firstOf(flags.allowOutside, config?.config.allowOutside) ?? false,
  };
}
