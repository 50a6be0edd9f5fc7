import type { Deck, PlannedSlide } from "../model/deck.js";
import type { Element, SlideSpec } from "../model/slideSpec.js";
import { regionBox, SLIDE_SIZES, type SlideSize } from "./geometry.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { LoadedTheme } from "../themes/load.js";
import { placePicture } from "./picture.js";
import { compileTheme } from "./environment.js";
import { MarkupError, parseMarkup } from "./markup.js";
import { toSlideSpec } from "./toSpec.js";
import { applyLook, legibleColors } from "./look.js";
import type { Measurer } from "../measure/types.js";

/** What a template sees: the deck's metadata, the slide, and the theme's values. */
function view(deck: Deck, slide: PlannedSlide, theme: LoadedTheme) {
  // Marp's `footer`/`header` and `paginate` on this slide (PlannedSlide.look) stand in for the deck's footer text and the theme's slide numbers.
  const look = slide.look;
  const slideNumber = look?.paginate === undefined ? theme.theme.slideNumber : { ...theme.theme.slideNumber, show: look.paginate };
  return {
    deck: { ...deck.meta, footerText: look?.footer ?? theme.theme.footer.text ?? deck.meta.footer ?? deck.meta.title, slideCount: deck.slides.length },
    slide,
    theme: slideNumber === theme.theme.slideNumber ? theme.theme : { ...theme.theme, slideNumber },
  };
}

/** The theme's background image (under everything, cropped to fill) and logo (on top, whole), where its layouts ask. */
function withThemeImages(spec: SlideSpec, loaded: LoadedTheme, size: SlideSize): SlideSpec {
  const { theme, images } = loaded;
  const elements: Element[] = [];
  if (theme.backgroundImage && images.backgroundImage && theme.backgroundImage.layouts.includes(spec.layout)) {
    const { width, height } = size;
    elements.push(placePicture({ ...images.backgroundImage, alt: theme.backgroundImage.alt }, { x: 0, y: 0, w: width, h: height }, "cover", "layout"));
  }
  elements.push(...spec.elements);
  const logoRegion = theme.regions.logo;
  if (theme.logo && images.logo && logoRegion && theme.logo.layouts.includes(spec.layout)) {
    elements.push(placePicture({ ...images.logo, alt: theme.logo.alt }, regionBox(logoRegion, theme, size), "contain", "layout"));
  }
  return { ...spec, elements };
}

/** The size of the deck's slides: a company template's own, else the deck's aspect's (a template's `p:sldSz` wins over `aspect`). */
function slideSizeOf(deck: Deck, theme: LoadedTheme): SlideSize {
  return theme.template?.template.size ?? SLIDE_SIZES[deck.meta.aspect];
}

/** One planned slide → its SlideSpec; throws TemplateError when the template or its markup fails. */
export function renderSlide(deck: Deck, slide: PlannedSlide, theme: LoadedTheme, measurer?: Measurer): SlideSpec {
  const template = compileTheme(theme)[slide.layout];
  try {
    const markup = template.render(view(deck, slide, theme));
    const bound = theme.template;
    const onLayout = bound ? { slots: bound.slots[slide.layout], tableStyle: bound.template.tableStyle } : undefined;
    const size = slideSizeOf(deck, theme);
    const spec = toSlideSpec(parseMarkup(markup), slide.layout, slide.position, theme.theme, size, measurer, onLayout);
    return applyLook(withThemeImages(spec, theme, size), slide.look, theme.theme, size);
  } catch (error) {
    const message = error instanceof MarkupError ? `${error.message} (line ${error.line} of the rendered markup)` : (error as Error).message;
    throw new TemplateError(`Template ${template.file} failed on this slide: ${message}`);
  }
}

export class TemplateError extends Error {}

/**
 * Names each background or text colour of a slide's look (Marp's `backgroundColor`, `color`)
 * that was not used because the slide's text would not be legible with it, once at the directive.
 */
export function reportIllegibleLooks(deck: Deck, theme: LoadedTheme, diagnostics: Diagnostics): void {
  const reported = new Set<string>();
  for (const slide of deck.slides) {
    const look = slide.look;
    if (!look?.background && !look?.color) continue;
    let spec: SlideSpec;
    try {
      spec = renderSlide(deck, { ...slide, look: { ...(look.paginate === undefined ? {} : { paginate: look.paginate }), ...(look.footer === undefined ? {} : { footer: look.footer }) } }, theme);
    } catch {
      continue;
    }
    const legible = legibleColors(spec, look, theme.theme);
    for (const [what, asked, ok] of [["backgroundColor", look.background, legible.background], ["color", look.color, legible.color]] as const) {
      if (!asked || ok) continue;
      const key = `${what}:${asked.position.line}:${asked.position.column}`;
      if (reported.has(key)) continue;
      reported.add(key);
      diagnostics.warning("illegible-color", `The Marp directive \`${what}: #${asked.color}\` is not applied on the \`${slide.layout}\` slide of line ${slide.position.line}: its text would not be legible (below WCAG 2.1 AA contrast); the theme's colours are kept`, asked.position, "choose a colour that contrasts with the theme's text, or set `color` too");
    }
  }
}

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
