import type { Deck, PlannedSlide } from "../model/deck.js";
import { SlideSpecSchema, type Element, type SlideSpec } from "../model/slideSpec.js";
import { regionBox, SLIDE_SIZES, type Aspect } from "./geometry.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { LoadedTheme } from "../themes/load.js";
import { placePicture } from "./picture.js";
import { compileTheme } from "./environment.js";
import { MarkupError, parseMarkup } from "./markup.js";
import { toSlideSpec } from "./toSpec.js";
import type { Measurer } from "../fit/measurer.js";

/** What a template sees: the deck's metadata, the slide, and the theme's values. */
function view(deck: Deck, slide: PlannedSlide, theme: LoadedTheme) {
  return {
    deck: { ...deck.meta, footerText: theme.theme.footer.text ?? deck.meta.footer ?? deck.meta.title, slideCount: deck.slides.length },
    slide,
    theme: theme.theme,
  };
}

/** The theme's background image (under everything, cropped to fill) and logo (on top, whole), where its layouts ask. */
function withThemeImages(spec: SlideSpec, loaded: LoadedTheme, aspect: Aspect): SlideSpec {
  const { theme, images } = loaded;
  const elements: Element[] = [];
  if (theme.backgroundImage && images.backgroundImage && theme.backgroundImage.layouts.includes(spec.layout)) {
    const { width, height } = SLIDE_SIZES[aspect];
    elements.push(placePicture({ ...images.backgroundImage, alt: theme.backgroundImage.alt }, { x: 0, y: 0, w: width, h: height }, "cover", "layout"));
  }
  elements.push(...spec.elements);
  const logoRegion = theme.regions.logo;
  if (theme.logo && images.logo && logoRegion && theme.logo.layouts.includes(spec.layout)) {
    elements.push(placePicture({ ...images.logo, alt: theme.logo.alt }, regionBox(logoRegion, theme, aspect), "contain", "layout"));
  }
  return { ...spec, elements };
}

/** One planned slide → its SlideSpec; throws TemplateError when the template or its markup fails. */
export function renderSlide(deck: Deck, slide: PlannedSlide, theme: LoadedTheme, measurer?: Measurer): SlideSpec {
  const template = compileTheme(theme)[slide.layout];
  try {
    const markup = template.render(view(deck, slide, theme));
    const spec = toSlideSpec(parseMarkup(markup), slide.layout, slide.position, theme.theme, deck.meta.aspect, measurer);
    return SlideSpecSchema.parse(withThemeImages(spec, theme, deck.meta.aspect));
  } catch (error) {
    const message = error instanceof MarkupError ? `${error.message} (line ${error.line} of the rendered markup)` : (error as Error).message;
    throw new TemplateError(`Template ${template.file} failed on this slide: ${message}`);
  }
}

export class TemplateError extends Error {}

/** Reports a template fault once per message. */
export function templateErrorReporter(diagnostics: Diagnostics): (error: unknown, slide: PlannedSlide) => void {
  const reported = new Set<string>();
  return (error, slide) => {
    if (!(error instanceof TemplateError)) throw error;
    if (reported.has(error.message)) return;
    reported.add(error.message);
    diagnostics.error("template-error", error.message, slide.position);
  };
}

/** Deck + theme → one SlideSpec per slide, without fitting (the theme check renders this way). */
export function render(deck: Deck, theme: LoadedTheme, diagnostics: Diagnostics): SlideSpec[] {
  const report = templateErrorReporter(diagnostics);
  const specs: SlideSpec[] = [];
  for (const slide of deck.slides) {
    try {
      specs.push(renderSlide(deck, slide, theme));
    } catch (error) {
      report(error, slide);
    }
  }
  return specs;
}
