import { z } from "zod";
import { PositionSchema } from "./position.js";
import { AlignSchema, RunSchema, TableCellSchema } from "./outline.js";

/** The layout kinds deckwright knows; each has a planner and a template per theme. */
export const LAYOUT_KINDS = ["title", "section", "bullets", "two-column", "quote", "table", "closing"] as const;
export const LayoutKindSchema = z.enum(LAYOUT_KINDS);
export type LayoutKind = z.infer<typeof LayoutKindSchema>;

const RunsSchema = z.array(RunSchema);

/** A paragraph of a text body: plain text, a bullet, a numbered item, a code line or a sub-heading. */
export const BodyParagraphSchema = z.object({
  kind: z.enum(["text", "bullet", "number", "code", "subheading"]),
  runs: RunsSchema,
  level: z.number().int().min(0),
  number: z.number().int(),
  position: PositionSchema,
});
export type BodyParagraph = z.infer<typeof BodyParagraphSchema>;

export const ColumnSchema = z.object({
  heading: RunsSchema.nullable(),
  body: z.array(BodyParagraphSchema),
});
export type Column = z.infer<typeof ColumnSchema>;

export const DeckTableSchema = z.object({
  align: z.array(AlignSchema),
  numeric: z.array(z.boolean()),
  header: z.array(TableCellSchema),
  rows: z.array(z.array(TableCellSchema)),
  position: PositionSchema,
});
export type DeckTable = z.infer<typeof DeckTableSchema>;

const common = {
  /** 1-based number of the slide in the deck. */
  number: z.number().int().min(1),
  position: PositionSchema,
  title: RunsSchema.nullable(),
  notes: z.string().nullable(),
};

export const PlannedSlideSchema = z.discriminatedUnion("layout", [
  z.object({ layout: z.literal("title"), ...common, subtitle: RunsSchema.nullable(), byline: RunsSchema.nullable() }),
  z.object({ layout: z.literal("section"), ...common, sectionNumber: z.number().int().min(1), subtitle: RunsSchema.nullable() }),
  z.object({ layout: z.literal("bullets"), ...common, body: z.array(BodyParagraphSchema) }),
  z.object({ layout: z.literal("two-column"), ...common, columns: z.tuple([ColumnSchema, ColumnSchema]) }),
  z.object({ layout: z.literal("quote"), ...common, quote: z.array(RunsSchema), attribution: RunsSchema.nullable() }),
  z.object({ layout: z.literal("table"), ...common, intro: z.array(BodyParagraphSchema), table: DeckTableSchema }),
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
