/**
 * Shape ids (`p:cNvPr id`, and the `id` of the other non-visual properties of a shape tree) are
 * unique within a slide, layout, master or notes part (ECMA-376 Part 1, 19.3.1.12): PowerPoint
 * repairs a deck that repeats one, and a strict validator rejects it.   duplicate-shape-id
 *
 * A listener on the stream of one XML part (src/validate/xml.ts); it keeps the set of ids seen.
 */
import type { XmlElementStart, XmlListener } from "./xml.js";
import { NS_MC, NS_P } from "../xml/namespaces.js";

/** The parts with a shape tree. */
export const hasShapeTree = (part: string): boolean => /^ppt\/(slides|slideLayouts|slideMasters|notesSlides|notesMasters|handoutMasters)\/[^/]+\.xml$/.test(part);

export class ShapeIdCheck implements XmlListener {
  private readonly seen = new Set<string>();
  private readonly reported = new Set<string>();

  /** `report` gets each repeated id's message, once per id. */
  constructor(private readonly report: (message: string) => void) {}

  /** Per open element: whether it is, or is inside, an `mc:Fallback`. */
  private readonly inFallback: boolean[] = [];

  open(element: XmlElementStart): void {
    const fallback = (this.inFallback.at(-1) ?? false) || (element.uri === NS_MC && element.local === "Fallback");
    this.inFallback.push(fallback);
    // The shapes of an `mc:Fallback` stand in for those of its `mc:Choice` and repeat their ids, as PowerPoint writes them.
    if (fallback || element.uri !== NS_P || element.local !== "cNvPr") return;
    const id = element.attribute("id");
    if (id === undefined) return;
    if (!this.seen.has(id)) {
      this.seen.add(id);
      return;
    }
    if (this.reported.has(id)) return;
    this.reported.add(id);
    this.report(`shape id ${id} is used by more than one shape (${element.attribute("name") ?? "unnamed"} repeats it)`);
  }

  close(): void {
    this.inFallback.pop();
  }
}
