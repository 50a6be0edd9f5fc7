import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import type { Diagnostic } from "../model/diagnostic.js";
import { FrontMatterSchema } from "../model/outline.js";
import { listNames, suggestionHint } from "../diagnostics/suggest.js";
import { toStrictJson } from "../themes/jsonc.js";

export const CONFIG_FILE = "deckwright.config.json";

/**
 * deckwright.config.json: defaults for the decks of a folder and the folders below it. The deck
 * defaults are the front-matter keys a deck may leave out; the build defaults are the options.
 */
export const ConfigSchema = z
  .object({
    theme: z.string().min(1).optional(),
    /** A company template (.potx or .pptx), relative to the config file; wins over \`theme\`. */
    template: z.string().min(1).optional(),
    /** Which of the template's layouts a layout kind goes on, by layout name (docs/company-template.md). */
    templateLayouts: z.record(z.string(), z.string().min(1)).optional(),
    lang: FrontMatterSchema.shape.lang,
    footer: z.string().optional(),
    aspect: FrontMatterSchema.shape.aspect,
    agenda: z.boolean().optional(),
    /** Relative to the config file's folder. */
    out: z.string().min(1).optional(),
    strict: z.boolean().optional(),
    allowOutside: z.boolean().optional(),
  })
  .strict();
export type Config = z.infer<typeof ConfigSchema>;

export interface FoundConfig {
  file: string;
  config: Config;
}

/** The nearest deckwright.config.json in `dir` or a folder above it, or null. */
export function findConfig(dir: string): string | null {
  let current = resolve(dir);
  for (;;) {
    const candidate = join(current, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/** Reads and checks a config file; problems are diagnostics naming the key. */
export function readConfig(file: string): { found: FoundConfig | null; problems: Diagnostic[] } {
  let json: unknown;
  try {
    json = JSON.parse(toStrictJson(readFileSync(file, "utf8")));
  } catch (error) {
    return { found: null, problems: [{ id: "invalid-config", severity: "error", file, message: `Not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = ConfigSchema.safeParse(json);
  if (parsed.success) return { found: { file, config: parsed.data }, problems: [] };
  const allowed = Object.keys(ConfigSchema.shape);
  const problems = parsed.error.issues.map((issue): Diagnostic => {
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0] ?? "";
      const hint = suggestionHint(key, allowed);
      return { id: "invalid-config", severity: "error", file, message: `Unexpected key \`${key}\`, expected one of ${listNames(allowed)}`, ...(hint ? { hint } : {}) };
    }
    return { id: "invalid-config", severity: "error", file, message: `${issue.path.join(".")}: ${issue.message}` };
  });
  return { found: null, problems };
}
