import { resolve } from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Element, SlideSpec } from "../model/slideSpec.js";
import type { LoadedTheme } from "../themes/load.js";
import { readPicture, type PictureStore } from "./pictures.js";
import { isAddress } from "./source.js";

export interface SlidePicturePolicy {
  /** The Markdown file's folder. */
  baseDir: string;
  /** Pictures may come from anywhere (the CLI's --allow-outside). */
  allowOutside: boolean;
}

/**
 * The gate between the slides and the writer: every picture a slide shows must be one the
 * reading step checked (the Markdown's images, the theme's logo and background) or, when a
 * template names a file itself (`<image src="…">`), a real picture inside the theme's folders or
 * the Markdown's, read and checked now. A path relative to nothing else is taken from the
 * theme's folder. Anything else — `/etc/passwd`, a link out of the folder, an address — is an
 * error at the slide, and the picture is left out. The slides come back naming each picture by
 * the real path it is kept under in `store`.
 */
export function confineSlidePictures(slides: readonly SlideSpec[], theme: LoadedTheme, store: PictureStore, policy: SlidePicturePolicy, diagnostics: Diagnostics): SlideSpec[] {
  const folders = policy.allowOutside ? null : [...theme.chain, policy.baseDir];
  const resolved = new Map<string, string | null>();
  const checked = (element: Element, slide: SlideSpec): Element[] => {
    if (element.type !== "image" || store.has(element.path)) return [element];
    let real = resolved.get(element.path);
    if (real === undefined) {
      real = null;
      const template = theme.layouts[slide.layout].file;
      if (isAddress(element.path)) {
        diagnostics.error("template-image", `The \`${slide.layout}\` template (${template}) names the address \`${element.path.slice(0, 80)}\`; deckwright never fetches from the network`, slide.position);
      } else {
        const read = readPicture(resolve(theme.dir, element.path), folders);
        if ("picture" in read) {
          store.add(read.picture);
          real = read.picture.path;
        } else {
          const why = read.problem.id === "image-outside" ? `${read.problem.message.replace("the allowed folders", "the theme's and the Markdown's folders")}` : read.problem.message;
          diagnostics.error("template-image", `The \`${slide.layout}\` template (${template}) names the picture \`${element.path.slice(0, 200)}\`, which cannot be used: ${why}`, slide.position, "a template may show pictures from its theme's folder or the Markdown's; --allow-outside widens this");
        }
      }
      resolved.set(element.path, real);
    }
    return real === null ? [] : [{ ...element, path: real }];
  };
  return slides.map((slide) => ({ ...slide, elements: slide.elements.flatMap((element) => checked(element, slide)) }));
}
