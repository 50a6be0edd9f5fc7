/**
 * The Markdown other slide tools read, brought to what deckwright's parser reads, before marked
 * sees it. Each rewrite keeps the lines as they are (most blank a construct out with spaces of
 * the same length; remark's macros, reveal's `--` and the markers for notes and pauses change
 * their own line's length only), so
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

/**
 * Whether a deck is Marp's: chosen with `--from marp`, or (unless another flavour was chosen)
 * `marp: true` or `flavor: marp` in its front matter. The one place that decides it, before the
 * front matter is read (Marp reads its front matter leniently, and its theme names are its own).
 */
export function isMarpDeck(yaml: string | null, chosen?: Flavor): boolean {
  if (chosen !== undefined) return chosen === "marp";
  return yaml !== null && /^(?:marp\s*:\s*true|flavor\s*:\s*["']?marp["']?)\s*$/m.test(yaml);
}

export function detectFlavor(yaml: string | null, body: string): Flavor {
  if (isMarpDeck(yaml)) return "marp";
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
  let inDisplayMath = false;
  for (const line of outsideCode(body)) {
    let text = line.text;
    const here = (column = 0) => at(line.offset + column);
    // Each rewrite below is tried only on a line with the characters it needs (most lines have none of them): the same lines, less work.
    // Raw LaTeX, as beamer decks carry it (pandoc leaves it out of PowerPoint): not inside `$$ … $$`.
    const tex = text.includes("\\");
    const mathLine = inDisplayMath || ((tex || text.includes("$$")) && /\$\$|^\s*\\\[/.test(text));
    if (tex || text.includes("$$")) {
      if ((text.match(/\$\$/g) ?? []).length % 2 === 1) inDisplayMath = !inDisplayMath;
      else if (/^\s*\\\[/.test(text) && !/\\\]/.test(text)) inDisplayMath = true;
      else if (inDisplayMath && /\\\]\s*$/.test(text)) inDisplayMath = false;
    }
    if (!mathLine && tex) text = rawTex(text, here, diagnostics);
    // `##Heading` with no space (common in outlines written by hand): a heading, as its author meant. A single `#` is left alone (`#1 priority`, `#hashtag`).
    if (text.startsWith("#")) {
      text = text.replace(/^(#{2,6})(?=[^\s#])/, "$1 ");
      // Heading attributes, pandoc's and reveal's: `## Title {#id .class key=val}`: not text.
      const attributes = /^(#{1,6}[ \t].*?)([ \t]*\{[^{}]*\})[ \t]*$/.exec(text);
      if (attributes) text = (attributes[1] ?? "") + blank(text.slice((attributes[1] ?? "").length));
      // Marp's `<!-- fit -->` in a heading: the text fits anyway.
      text = text.replace(/^(#{1,6}[ \t].*?)<!--\s*fit\s*-->/, (whole, head: string) => head + blank(whole.slice(head.length)));
    }
    if (/^\.[ \t]\.[ \t]\.[ \t]*$/.test(text)) {
      // pandoc's pause: what follows on the slide appears on the next click (parse.ts). A comment
      // starts a block of its own, also right under a line of text.
      text = PAUSE_MARKER;
    } else if (/^--[ \t]*$/.test(text)) {
      // remark: the same slide goes on, what follows on the next click (an increment); reveal.js: a vertical slide, which is the next slide here.
      // Never left as it is: under a line of text, marked would take it for a heading's underline.
      text = flavor === "remark" ? PAUSE_MARKER : "***";
    } else if (flavor === "remark" && REMARK_PROPERTY.test(text) && startsSlide(lines, line.index)) {
      // `layout: true`: this slide is a template for the slides after it (parse.ts); `layout: false` ends the template.
      const layout = /^layout:\s*(true|false)\s*$/.exec(text)?.[1];
      text = layout === "true" ? TEMPLATE_MARKER : layout === "false" ? TEMPLATE_END_MARKER : blank(text);
    }
    // Speaker notes: remark's `???`, reveal.js' `Note:` (alone on its line in any deck; with text after it in a reveal.js deck).
    // Written as a comment, which (unlike text) starts a block of its own even right under a line of text.
    if (flavor === "remark" && /^\?\?\?[ \t]*$/.test(text)) text = NOTES_MARKER;
    else if (text.startsWith("Note")) {
      if (/^Notes?:[ \t]*$/.test(text)) text = NOTES_MARKER;
      else if (flavor === "reveal" && /^Notes?:[ \t]/.test(text)) text = `${NOTES_MARKER}${text.replace(/^Notes?:/, "")}`;
      else if (/^Notes?:[ \t]+\S/.test(text) && (lines[line.index - 1] ?? "").trim() === "" && endsSlide(lines, line.index)) {
        // reveal.js' notes in a deck with no other sign of reveal.js: only a paragraph that ends its slide, and said so.
        diagnostics.warning("note-line", "`Note:` at the end of a slide starts its speaker notes, as reveal.js reads it", here(), "write `Note\\:` to show it on the slide");
        text = `${NOTES_MARKER}${text.replace(/^Notes?:/, "")}`;
      }
    }
    if (text.includes("{")) {
      // pandoc's and Quarto's attributes on pictures and spans: `![a](p){width=50%}`, `[text]{.class}`, `<url>{key=value}`.
      text = text.replace(/(!\[[^\]]*\]\([^)]*\))(\{[^{}]*\})/g, (whole, image: string, attributes: string) => (FIT.test(attributes) ? whole : image + blank(attributes)));
      text = text.replace(/(^|[^!\]\\])\[([^[\]]+)\](\{[^{}]*\})/g, (_whole, before: string, inner: string, attributes: string) => `${before}${spanStyle(inner, attributes)}`);
      text = text.replace(/(<[a-z][\w+.-]*:[^>\s]*>)(\{[^{}]*\})/gi, (_whole, link: string, attributes: string) => link + blank(attributes));
      // …and on links, `[Docs](https://x){preview-link="true"}`: removed, not blanked, as spaces would show in the line's text.
      text = text.replace(/(\]\([^()\s]*(?:\s+"[^"]*")?\))(\{[^{}]*\})/g, (whole, link: string, attributes: string) => (FIT.test(attributes) ? whole : link));
      // Quarto's shortcodes `{{< meta key >}}`: nothing of deckwright's, but `{{< kbd o >}}` is the key it names.
      text = text.replace(/\{\{<\s*kbd\s+([^>]*?)\s*>\}\}/g, (_whole, keys: string) => `<kbd>${keys}</kbd>`);
      text = text.replace(/\{\{<[^>]*>\}\}/g, (whole, offset: number) => {
        diagnostics.warning("foreign-syntax", `The Quarto shortcode \`${whole}\` is left out: deckwright does not run Quarto`, here(offset));
        // Inside a link's address, spaces would break the link: there it goes, and the line is shorter.
        return /\]\([^)\s]*$/.test(text.slice(0, offset)) ? "" : blank(whole);
      });
    }
    // A picture path with spaces (`![](img/Untitled 2.png)`), which CommonMark reads only in `<…>`.
    if (text.includes("![")) text = text.replace(/(!\[[^\]]*\]\()([^()<>\n"]*\s[^()<>\n"]*?\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?))(\s+"[^"]*")?\)/gi, (_whole, start: string, path: string, title: string | undefined) => `${start}<${path.trim()}>${title ?? ""})`);
    // reveal.js' attribute comments, also at the end of a line of text: named as ignored.
    if (text.includes("<!--")) {
      text = text.replace(/<!--\s*\.(slide|element)\s*:[\s\S]*?-->/g, (whole, kind: string) => {
        diagnostics.warning("foreign-syntax", `The reveal.js \`.${kind}\` attributes are ignored: the theme decides how slides look`, here(text.indexOf(whole)));
        return blank(whole);
      });
    }
    // reveal.js' math plugin reads TeX in code spans, so its decks write `` `$x_i$` `` to keep marked off it: a formula there.
    if (flavor === "reveal") text = text.replace(/`(\$\$?[^`$\n]+\$\$?)`/g, "$1");
    // Marp's picture keywords in the alt text (`![bg right:40%](…)`, `![w:200px](…)`) are read by parse.ts (marpImage).
    lines[line.index] = text;
  }
  // remark's macros: `.name[` is nobody's prose, so they are unwrapped whatever the flavour.
  unwrapAllMacros(lines, body);
  return lines.join("\n");
}

/** A pandoc span's text; `.underline` and `.mark` (pandoc's and Quarto's classes) style it, as `<u>` and `<mark>` do. */
function spanStyle(inner: string, attributes: string): string {
  const classes = new Set([...attributes.matchAll(/(?:^|[\s{])\.([\w-]+)/g)].map((m) => m[1]));
  let text = inner;
  if (classes.has("underline")) text = `<u>${text}</u>`;
  if (classes.has("mark")) text = `<mark>${text}</mark>`;
  return text;
}

/** LaTeX commands whose argument is text to show (`\\framesubtitle{Why}` shows "Why"); others are layout. */
const TEXT_COMMANDS = new Set(["framesubtitle", "frametitle", "textbf", "textit", "emph", "underline", "text", "mbox", "textsc", "texttt"]);
/** A line of nothing but LaTeX commands (`\\footnotesize`, `\\vspace{1em}`, `\\pause`). */
const TEX_LINE = /^[ \t]*(?:\\[a-zA-Z]+\*?(?:\[[^\]\n]*\])?(?:\{[^{}\n]*\})*[ \t]*)+$/;

/**
 * Raw LaTeX in a line, as pandoc reads it for PowerPoint (it leaves raw TeX out): a line of layout
 * commands is left out, with a `raw-tex` warning (beamer's `\\pause` is a pause); a command whose
 * argument is text keeps the text; `\\newline` and a `\\\\` at the end of a line are line breaks.
 */
function rawTex(text: string, here: (column?: number) => ReturnType<LineIndex["at"]>, diagnostics: Diagnostics): string {
  if (TEX_LINE.test(text)) {
    if (/^\s*\\pause\s*$/.test(text)) return PAUSE_MARKER;
    const shown = [...text.matchAll(/\\([a-zA-Z]+)\*?(?:\[[^\]\n]*\])?((?:\{[^{}\n]*\})*)/g)]
      .filter((m) => TEXT_COMMANDS.has(m[1] ?? ""))
      .map((m) => (m[2] ?? "").replace(/^\{|\}$/g, "").replace(/\}\{/g, " "))
      .join(" ");
    const left = text.trim().replace(/\{[^{}\n]*\}/g, "").match(/\\[a-zA-Z]+/g)?.filter((c) => !TEXT_COMMANDS.has(c.slice(1))) ?? [];
    if (left.length > 0) diagnostics.warning("raw-tex", `The LaTeX ${left.map((c) => `\`${c}\``).join(", ")} ${left.length === 1 ? "is" : "are"} left out: raw LaTeX is for LaTeX output, as pandoc reads it`, here(text.search(/\S/)));
    return shown === "" ? blank(text) : shown;
  }
  return text.replace(/\\newline\b\s*/g, "<br>").replace(/(\S)[ \t]*\\\\[ \t]*$/, "$1<br>");
}

/** Whether nothing but text follows line `index` up to the next slide break, `#`/`##` heading or the end. */
function endsSlide(lines: readonly string[], index: number): boolean {
  for (let i = index + 1; i < lines.length; i++) {
    const text = lines[i] ?? "";
    if (/^ {0,3}(?:-{3,}|\*{3,}|_{3,})[ \t]*$/.test(text) || /^#{1,2}(?:[ \t]|$)/.test(text) || text === "***") return true;
    if (/^ {0,3}(?:```|~~~|:::|\||!\[|#{3,6}(?:[ \t]|$))/.test(text)) return false;
  }
  return true;
}

/** Whether line `index` is in the lines at the top of a slide (after `---`, `--` or the start; blank lines and other properties may come between). */
function startsSlide(lines: readonly string[], index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const text = lines[i] ?? "";
    if (/^---?[ \t]*$/.test(text) || text === "***" || text === PAUSE_MARKER) return true;
    if (text.trim() !== "" && !REMARK_PROPERTY.test(text) && text !== TEMPLATE_MARKER && text !== TEMPLATE_END_MARKER) return false;
  }
  return true;
}

/** The line remark's `???` and reveal.js' `Note:` become: parse.ts takes the rest of the slide as notes. */
export const NOTES_MARKER = "<!--deckwright:notes-->";
/** The line pandoc's `. . .` and remark's `--` become: parse.ts shows what follows on the slide one click later. */
export const PAUSE_MARKER = "<!--deckwright:pause-->";
/** The lines remark's `layout: true` and `layout: false` become: parse.ts makes the slide a template, or ends it. */
export const TEMPLATE_MARKER = "<!--deckwright:layout-->";
export const TEMPLATE_END_MARKER = "<!--deckwright:no-layout-->";
/** `{fit=cover}`, `{.contain}`: deckwright's own picture attributes, which stay. */
const FIT = /^\{\s*(?:fit\s*=\s*["']?(?:contain|cover)["']?|\.(?:contain|cover))\s*\}$/;
/** Marp's keywords in a picture's alt text. */
const MARP_IMAGE_KEYWORDS = /(?<![\p{L}\p{N}])(?:(?:w|h|width|height|left|right|top|bottom|blur|opacity|brightness|contrast|saturate|sepia|grayscale|invert|hue-rotate|drop-shadow):\S*|bg|left|right|top|bottom|contain|cover|fit|auto|vertical|blur|grayscale|sepia|opacity|brightness|contrast|saturate|invert|hue-rotate|drop-shadow|\d+(?:\.\d+)?%)(?![\p{L}\p{N}])/gu;

/** What Marp's keywords in a picture's alt text say (https://marpit.marp.app/image-syntax). */
export interface MarpImage {
  /** The alt text without the keywords. */
  alt: string;
  /** `bg`: a background picture rather than a picture in the text. */
  background: boolean;
  /** `bg left` / `bg right:40%`: a picture taking that share of the slide on that side. */
  side: "left" | "right" | null;
  /** The side picture's share of the slide's width (0–1), 0.5 unless written. */
  share: number;
  fit: "cover" | "contain";
  /** `bg 80%`: the picture at that fraction of its area (contained). */
  scale: number | null;
  vertical: boolean;
  /** `w:200px`, `height:3in`: in inches (Marp's slide is 1280 px wide; 96 px an inch). */
  width: number | null;
  height: number | null;
  /** Keywords deckwright does not apply (filters, `top`, `auto`, units it cannot read). */
  ignored: string[];
}

/** Length units of CSS, in inches. */
const UNITS: Record<string, number> = { px: 1 / 96, in: 1, cm: 1 / 2.54, mm: 1 / 25.4, pt: 1 / 72, pc: 1 / 6, "": 1 / 96 };

function cssLength(value: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(px|in|cm|mm|pt|pc|)$/.exec(value);
  const unit = match ? UNITS[match[2] ?? ""] : undefined;
  return match && unit !== undefined ? Number(match[1]) * unit : null;
}

/** Marp's keywords in a picture's alt text, read; null when it has none. */
export function marpImage(alt: string): MarpImage | null {
  const keywords: string[] = alt.match(MARP_IMAGE_KEYWORDS) ?? [];
  if (keywords.length === 0) return null;
  const background = keywords.includes("bg");
  // Outside `bg`, only the size keywords are Marp's: `left` or `80%` in an alt text is the author's word.
  const own = background ? keywords : keywords.filter((k) => /^(?:w|h|width|height):/.test(k));
  if (own.length === 0) return null;
  const found: MarpImage = { alt: "", background, side: null, share: 0.5, fit: "cover", scale: null, vertical: false, width: null, height: null, ignored: [] };
  for (const keyword of own) {
    const [name = "", value = ""] = keyword.split(/:(.*)/s);
    if (keyword === "bg") continue;
    if ((name === "left" || name === "right") && background) {
      found.side = name;
      const share = value === "" ? 50 : Number(/^(\d+(?:\.\d+)?)%$/.exec(value)?.[1] ?? NaN);
      if (Number.isFinite(share) && share > 0 && share < 100) found.share = share / 100;
      else found.ignored.push(keyword);
    } else if (keyword === "contain" || keyword === "fit") found.fit = "contain";
    else if (keyword === "cover") found.fit = "cover";
    else if (keyword === "vertical") found.vertical = true;
    else if (/^\d+(?:\.\d+)?%$/.test(keyword)) {
      found.scale = Math.min(1, Number(keyword.slice(0, -1)) / 100);
      found.fit = "contain";
    } else if (name === "w" || name === "width" || name === "h" || name === "height") {
      const inches = cssLength(value);
      if (inches === null || inches <= 0) found.ignored.push(keyword);
      else if (name.startsWith("w")) found.width = inches;
      else found.height = inches;
    } else found.ignored.push(keyword);
  }
  const ownSet = new Set(own);
  found.alt = alt.replace(MARP_IMAGE_KEYWORDS, (k) => (ownSet.has(k) ? "" : k)).replace(/\s+/g, " ").trim();
  return found;
}

/** Marp's CSS colour names that deckwright reads (`backgroundColor`, `color`); other CSS colours are named as not read. */
const CSS_COLORS: Record<string, string> = {
  white: "FFFFFF", black: "000000", red: "FF0000", green: "008000", blue: "0000FF", yellow: "FFFF00", orange: "FFA500",
  purple: "800080", gray: "808080", grey: "808080", silver: "C0C0C0", navy: "000080", teal: "008080", maroon: "800000",
  olive: "808000", lime: "00FF00", aqua: "00FFFF", cyan: "00FFFF", fuchsia: "FF00FF", magenta: "FF00FF", pink: "FFC0CB",
  brown: "A52A2A", beige: "F5F5DC", ivory: "FFFFF0", whitesmoke: "F5F5F5", lightgray: "D3D3D3", lightgrey: "D3D3D3",
  darkgray: "A9A9A9", darkgrey: "A9A9A9", dimgray: "696969", gold: "FFD700", indigo: "4B0082", crimson: "DC143C",
  aliceblue: "F0F8FF", lavender: "E6E6FA", linen: "FAF0E6", snow: "FFFAFA", honeydew: "F0FFF0", mintcream: "F5FFFA",
  ghostwhite: "F8F8FF", midnightblue: "191970", darkslategray: "2F4F4F", darkslategrey: "2F4F4F", steelblue: "4682B4",
};

/** A CSS colour as `RRGGBB` (`#abc`, `#aabbcc`, `rgb(1, 2, 3)`, a common name), or null when deckwright cannot read it. */
export function cssColor(value: string): string | null {
  const v = value.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (short) return short.slice(1).map((c) => c + c).join("").toUpperCase();
  if (/^#[0-9a-f]{6}$/.test(v)) return v.slice(1).toUpperCase();
  const rgb = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/.exec(v);
  if (rgb) return rgb.slice(1).map((n) => Math.min(255, Number(n)).toString(16).padStart(2, "0")).join("").toUpperCase();
  return CSS_COLORS[v] ?? null;
}

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

/** One `key: value` of a Marp directive comment; `spot` for `_key` (this slide only). `line` counts from the comment's first line (0). */
export interface MarpDirective {
  key: string;
  value: string;
  spot: boolean;
  line: number;
  column: number;
}

/**
 * A Marp directive comment (`<!-- paginate: false -->`, `<!-- _class: lead -->`, several
 * `key: value` lines in one comment): its directives, or null when its first line is not one
 * of Marp's (then the comment is speaker notes). A line that is not `key: value` is returned
 * with the key "" for the caller to name.
 */
export function marpDirectives(comment: string): MarpDirective[] | null {
  const inner = comment.trim().replace(/^<!--/, "").replace(/-->$/, "");
  const lines = inner.split("\n");
  const directives: MarpDirective[] = [];
  lines.forEach((text, line) => {
    if (text.trim() === "") return;
    const match = /^(\s*)(_?)([A-Za-z]+)\s*:\s*(.*?)\s*$/.exec(text);
    const column = (line === 0 ? 4 : 0) + (match?.[1]?.length ?? /^\s*/.exec(text)?.[0].length ?? 0);
    if (!match || !MARP_DIRECTIVES.has(match[3] ?? "")) directives.push({ key: "", value: text.trim(), spot: false, line, column });
    else directives.push({ key: match[3] ?? "", value: unquote(match[4] ?? ""), spot: match[2] === "_", line, column });
  });
  return directives[0] && directives[0].key !== "" ? directives : null;
}

function unquote(value: string): string {
  const match = /^(["'])(.*)\1$/.exec(value);
  return match ? (match[2] ?? "") : value;
}

/** Whether an HTML comment is a Marp directive (`<!-- paginate: false -->`, `<!-- _class: lead -->`): the first one's name. */
export function marpDirective(comment: string): string | null {
  const first = marpDirectives(comment)?.[0];
  return first ? `${first.spot ? "_" : ""}${first.key}` : null;
}
