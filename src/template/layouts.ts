/**
 * Which of a template's layouts each deckwright layout kind goes on (issue 15), chosen by the
 * placeholders a layout has, not by its name: a title slide is a centred title with a subtitle,
 * a bullets slide a title and one large body, two columns a title and two bodies side by side,
 * and so on. The layout's `type` (`secHead`, `twoObj`) counts for more than its structure alone,
 * its name (in English, or Google Slides' `matchingName`) only breaks ties, so templates in any
 * language work. A kind no layout can hold takes the closest one, with the reason, which the
 * build reports as a warning when the deck has such a slide. `templateLayouts` (by layout
 * name) overrides any choice.
 */
import { LAYOUT_KINDS, type LayoutKind } from "../model/deck.js";
import type { Box } from "../model/slideSpec.js";
import type { PlaceholderType, Template, TemplateLayout, TemplatePlaceholder } from "./read.js";

const CONTENT_TYPES: ReadonlySet<PlaceholderType> = new Set(["obj", "body", "tbl", "chart", "dgm", "media", "clipArt"]);

/** A layout's placeholders by the part they play, in reading order (left to right, then top to bottom). */
export interface LayoutSlots {
  readonly title: TemplatePlaceholder | null;
  /** Whether the title is a centred title (`ctrTitle`), a title slide's. */
  readonly centredTitle: boolean;
  readonly subtitle: TemplatePlaceholder | null;
  /** Bodies and content placeholders with a box, upright, horizontal: large ones (a fifth of the slide or more) first. */
  readonly large: readonly TemplatePlaceholder[];
  readonly small: readonly TemplatePlaceholder[];
  readonly pictures: readonly TemplatePlaceholder[];
  readonly date: TemplatePlaceholder | null;
  readonly footer: TemplatePlaceholder | null;
  readonly slideNumber: TemplatePlaceholder | null;
}

const usable = (p: TemplatePlaceholder): p is TemplatePlaceholder & { box: Box } => p.box !== null && Math.abs(p.rotation % 180) < 1 && !p.vertical;
/** Reading order: columns left to right, boxes in a column top to bottom. */
const reading = (a: TemplatePlaceholder, b: TemplatePlaceholder) => (a.box && b.box ? (Math.abs(a.box.x - b.box.x) > 0.25 ? a.box.x - b.box.x : a.box.y - b.box.y) : 0);

export function slotsOf(layout: TemplateLayout, slide: { width: number; height: number }): LayoutSlots {
  const of = (...types: PlaceholderType[]) => layout.placeholders.filter((p) => types.includes(p.type) && usable(p));
  const title = of("ctrTitle")[0] ?? of("title")[0] ?? null;
  const contents = layout.placeholders.filter((p) => CONTENT_TYPES.has(p.type) && usable(p)).sort(reading);
  const area = slide.width * slide.height;
  const isLarge = (p: TemplatePlaceholder) => p.box !== null && p.box.w * p.box.h >= area / 5 && p.box.h >= slide.height / 4;
  return {
    title,
    centredTitle: title?.type === "ctrTitle",
    subtitle: of("subTitle")[0] ?? null,
    large: contents.filter(isLarge),
    small: contents.filter((p) => !isLarge(p)),
    pictures: of("pic").sort(reading),
    date: layout.placeholders.find((p) => p.type === "dt") ?? null,
    footer: layout.placeholders.find((p) => p.type === "ftr") ?? null,
    slideNumber: layout.placeholders.find((p) => p.type === "sldNum") ?? null,
  };
}

export interface LayoutChoice {
  readonly kind: LayoutKind;
  readonly layout: TemplateLayout;
  /** Why this layout: what it has that the kind needs. */
  readonly why: string;
  /** Set when no layout could hold the kind and this is the closest: what was missing. */
  readonly fallback: string | null;
  /** Chosen by `templateLayouts`. */
  readonly overridden: boolean;
}

export interface LayoutMapping {
  readonly choices: Readonly<Record<LayoutKind, LayoutChoice>>;
  /** Overrides that name no layout of the template: the name and the kind. */
  readonly unknown: readonly { readonly kind: string; readonly name: string }[];
}

/** What a kind needs of a layout, scored: undefined when the layout cannot hold it. */
type Fit = (slots: LayoutSlots, layout: TemplateLayout) => { score: number; why: string } | undefined;

const NAMES: Partial<Record<LayoutKind, RegExp>> = {
  title: /^(title slide|title)$|^title_slide$/i,
  section: /section/i,
  bullets: /^title and (content|body|text)$|^title_and_body$/i,
  agenda: /^title and (content|body|text)$|^title_and_body$/i,
  table: /^title and content$/i,
  chart: /^title and content$/i,
  image: /^title and content$/i,
  code: /^title and content$/i,
  "two-column": /^two (content|columns)$|^title_and_two_columns$/i,
  "three-column": /three/i,
  "image-text": /picture with caption|^picture/i,
  quote: /^title only$|^title_only$/i,
  closing: /^(title only|closing|end|thank)/i,
};

const describe = (slots: LayoutSlots): string => {
  const parts: string[] = [];
  if (slots.title) parts.push(slots.centredTitle ? "a centred title" : "a title");
  if (slots.subtitle) parts.push("a subtitle");
  if (slots.large.length > 0) parts.push(`${slots.large.length} large bod${slots.large.length === 1 ? "y" : "ies"}`);
  if (slots.small.length > 0) parts.push(`${slots.small.length} small bod${slots.small.length === 1 ? "y" : "ies"}`);
  if (slots.pictures.length > 0) parts.push(`${slots.pictures.length} picture placeholder${slots.pictures.length === 1 ? "" : "s"}`);
  return parts.length === 0 ? "no content placeholders" : parts.join(", ");
};

const typed = (layout: TemplateLayout, ...types: string[]) => (layout.type !== null && types.includes(layout.type) ? 40 : 0);

/** One large body under a plain title: the slide of most kinds. */
const oneBody = (prefer: "obj" | "body"): Fit => (slots, layout) => {
  if (!slots.title || slots.centredTitle || slots.large.length !== 1 || slots.pictures.length > 0) return undefined;
  const [body] = slots.large;
  return { score: 50 + typed(layout, "obj", "tx") + (body?.type === prefer ? 5 : 0) - 6 * slots.small.length - (slots.subtitle ? 10 : 0), why: `${describe(slots)}` };
};

const FITS: Record<LayoutKind, Fit> = {
  title: (slots, layout) => {
    if (!slots.title) return undefined;
    const subtitle = slots.subtitle !== null || slots.small.length > 0;
    if (!slots.centredTitle && layout.type !== "title") return undefined;
    return { score: 50 + (slots.centredTitle ? 30 : 0) + typed(layout, "title") + (subtitle ? 20 : 0) - 20 * slots.large.length - 10 * slots.pictures.length, why: describe(slots) };
  },
  section: (slots, layout) => {
    if (!slots.title || slots.large.length > 0 || slots.pictures.length > 0) return undefined;
    if (layout.type === "secHead") return { score: 100, why: `type secHead: ${describe(slots)}` };
    if (slots.centredTitle || slots.small.length !== 1) return undefined;
    return { score: 60, why: `${describe(slots)}` };
  },
  agenda: oneBody("body"),
  bullets: oneBody("body"),
  table: oneBody("obj"),
  chart: oneBody("obj"),
  image: oneBody("obj"),
  code: oneBody("body"),
  "two-column": (slots, layout) => {
    if (!slots.title || slots.centredTitle || slots.large.length !== 2 || slots.pictures.length > 0) return undefined;
    return { score: 50 + typed(layout, "twoObj", "twoTxTwoObj") - 6 * slots.small.length, why: describe(slots) };
  },
  "three-column": (slots) => {
    if (!slots.title || slots.centredTitle || slots.large.length !== 3 || slots.pictures.length > 0) return undefined;
    return { score: 50 - 6 * slots.small.length, why: describe(slots) };
  },
  "image-text": (slots, layout) => {
    if (!slots.title || slots.centredTitle || slots.pictures.length !== 1) return undefined;
    return { score: 50 + typed(layout, "picTx") + (slots.large.length + slots.small.length > 0 ? 10 : 0), why: describe(slots) };
  },
  quote: (slots, layout) => {
    if (!slots.title || slots.centredTitle || slots.large.length > 0 || slots.small.length > 0 || slots.pictures.length > 0) return undefined;
    return { score: 50 + typed(layout, "titleOnly"), why: `${describe(slots)} only` };
  },
  // A closing slide is a title and a line under it, as a cover is.
  closing: (slots, layout) => {
    if (!slots.title || slots.large.length > 0 || slots.pictures.length > 0) return undefined;
    const subtitle = slots.subtitle !== null || slots.small.length > 0;
    return { score: 50 + (slots.centredTitle ? 20 : 0) + typed(layout, "title") + (subtitle ? 20 : 0) - 5 * Math.max(0, slots.small.length - 1), why: describe(slots) };
  },
};

/** Where a kind goes when no layout can hold it, nearest first (every list ends in a kind every template with a title can hold, or takes any layout). */
const FALLBACKS: Record<LayoutKind, readonly LayoutKind[]> = {
  title: ["section", "closing", "bullets"],
  section: ["title", "closing", "bullets"],
  agenda: ["bullets"],
  bullets: ["two-column", "image-text"],
  table: ["bullets"],
  chart: ["bullets"],
  image: ["bullets"],
  code: ["bullets"],
  "two-column": ["bullets"],
  "three-column": ["two-column", "bullets"],
  "image-text": ["two-column", "bullets"],
  quote: ["closing", "section", "bullets"],
  closing: ["title", "section", "quote", "bullets"],
};

const NEEDS: Record<LayoutKind, string> = {
  title: "a centred title (ctrTitle) or a layout of type title",
  section: "a section header (type secHead) or a title with one small body",
  agenda: "a title and one large body",
  bullets: "a title and one large body",
  table: "a title and one large body",
  chart: "a title and one large body",
  image: "a title and one large body",
  code: "a title and one large body",
  "two-column": "a title and two large bodies",
  "three-column": "a title and three large bodies",
  "image-text": "a title and a picture placeholder",
  quote: "a title and nothing else",
  closing: "a title and a subtitle without a large body",
};

/** The template layout of every kind; `overrides` maps kinds to layout names (`name` or `matchingName`). */
export function chooseLayouts(template: Template, overrides: Readonly<Record<string, string>> = {}): LayoutMapping {
  const slots = new Map(template.layouts.map((layout) => [layout, slotsOf(layout, template.size)] as const));
  const best = (kind: LayoutKind): { layout: TemplateLayout; why: string } | undefined => {
    let found: { layout: TemplateLayout; why: string; score: number } | undefined;
    for (const layout of template.layouts) {
      const fit = FITS[kind](slots.get(layout) as LayoutSlots, layout);
      if (!fit) continue;
      const name = NAMES[kind];
      const score = fit.score + (name && (name.test(layout.name) || name.test(layout.matchingName ?? "")) ? 5 : 0);
      if (!found || score > found.score) found = { layout, why: fit.why, score };
    }
    return found;
  };
  const unknown: { kind: string; name: string }[] = [];
  const byName = (name: string) => template.layouts.find((l) => l.name === name) ?? template.layouts.find((l) => l.matchingName === name);
  const choices = {} as Record<LayoutKind, LayoutChoice>;
  for (const kind of LAYOUT_KINDS) {
    const asked = overrides[kind];
    if (asked !== undefined) {
      const layout = byName(asked);
      if (layout) {
        choices[kind] = { kind, layout, why: `templateLayouts: ${describe(slots.get(layout) as LayoutSlots)}`, fallback: null, overridden: true };
        continue;
      }
      unknown.push({ kind, name: asked });
    }
    const own = best(kind);
    if (own) {
      choices[kind] = { kind, layout: own.layout, why: own.why, fallback: null, overridden: false };
      continue;
    }
    let fallback: { layout: TemplateLayout; why: string } | undefined;
    for (const other of FALLBACKS[kind]) if ((fallback = best(other))) break;
    fallback ??= anyWithTitle(template, slots);
    choices[kind] = { kind, layout: fallback.layout, why: fallback.why, fallback: `no layout has ${NEEDS[kind]}`, overridden: false };
  }
  for (const kind of Object.keys(overrides)) if (!(LAYOUT_KINDS as readonly string[]).includes(kind)) unknown.push({ kind, name: overrides[kind] ?? "" });
  return { choices, unknown };
}

/** The layout with a title and the largest body, or the first layout: for kinds no layout and no fallback can hold. */
function anyWithTitle(template: Template, slots: ReadonlyMap<TemplateLayout, LayoutSlots>): { layout: TemplateLayout; why: string } {
  let found: { layout: TemplateLayout; area: number } | undefined;
  for (const layout of template.layouts) {
    const s = slots.get(layout) as LayoutSlots;
    if (!s.title) continue;
    const area = Math.max(0, ...[...s.large, ...s.small].map((p) => (p.box ? p.box.w * p.box.h : 0)));
    if (!found || area > found.area) found = { layout, area };
  }
  const layout = found?.layout ?? (template.layouts[0] as TemplateLayout);
  return { layout, why: describe(slots.get(layout) as LayoutSlots) };
}
