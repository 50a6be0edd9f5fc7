import { basename, extname } from "node:path";
import type { AgendaItemSchema, Deck, DeckMeta, PlannedSlide } from "../model/deck.js";
import type { Outline, OutlineSlide } from "../model/outline.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { z } from "zod";
import { chooseLayout } from "./choose.js";
import { PLANNERS } from "./layouts/index.js";
import type { Capacity, ImageFiles, PlanContext } from "./context.js";
import { plainRuns } from "./body.js";
import { paginate } from "./paginate.js";
import { reportShownWhole } from "./builds.js";
import { resolveSlideLinks } from "./links.js";
import { slideLook } from "./look.js";

export interface PlanOptions {
  /** The images of the outline, read by the reading step. */
  images: ImageFiles;
  /** How much of a table or of code fits on one slide of the theme. */
  capacity: Capacity;
}

/**
 * Outline → Deck: a layout and typed content for every slide; long tables and code continue
 * on further slides; an agenda when the front matter asks; slides numbered; links between
 * slides resolved.
 */
export function plan(outline: Outline, options: PlanOptions, diagnostics: Diagnostics): Deck {
  const { frontMatter } = outline;
  const slides = withTitleSlide(outline);
  const firstIsTitle = frontMatter.title !== undefined || slides[0]?.start === "heading1";
  let sectionNumber = 0;
  const planSlide = (slide: OutlineSlide, standing: { isTitle: boolean; isLast: boolean }): PlannedSlide[] => {
    const layout = chooseLayout(slide, standing, diagnostics);
    if (layout === "section") sectionNumber += 1;
    const spilled: OutlineSlide["blocks"] = [];
    const context: PlanContext = { frontMatter, diagnostics, images: options.images, sectionNumber, spill: (blocks) => spilled.push(...blocks) };
    const look = slideLook(slide, options.images);
    const own = paginate(PLANNERS[layout](slide, context), options.capacity).map((s) => (look ? { ...s, look } : s));
    reportShownWhole(slide, layout, spilled, diagnostics);
    const first = spilled[0];
    if (!first) return own;
    // What the layout had no place for: a slide of its own, with the same title, chosen by its
    // content; it keeps the slide's look but not its background pictures (drawn once, on the slide).
    const style = { ...slide.style, lead: false };
    delete style.pictures;
    const rest: OutlineSlide = { start: "heading2", title: slide.title, position: first.position, layout: null, blocks: spilled, notes: null, ...(slide.style ? { style } : {}) };
    return [...own, ...planSlide(rest, { isTitle: false, isLast: false })];
  };
  const planned = slides.flatMap((slide, index) => planSlide(slide, { isTitle: index === 0 && firstIsTitle, isLast: index > 0 && index === slides.length - 1 }));
  const withAgenda = frontMatter.agenda ? insertAgenda(planned) : planned;
  const numbered = withAgenda.map((slide, i) => ({ ...slide, number: i + 1 }));
  if (numbered.length === 0) {
    diagnostics.error("empty-deck", "The outline has no slides: expected front matter with a `title`, or a `# ` or `## ` heading", { line: 1, column: 1 });
  }
  return { meta: meta(outline, slides), slides: resolveSlideLinks(numbered.map(withAgendaLinks), diagnostics) };
}

/** An agenda slide after the title slide, one item per section, each a link to its section. */
function insertAgenda(slides: PlannedSlide[]): PlannedSlide[] {
  const at = slides[0]?.layout === "title" ? 1 : 0;
  const sections = slides.filter((s) => s.layout === "section");
  const items: z.infer<typeof AgendaItemSchema>[] = sections.map((s) => ({
    sectionNumber: s.layout === "section" ? s.sectionNumber : 1,
    title: s.title ?? [],
    slide: null,
  }));
  const agenda: PlannedSlide = {
    layout: "agenda",
    number: 1,
    position: { line: 1, column: 1 },
    title: plainRuns("Agenda"),
    notes: null,
    continued: false,
    items,
  };
  return [...slides.slice(0, at), agenda, ...slides.slice(at)];
}

/** Agenda items point at their section slides once slides are numbered. */
function withAgendaLinks(slide: PlannedSlide, _: number, all: PlannedSlide[]): PlannedSlide {
  if (slide.layout !== "agenda" || slide.items.some((i) => i.slide !== null)) return slide;
  const sections = all.filter((s) => s.layout === "section");
  if (sections.length !== slide.items.length) return slide;
  return { ...slide, items: slide.items.map((item, i) => ({ ...item, slide: sections[i]?.number ?? null })) };
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
