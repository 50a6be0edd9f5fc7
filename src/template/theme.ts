/**
 * A template as a deckwright theme (issue 15): the values of theme.json worked out from the
 * template, so that everything deckwright draws beside the placeholders (tables, code panels,
 * charts, captions) is in the template's colours and fonts, and the fit stage measures with
 * its sizes. What goes into a placeholder takes its look from the placeholder itself
 * (src/render/resolver.ts `placeholder`); these values are only the rest.
 *
 *   background, text, accent, link   the colour scheme through the master's colour map (bg1, tx1, accent1, hlink)
 *   muted, surface, rule, bands      mixed from those
 *   chartColors                      accent1–accent6
 *   fonts                            the theme's major (headings) and minor (body) fonts; code in Courier New
 *   sizes                            the title and body sizes of the layouts bullets and title slides go on
 *   regions.body                     the body placeholder of the bullets layout (what a table or code slide holds)
 */
import type { LayoutKind } from "../model/deck.js";
import { contrastRatio } from "../themes/contrast.js";
import type { LayoutSlots } from "./layouts.js";
import { schemeColor, type Template } from "./read.js";

const hex = (c: string) => `#${c}`;

/** `a` mixed with `b`: `amount` 0 is `a`, 1 is `b`. */
function mix(a: string, b: string, amount: number): string {
  const channel = (c: string, i: number) => parseInt(c.slice(i, i + 2), 16);
  return [0, 2, 4].map((i) => Math.round(channel(a, i) * (1 - amount) + channel(b, i) * amount).toString(16).padStart(2, "0")).join("").toUpperCase();
}

/** Of the candidates, the colour most legible on `on`. */
function legibleOn(on: string, ...candidates: string[]): string {
  return candidates.reduce((best, c) => (contrastRatio(hex(c), hex(on)) > contrastRatio(hex(best), hex(on)) ? c : best));
}

const LIGHT_SYNTAX = { plain: "1E2A38", keyword: "8F2D9C", string: "0B7A3E", number: "A34D00", comment: "5E6B78", function: "0F62A8", type: "7A4F00", variable: "1E2A38", operator: "444F5C", punctuation: "444F5C", meta: "5E6B78" };
const DARK_SYNTAX = { plain: "E6EDF3", keyword: "FF7B72", string: "A5D6FF", number: "79C0FF", comment: "8B949E", function: "D2A8FF", type: "FFA657", variable: "E6EDF3", operator: "C9D1D9", punctuation: "C9D1D9", meta: "8B949E" };

/** theme.json's values for a template, before a wrapping theme folder's own values are merged over them. */
export function templateValues(template: Template, slots: Readonly<Record<LayoutKind, LayoutSlots>>): Record<string, unknown> {
  const context = { theme: template.theme, colorMap: template.colorMap };
  const scheme = (name: string, fallback: string) => schemeColor(name, context) ?? fallback;
  const background = scheme("bg1", "FFFFFF");
  const text = legibleOn(background, scheme("tx1", "000000"), "000000", "FFFFFF");
  const accents = [1, 2, 3, 4, 5, 6].map((n) => scheme(`accent${n}`, ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"][n - 1] ?? "4472C4"));
  const accent = accents[0] ?? "4472C4";
  const dark = contrastRatio(hex(background), "#000000") < contrastRatio(hex(background), "#FFFFFF");
  const linkColor = scheme("hlink", accent);
  const link = contrastRatio(hex(linkColor), hex(background)) >= 4.5 ? linkColor : text;
  const muted = mix(text, background, 0.35);
  const bullets = slots.bullets;
  const title = slots.title;
  const body = bullets.large[0] ?? bullets.small[0];
  const bodySize = body?.text.sizes[0] ?? 24;
  const titleSize = bullets.title?.text.sizes[0] ?? 36;
  const footerSize = bullets.footer?.text.sizes[0] ?? bullets.slideNumber?.text.sizes[0] ?? 12;
  const regionOf = (box: { x: number; y: number; w: number; h: number } | null | undefined, fallback: { x: number; y: number; w: number; h: number }) => {
    const b = box ?? fallback;
    return { x: b.x, y: b.y, w: b.w, h: b.h };
  };
  const { width, height } = template.size;
  const margin = Math.min(1.5, Math.max(0.2, body?.box?.x ?? 0.5));
  const titleBox = bullets.title?.box;
  const bodyFallback = { x: margin, y: (titleBox ? titleBox.y + titleBox.h : 1.5) + 0.2, w: width - 2 * margin, h: height * 0.6 };
  return {
    name: "template",
    description: `The template ${template.file}`,
    colors: {
      background: hex(background),
      text: hex(text),
      muted: hex(muted),
      accent: hex(accent),
      accentText: hex(legibleOn(accent, background, text, "FFFFFF", "000000")),
      surface: hex(mix(background, accent, 0.08)),
      rule: hex(mix(background, text, 0.2)),
      link: hex(link),
      tableHeader: hex(accent),
      tableHeaderText: hex(legibleOn(accent, background, text, "FFFFFF", "000000")),
      tableBand: hex(mix(background, accent, 0.07)),
      codeBackground: hex(mix(background, text, 0.06)),
      codeText: hex(text),
    },
    chartColors: accents.map(hex),
    syntax: Object.fromEntries(Object.entries(dark ? DARK_SYNTAX : LIGHT_SYNTAX).map(([k, v]) => [k, hex(v)])),
    fonts: {
      heading: { family: template.theme.fonts.major, fallbacks: [] },
      body: { family: template.theme.fonts.minor, fallbacks: [] },
      code: { family: "Courier New", fallbacks: ["Liberation Mono"] },
    },
    sizes: {
      display: clampSize(title.title?.text.sizes[0] ?? titleSize * 1.3),
      section: clampSize(slots.section.title?.text.sizes[0] ?? titleSize),
      title: clampSize(titleSize),
      subtitle: clampSize(title.subtitle?.text.sizes[0] ?? title.small[0]?.text.sizes[0] ?? bodySize),
      body: clampSize(bodySize),
      bodySmall: clampSize(body?.text.sizes[1] ?? bodySize * 0.85),
      table: clampSize(Math.min(bodySize * 0.7, 18)),
      code: clampSize(Math.min(bodySize * 0.7, 18)),
      caption: clampSize(Math.min(14, bodySize * 0.6)),
      footer: clampSize(footerSize),
      quote: clampSize(bodySize * 1.15),
      attribution: clampSize(bodySize * 0.75),
      subheading: clampSize(bodySize),
      byline: clampSize(Math.min(16, bodySize * 0.7)),
      minimum: clampSize(Math.max(12, Math.round(bodySize * 0.6))),
    },
    lineSpacing: Math.min(3, Math.max(0.8, body?.text.lineSpacing ?? 1)),
    paragraphSpacing: Math.min(72, Math.max(0, body?.text.spaceBefore ?? 6)),
    bulletIndent: Math.min(2, Math.max(0, Math.abs(body?.text.indent ?? 0.3) || 0.3)),
    grid: { margin, columns: 12, gutter: 0.25 },
    regions: {
      title: regionOf(titleBox, { x: margin, y: 0.3, w: width - 2 * margin, h: 1.2 }),
      body: regionOf(body?.box, bodyFallback),
    },
    footer: { show: true, text: null },
    slideNumber: { show: true },
  };
}

const clampSize = (n: number) => Math.round(Math.min(400, Math.max(6, n)) * 10) / 10;
