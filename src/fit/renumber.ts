import type { Deck, PlannedSlide } from "../model/deck.js";
import type { SlideSpec } from "../model/slideSpec.js";

/**
 * Every run-like object (with text and href) in a value, mapped. What no mapped href changes is
 * returned as it was, not copied: a deck whose slides were continued is numbered again whether or
 * not it has jumps to slides, and copying every SlideSpec cost as much as fitting it.
 */
function mapHrefs<T>(value: T, map: (href: string) => string): T {
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const mapped = mapHrefs(v, map);
      if (mapped !== v && out === null) out = value.slice(0, i);
      if (out !== null) out.push(mapped);
    }
    return (out ?? value) as T;
  }
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let out: [string, unknown][] | null = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const v = record[k];
    const mapped = k === "href" && typeof v === "string" ? map(v) : mapHrefs(v, map);
    if (mapped !== v && out === null) out = keys.slice(0, i).map((before) => [before, record[before]]);
    if (out !== null) out.push([k, mapped]);
  }
  return (out === null ? value : Object.fromEntries(out)) as T;
}

/**
 * After continuation slides are inserted, slides are numbered again, and every jump to a slide
 * (`#slide-N` links, agenda items) follows its slide to its new number.
 */
export function renumber(deck: Deck, specs: SlideSpec[]): { deck: Deck; slides: SlideSpec[] } {
  const moved = new Map<number, number>();
  deck.slides.forEach((slide, i) => {
    if (!slide.continued && !moved.has(slide.number)) moved.set(slide.number, i + 1);
  });
  // Nothing moved (no slide was continued): numbers and links are right as they are.
  if (deck.slides.every((slide, i) => slide.number === i + 1)) return { deck, slides: specs };
  const follow = (href: string) => {
    const n = /^#slide-(\d+)$/.exec(href)?.[1];
    return n === undefined ? href : `#slide-${moved.get(Number(n)) ?? Number(n)}`;
  };
  const slides: PlannedSlide[] = deck.slides.map((slide, i) => {
    const numbered = mapHrefs({ ...slide, number: i + 1 }, follow);
    if (numbered.layout !== "agenda") return numbered;
    return { ...numbered, items: numbered.items.map((item) => ({ ...item, slide: item.slide === null ? null : (moved.get(item.slide) ?? item.slide) })) };
  });
  return { deck: { ...deck, slides }, slides: specs.map((spec) => mapHrefs(spec, follow)) };
}
