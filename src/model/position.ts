import { z } from "zod";

/** A place in a source file: 1-based line and column (column counts UTF-16 code units). */
export const PositionSchema = z.object({
  line: z.number().int().min(1),
  column: z.number().int().min(1),
});
export type Position = z.infer<typeof PositionSchema>;
