/**
 * Marp's directives (https://marpit.marp.app/directives) and background pictures
 * (https://marpit.marp.app/image-syntax), applied to the slides once they are all read: parse.ts
 * gathers them, this module gives each slide its `style`. Parsing a directive is kept apart
 * from applying it, as marpit does. What deckwright does with each is in docs/syntax.md; every
 * directive or keyword it does not honour is named by a diagnostic at its line.
 */
import { walkTokens } from "./lexer.js";
import type { Token, Tokens } from "marked";
import { isMap, isScalar, LineCounter, parseDocument } from "./yaml.js";
import type { BackgroundPicture, OutlineSlide, SlideStyle } from "../model/outline.js";
import type { Position } from "../model/position.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { decodeEntities } from "./inline.js";
import { cssColor, marpImage, type MarpDirective, type MarpImage } from "./flavors.js";

export type DirectiveAt = Omit<MarpDirective, "line" | "column"> & { position: Position };

export interface MarpEvents {
  /** Each slide's directive comments, in order. */
  directives: Map<OutlineSlide, DirectiveAt[]>;
  /** Directives after `---` with no slide opened yet. */
  pending: DirectiveAt[];
  pictures: Map<OutlineSlide, { token: Tokens.Image; info: MarpImage | null; position: Position }[]>;
  /** Every picture token with Marp keywords in its alt text, read (its alt text is then without them). */
  images: WeakMap<Token, MarpImage>;
}

/**
 * deckwright honours `paginate`, `header`, `footer`, `class`, `backgroundColor`, `backgroundImage`
 * and `color`; Marp's other directives are named as ignored. These are read from the front matter
 * of a `marp: true` deck (`footer` there is deckwright's own key).
 */
export const FRONT_MATTER_DIRECTIVES = ["paginate", "header", "class", "backgroundColor", "backgroundImage", "color"];

/** Marp's local directives: with a `_` (a spot directive) they hold on one slide only, in the front matter on the first. */
const LOCAL_DIRECTIVES = ["paginate", "header", "footer", "class", "backgroundColor", "backgroundImage", "backgroundPosition", "backgroundRepeat", "backgroundSize", "color"];

/** `_footer`, `_class`…: a spot directive in the front matter of a Marp deck, for the first slide (marpFrontMatter reads it). */
export function isMarpSpotKey(key: string): boolean {
  return key.startsWith("_") && LOCAL_DIRECTIVES.includes(key.slice(1));
}

/**
 * A Marp directive's line in the front matter whose value starts with `#`, which YAML would read
 * as a comment. Only top-level keys: an indented `color: #fff` is CSS in a `style: |` block.
 */
const HASH_VALUE = new RegExp(`^(_?(?:${LOCAL_DIRECTIVES.join("|")})[ \\t]*:[ \\t]*)(#[^\\n]*?)[ \\t]*$`, "gm");

/**
 * `backgroundColor: #000`: Marp reads its directives' values loosely, as the text after the
 * colon, where YAML takes `#000` as a comment and the value as empty. Such a value is quoted
 * before the YAML is parsed; lines and the value's column stay as they were.
 */
export function quoteMarpValues(yaml: string): string {
  return yaml.replace(HASH_VALUE, (_whole, key: string, value: string) => `${key}'${value.replace(/'/g, "''")}'`);
}

/** Reads Marp's keywords out of every picture's alt text, in any block. */
export function readMarpImages(tokens: readonly Token[], images: WeakMap<Token, MarpImage>): void {
  walkTokens(tokens, (token) => {
    if (token.type !== "image") return;
    const info = marpImage(token.text);
    if (!info) return;
    images.set(token, info);
    token.text = info.alt;
  });
}

/** Marp's directives in the front matter of a `marp: true` deck, each at its value. */
export function marpFrontMatter(yaml: string | null, firstLine: number): DirectiveAt[] {
  if (yaml === null) return [];
  const lineCounter = new LineCounter();
  const document = parseDocument(quoteMarpValues(yaml), { lineCounter, prettyErrors: false });
  if (!isMap(document.contents)) return [];
  const found: DirectiveAt[] = [];
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const spot = isMarpSpotKey(name);
    if (!spot && !FRONT_MATTER_DIRECTIVES.includes(name)) continue;
    const node = pair.value;
    if (!isScalar(node)) continue;
    const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
    found.push({ key: spot ? name.slice(1) : name, value: String(node.value ?? ""), spot, position: { line: line + firstLine - 1, column: col } });
  }
  return found;
}

type Value = { kind: "paginate"; on: boolean } | { kind: "text"; text: string } | { kind: "class"; names: string[] } | { kind: "color"; color: string } | { kind: "image"; src: string };

/** A directive's value read, or null (named by a warning) when deckwright cannot use it. */
function read(directive: DirectiveAt, diagnostics: Diagnostics): Value | null {
  const { key, value, position } = directive;
  const name = `\`${directive.spot ? "_" : ""}${key}\``;
  const warn = (why: string) => {
    diagnostics.warning("foreign-syntax", `The Marp directive ${name} is ignored: ${why}`, position);
    return null;
  };
  switch (key) {
    case "paginate":
      if (value === "true" || value === "false") return { kind: "paginate", on: value === "true" };
      return warn(`expected \`true\` or \`false\`, not ${JSON.stringify(value)}`);
    case "header":
    case "footer":
      return { kind: "text", text: decodeEntities(value.replace(/(\*\*|__|\*|_|`)(.+?)\1/g, "$2")) };
    case "class":
      return { kind: "class", names: value.split(/\s+/).filter((n) => n !== "") };
    case "backgroundColor":
    case "color": {
      const color = cssColor(value);
      return color ? { kind: "color", color } : warn(`deckwright reads a colour like \`#1A2B3C\`, \`rgb(26, 43, 60)\` or a common name, not ${JSON.stringify(value)}`);
    }
    case "backgroundImage": {
      const url = /^url\(\s*(["']?)(.*?)\1\s*\)$/.exec(value.trim());
      return url?.[2] ? { kind: "image", src: url[2] } : warn(`deckwright shows a picture, \`url(path)\`, not ${JSON.stringify(value)}`);
    }
    case "":
      diagnostics.warning("foreign-syntax", `Unexpected line ${JSON.stringify(value)} in a Marp directive comment, expected \`key: value\``, position);
      return null;
    default:
      return warn("the theme decides how slides look");
  }
}

/**
 * Gives each slide its `style`: local directives hold from their slide on, spot directives
 * (`_key`) on their slide only, front matter ones from the first slide (its spot ones on the first
 * slide only, before that slide's own); `![bg]` pictures on their slide. Once a deck uses `paginate` at all, slides it does not reach have no number (Marp's
 * default); a deck that never says it keeps the theme's slide numbers.
 */
export function applyMarpStyles(slides: readonly OutlineSlide[], globals: DirectiveAt[], deckFooter: boolean, events: MarpEvents, diagnostics: Diagnostics): void {
  for (const stray of events.pending) {
    diagnostics.warning("foreign-syntax", `The Marp directive \`${stray.spot ? "_" : ""}${stray.key}\` is ignored: no slide follows it`, stray.position);
  }
  const values = new Map<DirectiveAt, Value | null>();
  const valueOf = (d: DirectiveAt) => {
    if (!values.has(d)) values.set(d, read(d, diagnostics));
    return values.get(d) ?? null;
  };
  const usesPaginate = [...globals, ...[...events.directives.values()].flat()].some((d) => d.key === "paginate");
  const local = new Map<string, DirectiveAt>();
  for (const d of globals) if (!d.spot && valueOf(d)) local.set(d.key, d);
  const firstSpots = globals.filter((d) => d.spot);
  const warned = new Set<DirectiveAt>();
  const warnOnce = (d: DirectiveAt, message: string) => {
    if (warned.has(d)) return;
    warned.add(d);
    diagnostics.warning("foreign-syntax", message, d.position);
  };
  for (const [index, slide] of slides.entries()) {
    const own = [...(index === 0 ? firstSpots : []), ...(events.directives.get(slide) ?? [])];
    for (const d of own) if (!d.spot && valueOf(d)) local.set(d.key, d);
    const effective = new Map(local);
    for (const d of own) if (d.spot && valueOf(d)) effective.set(d.key, d);
    const style: SlideStyle = {};
    const get = <K extends Value["kind"]>(key: string, kind: K) => {
      const d = effective.get(key);
      const v = d ? valueOf(d) : null;
      return d && v?.kind === kind ? { d, v: v as Extract<Value, { kind: K }> } : null;
    };
    const paginate = get("paginate", "paginate");
    if (paginate) style.paginate = paginate.v.on;
    else if (usesPaginate) style.paginate = false;
    const footer = get("footer", "text");
    const header = get("header", "text");
    if (footer && footer.v.text !== "") style.footer = footer.v.text;
    if (header && header.v.text !== "") {
      if (style.footer !== undefined || deckFooter) warnOnce(header.d, `The Marp directive \`header\` is not shown where a \`footer\` is: deckwright has one footer line, and shows the header there only on slides with no footer`);
      else style.footer = header.v.text;
    }
    const classes = get("class", "class");
    for (const name of classes?.v.names ?? []) {
      if (name === "lead") style.lead = true;
      else if (classes) warnOnce(classes.d, `The Marp class \`${name}\` is not applied: only \`lead\` (a centred, title-like slide) is; the theme decides how slides look`);
    }
    const background = get("backgroundColor", "color");
    if (background) style.background = { color: background.v.color, position: background.d.position };
    const color = get("color", "color");
    if (color) style.color = { color: color.v.color, position: color.d.position };
    const pictures = backgroundPictures(events.pictures.get(slide) ?? [], diagnostics);
    const image = get("backgroundImage", "image");
    if (pictures) style.pictures = pictures;
    else if (image) {
      const picture: BackgroundPicture = { type: "image", src: image.v.src, alt: "", caption: null, fit: "cover", position: image.d.position, scale: null };
      style.pictures = { images: [picture], side: null, share: 1, vertical: false };
    }
    if (Object.keys(style).length > 0) slide.style = style;
  }
}

/** A slide's `![bg]` pictures: side by side (or stacked with `vertical`) on the whole slide, or on the side the first `left`/`right` names. */
function backgroundPictures(found: { token: Tokens.Image; info: MarpImage | null; position: Position }[], diagnostics: Diagnostics): SlideStyle["pictures"] {
  if (found.length === 0) return undefined;
  const images: BackgroundPicture[] = [];
  let side: "left" | "right" | null = null;
  let share = 0.5;
  let vertical = false;
  for (const { token, info, position } of found) {
    if (info?.side && side === null) {
      side = info.side;
      share = info.share;
    }
    vertical ||= info?.vertical ?? false;
    const ignored = [...(info?.ignored ?? []), ...(info?.width !== null && info?.width !== undefined ? ["w"] : []), ...(info?.height !== null && info?.height !== undefined ? ["h"] : [])];
    if (ignored.length > 0) {
      diagnostics.warning("foreign-syntax", `The Marp picture keywords ${ignored.map((k) => `\`${k}\``).join(", ")} are not applied to a background picture`, position);
    }
    images.push({ type: "image", src: decodeEntities(token.href), alt: info?.alt ?? decodeEntities(token.text), caption: token.title ? decodeEntities(token.title) : null, fit: info?.fit ?? "cover", position, scale: info?.scale ?? null });
  }
  return { images, side, share: side === null ? 1 : share, vertical };
}
