import type { Token } from "marked";
import { deckTokens } from "./tokens.js";
import type { Run } from "../model/outline.js";
import { checkTex } from "../math/tex.js";
import type { MathToken } from "./math.js";
import { decodeText, DROPPED_ELEMENTS, droppedMessage, parseTag, tagEffect, type TagEffect } from "./html.js";

type Flag = Extract<TagEffect, { kind: "style" }>["flag"];

interface Style {
  bold: boolean;
  italic: boolean;
  strike: boolean;
  code: boolean;
  href: string | null;
  underline: boolean;
  superscript: boolean;
  subscript: boolean;
  highlight: boolean;
}

const PLAIN: Style = { bold: false, italic: false, strike: false, code: false, href: null, underline: false, superscript: false, subscript: false, highlight: false };

/** A line break inside a paragraph. */
export const LINE_BREAK = "\n";

/**
 * Where inline HTML is reported: `raw` is the token's text, found in order in the
 * paragraph's source by the caller. Without one, nothing is reported.
 */
export type InlineReport = (id: string, message: string, raw: string, hint?: string) => void;

/** Decodes every HTML5 character reference that marked leaves in text tokens (`&rarr;`, `&#x263A;`). */
export function decodeEntities(text: string): string {
  return decodeText(text);
}

/** Soft line breaks inside a paragraph read as spaces on a slide. */
function flatten(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, " ");
}

/** Turns marked's inline token tree into flat runs, merging neighbours of the same style. */
export function inlineRuns(tokens: readonly Token[] | undefined, report?: InlineReport): Run[] {
  const runs: Run[] = [];
  collect(tokens ?? [], PLAIN, runs, report ?? (() => undefined));
  return trimRuns(runs);
}

/** Plain text of inline tokens (for notes and ids). */
export function plainText(tokens: readonly Token[] | undefined): string {
  return inlineRuns(tokens).map((r) => r.text).join("");
}

function sameStyle(run: Run, style: Style): boolean {
  return (
    run.footnote === undefined && run.math === undefined &&
    run.bold === style.bold && run.italic === style.italic && run.strike === style.strike && run.code === style.code && run.href === style.href &&
    (run.underline ?? false) === style.underline && (run.superscript ?? false) === style.superscript &&
    (run.subscript ?? false) === style.subscript && (run.highlight ?? false) === style.highlight
  );
}

function newRun(text: string, style: Style): Run {
  // The HTML styles only when set, in the schema's order (a run per piece of text: no spreading).
  const run: Run = { text, bold: style.bold, italic: style.italic, strike: style.strike, code: style.code, href: style.href };
  if (style.underline) run.underline = true;
  if (style.superscript) run.superscript = true;
  if (style.subscript) run.subscript = true;
  if (style.highlight) run.highlight = true;
  return run;
}

function push(runs: Run[], text: string, style: Style): void {
  const last = runs[runs.length - 1];
  // White space around a line break is not shown, and breaks do not pile up into blank lines.
  const afterBreak = last?.text.endsWith(LINE_BREAK) ?? false;
  const value = afterBreak ? text.replace(/^[ \t]+/, "") : text;
  if (value === "") return;
  if (value === LINE_BREAK) {
    if (afterBreak) return;
    if (last && /[ \t]$/.test(last.text)) last.text = last.text.replace(/[ \t]+$/, "");
  }
  if (last && sameStyle(last, style)) {
    last.text += value;
    return;
  }
  runs.push(newRun(value, style));
}

function withFlag(style: Style, flag: Flag): Style {
  if (flag === "superscript") return { ...style, superscript: true, subscript: false };
  if (flag === "subscript") return { ...style, subscript: true, superscript: false };
  return { ...style, [flag]: true };
}

/**
 * Inline HTML tags are siblings of the text they wrap (`<b>`, text, `</b>`), so each list of
 * tokens keeps its own stack of open tags; a closing tag closes the nearest open one of its
 * name, and tags left open end with the list.
 */
class TagStack {
  private readonly open: { name: string; style: Style }[] = [];
  /** How many of each name are open: a closing tag with none open costs nothing, so closing stays linear. */
  private readonly counts = new Map<string, number>();
  /** Inside an element that is dropped (`<script>` … `</script>` in a paragraph). */
  dropping: string | null = null;
  /** Just after a dropped element: the space after it is not doubled with the one before. */
  afterDrop = false;

  constructor(private readonly base: Style) {}

  get style(): Style {
    return this.open.at(-1)?.style ?? this.base;
  }

  push(name: string, style: Style): void {
    this.open.push({ name, style });
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  close(name: string): void {
    if (!this.counts.get(name)) return;
    for (let top = this.open.pop(); top; top = this.open.pop()) {
      this.counts.set(top.name, (this.counts.get(top.name) ?? 1) - 1);
      if (top.name === name) return;
    }
  }
}

function html(raw: string, tags: TagStack, runs: Run[], report: InlineReport): void {
  const tag = parseTag(raw);
  if (!tag) return; // a comment or declaration: invisible
  if (tags.dropping !== null) {
    if (tag.closing && tag.name === tags.dropping) {
      tags.dropping = null;
      tags.afterDrop = true;
    }
    return;
  }
  if (tag.closing) {
    tags.close(tag.name);
    return;
  }
  if (DROPPED_ELEMENTS.has(tag.name)) {
    report("raw-html", droppedMessage(tag.name), raw, "write the content as Markdown");
    if (tag.selfClosing) tags.afterDrop = true;
    else tags.dropping = tag.name;
    return;
  }
  const effect = tagEffect(tag);
  const style = tags.style;
  switch (effect.kind) {
    case "break":
      push(runs, LINE_BREAK, style);
      return;
    case "image":
      report("inline-image", "An image inside text is shown as its alt text; put the image in a paragraph of its own", raw);
      push(runs, flatten(effect.alt), style);
      return;
    case "link":
      if (!tag.selfClosing) tags.push(tag.name, { ...style, href: effect.href });
      return;
    case "style":
      if (!tag.selfClosing) tags.push(tag.name, withFlag(style, effect.flag));
      return;
    case "none":
      if (!tag.selfClosing) tags.push(tag.name, style);
      return;
  }
}

/**
 * A formula is a run of its own, its text the TeX. TeX that temml cannot read is reported at
 * the formula and shown as it was written, delimiters and all, so nothing is lost.
 */
function mathRun(token: MathToken, style: Style, runs: Run[], report: InlineReport): void {
  const problem = checkTex(token.text);
  if (problem !== null) {
    report("math-error", `This formula cannot be read (${problem.message}); it is shown as written`, token.raw, "check the TeX, or escape the dollar sign (\\$) if it is not a formula");
    push(runs, flatten(token.raw), style);
    return;
  }
  runs.push({ ...newRun(token.text.replace(/\s+/g, " "), style), math: token.display ? "display" : "inline" });
}

function collect(tokens: readonly Token[], base: Style, runs: Run[], report: InlineReport): void {
  const tags = new TagStack(base);
  for (const token of deckTokens(tokens)) {
    if (tags.dropping !== null && token.type !== "html") continue;
    const style = tags.style;
    switch (token.type) {
      case "text":
      case "escape": {
        const children = token.type === "text" ? token.tokens : undefined;
        if (children && children.length > 0) collect(children, style, runs, report);
        else {
          const text = flatten(token.type === "escape" ? token.text : decodeEntities(token.text));
          const spaced = tags.afterDrop && /\s$/.test(runs.at(-1)?.text ?? "");
          push(runs, spaced ? text.replace(/^\s+/, "") : text, style);
        }
        tags.afterDrop = false;
        break;
      }
      case "strong":
        collect(token.tokens, { ...style, bold: true }, runs, report);
        break;
      case "em":
        collect(token.tokens, { ...style, italic: true }, runs, report);
        break;
      case "del":
        collect(token.tokens, { ...style, strike: true }, runs, report);
        break;
      case "codespan":
        // As in CommonMark (and code blocks), a code span is literal: `&nbsp;` shows as written.
        push(runs, token.text, { ...style, code: true });
        break;
      case "link":
        collect(token.tokens, { ...style, href: decodeEntities(token.href) }, runs, report);
        break;
      case "image":
        push(runs, flatten(token.text), style);
        break;
      case "br":
        push(runs, LINE_BREAK, style);
        break;
      case "html":
        html(token.raw, tags, runs, report);
        break;
      case "math":
        mathRun(token, style, runs, report);
        break;
      case "superscript":
      case "subscript":
        collect(token.tokens, withFlag(style, token.type), runs, report);
        break;
      case "emoji":
        push(runs, token.text, style);
        break;
      case "foreignIcon":
        report("foreign-syntax", `The icon shortcode \`${token.raw}\` (Font Awesome) is left out: deckwright does not draw icon fonts`, token.raw, "use an emoji shortcode like `:warning:` or a picture");
        tags.afterDrop = true; // the space after it is not doubled with the one before
        continue;
      case "footnoteRef":
        // Kept as written until src/parse/footnotes.ts numbers it (or reports it, when it has no note).
        runs.push({ ...newRun(token.raw, style), footnote: token.label });
        break;
      default:
        if ("text" in token && typeof token.text === "string") push(runs, flatten(decodeEntities(token.text)), style);
    }
  }
}

/** No leading or trailing white space (or line break) on a paragraph. */
function trimRuns(runs: Run[]): Run[] {
  const first = runs[0];
  if (first) first.text = first.text.replace(/^\s+/, "");
  const last = runs[runs.length - 1];
  if (last) last.text = last.text.replace(/\s+$/, "");
  return runs.filter((r) => r.text !== "");
}
