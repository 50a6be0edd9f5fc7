/**
 * `deckwright template inspect <corp.potx> [--json]`: what deckwright reads of a company's
 * template and what it would do with it: the slide size, fonts and colours; every layout (in the
 * masters' order) with its placeholders (type, idx, box, size); and which layout each kind of
 * slide goes on, with why, and the kinds that fall back (docs/company-template.md). With
 * `templateLayouts` from the deckwright.config.json above the working folder, as a build uses it.
 */
import { formatDiagnostic } from "../../diagnostics/format.js";
import { LAYOUT_KINDS } from "../../model/deck.js";
import { chooseLayouts } from "../../template/layouts.js";
import { readTemplateFile } from "../../template/read.js";
import { findConfig, readConfig } from "../../config/config.js";
import { EXIT } from "../exitCodes.js";
import type { Io } from "../io.js";

const inches = (n: number) => `${n.toFixed(2)}"`;

export async function inspectTemplate(io: Io, file: string, json: boolean): Promise<number> {
  const read = readTemplateFile(file);
  if (!read.ok) {
    for (const d of read.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    return EXIT.inputErrors;
  }
  const configFile = findConfig(process.cwd());
  const config = configFile === null ? null : readConfig(configFile).found;
  const overrides = config?.config.templateLayouts ?? {};
  const { template } = read;
  const mapping = chooseLayouts(template, overrides);
  if (json) {
    const out = {
      file,
      size: template.size,
      fonts: template.theme.fonts,
      colors: template.theme.colors,
      layouts: template.layouts.map((l) => ({
        order: l.order,
        name: l.name,
        ...(l.matchingName ? { matchingName: l.matchingName } : {}),
        type: l.type,
        part: l.part,
        placeholders: l.placeholders.map((p) => ({ type: p.type, idx: p.idx, name: p.name, box: p.box, size: p.text.sizes[0], font: p.text.font })),
      })),
      mapping: Object.fromEntries(LAYOUT_KINDS.map((kind) => {
        const c = mapping.choices[kind];
        return [kind, { layout: c.layout.name, order: c.layout.order, why: c.why, fallback: c.fallback, overridden: c.overridden }];
      })),
      unknownOverrides: mapping.unknown,
      sampleSlides: template.sampleSlides.length,
    };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return mapping.unknown.length > 0 ? EXIT.inputErrors : EXIT.ok;
  }
  const lines: string[] = [];
  lines.push(`${file}: ${inches(template.size.width)} × ${inches(template.size.height)}, fonts ${template.theme.fonts.major} (headings) and ${template.theme.fonts.minor} (body), ${template.layouts.length} layouts in ${template.masters.length} master${template.masters.length === 1 ? "" : "s"}, ${template.sampleSlides.length} sample slide${template.sampleSlides.length === 1 ? "" : "s"} (left out of decks)`);
  lines.push("", "Layouts:");
  for (const l of template.layouts) {
    lines.push(`  ${String(l.order).padStart(2)}. ${l.name}${l.matchingName && l.matchingName !== l.name ? ` (${l.matchingName})` : ""}${l.type ? ` [${l.type}]` : ""}`);
    for (const p of l.placeholders) {
      const box = p.box ? `${inches(p.box.x)},${inches(p.box.y)} ${inches(p.box.w)}×${inches(p.box.h)}` : "no box";
      lines.push(`        ${p.type}${p.hasIdx ? ` idx ${p.idx}` : ""}  ${box}  ${p.text.sizes[0]} pt ${p.text.font}${p.vertical ? "  vertical" : ""}${p.rotation ? `  rotated ${p.rotation}°` : ""}`);
    }
  }
  lines.push("", "Slides go on:");
  for (const kind of LAYOUT_KINDS) {
    const c = mapping.choices[kind];
    const note = c.overridden ? " (templateLayouts)" : c.fallback ? `  — fallback: ${c.fallback}` : "";
    lines.push(`  ${kind.padEnd(13)} → ${String(c.layout.order).padStart(2)}. ${c.layout.name}: ${c.why}${note}`);
  }
  for (const { kind, name } of mapping.unknown) lines.push(`  templateLayouts.${kind}: no layout named "${name}"`);
  io.stdout(`${lines.join("\n")}\n`);
  return mapping.unknown.length > 0 ? EXIT.inputErrors : EXIT.ok;
}
