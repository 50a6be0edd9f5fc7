import { z } from "zod";
import { PositionSchema } from "./position.js";
import { ChartSpecSchema } from "../charts/spec.js";

/** One run of inline text with its styling, flattened from Markdown's inline tree. */
export const RunSchema = z.object({
  /** A line break inside the paragraph (`<br>`, a Markdown hard break) is "\n". */
  text: z.string(),
  bold: z.boolean(),
  italic: z.boolean(),
  strike: z.boolean(),
  code: z.boolean(),
  href: z.string().nullable(),
  /** From HTML (`<u>`, `<sup>`, `<sub>`, `<mark>`); present only when true, so Markdown-only runs keep their shape. */
  underline: z.literal(true).optional(),
  superscript: z.literal(true).optional(),
  subscript: z.literal(true).optional(),
  highlight: z.literal(true).optional(),
});
export type Run = z.infer<typeof RunSchema>;

export const AlignSchema = z.enum(["left", "center", "right"]);
export type Align = z.infer<typeof AlignSchema>;

/**
 * A list, flattened: nested lists become items with a deeper `level` (0 = top).
 * Each item says whether its own list is ordered, and its number there.
 */
export const ListItemSchema = z.object({
  runs: z.array(RunSchema),
  level: z.number().int().min(0),
  ordered: z.boolean(),
  number: z.number().int(),
  position: PositionSchema,
});
export type ListItem = z.infer<typeof ListItemSchema>;

export const ListSchema = z.object({
  type: z.literal("list"),
  items: z.array(ListItemSchema),
  position: PositionSchema,
});
export type List = z.infer<typeof ListSchema>;

export const ParagraphSchema = z.object({
  type: z.literal("paragraph"),
  runs: z.array(RunSchema),
  position: PositionSchema,
});

/** `### Heading` inside a slide: a sub-heading (two-column slides use them as column heads). */
export const SubheadingSchema = z.object({
  type: z.literal("subheading"),
  runs: z.array(RunSchema),
  position: PositionSchema,
});

export const BlockquoteSchema = z.object({
  type: z.literal("blockquote"),
  paragraphs: z.array(z.array(RunSchema)),
  /** A last line starting with a dash (`— Name`) is the attribution. */
  attribution: z.array(RunSchema).nullable(),
  position: PositionSchema,
});

export const TableCellSchema = z.object({ runs: z.array(RunSchema) });
export const TableSchema = z.object({
  type: z.literal("table"),
  align: z.array(AlignSchema.nullable()),
  header: z.array(TableCellSchema),
  rows: z.array(z.array(TableCellSchema)),
  position: PositionSchema,
});

export const CodeSchema = z.object({
  type: z.literal("code"),
  lang: z.string(),
  text: z.string(),
  position: PositionSchema,
});

/** `![alt](src "caption"){fit=cover}` alone in its paragraph. */
export const ImageBlockSchema = z.object({
  type: z.literal("image"),
  /** The path as written, relative to the Markdown file. */
  src: z.string(),
  alt: z.string(),
  caption: z.string().nullable(),
  fit: z.enum(["contain", "cover"]),
  position: PositionSchema,
});
export type ImageBlock = z.infer<typeof ImageBlockSchema>;

/** A ```chart fenced block, parsed and checked. */
export const ChartBlockSchema = z.object({
  type: z.literal("chart"),
  spec: ChartSpecSchema,
  position: PositionSchema,
});

const LeafBlockSchema = z.union([
  ListSchema,
  ParagraphSchema,
  SubheadingSchema,
  BlockquoteSchema,
  TableSchema,
  CodeSchema,
  ImageBlockSchema,
  ChartBlockSchema,
]);
export type LeafBlock = z.infer<typeof LeafBlockSchema>;

/** pandoc's `:::: columns` holding `::: column` divs; columns do not nest. */
export const ColumnsBlockSchema = z.object({
  type: z.literal("columns"),
  columns: z.array(z.array(LeafBlockSchema)).min(1),
  position: PositionSchema,
});

export const BlockSchema = z.union([LeafBlockSchema, ColumnsBlockSchema]);
export type Block = z.infer<typeof BlockSchema>;
export type Paragraph = z.infer<typeof ParagraphSchema>;
export type Blockquote = z.infer<typeof BlockquoteSchema>;
export type Table = z.infer<typeof TableSchema>;
export type TableCell = z.infer<typeof TableCellSchema>;

export const FrontMatterSchema = z
  .object({
    title: z.string().optional(),
    subtitle: z.string().optional(),
    author: z.string().optional(),
    date: z.string().optional(),
    theme: z.string().optional(),
    /** A BCP 47 language tag. */
    lang: z.string().regex(/^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/).optional(),
    footer: z.string().optional(),
    aspect: z.enum(["16:9", "4:3"]).optional(),
    /** `true`: an agenda slide, built from the section titles, follows the title slide. */
    agenda: z.boolean().optional(),
    /** Whose Markdown this is, when detection should not decide: `pandoc` (= `deckwright`), `marp`, `remark`, `reveal`. */
    flavor: z.enum(["deckwright", "pandoc", "marp", "remark", "reveal"]).optional(),
    /** As pandoc's `slide-level`: the heading level (1–6) that starts a slide. */
    "slide-level": z.number().int().min(1).max(6).optional(),
  })
  .strict();
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/**
 * How a slide started in the Markdown: `# ` (heading1), `## ` (heading2),
 * `---` or content with no heading (break).
 */
export const SlideStartSchema = z.enum(["heading1", "heading2", "break"]);

export const DirectiveSchema = z.object({ name: z.string(), position: PositionSchema });

export const OutlineSlideSchema = z.object({
  start: SlideStartSchema,
  title: z.array(RunSchema).nullable(),
  position: PositionSchema,
  layout: DirectiveSchema.nullable(),
  blocks: z.array(BlockSchema),
  notes: z.string().nullable(),
});
export type OutlineSlide = z.infer<typeof OutlineSlideSchema>;

/** What parse hands to plan: the front matter and the slides as written, each with positions. */
export const OutlineSchema = z.object({
  file: z.string(),
  frontMatter: FrontMatterSchema,
  slides: z.array(OutlineSlideSchema),
});
export type Outline = z.infer<typeof OutlineSchema>;
