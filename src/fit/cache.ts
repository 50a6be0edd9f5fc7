import type { PlannedSlide } from "../model/deck.js";
import type { Position } from "../model/position.js";
import type { SlideSpec } from "../model/slideSpec.js";
import type { LoadedTheme } from "../themes/load.js";

/** A warning about one slide, given only if the slide is kept as it is (not continued). */
export interface FitNote {
  id: string;
  message: string;
  position: Position;
  hint?: string;
}

/**
 * What fitting one planned slide came to: its template failed (the error, reported as any
 * other), it continues (the warning and the pieces that take its place in the queue), or it is
 * kept (its SlideSpec, shrunk where that was needed, and the warnings about it).
 */
export type SlideOutcome =
  | { kind: "failed"; error: Error }
  | { kind: "continued"; message: string; position: Position; pieces: PlannedSlide[] }
  | { kind: "fitted"; spec: SlideSpec; notes: FitNote[] };

/**
 * The outcomes of fitting slides in earlier builds, kept by the caller (`build --watch` keeps one
 * for its session), so that a rebuild renders and measures only the slides that changed.
 *
 * A slide's outcome depends on the planned slide, the theme (its templates, regions and fonts:
 * the `LoadedTheme`, which a `ThemeSet` replaces when a file of the theme changes) and what the
 * template sees of the deck (its metadata and the number of slides planned); the key is the
 * first by identity and the others as JSON. Outcomes are shared between builds, so nothing after
 * the fit stage may change a SlideSpec in place (none does: renumber and confineSlidePictures
 * copy what they change). What a build of a deck did not ask for is dropped when that deck is
 * built again with the same theme, so the cache holds about one version of each deck's slides.
 */
export class FitCache {
  private readonly byTheme = new WeakMap<LoadedTheme, Map<string, { current: Map<string, SlideOutcome>; previous: Map<string, SlideOutcome> }>>();
  /** How many slides were found here and how many were fitted (for tests and the bench). */
  hits = 0;
  misses = 0;

  /** The lookup for one build of the deck `file` with this theme and context (JSON of what the templates see of the deck). */
  build(theme: LoadedTheme, file: string, context: string): (slide: PlannedSlide, fit: () => SlideOutcome) => SlideOutcome {
    let decks = this.byTheme.get(theme);
    if (!decks) {
      decks = new Map();
      this.byTheme.set(theme, decks);
    }
    const previous = decks.get(file)?.current ?? new Map<string, SlideOutcome>();
    const current = new Map<string, SlideOutcome>();
    decks.set(file, { current, previous });
    return (slide, fit) => {
      const key = `${context}\u0000${JSON.stringify(slide)}`;
      const found = current.get(key) ?? previous.get(key);
      if (found) {
        this.hits++;
        current.set(key, found);
        return found;
      }
      this.misses++;
      const made = fit();
      current.set(key, made);
      return made;
    };
  }
}
