import type { PlannedSlide } from "../model/deck.js";
import { tablePart } from "../plan/paginate.js";

/**
 * A slide cut in two at a paragraph of its text body (bullets) or a row of its table: the
 * second part continues the first, titled "(cont.)". Null when the layout cannot continue or
 * the cut would leave a part empty. A bullets cut moves back to the nearest top-level item, so
 * nested points stay with their parent.
 */
export function splitSlide(slide: PlannedSlide, at: number): [PlannedSlide, PlannedSlide] | null {
  if (slide.layout === "bullets") {
    const [block, ...others] = slide.body;
    if (block?.kind !== "text" || others.length > 0) return null;
    const { paragraphs } = block;
    let cut = Math.min(at, paragraphs.length - 1);
    while (cut > 0 && (paragraphs[cut]?.level ?? 0) > 0) cut -= 1;
    if (cut <= 0) cut = Math.min(at, paragraphs.length - 1);
    if (cut <= 0) return null;
    return [
      { ...slide, body: [{ kind: "text", paragraphs: paragraphs.slice(0, cut) }] },
      { ...slide, continued: true, body: [{ kind: "text", paragraphs: paragraphs.slice(cut) }] },
    ];
  }
  if (slide.layout === "table") {
    const cut = Math.min(at, slide.table.rows.length - 1);
    if (cut <= 0) return null;
    return [tablePart(slide, slide.table.rows.slice(0, cut), slide.continued), tablePart(slide, slide.table.rows.slice(cut), true)];
  }
  return null;
}
