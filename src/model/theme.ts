import { z } from "zod";

const hex = z
  .string()
  .regex(/^#[0-9A-Fa-f]{6}$/, { message: 'expected a hex colour like "#1A2B3C"' });

/** pptxgenjs writes font names into XML unescaped, so the characters XML treats specially are refused. */
const fontName = z
  .string()
  .min(1)
  .regex(/^[^<>&"']+$/, { message: "expected a font family name without < > & \" or '" });

/** A region of the slide on the theme's column grid: columns `col`..`col+span-1` (1-based), or the full width. */
export const RegionSchema = z
  .object({
    col: z.number().int().min(1).optional(),
    span: z.number().int().min(1).optional(),
    bleed: z.boolean().optional(),
    /** A fixed width in inches from the column's left edge, instead of `span` (thin rules and bars). */
    w: z.number().positive().optional(),
    y: z.number().min(0),
    h: z.number().positive(),
  })
  .strict();
export type Region = z.infer<typeof RegionSchema>;

export const ThemeSchema = z
  .object({
    name: z.string().min(1),
    description: z.string(),
    colors: z
      .object({
        background: hex,
        text: hex,
        muted: hex,
        accent: hex,
        accentText: hex,
        surface: hex,
        rule: hex,
        link: hex,
        tableHeader: hex,
        tableHeaderText: hex,
        tableBand: hex,
      })
      .catchall(hex),
    fonts: z.object({ heading: fontName, body: fontName, code: fontName }).strict(),
    sizes: z.record(z.string(), z.number().positive().max(400)),
    lineSpacing: z.number().min(0.8).max(3),
    paragraphSpacing: z.number().min(0).max(72),
    bulletIndent: z.number().min(0).max(2),
    grid: z
      .object({ margin: z.number().min(0), columns: z.number().int().min(1).max(24), gutter: z.number().min(0) })
      .strict(),
    regions: z.record(z.string(), RegionSchema),
  })
  .strict();
export type Theme = z.infer<typeof ThemeSchema>;
