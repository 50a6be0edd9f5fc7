import type { Block, OutlineSlide } from "../model/outline.js";
import type { Position } from "../model/position.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";

/** remark's `layout: true` slides (found by parse.ts): each template, the slides after it that it applies to, and where it was asked for. */
export interface Templates {
  of: Map<OutlineSlide, OutlineSlide[]>;
  at: Map<OutlineSlide, Position>;
}

/** A paragraph that is only `{{content}}`: where remark puts the slide's own content in the template. */
function isContentMark(block: Block): boolean {
  return block.type === "paragraph" && block.runs.map((r) => r.text).join("").trim() === "{{content}}";
}

/**
 * remark's layout templates (its wiki, "Layouts"): a `layout: true` slide is not shown; its
 * content goes on every following slide until the next `layout: true` or `layout: false`, first
 * or where `{{content}}` stands in it; its title is the title of a following slide that has
 * none. A template with no slide after it is shown as it is, with a warning.
 */
export function applyTemplates(slides: OutlineSlide[], templates: Templates, diagnostics: Diagnostics): OutlineSlide[] {
  if (templates.of.size === 0) return slides;
  const hidden = new Set<OutlineSlide>();
  for (const [template, followers] of templates.of) {
    const at = templates.at.get(template) ?? template.position;
    if (followers.length === 0) {
      diagnostics.warning("orphan-template", "A remark `layout: true` slide is a template for the slides after it, but no slide follows; it is shown as a slide of its own", at);
      template.blocks = template.blocks.filter((b) => !isContentMark(b));
      continue;
    }
    hidden.add(template);
    const mark = template.blocks.findIndex(isContentMark);
    const before = mark === -1 ? template.blocks : template.blocks.slice(0, mark);
    const after = mark === -1 ? [] : template.blocks.slice(mark + 1);
    for (const slide of followers) {
      slide.blocks = [...structuredClone(before), ...slide.blocks, ...structuredClone(after)];
      if (slide.title === null && template.title !== null) {
        slide.title = structuredClone(template.title);
        if (slide.start === "break") slide.start = template.start;
      }
    }
    if (template.notes !== null) {
      diagnostics.warning("template-notes", "Speaker notes of a remark `layout: true` template are not shown (remark shows a template's content on the slides after it, not its notes)", at);
    }
  }
  return slides.filter((s) => !hidden.has(s));
}
