import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { PlannedSlide } from "../model/deck.js";
import type { Run } from "../model/outline.js";
import { suggestionHint } from "../diagnostics/suggest.js";

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** `#anchor` → the slide number of the first slide whose title has that anchor (repeats get -1, -2, …). */
function anchors(slides: readonly PlannedSlide[]): Map<string, number> {
  const found = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const slide of slides) {
    if (!slide.title || slide.continued) continue;
    const base = slug(slide.title.map((r) => r.text).join(""));
    const seen = counts.get(base) ?? 0;
    counts.set(base, seen + 1);
    found.set(seen === 0 ? base : `${base}-${seen}`, slide.number);
  }
  return found;
}

/**
 * Every run of a value, wherever it is nested. What holds no changed run is returned as it is
 * (copying every slide's every object cost ~80 ms and its garbage at 1,000 slides); an array or
 * object that does is copied, with the changed values in place.
 */
function mapRuns<T>(value: T, map: (run: Run) => Run): T {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const mapped = mapRuns(item, map);
      if (mapped !== item) (copy ??= [...value])[i] = mapped;
    }
    return (copy ?? value) as T;
  }
  if (typeof value !== "object" || value === null) return value;
  if ("text" in value && "href" in value && "bold" in value) return map(value as unknown as Run) as T;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const mapped = mapRuns(item, map);
    if (mapped !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = mapped;
  }
  return (copy ?? value) as T;
}

/**
 * Links to another slide, written as `[text](#heading-anchor)`, become `#slide-N`, which the
 * writer makes a jump to slide N. An anchor no slide has is a warning, and the link is dropped.
 */
export function resolveSlideLinks(slides: PlannedSlide[], diagnostics: Diagnostics): PlannedSlide[] {
  const known = anchors(slides);
  return slides.map((slide) =>
    mapRuns(slide, (run) => {
      if (!run.href?.startsWith("#")) return run;
      const anchor = decodeURIComponent(run.href.slice(1)).toLowerCase();
      const target = known.get(anchor);
      if (target !== undefined) return { ...run, href: `#slide-${target}` };
      diagnostics.warning("unknown-anchor", `Unexpected link to \`#${anchor}\`: no slide has that heading; the link is left out`, slide.position, suggestionHint(anchor, [...known.keys()]));
      return { ...run, href: null };
    }),
  );
}
