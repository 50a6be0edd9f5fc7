import { LAYOUT_KINDS, type LayoutKind } from "../model/deck.js";
import type { OutlineSlide } from "../model/outline.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { listNames, suggestionHint } from "../diagnostics/suggest.js";

/** Where a slide stands in the deck, which some choices depend on. */
export interface Standing {
  /** The first `# ` slide of a deck with no front-matter title is its title slide. */
  isTitle: boolean;
  /** The last slide of the deck, when it starts with `# `, closes it. */
  isLast: boolean;
}

/** The layout kind from the directive, if it names one; otherwise chosen from the content (docs/syntax.md). */
export function chooseLayout(slide: OutlineSlide, standing: Standing, diagnostics: Diagnostics): LayoutKind {
  const directive = slide.layout;
  if (directive) {
    if (isLayoutKind(directive.name)) return directive.name;
    diagnostics.error(
      "unknown-layout",
      `Unexpected layout \`${directive.name}\`, expected one of ${listNames(LAYOUT_KINDS)}`,
      directive.position,
      suggestionHint(directive.name, LAYOUT_KINDS),
    );
  }
  if (slide.style?.lead) {
    const lead = leadLayout(slide, standing);
    if (lead) return lead;
    diagnostics.warning("foreign-syntax", "The Marp class `lead` asks for a centred, title-like slide; this slide has more than a title and a line under it, so its content decides its layout", slide.position);
  }
  return layoutFromContent(slide, standing);
}

/**
 * Marp's `class: lead` centres the slide's content: a title and at most one paragraph become
 * the title slide (first in the deck) or a closing slide, whose title is centred in every theme;
 * a section slide would number it, which `lead` does not ask for.
 */
function leadLayout(slide: OutlineSlide, standing: Standing): LayoutKind | null {
  if (slide.title === null || slide.blocks.length > 1 || slide.blocks.some((b) => b.type !== "paragraph")) return null;
  return standing.isTitle ? "title" : "closing";
}

function isLayoutKind(name: string): name is LayoutKind {
  return (LAYOUT_KINDS as readonly string[]).includes(name);
}

const FEATURES = ["table", "chart", "image", "code"] as const;

function layoutFromContent(slide: OutlineSlide, standing: Standing): LayoutKind {
  if (slide.start === "heading1") {
    if (standing.isTitle) return "title";
    return standing.isLast ? "closing" : "section";
  }
  const columns = slide.blocks.find((b) => b.type === "columns");
  if (columns?.type === "columns") return columns.columns.length >= 3 ? "three-column" : "two-column";
  const kinds = slide.blocks.map((b) => b.type);
  const features = kinds.filter((k): k is (typeof FEATURES)[number] => (FEATURES as readonly string[]).includes(k));
  if (features.length === 1) {
    const [feature] = features;
    const at = kinds.indexOf(feature ?? "table");
    const textAfter = kinds.length - 1 > at;
    if (feature === "image") return kinds.length === 1 ? "image" : "image-text";
    if (!textAfter) return feature === "table" ? "table" : feature === "chart" ? "chart" : "code";
  }
  if (features.length > 0) return "bullets";
  if (kinds.length > 0 && kinds.every((k) => k === "blockquote")) return "quote";
  if (kinds[0] === "subheading" && kinds.filter((k) => k === "subheading").length === 2) return "two-column";
  return "bullets";
}
