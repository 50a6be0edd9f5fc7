import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { confine } from "../files/confine.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { toStrictJson } from "./jsonc.js";

/** The largest theme.json, template or partial read: a theme is a few kilobytes of text. */
export const MAX_THEME_FILE_BYTES = 1024 * 1024;
/** How deep theme.json may nest objects and arrays (the built-in themes use 3 levels). */
export const MAX_THEME_DEPTH = 32;

/** One theme folder of an `extends` chain, as read from disk. */
export interface ThemeLayer {
  dir: string;
  file: string;
  /** theme.json's values, without `extends`. */
  values: Record<string, unknown>;
  /** Template name → its file and text, read once through the theme's confinement. */
  layouts: Map<string, TemplateSource>;
  partials: Map<string, TemplateSource>;
}

export interface TemplateSource {
  file: string;
  source: string;
}

export type ProblemSink = (problem: Diagnostic) => void;

/** Reads a theme folder and every theme it extends; base first. Reports cycles and unreadable files. */
export function readChain(dir: string, resolveName: (name: string, from: string) => string, report: ProblemSink): ThemeLayer[] {
  const layers: ThemeLayer[] = [];
  const seen: string[] = [];
  let current: string | undefined = resolve(dir);
  while (current !== undefined) {
    if (seen.includes(current)) {
      const cycle = [...seen.slice(seen.indexOf(current)), current].map((d) => basename(d)).join(" → ");
      report({ id: "theme-cycle", severity: "error", file: join(seen.at(-1) ?? current, "theme.json"), message: `Unexpected cycle of \`extends\`: ${cycle}` });
      return [];
    }
    seen.push(current);
    const layer = readLayer(current, report);
    if (!layer) return [];
    layers.unshift(layer.layer);
    current = layer.extends === undefined ? undefined : resolveName(layer.extends, current);
  }
  return layers;
}

function readLayer(dir: string, report: ProblemSink): { layer: ThemeLayer; extends: string | undefined } | undefined {
  const file = join(dir, "theme.json");
  if (!existsSync(file)) {
    report({ id: "theme-not-found", severity: "error", file: dir, message: "No theme here: expected a folder with a theme.json" });
    return undefined;
  }
  const text = readThemeFile(file, dir, report);
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(toStrictJson(text));
  } catch (error) {
    report({ id: "invalid-theme", severity: "error", file, message: `theme.json is not valid JSON: ${(error as Error).message}` });
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    report({ id: "invalid-theme", severity: "error", file, message: "Unexpected theme.json, expected an object of theme values" });
    return undefined;
  }
  const shape = checkShape(parsed);
  if (shape !== null) {
    report({ id: "invalid-theme", severity: "error", file, message: shape });
    return undefined;
  }
  const { extends: parent, ...values } = parsed as Record<string, unknown>;
  if (parent !== undefined && typeof parent !== "string") {
    report({ id: "invalid-theme", severity: "error", file, message: "extends: expected the name of a built-in theme or a folder path" });
    return undefined;
  }
  const layouts = templates(dir, "layouts", report);
  const partials = templates(dir, "partials", report);
  if (!layouts || !partials) return undefined;
  return { layer: { dir, file, values, layouts, partials }, extends: parent };
}

/**
 * The text of a file of the theme folder `dir`: it must be a regular file inside the folder once
 * symbolic links are followed (a theme may come from a pull request), and no larger than
 * MAX_THEME_FILE_BYTES. Reports and gives undefined otherwise.
 */
export function readThemeFile(file: string, dir: string, report: ProblemSink): string | undefined {
  const found = confine(file, [dir]);
  if (!found.ok) {
    const why = found.reason === "outside" ? `it is outside the theme folder${found.throughLink ? " (a symbolic link)" : ""}` : found.reason === "missing" ? "it cannot be read" : "it is not a file";
    report({ id: "theme-file-refused", severity: "error", file, message: `Cannot use this theme file: ${why}`, hint: "a theme's files must be inside its folder" });
    return undefined;
  }
  if (found.size > MAX_THEME_FILE_BYTES) {
    report({ id: "theme-file-refused", severity: "error", file, message: `Cannot use this theme file: ${found.size} bytes, more than the ${MAX_THEME_FILE_BYTES} a theme file may have` });
    return undefined;
  }
  return readFileSync(found.real, "utf8");
}

const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Why a parsed theme.json cannot be used as data, or null: a key that would reach an object's
 * prototype when merged, or nesting deeper than MAX_THEME_DEPTH. Walked with an explicit stack,
 * so no depth of input can overflow the call stack.
 */
function checkShape(root: object): string | null {
  const forbidden: string[] = [];
  const stack: { value: object; path: string; depth: number }[] = [{ value: root, path: "", depth: 1 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path, depth } = item;
    if (depth > MAX_THEME_DEPTH) return `Unexpected nesting deeper than ${MAX_THEME_DEPTH} levels at ${path.split(".").slice(0, 4).join(".")}…: theme.json holds a few levels of values`;
    for (const key of Object.keys(value)) {
      const here = path ? `${path}.${key}` : key;
      if (RESERVED.has(key)) forbidden.push(here);
      const child = (value as Record<string, unknown>)[key];
      if (typeof child === "object" && child !== null) stack.push({ value: child, path: here, depth: depth + 1 });
    }
  }
  if (forbidden.length === 0) return null;
  return `Unexpected key ${forbidden.sort().map((k) => `\`${k}\``).join(", ")}: theme.json is data, and these names are reserved`;
}

/** `name` → text of every `*.hbs` in a folder of the theme, each read through the theme's confinement; undefined when one is refused. */
function templates(dir: string, folder: "layouts" | "partials", report: ProblemSink): Map<string, TemplateSource> | undefined {
  const found = new Map<string, TemplateSource>();
  const path = join(dir, folder);
  if (!existsSync(path)) return found;
  let ok = true;
  for (const name of readdirSync(path).filter((f) => f.endsWith(".hbs")).sort()) {
    const file = join(path, name);
    const source = readThemeFile(file, dir, report);
    if (source === undefined) ok = false;
    else found.set(name.slice(0, -4), { file, source });
  }
  return ok ? found : undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Objects merge key by key; arrays and values replace. */
export function mergeValues(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (RESERVED.has(key)) continue;
    const existing = out[key];
    out[key] = isPlainObject(existing) && isPlainObject(value) ? mergeValues(existing, value) : value;
  }
  return out;
}

/** The child-most layer whose theme.json sets the value at `path`: the file to blame for it. */
export function layerDefining(layers: readonly ThemeLayer[], path: readonly PropertyKey[]): ThemeLayer | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    let value: unknown = layers[i]?.values;
    let found = true;
    for (const key of path) {
      if (isPlainObject(value) && typeof key === "string" && key in value) value = value[key];
      else if (Array.isArray(value) && typeof key === "number" && key < value.length) value = value[key];
      else {
        found = false;
        break;
      }
    }
    if (found) return layers[i];
  }
  return undefined;
}
