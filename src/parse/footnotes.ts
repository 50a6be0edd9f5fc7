/**
 * pandoc's footnotes, once the slides are cut (the tokens come from src/parse/pandocInline.ts):
 * each reference becomes a superscript number, counted from 1 on each slide in the order the
 * references first appear, and each note's text a small paragraph at the end of the slide that
 * refers to it (`footnote` on the paragraph: the plan and the templates show it small; the fit
 * stage measures it with the rest of the body). A reference with no note, and a note that no
 * slide refers to, are warnings at their line; the text of either is kept.
 */
import type { Token } from "marked";
import type { Block, LeafBlock, OutlineSlide, Run } from "../model/outline.js";
import type { Position } from "../model/position.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { inlineRuns, LINE_BREAK } from "./inline.js";
import { walkTokens } from "./lexer.js";

interface Note {
  label: string;
  tokens: Token[];
  /** Where the definition is; null for an inline `^[note]`. */
  position: Position | null;
  used: boolean;
}

const plain = (text: string): Run => ({ text, bold: false, italic: false, strike: false, code: false, href: null });

/** Every footnote definition and inline note in the token tree, each definition with its position. */
function collectNotes(tokens: readonly Token[], source: string, at: (offset: number) => Position, diagnostics: Diagnostics): Map<string, Note> {
  const notes = new Map<string, Note>();
  let cursor = 0;
  walkTokens(tokens, (token) => {
    if (token.type === "footnoteDefinition") {
      const definition = token;
      const found = source.indexOf(definition.raw.trimEnd(), cursor);
      if (found !== -1) cursor = found + 1;
      const position = at(found === -1 ? cursor : found);
      if (notes.has(definition.label)) diagnostics.warning("footnote-duplicate", `A second note for \`[^${definition.label}]\`; the first one is used, this one is shown as a note of its own`, position);
      notes.set(notes.has(definition.label) ? `${definition.label}\u0000${found}` : definition.label, { label: definition.label, tokens: definition.tokens, position, used: false });
    } else if (token.type === "footnoteRef" && token.tokens) {
      notes.set(token.label, { label: token.label, tokens: token.tokens, position: null, used: false });
    }
  });
  return notes;
}

/** Every list of runs on a slide, in reading order. */
function runLists(slide: OutlineSlide): { runs: Run[]; position: Position }[] {
  const out: { runs: Run[]; position: Position }[] = [];
  if (slide.title) out.push({ runs: slide.title, position: slide.position });
  const visit = (block: Block | LeafBlock): void => {
    switch (block.type) {
      case "paragraph":
      case "subheading":
        out.push({ runs: block.runs, position: block.position });
        break;
      case "list":
        for (const item of block.items) out.push({ runs: item.runs, position: item.position });
        break;
      case "blockquote":
        for (const runs of block.paragraphs) out.push({ runs, position: block.position });
        if (block.attribution) out.push({ runs: block.attribution, position: block.position });
        break;
      case "table":
        for (const cell of [...block.header, ...block.rows.flat()]) out.push({ runs: cell.runs, position: block.position });
        break;
      case "columns":
        for (const column of block.columns) column.forEach(visit);
        break;
      default:
        break;
    }
  };
  slide.blocks.forEach(visit);
  return out;
}

/** A note's text as runs: its paragraphs one after another, a line break between. */
function noteRuns(note: Note): Run[] {
  const runs: Run[] = note.position === null ? inlineRuns(note.tokens) : [];
  for (const token of note.position === null ? [] : note.tokens) {
    if (token.type === "space") continue;
    const own = "tokens" in token && Array.isArray(token.tokens) ? inlineRuns(token.tokens) : [plain(token.raw.trim())];
    if (own.length === 0) continue;
    if (runs.length > 0) runs.push(plain(LINE_BREAK));
    runs.push(...own);
  }
  if (runs.length === 0) runs.push(plain(note.label));
  // A reference inside a note is not numbered again: it stays as written.
  for (const run of runs) delete run.footnote;
  return runs;
}

/** Where a slide's notes go: its end, or the end of its last column on a slide of `::: column`s (a block after the columns would be a slide of its own). */
function blocksFor(slide: OutlineSlide): LeafBlock[] | Block[] {
  const columns = slide.blocks.findLast((b) => b.type === "columns");
  return columns?.type === "columns" ? (columns.columns.at(-1) ?? slide.blocks) : slide.blocks;
}

function footnoteParagraph(number: number, runs: Run[], position: Position): LeafBlock {
  return { type: "paragraph", runs: [{ ...plain(String(number)), superscript: true }, plain(" "), ...runs], position, footnote: number };
}

/**
 * Numbers the references of each slide and adds its notes at its end. `source` is the text the
 * tokens were lexed from (the whole file's text, with the body as lexed), `at` gives a position for an offset in it.
 */
export function attachFootnotes(
  slides: OutlineSlide[],
  tokens: readonly Token[],
  source: string,
  at: (offset: number) => Position,
  diagnostics: Diagnostics,
): void {
  // Every reference (`[^label]`, `^[note]`) and definition has a caret: without one there is nothing to walk the tokens for.
  if (!source.includes("^")) return;
  const notes = collectNotes(tokens, source, at, diagnostics);
  const starts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) starts.push(i + 1);
  const offsetOf = (position: Position): number => (starts[position.line - 1] ?? 0) + position.column - 1;
  for (const slide of slides) {
    const numbers = new Map<string, number>();
    const shown: { number: number; note: Note }[] = [];
    for (const { runs, position } of runLists(slide)) {
      let searchFrom = offsetOf(position);
      for (const run of runs) {
        if (run.footnote === undefined) continue;
        const label = run.footnote;
        delete run.footnote;
        const note = notes.get(label);
        const found = source.indexOf(run.text, searchFrom);
        if (found !== -1) searchFrom = found + run.text.length;
        if (!note) {
          diagnostics.warning("footnote-undefined", `Unexpected footnote reference \`${run.text}\` with no note \`[^${label}]: …\`; shown as written`, at(found === -1 ? offsetOf(position) : found), `write the note as \`[^${label}]: text\` on a line of its own`);
          continue;
        }
        note.used = true;
        let number = numbers.get(label);
        if (number === undefined) {
          number = numbers.size + 1;
          numbers.set(label, number);
          shown.push({ number, note });
        }
        run.text = String(number);
        run.superscript = true;
        delete run.subscript;
      }
    }
    for (const { number, note } of shown) blocksFor(slide).push(footnoteParagraph(number, noteRuns(note), note.position ?? slide.position));
  }
  // A note no slide refers to: reported, and shown on the slide it is written on.
  for (const note of notes.values()) {
    if (note.used || note.position === null) continue;
    const position = note.position;
    diagnostics.warning("footnote-unused", `The note \`[^${note.label}]\` is not referred to by any \`[^${note.label}]\` in the text; it is shown at the end of its slide`, position);
    const slide = slides.filter((s) => s.position.line <= position.line).at(-1) ?? slides[0];
    if (!slide) continue;
    const blocks = blocksFor(slide);
    const number = blocks.filter((b) => b.type === "paragraph" && b.footnote !== undefined).length + 1;
    blocks.push(footnoteParagraph(number, noteRuns(note), position));
  }
}
