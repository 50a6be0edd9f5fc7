import type { Token, Tokens } from "marked";
import type { Run } from "../model/outline.js";

interface Style {
  bold: boolean;
  italic: boolean;
  strike: boolean;
  code: boolean;
  href: string | null;
}

const PLAIN: Style = { bold: false, italic: false, strike: false, code: false, href: null };

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00A0", ndash: "\u2013", mdash: "\u2014",
  hellip: "\u2026", lsquo: "\u2018", rsquo: "\u2019", ldquo: "\u201C", rdquo: "\u201D", copy: "\u00A9",
  reg: "\u00AE", trade: "\u2122", euro: "\u20AC", times: "\u00D7", middot: "\u00B7", bull: "\u2022",
};

/** Decodes the HTML character references that marked leaves in text tokens. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\uFFFD";
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Soft line breaks inside a paragraph read as spaces on a slide. */
function flatten(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, " ");
}

/** Turns marked's inline token tree into flat runs, merging neighbours of the same style. */
export function inlineRuns(tokens: readonly Token[] | undefined): Run[] {
  const runs: Run[] = [];
  collect(tokens ?? [], PLAIN, runs);
  return trimRuns(runs);
}

/** Plain text of inline tokens (for notes and ids). */
export function plainText(tokens: readonly Token[] | undefined): string {
  return inlineRuns(tokens).map((r) => r.text).join("");
}

function push(runs: Run[], text: string, style: Style): void {
  if (text === "") return;
  const last = runs[runs.length - 1];
  if (last && last.bold === style.bold && last.italic === style.italic && last.strike === style.strike && last.code === style.code && last.href === style.href) {
    last.text += text;
    return;
  }
  runs.push({ text, ...style });
}

function collect(tokens: readonly Token[], style: Style, runs: Run[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case "text":
      case "escape": {
        const t = token as Tokens.Text;
        if (t.tokens && t.tokens.length > 0) collect(t.tokens, style, runs);
        else push(runs, flatten(token.type === "escape" ? t.text : decodeEntities(t.text)), style);
        break;
      }
      case "strong":
        collect((token as Tokens.Strong).tokens, { ...style, bold: true }, runs);
        break;
      case "em":
        collect((token as Tokens.Em).tokens, { ...style, italic: true }, runs);
        break;
      case "del":
        collect((token as Tokens.Del).tokens, { ...style, strike: true }, runs);
        break;
      case "codespan":
        push(runs, decodeEntities((token as Tokens.Codespan).text), { ...style, code: true });
        break;
      case "link": {
        const link = token as Tokens.Link;
        collect(link.tokens, { ...style, href: decodeEntities(link.href) }, runs);
        break;
      }
      case "image":
        push(runs, flatten((token as Tokens.Image).text), style);
        break;
      case "br":
        push(runs, " ", style);
        break;
      case "html":
        // Inline HTML is not rendered; its tags are dropped, as a slide has no HTML.
        break;
      default:
        if ("text" in token && typeof token.text === "string") push(runs, flatten(decodeEntities(token.text)), style);
    }
  }
}

/** No leading or trailing white space on a paragraph. */
function trimRuns(runs: Run[]): Run[] {
  const first = runs[0];
  if (first) first.text = first.text.replace(/^\s+/, "");
  const last = runs[runs.length - 1];
  if (last) last.text = last.text.replace(/\s+$/, "");
  return runs.filter((r) => r.text !== "");
}
