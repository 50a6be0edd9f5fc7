/** The measuring engine's inputs and outputs. Lengths in inches, sizes in points. */
import { z } from "zod";

/**
 * Each family the theme uses → the families that stand in for it where it is missing, in order
 * (a theme's `fonts.x.family` → `fonts.x.fallbacks`). Looked up without regard to case.
 */
export const FontFamiliesSchema = z.record(z.string(), z.array(z.string()));
export type FontFamilies = z.infer<typeof FontFamiliesSchema>;

/** One line of a wrapped paragraph. */
export const WrappedLineSchema = z.object({
  /** The line's text, with any spaces that hang past its end. */
  text: z.string(),
  /** Its width without the hanging spaces. */
  width: z.number().min(0),
  /** The largest type size on the line (points): the line's height follows it. */
  size: z.number().min(0),
});
export type WrappedLine = z.infer<typeof WrappedLineSchema>;

export const ParagraphMeasurementSchema = z.object({
  lines: z.array(WrappedLineSchema),
  /** The height of its lines, without the space before it. */
  height: z.number().min(0),
  /** The space before it (its `spaceBefore`, else the box's paragraph spacing; none before the first). */
  spaceBefore: z.number().min(0),
  /** From the box's top edge (inset included) to the paragraph's last line's bottom. */
  bottom: z.number().min(0),
  /** The width its lines have: the box less the insets and the paragraph's indent. */
  available: z.number(),
});
export type ParagraphMeasurement = z.infer<typeof ParagraphMeasurementSchema>;

/** Which stand-in's metrics measured a family the text uses. */
export const StandInUseSchema = z.object({
  family: z.string(),
  standIn: z.string(),
  /** False when neither the family nor its fallbacks has a metric-compatible stand-in (Carlito's metrics were used). */
  compatible: z.boolean(),
});
export type StandInUse = z.infer<typeof StandInUseSchema>;

export const TextMeasurementSchema = z.object({
  paragraphs: z.array(ParagraphMeasurementSchema),
  /** The text's height, insets included. */
  height: z.number().min(0),
  /** `height` less the box's height: positive when the text does not fit. */
  overflow: z.number(),
  /** The first paragraph that does not entirely fit in the box, or null when all do. */
  overflowingParagraph: z.number().int().min(0).nullable(),
  fonts: z.array(StandInUseSchema),
});
export type TextMeasurement = z.infer<typeof TextMeasurementSchema>;
