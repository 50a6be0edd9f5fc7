/**
 * Compiles one Markdown file in a child process, so that a test can give a build a hard deadline
 * (a synchronous hang cannot be interrupted by vitest's timeout inside its own process).
 *
 *   node --import tsx test/reliability/compileChild.ts <input.md> <output.pptx>
 *
 * Prints one JSON line: { diagnostics, slides, written }; writes the deck when there is one.
 * Run by `compileWithDeadline` in support.ts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { compile } from "../../src/pipeline.js";

const [input, output] = process.argv.slice(2);
if (input === undefined || output === undefined) throw new Error("usage: compileChild.ts <input.md> <output.pptx>");
const result = await compile(readFileSync(input, "utf8"), input, { modified: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) });
if (result.pptx) writeFileSync(output, result.pptx);
process.stdout.write(`${JSON.stringify({ diagnostics: result.diagnostics, slides: result.slides.length, written: result.pptx !== null })}\n`);
