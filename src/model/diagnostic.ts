import { z } from "zod";

export const SeveritySchema = z.enum(["error", "warning"]);
export type Severity = z.infer<typeof SeveritySchema>;

/**
 * A problem is data: a stable id, a severity, where it is and what to do about it.
 * Only the CLI turns it into text (see src/diagnostics/format.ts).
 */
export const DiagnosticSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  severity: SeveritySchema,
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int().min(1).optional(),
  column: z.number().int().min(1).optional(),
  hint: z.string().optional(),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;
