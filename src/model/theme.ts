import { z } from "zod";
import { LayoutKindSchema } from "./deck.js";

const hex = z.string().regex(/^#[0-9A-Fa-f]{6}$/, { message: 'expected a hex colour like "#1A2B3C"' });

/** pptxgenjs writes font names into XML unescaped, so the characters XML treats specially are refused. */
const fontName = z
  .string()
  .min(1)
  .regex(/^[^<>&"']+$/, { message: "expected a font family name without < > & \" or '" });

/** A font: the family written into the deck, and the families that stand in for it where it is missing. */
export const FontSchema = z
  .object({
    family: fontName,
    fallbacks: z.array(fontName).default([]),
  })
  .strict();

/** A region of the slide on the theme's column grid: columns `col`..`col+span-1` (1-based), or the full width. */
export const RegionSchema = z
  .object({
    col: z.number().int().min(1).optional(),
    span: z.number().int().min(1).optional(),
    bleed: z.boolean().optional(),
    /** A fixed left edge in inches, instead of `col` (a template's placeholder boxes); with `w`. */
    x: z.number().min(0).optional(),
    /** A fixed width in inches from the column's left edge, instead of `span` (thin rules and bars). */
    w: z.number().positive().optional(),
    y: z.number().min(0),
    h: z.number().positive(),
  })
  .strict();
export type Region = z.infer<typeof RegionSchema>;

/** An image the theme places: a path relative to the theme folder. */
export const ThemeImageSchema = z
  .object({
    path: z.string().min(1),
    /** What a screen reader says; empty for pure decoration. */
    alt: z.string().default(""),
    /** The layouts it appears on. */
    layouts: z.array(LayoutKindSchema).min(1),
  })
  .strict();

export const COLOR_ROLES = [
  "background", "text", "muted", "accent", "accentText", "surface", "rule", "link",
  "tableHeader", "tableHeaderText", "tableBand", "codeBackground", "codeText",
] as const;

export const SYNTAX_KINDS = [
  "plain", "keyword", "string", "number", "comment", "function", "type", "variable", "operator", "punctuation", "meta",
] as const;

/** The type sizes every theme defines (in points); a theme may add more names. */
export const SIZE_NAMES = ["display", "section", "title", "subtitle", "body", "bodySmall", "table", "code", "caption", "footer", "minimum"] as const;

export const ContrastExceptionSchema = z
  .object({
    /** Colour names, as in `colors`. */
    text: z.string().min(1),
    on: z.string().min(1),
    reason: z.string().min(10, { message: "expected a reason of at least 10 characters" }),
  })
  .strict();

/**
 * A theme, complete: what theme.json holds after `extends` is resolved. Objects merge key by key
 * down the `extends` chain; arrays and values replace.
 */
export const ThemeSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().min(1),
    colors: z.object(Object.fromEntries(COLOR_ROLES.map((role) => [role, hex])) as Record<(typeof COLOR_ROLES)[number], typeof hex>).catchall(hex),
    chartColors: z.array(hex).min(6, { message: "expected at least 6 chart colours" }),
    syntax: z.object(Object.fromEntries(SYNTAX_KINDS.map((kind) => [kind, hex])) as Record<(typeof SYNTAX_KINDS)[number], typeof hex>).strict(),
    fonts: z.object({ heading: FontSchema, body: FontSchema, code: FontSchema }).strict(),
    sizes: z
      .object(Object.fromEntries(SIZE_NAMES.map((name) => [name, z.number().min(6).max(400)])) as Record<(typeof SIZE_NAMES)[number], z.ZodNumber>)
      .catchall(z.number().min(6).max(400)),
    lineSpacing: z.number().min(0.8).max(3),
    paragraphSpacing: z.number().min(0).max(72),
    bulletIndent: z.number().min(0).max(2),
    grid: z.object({ margin: z.number().min(0), columns: z.number().int().min(1).max(24), gutter: z.number().min(0) }).strict(),
    regions: z.record(z.string(), RegionSchema),
    /** `text` replaces the deck's footer (front matter `footer`, else its title) on every deck. */
    footer: z.object({ show: z.boolean(), text: z.string().nullable() }).strict().default({ show: true, text: null }),
    slideNumber: z.object({ show: z.boolean() }).strict().default({ show: true }),
    logo: ThemeImageSchema.nullable().default(null),
    backgroundImage: ThemeImageSchema.nullable().default(null),
    contrast: z.object({ exceptions: z.array(ContrastExceptionSchema) }).strict().default({ exceptions: [] }),
  })
  .strict();
export type Theme = z.infer<typeof ThemeSchema>;
export type ThemeImage = z.infer<typeof ThemeImageSchema>;
