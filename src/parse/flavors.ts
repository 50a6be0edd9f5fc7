/**
 * The Markdown other slide tools read, brought to what deckwright's parser reads, before marked
 * sees it. Each rewrite keeps the lines as they are (most blank a construct out with spaces of
 * the same length; remark's macros and reveal's `--` change their own line's length only), so
 * line numbers stay right; each construct that is left out is named by a
 * diagnostic at its line (docs/syntax.md, "Coming from pandoc, Marp, remark or reveal.js").
 *
 * The flavour is detected: Marp from `marp: true` in the front matter; remark from a `???` notes
 * line or a slide property line (`class: …`, `name: …`, `layout: true`) at the top of a slide;
 * reveal.js from its `<!-- .slide: … -->` / `<!-- .element: … -->` comments or a `--` line
 * (without remark's signs); otherwise pandoc's Markdown as deckwright reads it.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { LineIndex } from "./source.js";

export const FLAVORS = ["deckwright", "pandoc", "marp", "remark", "reveal"] as const;
/** `pandoc` is deckwright's own reading (pandoc's Markdown with its slide rules): the two are one flavour. */
export type Flavor = (typeof FLAVORS)[number];

const REMARK_PROPERTY = /^(?:name|class|layout|background-image|count|template|exclude|seq):[ \t]*\S.*$/;
const MARP_DIRECTIVES = new Set([
  "paginate", "header", "footer", "class", "backgroundColor", "backgroundImage", "backgroundPosition", "backgroundRepeat", "backgroundSize",
  "color", "theme", "headingDivider", "size", "style", "transition", "math", "lang", "title", "author", "description", "image", "marp",
]);

export function detectFlavor(yaml: string | null, body: string): Flavor {
  if (yaml !== null && /^marp\s*:\s*true\s*$/m.test(yaml)) return "marp";
  const lines = outsideCode(body);
  if (lines.some(({ text }) => /^\?\?\?[ \t]*$/.test(text))) return "remark";
  if (lines.some(({ text, index }, i) => REMARK_PROPERTY.test(text) && (index === 0 || /^---?[ \t]*$/.test(lines[i - 1]?.text ?? "") || (lines[i - 1]?.text.trim() === "" && /^---?[ \t]*$/.test(lines[i - 2]?.text ?? ""))))) return "remark";
  if (/<!--\s*\.(?:slide|element)\s*:/.test(body) || lines.some(({ text }) => /^--[ \t]*$/.test(text))) return "reveal";
  return "deckwright";
}

interface SourceLine {
  text: string;
  /** 0-based line number in the body. */
  index: number;
  /** Offset of the line in the body. */
  offset: number;
}

/** The body's lines outside fenced code blocks. */
function outsideCode(body: string): SourceLine[] {
  const out: SourceLine[] = [];
  let fence: string | null = null;
  let offset = 0;
  body.split("\n").forEach((text, index) => {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(text);
    if (fence !== null) {
      if (opener && opener[1]?.[0] === fence[0] && (opener[1]?.length ?? 0) >= fence.length && /^ {0,3}[`~]+[ \t]*$/.test(text)) fence = null;
    } else if (opener) {
      fence = opener[1] ?? "```";
    } else {
      out.push({ text, index, offset });
    }
    offset += text.length + 1;
  });
  return out;
}

const blank = (text: string) => text.replace(/[^\n]/g, " ");

/**
 * The body with other tools' syntax rewritten (see the module comment). `at` gives positions in
 * the whole file for a body offset.
 */
export function rewriteFlavor(body: string, flavor: Flavor, at: (offset: number) => ReturnType<LineIndex["at"]>, diagnostics: Diagnostics): string {
  const lines = body.split("\n");
  const pauses: number[] = [];
  for (const line of outsideCode(body)) {
    let text = line.text;
    const here = (column = 0) => at(line.offset + column);
    // `##Heading` with no space (common in outlines written by hand): a heading, as its author meant. A single `#` is left alone (`#1 priority`, `#hashtag`).
    text = text.replace(/^(#{2,6})(?=[^\s#])/, "$1 ");
    // Heading attributes, pandoc's and reveal's: `## Title {#id .class key=val}`: not text.
    const attributes = /^(#{1,6}[ \t].*?)([ \t]*\{[^{}]*\})[ \t]*$/.exec(text);
    if (attributes) text = (attributes[1] ?? "") + blank(text.slice((attributes[1] ?? "").length));
    // Marp's `<!-- fit -->` in a heading: the text fits anyway.
    text = text.replace(/^(#{1,6}[ \t].*?)<!--\s*fit\s*-->/, (whole, head: string) => head + blank(whole.slice(head.length)));
    if (/^\.[ \t]\.[ \t]\.[ \t]*$/.test(text)) {
      // pandoc's pause: the slide is shown whole (builds one click at a time are not made yet).
      pauses.push(line.offset);
      text = blank(text);
    } else if (/^--[ \t]*$/.test(text)) {
      // remark: the same slide goes on (an increment); reveal.js: a vertical slide, which is the next slide here.
      // Never left as it is: under a line of text, marked would take it for a heading's underline.
      text = flavor === "remark" ? blank(text) : "***";
    } else if (flavor === "remark" && REMARK_PROPERTY.test(text) && startsSlide(lines, line.index)) {
      if (/^layout:\s*true\s*$/.test(text)) {
        diagnostics.warning("foreign-syntax", "A remark `layout: true` slide is a template for the slides after it; deckwright shows its content as a slide of its own", here());
      }
      text = blank(text);
    }
    // Speaker notes: remark's `???`, reveal.js' `Note:` (alone on its line in any deck; with text after it in a reveal.js deck).
    // Written as a comment, which (unlike text) starts a block of its own even right under a line of text.
    if ((flavor === "remark" && /^\?\?\?[ \t]*$/.test(text)) || /^Notes?:[ \t]*$/.test(text)) text = NOTES_MARKER;
    else if (flavor === "reveal" && /^Notes?:[ \t]/.test(text)) text = `${NOTES_MARKER}${text.replace(/^Notes?:/, "")}`;
    // pandoc's and Quarto's attributes on pictures and spans: `![a](p){width=50%}`, `[text]{.class}`, `<url>{key=value}`.
    text = text.replace(/(!\[[^\]]*\]\([^)]*\))(\{[^{}]*\})/g, (whole, image: string, attributes: string) => (FIT.test(attributes) ? whole : image + blank(attributes)));
    text = text.replace(/(^|[^!\]\\])\[([^[\]]+)\](\{[^{}]*\})/g, (_whole, before: string, inner: string) => `${before}${inner}`);
    text = text.replace(/(<[a-z][\w+.-]*:[^>\s]*>)(\{[^{}]*\})/gi, (_whole, link: string, attributes: string) => link + blank(attributes));
    // Quarto's shortcodes `{{< meta key >}}`: nothing of deckwright's.
    text = text.replace(/\{\{<[^>]*>\}\}/g, (whole) => {
      diagnostics.warning("foreign-syntax", `The Quarto shortcode \`${whole}\` is left out: deckwright does not run Quarto`, here(text.indexOf(whole)));
      return blank(whole);
    });
    // reveal.js' attribute comments, also at the end of a line of text: named as ignored.
    text = text.replace(/<!--\s*\.(slide|element)\s*:[\s\S]*?-->/g, (whole, kind: string) => {
      diagnostics.warning("foreign-syntax", `The reveal.js \`.${kind}\` attributes are ignored: the theme decides how slides look`, here(text.indexOf(whole)));
      return blank(whole);
    });
    // Marp's picture directives in the alt text: `![bg right:40%](…)`, `![w:200px](…)`.
    if (flavor === "marp") text = text.replace(/!\[([^\]]*)\]/g, (_whole, alt: string) => `![${alt.replace(MARP_IMAGE_KEYWORDS, (k) => blank(k))}]`);
    lines[line.index] = text;
  }
  // remark's macros: `.name[` is nobody's prose, so they are unwrapped whatever the flavour.
  unwrapAllMacros(lines, body);
  if (pauses.length > 0) {
    const count = pauses.length === 1 ? "A pause" : `${pauses.length} pauses`;
    diagnostics.warning("pause-ignored", `${count} (\`. . .\`) shown at once: deckwright does not build slides one click at a time yet`, at(pauses[0] ?? 0));
  }
  return lines.join("\n");
}

/** Whether line `index` is in the lines at the top of a slide (after `---`, `--` or the start; blank lines and other properties may come between). */
function startsSlide(lines: readonly string[], index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const text = lines[i] ?? "";
    if (/^---?[ \t]*$/.test(text) || text === "***") return true;
    if (text.trim() !== "" && !REMARK_PROPERTY.test(text)) return false;
  }
  return true;
}

/** The line remark's `???` and reveal.js' `Note:` become: parse.ts takes the rest of the slide as notes. */
export const NOTES_MARKER = "<!--deckwright:notes-->";
/** `{fit=cover}`, `{.contain}`: deckwright's own picture attributes, which stay. */
const FIT = /^\{\s*(?:fit\s*=\s*["']?(?:contain|cover)["']?|\.(?:contain|cover))\s*\}$/;
/** Marp's keywords in a picture's alt text. */
const MARP_IMAGE_KEYWORDS = /(?<![\p{L}\p{N}])(?:bg|left|right|top|bottom|contain|cover|fit|auto|vertical|blur|grayscale|sepia|opacity|brightness|contrast|saturate|invert|hue-rotate|drop-shadow|(?:w|h|width|height|left|right|top|bottom|blur|opacity|brightness|contrast|saturate|sepia|grayscale|invert|hue-rotate):\S*|\d+(?:\.\d+)?%)(?![\p{L}\p{N}])/gu;

/** remark's macros across lines (`.center[` … `]`): each run of lines outside code, unwrapped as one text. */
function unwrapAllMacros(lines: string[], body: string): void {
  const code = new Set(body.split("\n").map((_, i) => i));
  for (const line of outsideCode(body)) code.delete(line.index);
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !code.has(i)) continue;
    if (i > start) {
      const joined = unwrapMacros(lines.slice(start, i).join("\n")).split("\n");
      joined.forEach((text, k) => (lines[start + k] = text));
    }
    start = i + 1;
  }
}

/** remark's `.class[text]` macros (also `.a.b[…]`, nested): the text stays, the wrapping goes. */
function unwrapMacros(text: string): string {
  // One pass with a stack of open brackets: a macro's `.name[` and its matching `]` are removed,
  // every other bracket kept. Removed, not blanked: spaces at the start of a line would make it
  // indented code. Only the lines they are on change length.
  if (!/\.[A-Za-z][\w.-]*\[/.test(text)) return text;
  const opener = /\.[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\[/y;
  const open: boolean[] = [];
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? "";
    if (char === "." && !/[\w\]\\]/.test(text[i - 1] ?? "")) {
      opener.lastIndex = i;
      const match = opener.exec(text);
      if (match) {
        open.push(true);
        i += match[0].length - 1;
        continue;
      }
    }
    if (char === "[") open.push(false);
    else if (char === "]" && open.length > 0 && open.pop() === true) continue;
    out += char;
  }
  return out;
}

/** Whether an HTML comment is a Marp directive (`<!-- paginate: false -->`, `<!-- _class: lead -->`). */
export function marpDirective(comment: string): string | null {
  const match = /^<!--\s*(_?)([A-Za-z]+)\s*:[\s\S]*-->\s*$/.exec(comment.trim());
  return match && MARP_DIRECTIVES.has(match[2] ?? "") ? `${match[1] ?? ""}${match[2] ?? ""}` : null;
}
