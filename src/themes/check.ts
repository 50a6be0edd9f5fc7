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

/**
 * A theme's own problems, found by rendering the specimen deck with it: templates that fail,
 * and text colours below WCAG contrast. Checked once per theme per process.
 */
export function checkTheme(theme: LoadedTheme): Diagnostic[] {
  const cached = checked.get(theme);
  if (cached) return cached;
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
