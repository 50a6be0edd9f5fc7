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
  /** A footnote reference's label while parsing (src/parse/footnotes.ts numbers it and removes this). */
  footnote: z.string().optional(),
  /** TeX math (`$…$` inline, `$$…$$` display): `text` is the TeX, checked by the parser (src/parse/math.ts). */
  math: z.enum(["inline", "display"]).optional(),
});
export type Run = z.infer<typeof RunSchema>;

export const AlignSchema = z.enum(["left", "center", "right"]);

export type Align = z.infer<typeof AlignSchema>;

/**
 * The click on which a list item or a block appears (pandoc's `. . .` and `::: incremental`,
 * remark's `--`): 1 for the first click; absent when it is shown from the start.
 */
export const StepSchema = z.number().int().min(1);

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
  step: StepSchema.optional(),
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
  step: StepSchema.optional(),
  /** A footnote's text, shown small at the end of its slide: its number on the slide (present only on footnotes). */
  footnote: z.number().int().min(1).optional(),
});

/** `### Heading` inside a slide: a sub-heading (two-column slides use them as column heads). */
export const SubheadingSchema = z.object({
  type: z.literal("subheading"),
  runs: z.array(RunSchema),
  position: PositionSchema,
  step: StepSchema.optional(),
});

export const BlockquoteSchema = z.object({
  type: z.literal("blockquote"),
  paragraphs: z.array(z.array(RunSchema)),
  /** A last line starting with a dash (`— Name`) is the attribution. */
  attribution: z.array(RunSchema).nullable(),
  position: PositionSchema,
  step: StepSchema.optional(),
});

export const TableCellSchema = z.object({ runs: z.array(RunSchema) });
export const TableSchema = z.object({
  type: z.literal("table"),
  align: z.array(AlignSchema.nullable()),
  header: z.array(TableCellSchema),
  rows: z.array(z.array(TableCellSchema)),
  position: PositionSchema,
  step: StepSchema.optional(),
});

export const CodeSchema = z.object({
  type: z.literal("code"),
  lang: z.string(),
  text: z.string(),
  position: PositionSchema,
  step: StepSchema.optional(),
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
  step: StepSchema.optional(),
  /** Marp's `w:200px` / `h:3in`, in inches: the largest the picture is shown (present only when written). */
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
});
export type ImageBlock = z.infer<typeof ImageBlockSchema>;

/** A ```chart fenced block, parsed and checked. */
export const ChartBlockSchema = z.object({
  type: z.literal("chart"),
  spec: ChartSpecSchema,
  position: PositionSchema,
  step: StepSchema.optional(),
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
    /** A company template (.potx or .pptx) to build into; wins over \`theme\`. */
    template: z.string().optional(),
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
    /** As pandoc's: `true` makes every list appear one item per click (`::: nonincremental` turns it off inside). */
    incremental: z.boolean().optional(),
  })
  .strict();
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/**
 * How a slide started in the Markdown: `# ` (heading1), `## ` (heading2),
 * `---` or content with no heading (break).
 */
export const SlideStartSchema = z.enum(["heading1", "heading2", "break"]);

export const DirectiveSchema = z.object({ name: z.string(), position: PositionSchema });

/** Marp's `![bg …](p)`: a picture behind the slide, or beside its content (`left`/`right`). */
export const BackgroundPictureSchema = ImageBlockSchema.extend({
  /** `bg 80%`: shown at that fraction of its area. */
  scale: z.number().positive().max(1).nullable(),
});
export type BackgroundPicture = z.infer<typeof BackgroundPictureSchema>;

/** A colour asked for, `RRGGBB`, with where (a colour that would make text illegible is reported there). */
export const AskedColorSchema = z.object({ color: z.string().regex(/^[0-9A-F]{6}$/), position: PositionSchema });

/** `![bg](p)` pictures, side by side (or stacked when `vertical`), over the whole slide or on one `side`; of the outline's pictures or the deck's read ones. */
export const backgroundPicturesSchema = <T extends z.ZodType>(image: T) =>
  z.object({
    images: z.array(image).min(1),
    side: z.enum(["left", "right"]).nullable(),
    /** The side's share of the slide's width. */
    share: z.number().positive().max(1),
    vertical: z.boolean(),
  });

/**
 * How a slide looks beyond its layout, from Marp's directives and background pictures
 * (docs/syntax.md): present only on slides that have any, so other outlines keep their shape.
 */
export const SlideStyleSchema = z
  .object({
    /** Marp's `paginate`: the slide number shown or not. */
    paginate: z.boolean().optional(),
    /** Marp's `footer` (or `header`): this slide's footer text. */
    footer: z.string().optional(),
    /** Marp's `class: lead`: a centred, title-like slide. */
    lead: z.boolean().optional(),
    background: AskedColorSchema.optional(),
    color: AskedColorSchema.optional(),
    pictures: backgroundPicturesSchema(BackgroundPictureSchema).optional(),
  })
  .strict();
export type SlideStyle = z.infer<typeof SlideStyleSchema>;

export const OutlineSlideSchema = z.object({
  start: SlideStartSchema,
  title: z.array(RunSchema).nullable(),
  position: PositionSchema,
  layout: DirectiveSchema.nullable(),
  blocks: z.array(BlockSchema),
  notes: z.string().nullable(),
  style: SlideStyleSchema.optional(),
});
export type OutlineSlide = z.infer<typeof OutlineSlideSchema>;

/** What parse hands to plan: the front matter and the slides as written, each with positions. */
export const OutlineSchema = z.object({
  file: z.string(),
  frontMatter: FrontMatterSchema,
  slides: z.array(OutlineSlideSchema),
});
export type Outline = z.infer<typeof OutlineSchema>;
