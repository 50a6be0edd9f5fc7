import { z } from "zod";
import { PositionSchema } from "./position.js";
import { AlignSchema, AskedColorSchema, backgroundPicturesSchema, RunSchema, StepSchema, TableCellSchema } from "./outline.js";
import { ChartSpecSchema } from "../charts/spec.js";
import { HighlightedLineSchema } from "../highlight/highlight.js";

/** The layout kinds deckwright knows; each has a planner and a template per theme. */
export const LAYOUT_KINDS = [
  "title", "section", "agenda", "bullets", "two-column", "three-column", "quote",
  "table", "chart", "image", "image-text", "code", "closing",
] as const;
export const LayoutKindSchema = z.enum(LAYOUT_KINDS);
export type LayoutKind = z.infer<typeof LayoutKindSchema>;

const RunsSchema = z.array(RunSchema);

/** A paragraph of a text body: plain text, a bullet, a numbered item or a sub-heading. */
export const BodyParagraphSchema = z.object({
  kind: z.enum(["text", "bullet", "number", "subheading"]),
  runs: RunsSchema,
  level: z.number().int().min(0),
  number: z.number().int(),
  position: PositionSchema,
  /** The click it appears on (absent: shown from the start). */
  step: StepSchema.optional(),
  /** A footnote's text (src/parse/footnotes.ts): shown small and muted; present only when true. */
  footnote: z.literal(true).optional(),
});
export type BodyParagraph = z.infer<typeof BodyParagraphSchema>;

export const DeckTableSchema = z.object({
  align: z.array(AlignSchema),
  numeric: z.array(z.boolean()),
  header: z.array(TableCellSchema),
  rows: z.array(z.array(TableCellSchema)),
  position: PositionSchema,
  step: StepSchema.optional(),
});
export type DeckTable = z.infer<typeof DeckTableSchema>;

/** An image file, read and measured: the path is absolute and was checked to be allowed. */
export const DeckImageSchema = z.object({
  path: z.string(),
  alt: z.string(),
  caption: z.string().nullable(),
  fit: z.enum(["contain", "cover"]),
  width: z.number().positive(),
  height: z.number().positive(),
  position: PositionSchema,
  step: StepSchema.optional(),
  /** Marp's `w:` / `h:` sizes, in inches: the largest the picture is shown (present only when written). */
  maxWidth: z.number().positive().optional(),
  maxHeight: z.number().positive().optional(),
});
export type DeckImage = z.infer<typeof DeckImageSchema>;

/** A code block, highlighted: lines of coloured tokens. `firstLine` counts from 1 (continuations start later). */
export const DeckCodeSchema = z.object({
  lang: z.string(),
  lines: z.array(HighlightedLineSchema),
  firstLine: z.number().int().min(1),
  position: PositionSchema,
  step: StepSchema.optional(),
});
export type DeckCode = z.infer<typeof DeckCodeSchema>;

/** One block of a slide's body; a body is a column of them, top to bottom. */
export const ContentBlockSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), paragraphs: z.array(BodyParagraphSchema) }),
  z.object({ kind: z.literal("table"), table: DeckTableSchema }),
  z.object({ kind: z.literal("image"), image: DeckImageSchema }),
  z.object({ kind: z.literal("chart"), chart: ChartSpecSchema, position: PositionSchema, step: StepSchema.optional() }),
  z.object({ kind: z.literal("code"), code: DeckCodeSchema }),
]);
export type ContentBlock = z.infer<typeof ContentBlockSchema>;

export const ColumnSchema = z.object({
  heading: RunsSchema.nullable(),
  body: z.array(ContentBlockSchema),
});
export type Column = z.infer<typeof ColumnSchema>;

export const AgendaItemSchema = z.object({
  sectionNumber: z.number().int().min(1),
  title: RunsSchema,
  /** The section slide's number; the item links to it. */
  slide: z.number().int().min(1).nullable(),
});

/**
 * How a slide looks beyond its layout (Marp's directives and background pictures, from the
 * outline's `style`): present only on slides that have any.
 */
export const SlideLookSchema = z
  .object({
    paginate: z.boolean().optional(),
    footer: z.string().optional(),
    background: AskedColorSchema.optional(),
    color: AskedColorSchema.optional(),
    pictures: backgroundPicturesSchema(DeckImageSchema.extend({ scale: z.number().positive().max(1).nullable() })).optional(),
  })
  .strict();
export type SlideLook = z.infer<typeof SlideLookSchema>;

const common = {
  /** 1-based number of the slide in the deck. */
  number: z.number().int().min(1),
  position: PositionSchema,
  title: RunsSchema.nullable(),
  notes: z.string().nullable(),
  /** Shown on a slide that continues the one before: the title says "(cont.)". */
  continued: z.boolean(),
  look: SlideLookSchema.optional(),
};

export const PlannedSlideSchema = z.discriminatedUnion("layout", [
  z.object({ layout: z.literal("title"), ...common, subtitle: RunsSchema.nullable(), byline: RunsSchema.nullable() }),
  z.object({ layout: z.literal("section"), ...common, sectionNumber: z.number().int().min(1), subtitle: RunsSchema.nullable() }),
  z.object({ layout: z.literal("agenda"), ...common, items: z.array(AgendaItemSchema) }),
  z.object({ layout: z.literal("bullets"), ...common, body: z.array(ContentBlockSchema) }),
  z.object({ layout: z.literal("two-column"), ...common, columns: z.array(ColumnSchema).length(2) }),
  z.object({ layout: z.literal("three-column"), ...common, columns: z.array(ColumnSchema).length(3) }),
  z.object({ layout: z.literal("quote"), ...common, quote: z.array(RunsSchema), attribution: RunsSchema.nullable() }),
  z.object({ layout: z.literal("table"), ...common, intro: z.array(BodyParagraphSchema), table: DeckTableSchema }),
  z.object({ layout: z.literal("chart"), ...common, intro: z.array(BodyParagraphSchema), chart: ChartSpecSchema, chartStep: StepSchema.optional() }),
  z.object({ layout: z.literal("image"), ...common, image: DeckImageSchema }),
  z.object({ layout: z.literal("image-text"), ...common, image: DeckImageSchema, body: z.array(ContentBlockSchema), imageSide: z.enum(["left", "right"]) }),
  z.object({ layout: z.literal("code"), ...common, intro: z.array(BodyParagraphSchema), code: DeckCodeSchema }),
  z.object({ layout: z.literal("closing"), ...common, subtitle: RunsSchema.nullable() }),
]);
export type PlannedSlide = z.infer<typeof PlannedSlideSchema>;
export type PlannedSlideOf<K extends LayoutKind> = Extract<PlannedSlide, { layout: K }>;

export const DeckMetaSchema = z.object({
  file: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  author: z.string().nullable(),
  date: z.string().nullable(),
  lang: z.string(),
  footer: z.string().nullable(),
  aspect: z.enum(["16:9", "4:3"]),
  theme: z.string().nullable(),
});
export type DeckMeta = z.infer<typeof DeckMetaSchema>;

/** What plan hands to render: every slide with its layout and typed content. */
export const DeckSchema = z.object({
  meta: DeckMetaSchema,
  slides: z.array(PlannedSlideSchema),
});
export type Deck = z.infer<typeof DeckSchema>;
