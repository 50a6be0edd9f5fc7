/**
 * What a build into a company template warns of: a kind of slide the deck has that no layout of
 * the template can hold (and which layout it went on instead), and a template font that has no
 * metric-compatible stand-in (text is then measured with Carlito's metrics, and may fit less
 * well than measured).
 */
import type { Deck, LayoutKind } from "../model/deck.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { TemplateBinding } from "../themes/load.js";
import { STAND_INS } from "../measure/standIns.js";

export function templateWarnings(binding: TemplateBinding, deck: Deck): Diagnostic[] {
  const file = binding.template.file;
  const out: Diagnostic[] = [...binding.warnings];
  const seen = new Set<LayoutKind>();
  for (const slide of deck.slides) {
    if (seen.has(slide.layout)) continue;
    seen.add(slide.layout);
    const choice = binding.mapping.choices[slide.layout];
    if (!choice.fallback) continue;
    out.push({
      id: "template-layout-fallback",
      severity: "warning",
      file,
      message: `The template has no layout for ${slide.layout} slides (${choice.fallback}); they go on "${choice.layout.name}" (${choice.why})`,
      hint: `name one in templateLayouts (deckwright.config.json or theme.json), e.g. "templateLayouts": { "${slide.layout}": "<layout name>" }; \`deckwright template inspect\` lists the layouts`,
    });
  }
  const fonts = new Set([binding.template.theme.fonts.major, binding.template.theme.fonts.minor]);
  for (const font of fonts) {
    if (STAND_INS.has(font.trim().toLowerCase())) continue;
    out.push({
      id: "template-font-no-stand-in",
      severity: "warning",
      file,
      message: `The template's font "${font}" has no metric-compatible stand-in here: text is measured with Carlito's metrics, so fitting is approximate`,
      hint: "check the slides with long text in PowerPoint; the deck still names the template's font",
    });
  }
  return out;
}
