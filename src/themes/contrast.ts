import type { Diagnostic } from "../model/diagnostic.js";
import type { Box, Element, SlideSpec } from "../model/slideSpec.js";
import type { Theme } from "../model/theme.js";

/** WCAG 2.1 AA: body text needs 4.5:1, titles (large text) 3:1. */
export const MINIMUM_CONTRAST = { body: 4.5, title: 3 } as const;

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.replace("#", "").slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** The WCAG 2.1 contrast ratio of two `RRGGBB` or `#RRGGBB` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

interface Pair {
  text: string;
  on: string;
  minimum: number;
  what: string;
  layout: string;
}

const centre = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
const contains = (b: Box, p: { x: number; y: number }) => p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h;

/** The colour under an element: the last filled shape before it that covers its centre, else the slide. */
function backgroundOf(element: Element, before: readonly Element[], slide: SlideSpec): string {
  const point = centre(element.box);
  for (let i = before.length - 1; i >= 0; i--) {
    const shape = before[i];
    if (shape?.type === "shape" && shape.fill !== null && contains(shape.box, point)) return shape.fill;
  }
  return slide.background;
}

/** Code highlighting colours on the code panel (checked from the theme, not from slides). */
function syntaxPairs(theme: Theme): Pair[] {
  return Object.values(theme.syntax).map((color) => ({ text: color, on: theme.colors.codeBackground, minimum: MINIMUM_CONTRAST.body, what: "code", layout: "code" }));
}

/** Every text colour of a slide with the colour it sits on. */
function pairs(slide: SlideSpec): Pair[] {
  const found: Pair[] = [];
  slide.elements.forEach((element, index) => {
    // A company template's placeholder keeps the colours its designer gave it, on its layout's own
    // background, which the check does not see: only what deckwright draws itself is checked.
    if ((element.type === "text" || element.type === "slide-number") && element.placeholder) return;
    const on = backgroundOf(element, slide.elements.slice(0, index), slide);
    const add = (text: string, minimum: number, what: string, background = on) => found.push({ text, on: background, minimum, what, layout: slide.layout });
    if (element.type === "text" && element.role !== "decoration") {
      const minimum = element.role === "title" ? MINIMUM_CONTRAST.title : MINIMUM_CONTRAST.body;
      const what = element.role === "title" ? "title" : "text";
      add(element.style.color, minimum, what);
      for (const p of element.paragraphs) {
        if (p.color) add(p.color, minimum, what);
        for (const r of p.runs) if (r.color) add(r.color, minimum, r.href ? "link" : what);
      }
    } else if (element.type === "slide-number") {
      add(element.style.color, MINIMUM_CONTRAST.body, "slide number");
    } else if (element.type === "table" && element.tableStyle === undefined) {
      add(element.headerColor, MINIMUM_CONTRAST.body, "table header", element.headerFill);
      const cellColors = [element.style.color, ...element.rows.flat().flatMap((c) => c.runs.map((r) => r.color).filter((c): c is string => c !== null))];
      for (const color of cellColors) {
        add(color, MINIMUM_CONTRAST.body, "table text");
        if (element.bandFill) add(color, MINIMUM_CONTRAST.body, "table text on a band", element.bandFill);
      }
    }
  });
  return found;
}

/**
 * Checks every text colour of rendered slides against what it sits on. Each failing pair is
 * reported once, unless the theme's `contrast.exceptions` names it with a reason.
 */
export function checkContrast(slides: readonly SlideSpec[], theme: Theme, file: string): Diagnostic[] {
  const names = (hex: string) => Object.entries(theme.colors).filter(([, v]) => v.replace("#", "").toUpperCase() === hex.replace("#", "").toUpperCase()).map(([k]) => k);
  const excepted = (p: Pair) => theme.contrast.exceptions.some((e) => names(p.text).includes(e.text) && names(p.on).includes(e.on));
  const problems: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const pair of [...slides.flatMap(pairs), ...syntaxPairs(theme)]) {
    const ratio = contrastRatio(pair.text, pair.on);
    const key = `${pair.text}/${pair.on}/${pair.minimum}`;
    if (ratio >= pair.minimum || seen.has(key) || excepted(pair)) continue;
    seen.add(key);
    const describe = (hex: string) => `${names(hex)[0] === undefined ? "a colour" : `colors.${names(hex)[0]}`} (#${hex.replace("#", "")})`;
    const textName = names(pair.text)[0] ?? "TEXT";
    const onName = names(pair.on)[0] ?? "BACKGROUND";
    problems.push({
      id: "low-contrast",
      severity: "error",
      file,
      message: `Unexpected contrast ${ratio.toFixed(2)}:1 for ${describe(pair.text)} on ${describe(pair.on)}, expected at least ${pair.minimum}:1 (WCAG 2.1 AA for ${pair.minimum === MINIMUM_CONTRAST.title ? "titles" : "body text"}); seen as ${pair.what} in the \`${pair.layout}\` layout`,
      hint: `change one of the colours, or add { "text": "${textName}", "on": "${onName}", "reason": "…" } to contrast.exceptions`,
    });
  }
  for (const exception of theme.contrast.exceptions) {
    for (const name of [exception.text, exception.on]) {
      if (!(name in theme.colors)) {
        problems.push({ id: "invalid-theme", severity: "error", file, message: `contrast.exceptions: unknown colour \`${name}\`, expected one of the names in colors` });
      }
    }
  }
  return problems;
}
