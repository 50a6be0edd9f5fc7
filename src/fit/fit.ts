import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Deck, PlannedSlide } from "../model/deck.js";
import type { Position } from "../model/position.js";
import type { Element, SlideSpec, TableElement } from "../model/slideSpec.js";
import { renderSlide, templateErrorReporter } from "../render/render.js";
import type { LoadedTheme } from "../themes/load.js";
import type { Measurer } from "./measurer.js";
import { shrinkToFit } from "./shrink.js";
import { splitSlide } from "./split.js";
import { renumber } from "./renumber.js";

const inches = (n: number) => `${n.toFixed(2)} in`;

/** Where a slide still overflows after shrinking: the text paragraph or table row to cut at. */
interface Overflow {
  at: number;
  by: number;
  position: Position;
}

/**
 * Text that fits, measured: each slide is rendered, every text box measured with the theme's
 * fonts; text that overflows shrinks step by step to the theme's minimum size (titles also to
 * two lines); bullets and tables that still overflow continue on a "(cont.)" slide. Every action
 * is a warning at the slide's line (an error with --strict). Slides are numbered again after.
 */
export function fitDeck(deck: Deck, theme: LoadedTheme, measurer: Measurer, diagnostics: Diagnostics): { deck: Deck; slides: SlideSpec[] } {
  const report = templateErrorReporter(diagnostics);
  const minimum = theme.theme.sizes.minimum;
  const body = theme.theme.regions.body;
  const bottom = body ? body.y + body.h : 7.0;
  const planned: PlannedSlide[] = [];
  const specs: SlideSpec[] = [];
  const queue = [...deck.slides];
  while (queue.length > 0) {
    const slide = queue.shift() as PlannedSlide;
    let spec: SlideSpec;
    try {
      spec = renderSlide(deck, slide, theme, measurer);
    } catch (error) {
      report(error, slide);
      continue;
    }
    const fitted = fitSlide(spec, slide, { measurer, minimum, bottom }, diagnostics);
    const parts = fitted.overflow ? splitSlide(slide, fitted.overflow.at) : null;
    if (fitted.overflow && parts) {
      diagnostics.warning(
        "text-continued",
        `Content overflowed its box by ${inches(fitted.overflow.by)} at the theme's minimum size; continued on a new slide`,
        fitted.overflow.position,
      );
      queue.unshift(...parts);
      continue;
    }
    if (fitted.overflow) {
      diagnostics.warning(
        "text-overflow",
        `Text still overflows its box by ${inches(fitted.overflow.by)} at the theme's minimum size, and the \`${slide.layout}\` layout cannot continue on another slide`,
        fitted.overflow.position,
        "shorten the text, or split the slide",
      );
    }
    planned.push(slide);
    specs.push(fitted.spec);
  }
  return renumber({ ...deck, slides: planned }, specs);
}

/** Shrinks what overflows on one rendered slide; returns the slide and where it still overflows. */
interface Limits {
  measurer: Measurer;
  /** The theme's minimum type size. */
  minimum: number;
  /** The bottom of the theme's body region: tables must end above it. */
  bottom: number;
}

function fitSlide(spec: SlideSpec, slide: PlannedSlide, limits: Limits, diagnostics: Diagnostics): { spec: SlideSpec; overflow: Overflow | null } {
  const { measurer, minimum, bottom } = limits;
  let overflow: Overflow | null = null;
  const elements = spec.elements.map((element): Element => {
    if (element.type === "table") {
      const cut = tableOverflow(element, bottom);
      if (cut && !overflow) overflow = { ...cut, position: slide.position };
      return element;
    }
    if (element.type !== "text" || element.layer === "layout" || element.role === "decoration") return element;
    const shrunk = shrinkToFit(element, measurer, minimum);
    if (shrunk.to < shrunk.from) {
      const what = element.role === "title" ? "title-shrunk" : "text-shrunk";
      const why = shrunk.overflowBefore > 0 ? `overflowed its box by ${inches(shrunk.overflowBefore)}` : "took more than two lines";
      diagnostics.warning(what, `${element.role === "title" ? "The title" : "Text"} ${why}; shrunk from ${shrunk.from} pt to ${shrunk.to} pt`, slide.position);
    }
    if (shrunk.measure.overflow > 0.005 && !overflow) {
      overflow = { at: shrunk.measure.overflowingParagraph ?? element.paragraphs.length - 1, by: shrunk.measure.overflow, position: paragraphPosition(slide, shrunk.measure.overflowingParagraph) };
    }
    return shrunk.element;
  });
  return { spec: { ...spec, elements }, overflow };
}

/** A table whose measured rows run past the bottom: cut before the first row that does not fit. */
function tableOverflow(table: TableElement, bottom: number): { at: number; by: number } | null {
  let y = table.box.y;
  const [header = 0, ...rows] = table.rowHeights;
  y += table.header.length > 0 ? header : 0;
  const bodyRows = table.header.length > 0 ? rows : table.rowHeights;
  for (let i = 0; i < bodyRows.length; i++) {
    y += bodyRows[i] ?? 0;
    if (y > bottom + 0.005) {
      const total = table.box.y + table.rowHeights.reduce((a, b) => a + b, 0);
      return { at: i, by: total - bottom };
    }
  }
  return null;
}

/** The Markdown line of the paragraph where text overflows (bullets), else the slide's heading. */
function paragraphPosition(slide: PlannedSlide, index: number | null): Position {
  if (slide.layout !== "bullets" || index === null) return slide.position;
  const block = slide.body[0];
  return block?.kind === "text" ? (block.paragraphs[index]?.position ?? slide.position) : slide.position;
}
