import { decodeHTMLAttribute, decodeHTMLStrict } from "entities";

/**
 * HTML inside Markdown (docs/syntax.md, "HTML inside Markdown"). A slide has no HTML, so tags
 * are read for what they mean to the text: inline tags become run styles, block tags break
 * lines, `<img>` becomes an image, and elements whose content is not text (`<script>`,
 * `<style>`, …) are dropped with a warning. Every word of text content is kept.
 */

/** One tag, as written: `<a href="x">`, `</b>`, `<br/>`. Attribute names are lower case, values decoded. */
export interface HtmlTag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attributes: Record<string, string>;
}

/** What an inline tag does to the runs inside it. */
export type TagEffect =
  | { kind: "style"; flag: "bold" | "italic" | "strike" | "code" | "underline" | "superscript" | "subscript" | "highlight" }
  | { kind: "link"; href: string }
  | { kind: "break" }
  | { kind: "image"; src: string; alt: string }
  /** Its text is kept, unstyled (`<span>`, `<font>`, `<small>`, unknown tags). */
  | { kind: "none" };

const STYLE_TAGS: Record<string, Extract<TagEffect, { kind: "style" }>["flag"]> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  cite: "italic",
  dfn: "italic",
  var: "italic",
  u: "underline",
  ins: "underline",
  s: "strike",
  del: "strike",
  strike: "strike",
  sup: "superscript",
  sub: "subscript",
  code: "code",
  kbd: "code",
  samp: "code",
  tt: "code",
  mark: "highlight",
};

/** Elements whose content is not text for a slide: dropped whole, with a warning. */
export const DROPPED_ELEMENTS: ReadonlySet<string> = new Set([
  "script", "style", "iframe", "video", "audio", "object", "embed", "canvas", "svg", "math", "template", "noscript", "head", "title", "select", "textarea", "button", "input",
]);

/** Elements without an end tag. */
const VOID_ELEMENTS: ReadonlySet<string> = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** Block elements: their start and end begin a new line of text. */
const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
  "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
  "th", "thead", "tr", "ul", "caption", "legend", "picture",
]);

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const TAG = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>$/;

/** Reads one tag; `null` for anything else (a comment, a declaration, text). */
export function parseTag(raw: string): HtmlTag | null {
  const match = TAG.exec(raw.trim());
  if (!match) return null;
  const attributes: Record<string, string> = {};
  for (const attribute of (match[3] ?? "").matchAll(ATTRIBUTE)) {
    const name = (attribute[1] ?? "").toLowerCase();
    if (!(name in attributes)) attributes[name] = decodeHTMLAttribute(attribute[2] ?? attribute[3] ?? attribute[4] ?? "");
  }
  const name = (match[2] ?? "").toLowerCase();
  return { name, closing: match[1] === "/", selfClosing: match[4] === "/" || VOID_ELEMENTS.has(name), attributes };
}

/** What an opening tag does to the text inside it. */
export function tagEffect(tag: HtmlTag): TagEffect {
  if (tag.name === "br") return { kind: "break" };
  if (tag.name === "img") return { kind: "image", src: tag.attributes.src ?? "", alt: tag.attributes.alt ?? "" };
  if (tag.name === "a" && tag.attributes.href !== undefined) return { kind: "link", href: tag.attributes.href };
  const flag = STYLE_TAGS[tag.name];
  return flag === undefined ? { kind: "none" } : { kind: "style", flag };
}

export function isBlockElement(name: string): boolean {
  return BLOCK_ELEMENTS.has(name);
}

/**
 * Decodes every HTML5 character reference (`&rarr;`, `&nbsp;`, `&#x263A;`). Only references
 * ended by `;` count, as CommonMark says: `&copy 2026` and `AT&T` stay as written.
 */
export function decodeText(text: string): string {
  return text.includes("&") ? decodeHTMLStrict(text) : text;
}

/** A piece of an HTML fragment, with its offset in the fragment. */
export type HtmlPiece =
  | { type: "text"; text: string; offset: number }
  | { type: "tag"; tag: HtmlTag; raw: string; offset: number }
  /** A dropped element (`<script>…</script>`), its content included. */
  | { type: "dropped"; name: string; offset: number }
  | { type: "comment"; offset: number };

const PIECE = /<!--[\s\S]*?(?:-->|$)|<![^>]*>?|<\?[^>]*>?|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;

/** Cuts an HTML fragment into text, tags, comments and dropped elements, in order. */
export function scanHtml(html: string): HtmlPiece[] {
  const pieces: HtmlPiece[] = [];
  let last = 0;
  PIECE.lastIndex = 0;
  for (let match = PIECE.exec(html); match; match = PIECE.exec(html)) {
    const raw = match[0];
    const offset = match.index;
    if (offset > last) pieces.push({ type: "text", text: html.slice(last, offset), offset: last });
    last = offset + raw.length;
    const tag = raw.startsWith("<!") || raw.startsWith("<?") ? null : parseTag(raw);
    if (!tag) {
      pieces.push({ type: "comment", offset });
      continue;
    }
    if (!tag.closing && DROPPED_ELEMENTS.has(tag.name)) {
      pieces.push({ type: "dropped", name: tag.name, offset });
      if (!tag.selfClosing) {
        const end = new RegExp(`</${tag.name}\\s*>`, "i").exec(html.slice(last));
        last = end ? last + end.index + end[0].length : html.length;
        PIECE.lastIndex = last;
      }
      continue;
    }
    if (tag.closing && DROPPED_ELEMENTS.has(tag.name)) continue;
    pieces.push({ type: "tag", tag, raw, offset });
  }
  if (last < html.length) pieces.push({ type: "text", text: html.slice(last), offset: last });
  return pieces;
}

/** The message for an element left out, naming it. */
export function droppedMessage(name: string): string {
  return `Unexpected \`<${name}>\`: it is not shown on slides, and it and its content were left out`;
}
