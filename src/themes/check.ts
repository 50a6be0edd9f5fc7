import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Diagnostic } from "../model/diagnostic.js";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { parse } from "../parse/parse.js";
import { plan } from "../plan/plan.js";
import { capacityOf } from "../measure/capacity.js";
import { render } from "../render/render.js";
import { checkContrast } from "./contrast.js";
import type { LoadedTheme } from "./load.js";
import { SPECIMEN, SPECIMEN_IMAGES } from "./specimen.js";

const checked = new WeakMap<LoadedTheme, Diagnostic[]>();

/** Where scripts/compile.mjs writes the keys of the built-in themes it found clean: beside this module in dist/ (none beside src/). */
export const CHECKED_FILE = "themes.checked.json";

/**
 * What a theme's check depends on besides deckwright's code, hashed: its values, its templates
 * and its pictures. dist/ is compiled with the code, so a key in the file written with it stands
 * for the same verdict; a theme changed since (a value, a template, a picture) has another key.
 */
export function themeContentKey(theme: LoadedTheme): string {
  const hash = createHash("sha256").update(JSON.stringify(theme.theme));
  for (const [folder, templates] of [["layouts", theme.layouts], ["partials", theme.partials]] as const) {
    for (const [name, template] of Object.entries(templates).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) hash.update(`\0${folder}/${name}\0${template.source}`);
  }
  for (const picture of [theme.images.logo, theme.images.backgroundImage]) {
    hash.update(picture ? `\0${picture.path}\0${picture.format}\0${picture.width}x${picture.height}\0` : "\0none\0");
    if (picture) hash.update(picture.bytes);
  }
  return hash.digest("hex");
}

let shipped: ReadonlySet<string> | undefined;
/** The keys of the themes found clean when dist/ was compiled (src/themes/checkAhead.ts); empty when running from src/. */
function shippedChecks(): ReadonlySet<string> {
  if (shipped === undefined) {
    let keys: string[] = [];
    try {
      keys = (JSON.parse(readFileSync(new URL(`./${CHECKED_FILE}`, import.meta.url), "utf8")) as { clean: string[] }).clean;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    shipped = new Set(keys);
  }
  return shipped;
}

/**
 * A theme's own problems, found by rendering the specimen deck with it: templates that fail,
 * and text colours below WCAG contrast. Checked once per theme per process; not at all for a
 * theme found clean when dist/ was compiled (`clean`, by default the built-in themes as they
 * were then: rendering the specimen is ~6 % of a cold build).
 */
export function checkTheme(theme: LoadedTheme, clean: ReadonlySet<string> = shippedChecks()): Diagnostic[] {
  const cached = checked.get(theme);
  if (cached) return cached;
  if (clean.size > 0 && clean.has(themeContentKey(theme))) {
    checked.set(theme, []);
    return [];
  }
  const file = `${theme.dir}/theme.json`;
  const diagnostics = new Diagnostics("(the theme specimen deck)");
  const outline = parse(SPECIMEN, "(specimen)", diagnostics);
  const slides = render(plan(outline, { images: SPECIMEN_IMAGES, capacity: capacityOf(theme.theme) }, diagnostics), theme, diagnostics);
  const problems = [
    // Positions in the specimen mean nothing to the theme's author: the message names the template.
    ...diagnostics.list
      .filter((d) => d.severity === "error")
      .map((d): Diagnostic => ({ id: d.id, severity: d.severity, file, message: `${d.message} (while rendering the theme specimen)` })),
    ...checkContrast(slides, theme.theme, file),
  ];
  checked.set(theme, problems);
  return problems;
}
