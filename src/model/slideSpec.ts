import { z } from "zod";
import { PositionSchema } from "./position.js";
import { LayoutKindSchema } from "./deck.js";
import { StepSchema } from "./outline.js";
import { ChartSpecSchema } from "../charts/spec.js";

/** Every length in a SlideSpec is in inches, from the slide's top-left corner. */
export const BoxSchema = z.object({
  x: z.number().min(0),
  y: z.number().min(0),
  w: z.number().positive(),
  h: z.number().positive(),
});
export type Box = z.infer<typeof BoxSchema>;

export const HexColorSchema = z.string().regex(/^[0-9A-F]{6}$/, 'expected a hex colour like "1A2B3C"');

export const TextStyleSchema = z.object({
  font: z.string().min(1),
  size: z.number().positive(),
  color: HexColorSchema,
  bold: z.boolean(),
  italic: z.boolean(),
  align: z.enum(["left", "center", "right"]),
  valign: z.enum(["top", "middle", "bottom"]),
  /** Line spacing as a multiple of single spacing. */
  lineSpacing: z.number().positive(),
  /** Space before each paragraph but the first, in points. */
  paragraphSpacing: z.number().min(0),
});
export type TextStyle = z.infer<typeof TextStyleSchema>;

export const SpecRunSchema = z.object({
  text: z.string(),
  bold: z.boolean(),
  italic: z.boolean(),
  strike: z.boolean(),
  font: z.string().nullable(),
  color: HexColorSchema.nullable(),
  href: z.string().nullable(),
  /** From HTML (`<u>`, `<sup>`, `<sub>`, `<mark>`); present only when set. */
  underline: z.literal(true).optional(),
  baseline: z.enum(["super", "sub"]).optional(),
  /** The marker colour behind the text. */
  highlight: HexColorSchema.optional(),
  /**
   * An equation: `text` is the formula as a line of text (what is measured, and what shows where
   * equations are not drawn), `tex` its source; `lines` is how tall it is drawn, in lines of
   * text, and `ems` about how wide, in ems of its type size.
   */
  math: z.object({ tex: z.string().min(1), display: z.boolean(), lines: z.number().min(1), ems: z.number().min(0) }).optional(),
});
export type SpecRun = z.infer<typeof SpecRunSchema>;

export const SpecParagraphSchema = z.object({
  runs: z.array(SpecRunSchema),
  bullet: z.enum(["none", "bullet", "number"]),
  level: z.number().int().min(0).max(8),
  /** First number of a numbered run of paragraphs. */
  number: z.number().int().min(1),
  /** Overrides of the box style for this paragraph. */
  size: z.number().positive().nullable(),
  color: HexColorSchema.nullable(),
  bold: z.boolean().nullable(),
  spaceBefore: z.number().min(0).nullable(),
  /** Right to left: its first letter is Hebrew, Arabic or another right-to-left script. */
  rtl: z.boolean(),
  /** The click this paragraph appears on, built paragraph by paragraph (absent: shown from the start). */
  step: StepSchema.optional(),
});
export type SpecParagraph = z.infer<typeof SpecParagraphSchema>;

/**
 * A placeholder of a company template's layout that a text box fills (issue 15): the slide's
 * shape names it (`p:ph type idx`) and inherits its box and text style, so only what differs is
 * written. `sizes` are the type sizes of its nine levels, `box` its box on the layout.
 */
export const PlaceholderBindingSchema = z.object({
  type: z.string().min(1),
  idx: z.number().int().min(0),
  /** Whether the layout writes `idx` (the slide's placeholder then writes it too). */
  hasIdx: z.boolean(),
  box: BoxSchema,
  sizes: z.array(z.number().positive()).length(9),
  bold: z.boolean(),
  italic: z.boolean(),
  /** Its text colour, as inherited (the markup may ask for another). */
  color: HexColorSchema,
  /** Whether its first level has a bullet. */
  bulleted: z.boolean(),
  /** Its Latin typeface as the template writes it (`+mn-lt`, or a family): a footer or date writes it on its runs. */
  typeface: z.string().min(1),
});
export type PlaceholderBinding = z.infer<typeof PlaceholderBindingSchema>;

/** Where an element belongs: on the slide, or on its layout (decoration shared by every slide of the kind). */
export const LayerSchema = z.enum(["slide", "layout"]);

export const TextElementSchema = z.object({
  type: z.literal("text"),
  /** `title` goes in the title placeholder; `decoration` (a big quote mark) is exempt from contrast checks. */
  role: z.enum(["title", "body", "other", "decoration"]),
  layer: LayerSchema,
  box: BoxSchema,
  style: TextStyleSchema,
  /** Bullet indent per level, in inches. */
  indent: z.number().min(0),
  /** A panel behind the text (code), or none. */
  fill: HexColorSchema.nullable(),
  /** Space between the box's edge and its text, in inches. */
  inset: z.number().min(0),
  paragraphs: z.array(SpecParagraphSchema),
  /** The click the whole element appears on (absent: shown from the start). */
  step: StepSchema.optional(),
  /** The template placeholder it fills (a template-backed theme only). */
  placeholder: PlaceholderBindingSchema.optional(),
});

export const ShapeElementSchema = z.object({
  type: z.literal("shape"),
  shape: z.enum(["rect", "ellipse", "line"]),
  /** How much of what is under the fill shows through, in percent (a panel over a background picture); absent: opaque. */
  transparency: z.number().min(0).max(100).optional(),
  layer: LayerSchema,
  box: BoxSchema,
  fill: HexColorSchema.nullable(),
  line: HexColorSchema.nullable(),
  lineWidth: z.number().min(0),
  /** The click the whole element appears on (absent: shown from the start). */
  step: StepSchema.optional(),
});

export const SpecCellSchema = z.object({
  runs: z.array(SpecRunSchema),
  align: z.enum(["left", "center", "right"]),
});
export type SpecCell = z.infer<typeof SpecCellSchema>;

export const TableElementSchema = z.object({
  type: z.literal("table"),
  layer: z.literal("slide"),
  box: BoxSchema,
  style: TextStyleSchema,
  columnWidths: z.array(z.number().positive()).min(1),
  /** Height of each row, the header first: measured where the text wraps, at least one line. */
  rowHeights: z.array(z.number().positive()),
  header: z.array(SpecCellSchema),
  rows: z.array(z.array(SpecCellSchema)),
  headerFill: HexColorSchema,
  headerColor: HexColorSchema,
  bandFill: HexColorSchema.nullable(),
  rule: HexColorSchema,
  /** The click the whole element appears on (absent: shown from the start). */
  step: StepSchema.optional(),
  /**
   * A company template's table style (`{GUID}`, its tableStyles.xml default): the table is
   * drawn in it, and the fills, rules and header colour above are not written (issue 15).
   */
  tableStyle: z.string().regex(/^\{[0-9A-Fa-f-]{36}\}$/).optional(),
});
export type TableElement = z.infer<typeof TableElementSchema>;

export const SlideNumberElementSchema = z.object({
  type: z.literal("slide-number"),
  layer: LayerSchema,
  box: BoxSchema,
  style: TextStyleSchema,
  /** The template's slide number placeholder (a template-backed theme only). */
  placeholder: PlaceholderBindingSchema.optional(),
});

/** What to cut off each side of a picture, as fractions of its own width and height (`cover` fit). */
export const CropSchema = z.object({
  left: z.number().min(0).max(1),
  top: z.number().min(0).max(1),
  right: z.number().min(0).max(1),
  bottom: z.number().min(0).max(1),
});

export const ImageElementSchema = z.object({
  type: z.literal("image"),
  layer: LayerSchema,
  /** Where the picture is shown, after fitting (never stretched). */
  box: BoxSchema,
  /** Absolute path of the image file. */
  path: z.string().min(1),
  /** The picture's description for screen readers; empty for decoration. */
  alt: z.string(),
  crop: CropSchema.nullable(),
  /** The click the whole element appears on (absent: shown from the start). */
  step: StepSchema.optional(),
  /** In a template-backed theme: the layout's picture placeholder this picture fills (PowerPoint's Change Picture and Reset then work on it). */
  placeholder: PlaceholderBindingSchema.optional(),
});
export type ImageElement = z.infer<typeof ImageElementSchema>;

/** A native, editable chart: the data as written, styled with the theme. */
export const ChartElementSchema = z.object({
  type: z.literal("chart"),
  layer: z.literal("slide"),
  box: BoxSchema,
  chart: ChartSpecSchema,
  /** Series colours in order (pie and doughnut: one per slice); never fewer than needed. */
  colors: z.array(HexColorSchema).min(1),
  font: z.string().min(1),
  /** Axis labels, legend and data labels, in points; the chart title is a little larger. */
  size: z.number().positive(),
  textColor: HexColorSchema,
  /** The data labels' colour, readable where they are drawn (src/charts/colors.ts, decided in render). */
  labelColor: HexColorSchema,
  /** Axis lines and (light) gridlines. */
  ruleColor: HexColorSchema,
  /** The chart's description for screen readers. */
  alt: z.string(),
  /** The click the whole element appears on (absent: shown from the start). */
  step: StepSchema.optional(),
});
export type ChartElement = z.infer<typeof ChartElementSchema>;

export const ElementSchema = z.discriminatedUnion("type", [
  TextElementSchema,
  ShapeElementSchema,
  TableElementSchema,
  SlideNumberElementSchema,
  ImageElementSchema,
  ChartElementSchema,
]);
export type Element = z.infer<typeof ElementSchema>;
export type TextElement = z.infer<typeof TextElementSchema>;
export type ShapeElement = z.infer<typeof ShapeElementSchema>;
export type SlideNumberElement = z.infer<typeof SlideNumberElementSchema>;

/** What render hands to write: one slide, every element positioned and styled. */
export const SlideSpecSchema = z.object({
  layout: LayoutKindSchema,
  position: PositionSchema,
  background: HexColorSchema,
  elements: z.array(ElementSchema),
  notes: z.string().nullable(),
});
export type SlideSpec = z.infer<typeof SlideSpecSchema>;
