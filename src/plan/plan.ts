import { basename, extname } from "node:path";
import type { Deck, DeckMeta, PlannedSlide } from "../model/deck.js";
import type { Outline, OutlineSlide } from "../model/outline.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { chooseLayout } from "./choose.js";
import { PLANNERS } from "./layouts/index.js";
import type { PlanContext } from "./context.js";
import { plainRuns } from "./body.js";

/** Outline → Deck: a layout and typed content for every slide. */
export function plan(outline: Outline, diagnostics: Diagnostics): Deck {
  const { frontMatter } = outline;
  const slides = withTitleSlide(outline);
  const firstIsTitle = frontMatter.title === undefined && slides[0]?.start === "heading1";
  const planned: PlannedSlide[] = [];
  let sectionNumber = 0;
  slides.forEach((slide, index) => {
    const standing = { isTitle: index === 0 && (firstIsTitle || frontMatter.title !== undefined), isLast: index > 0 && index === slides.length - 1 };
    const layout = chooseLayout(slide, standing, diagnostics);
    if (layout === "section") sectionNumber += 1;
    const context: PlanContext = { frontMatter, diagnostics, number: index + 1, sectionNumber };
    planned.push(PLANNERS[layout](slide, context));
  });
  if (planned.length === 0) {
    diagnostics.error("empty-deck", "The outline has no slides: expected front matter with a `title`, or a `# ` or `## ` heading", { line: 1, column: 1 });
  }
  return { meta: meta(outline, slides), slides: planned };
}

/** A front-matter `title` makes a title slide of its own, ahead of the outline's slides. */
function withTitleSlide(outline: Outline): OutlineSlide[] {
  const title = plainRuns(outline.frontMatter.title);
  if (!title) return outline.slides;
  const titleSlide: OutlineSlide = { start: "heading1", title, position: { line: 1, column: 1 }, layout: null, blocks: [], notes: null };
  return [titleSlide, ...outline.slides];
}

function meta(outline: Outline, slides: OutlineSlide[]): DeckMeta {
  const fm = outline.frontMatter;
  const firstTitle = slides[0]?.title?.map((r) => r.text).join("");
  return {
    file: outline.file,
    title: fm.title ?? firstTitle ?? basename(outline.file, extname(outline.file)),
    subtitle: fm.subtitle ?? null,
    author: fm.author ?? null,
    date: fm.date ?? null,
    lang: fm.lang ?? "en-US",
    footer: fm.footer ?? null,
    aspect: fm.aspect ?? "16:9",
    theme: fm.theme ?? null,
  };
}
