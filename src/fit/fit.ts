import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Deck, PlannedSlide } from "../model/deck.js";
import type { Position } from "../model/position.js";
import type { Element, SlideSpec, TableElement } from "../model/slideSpec.js";
import { renderSlide, TemplateError, templateErrorReporter } from "../render/render.js";
import type { LoadedTheme } from "../themes/load.js";
import type { Measurer } from "../measure/types.js";
import { renumber } from "./renumber.js";
import { shrinkTableToFit, shrinkToFit } from "./shrink.js";
import { splitSlide } from "./split.js";
import { denseSteps } from "./steps.js";
import { tightenEquations } from "./equations.js";
import type { FitCache, FitNote, SlideOutcome } from "./cache.js";

const inches = (n: number) => `${n.toFixed(2)} in`;

interface Limits {
  measurer: Measurer;
  /** The theme's minimum type size. */
  minimum: number;
  /** The bottom of the theme's body region: tables must end above it. */
  bottom: number;
}

/** Where a slide overflows even at the minimum size: the slide cut before the paragraph or row that does not fit at the designed size. */
interface Overflow {
  parts: [PlannedSlide, PlannedSlide];
  /** How much it overflows at the designed size (inches). */
  by: number;
  what: "text" | "table";
  position: Position;
}

/**
 * Text that fits, measured (docs/fitting.md): each slide is rendered and every text box and
 * table measured with the theme's fonts. What overflows shrinks step by step, down to the
 * theme's minimum size (titles also to two lines). When even the minimum is not enough,
 * bullets and tables continue on "(cont.)" slides instead, at the designed size; other layouts
 * keep the minimum and are reported. Every action is a warning (an error with --strict).
 * Slides are numbered again afterwards, and links between slides follow. With a `cache` (kept
 * across `build --watch` rebuilds), a slide fitted before with the same theme and deck context
 * is not rendered or measured again: its outcome and warnings are taken from there.
 */
export function fitDeck(
  deck: Deck,
  theme: LoadedTheme,
  measurer: Measurer,
  diagnostics: Diagnostics,
  onProgress?: (done: number, total: number) => void,
  cache?: FitCache,
): { deck: Deck; slides: SlideSpec[] } {
  const report = templateErrorReporter(diagnostics);
  const body = theme.theme.regions.body;
  const limits: Limits = { measurer, minimum: theme.theme.sizes.minimum, bottom: body ? body.y + body.h : 7.0 };
  // What a template sees of the deck besides its slide (render.ts `view`).
  const outcome = cache ? cache.build(theme, diagnostics.file, JSON.stringify([deck.meta, deck.slides.length])) : (_: PlannedSlide, fit: () => SlideOutcome) => fit();
  const planned: PlannedSlide[] = [];
  const specs: SlideSpec[] = [];
  const queue = [...deck.slides];
  while (queue.length > 0) {
    const slide = queue.shift() as PlannedSlide;
    const fitted = outcome(slide, () => fitOne(deck, slide, theme, limits));
    if (fitted.kind === "failed") {
      report(fitted.error, slide);
      continue;
    }
    if (fitted.kind === "continued") {
      diagnostics.warning("text-continued", fitted.message, fitted.position);
      queue.unshift(...fitted.pieces);
      continue;
    }
    for (const note of fitted.notes) diagnostics.warning(note.id, note.message, note.position, note.hint);
    planned.push(slide);
    specs.push(fitted.spec);
    if (onProgress && planned.length % 100 === 0) onProgress(planned.length, planned.length + queue.length);
  }
  return renumber({ ...deck, slides: planned }, specs);
}

/** One planned slide rendered and fitted: a template's failure, the pieces it continues on, or its SlideSpec with the warnings about it. */
function fitOne(deck: Deck, slide: PlannedSlide, theme: LoadedTheme, limits: Limits): SlideOutcome {
  let spec: SlideSpec;
  try {
    spec = renderSlide(deck, slide, theme, limits.measurer);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return { kind: "failed", error };
  }
  const fitted = fitSlide(spec, slide, limits);
  if (fitted.overflow) {
    const what = fitted.overflow.what === "table" ? "The table runs" : "Text runs";
    const message = `${what} ${inches(fitted.overflow.by)} past its box, more than shrinking to the theme's minimum size can hold; continued on a new slide from here`;
    return { kind: "continued", message, position: fitted.overflow.position, pieces: continuation(fitted.overflow.parts) };
  }
  // Builds one click at a time: each slide's clicks count from 1, none empty (steps.ts).
  return { kind: "fitted", spec: denseSteps(tightenEquations(fitted.spec)), notes: fitted.notes };
}

/**
 * The rest of a long list or table is cut again into pieces of about twice what the first part
 * held, before it is measured: measuring the whole remainder for every continuation slide would
 * make long lists quadratic. Each piece still shrinks or continues on its own.
 */
function continuation([first, rest]: [PlannedSlide, PlannedSlide]): PlannedSlide[] {
  const count = (slide: PlannedSlide) =>
    slide.layout === "bullets" && slide.body[0]?.kind === "text" ? slide.body[0].paragraphs.length : slide.layout === "table" ? slide.table.rows.length : 0;
  const piece = Math.max(1, count(first)) * 2;
  const pieces: PlannedSlide[] = [first];
  let remainder = rest;
  while (count(remainder) > piece) {
    const cut = splitSlide(remainder, piece);
    if (!cut) break;
    pieces.push(cut[0]);
    remainder = cut[1];
  }
  pieces.push(remainder);
  return pieces;
}

/** Fits what overflows on one rendered slide: the slide shrunk where that is enough, the notes to give, and where it must continue. */
function fitSlide(spec: SlideSpec, slide: PlannedSlide, limits: Limits): { spec: SlideSpec; notes: FitNote[]; overflow: Overflow | null } {
  const { measurer, minimum, bottom } = limits;
  const notes: FitNote[] = [];
  let overflow: Overflow | null = null;

  const elements = spec.elements.map((element): Element => {
    if (element.type === "table") {
      const shrunk = shrinkTableToFit(element, measurer, minimum, bottom);
      if (shrunk.overflow > 0.005) {
        const designed = tableOverflow(element, bottom);
        const parts = designed && !overflow ? splitSlide(slide, designed.at) : null;
        if (designed && parts) {
          overflow = { parts, by: designed.by, what: "table", position: tablePosition(slide) };
          return element;
        }
        notes.push({ id: "text-overflow", message: `The table still runs ${inches(shrunk.overflow)} past its box at the theme's minimum size, and the \`${slide.layout}\` layout cannot continue on another slide`, position: tablePosition(slide), hint: "shorten the table, or give it a slide of its own" });
      } else if (shrunk.to < shrunk.from) {
        notes.push({ id: "text-shrunk", message: `The table ran ${inches(shrunk.overflowBefore)} past its box; shrunk from ${shrunk.from} pt to ${shrunk.to} pt`, position: tablePosition(slide) });
      }
      return shrunk.element;
    }
    if (element.type !== "text" || element.layer === "layout" || element.role === "decoration") return element;
    const shrunk = shrinkToFit(element, measurer, minimum);
    const stillOver = shrunk.measure.overflow > 0.005;
    const designed = stillOver && element.role !== "title" ? shrunk.designed : null;
    const at = designed?.overflowingParagraph ?? element.paragraphs.length - 1;
    const parts = designed && !overflow ? splitSlide(slide, at) : null;
    if (designed && parts) {
      overflow = { parts, by: designed.overflow, what: "text", position: paragraphPosition(slide, at) };
      return element;
    }
    if (stillOver) {
      // The reason is the element's: only a body continues on another slide (a title, a footer or a label never does).
      const why =
        element.role === "title" ? "a title does not continue on another slide"
        : element.role !== "body" ? "only a slide's body continues on another slide, not a footer, caption or label"
        : slide.layout === "bullets" ? "a single paragraph is taller than the box"
        : `the \`${slide.layout}\` layout cannot continue on another slide`;
      notes.push({ id: "text-overflow", message: `${element.role === "title" ? "The title" : "Text"} still overflows its box by ${inches(shrunk.measure.overflow)} at the theme's minimum size, and ${why}`, position: slide.position, hint: "shorten the text, or split the slide" });
    } else if (shrunk.to < shrunk.from) {
      const why = shrunk.overflowBefore > 0.005 ? `overflowed its box by ${inches(shrunk.overflowBefore)}` : "took more than two lines";
      notes.push({ id: element.role === "title" ? "title-shrunk" : "text-shrunk", message: `${element.role === "title" ? "The title" : "Text"} ${why}; shrunk from ${shrunk.from} pt to ${shrunk.to} pt`, position: slide.position });
    }
    return shrunk.element;
  });
  return { spec: { ...spec, elements }, notes, overflow };
}

/** A table whose rows run past the bottom: cut before the first body row that does not fit. */
function tableOverflow(table: TableElement, bottom: number): { at: number; by: number } | null {
  const headerHeight = table.header.length > 0 ? (table.rowHeights[0] ?? 0) : 0;
  const bodyRows = table.header.length > 0 ? table.rowHeights.slice(1) : table.rowHeights;
  const total = table.box.y + table.rowHeights.reduce((a, b) => a + b, 0);
  let y = table.box.y + headerHeight;
  for (let i = 0; i < bodyRows.length; i++) {
    y += bodyRows[i] ?? 0;
    if (y > bottom + 0.005) return { at: i, by: total - bottom };
  }
  return null;
}

function tablePosition(slide: PlannedSlide): Position {
  return slide.layout === "table" ? slide.table.position : slide.position;
}

/** The Markdown line of the paragraph where text overflows (bullets), else the slide's heading. */
function paragraphPosition(slide: PlannedSlide, index: number): Position {
  if (slide.layout !== "bullets") return slide.position;
  const block = slide.body[0];
  return block?.kind === "text" ? (block.paragraphs[index]?.position ?? slide.position) : slide.position;
}
