import type { SlideLook } from "../model/deck.js";
import type { OutlineSlide } from "../model/outline.js";
import type { ImageFiles } from "./context.js";
import { deckImage } from "./body.js";
import { PLACEHOLDER_PREFIX } from "../images/placeholder.js";

/**
 * The slide's look from its outline `style` (Marp's directives and `![bg]` pictures), with its
 * background pictures read; undefined when it has none. `lead` is a choice of layout (choose.ts),
 * not a look. A background picture that cannot be used (missing, remote: named by a warning when
 * the pictures were read) is left out over the whole slide, which then shows without it; beside
 * the slide it keeps its pane, where the render draws a placeholder frame (render/look.ts).
 */
export function slideLook(slide: OutlineSlide, images: ImageFiles): SlideLook | undefined {
  const style = slide.style;
  if (!style) return undefined;
  const look: SlideLook = {};
  if (style.paginate !== undefined) look.paginate = style.paginate;
  if (style.footer !== undefined) look.footer = style.footer;
  if (style.background) look.background = style.background;
  if (style.color) look.color = style.color;
  if (style.pictures) {
    const full = style.pictures.side === null;
    const read = style.pictures.images.flatMap((picture) => {
      const image = deckImage(picture, images);
      if (!image || (full && image.path.startsWith(PLACEHOLDER_PREFIX))) return [];
      return [{ ...image, scale: picture.scale }];
    });
    if (read.length > 0) look.pictures = { ...style.pictures, images: read };
  }
  return Object.keys(look).length > 0 ? look : undefined;
}
