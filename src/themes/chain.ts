import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Diagnostic } from "../model/diagnostic.js";
import { toStrictJson } from "./jsonc.js";

/** One theme folder of an `extends` chain, as read from disk. */
export interface ThemeLayer {
  dir: string;
  file: string;
  /** theme.json's values, without `extends`. */
  values: Record<string, unknown>;
  layouts: Map<string, string>;
  partials: Map<string, string>;
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(toStrictJson(readFileSync(file, "utf8")));
  } catch (error) {
    report({ id: "invalid-theme", severity: "error", file, message: `theme.json is not valid JSON: ${(error as Error).message}` });
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    report({ id: "invalid-theme", severity: "error", file, message: "Unexpected theme.json, expected an object of theme values" });
    return undefined;
  }
  const forbidden = prototypeKeys(parsed);
  if (forbidden.length > 0) {
    report({ id: "invalid-theme", severity: "error", file, message: `Unexpected key ${forbidden.map((k) => `\`${k}\``).join(", ")}: theme.json is data, and these names are reserved` });
    return undefined;
  }
  const { extends: parent, ...values } = parsed as Record<string, unknown>;
  if (parent !== undefined && typeof parent !== "string") {
    report({ id: "invalid-theme", severity: "error", file, message: "extends: expected the name of a built-in theme or a folder path" });
    return undefined;
  }
  return {
    layer: { dir, file, values, layouts: templates(join(dir, "layouts")), partials: templates(join(dir, "partials")) },
    extends: parent,
  };
}

const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

/** Keys anywhere in a parsed JSON value that would reach an object's prototype when merged. */
function prototypeKeys(value: unknown, path = ""): string[] {
  if (typeof value !== "object" || value === null) return [];
  return Object.keys(value).flatMap((key) => {
    const here = path ? `${path}.${key}` : key;
    return RESERVED.has(key) ? [here] : prototypeKeys((value as Record<string, unknown>)[key], here);
  });
}

/** `name` → file of every `*.hbs` in a folder. */
function templates(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".hbs")).sort()) found.set(name.slice(0, -4), join(dir, name));
  return found;
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
