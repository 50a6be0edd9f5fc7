import type { Deck, PlannedSlide } from "../model/deck.js";
import { SlideSpecSchema, type SlideSpec } from "../model/slideSpec.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { LoadedTheme } from "../themes/load.js";
import { compileTheme } from "./environment.js";
import { MarkupError, parseMarkup } from "./markup.js";
import { toSlideSpec } from "./toSpec.js";

/** What a template sees: the deck's metadata, the slide, and the theme's values. */
function view(deck: Deck, slide: PlannedSlide, theme: LoadedTheme) {
  return {
    deck: { ...deck.meta, footerText: theme.theme.footer.text ?? deck.meta.footer ?? deck.meta.title, slideCount: deck.slides.length },
    slide,
    theme: theme.theme,
  };
}

/** Deck + theme → one SlideSpec per slide. A template fault is reported once per template and file. */
export function render(deck: Deck, theme: LoadedTheme, diagnostics: Diagnostics): SlideSpec[] {
  const templates = compileTheme(theme);
  const specs: SlideSpec[] = [];
  const reported = new Set<string>();
  for (const slide of deck.slides) {
    const template = templates[slide.layout];
    try {
      const markup = template.render(view(deck, slide, theme));
      const spec = toSlideSpec(parseMarkup(markup), slide.layout, slide.position, theme.theme, deck.meta.aspect);
      specs.push(SlideSpecSchema.parse(spec));
    } catch (error) {
      const message = error instanceof MarkupError ? `${error.message} (line ${error.line} of the rendered markup)` : (error as Error).message;
      if (reported.has(template.file + message)) continue;
      reported.add(template.file + message);
      diagnostics.error("template-error", `Template ${template.file} failed on this slide: ${message}`, slide.position);
    }
  }
  return specs;
}
