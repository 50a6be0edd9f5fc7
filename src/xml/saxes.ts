/**
 * saxes, loaded on first use: it is needed to read a .pptx (`validate`) or a company template,
 * not for a plain build, whose start it would slow (the pack test checks what a build loads).
 * saxes is CommonJS, so it loads synchronously.
 */
import { createRequire } from "node:module";
import type * as Saxes from "saxes";

let loaded: typeof Saxes | undefined;
export const saxes = (): typeof Saxes => (loaded ??= createRequire(import.meta.url)("saxes") as typeof Saxes);
