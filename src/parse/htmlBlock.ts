import type { Token } from "marked";
import type { LeafBlock, Run } from "../model/outline.js";
import type { Position } from "../model/position.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { droppedMessage, isBlockElement, scanHtml, tagEffect, type HtmlPiece } from "./html.js";
import { inlineRuns } from "./inline.js";

/** Places inside the HTML fragment: `at(i)` is the position of its i-th character. */
export type FragmentPositions = (offset: number) => Position;

/** Wrappers that may stand around a lone `<img>` and still leave it an image block. */
const IMAGE_WRAPPERS: ReadonlySet<string> = new Set(["p", "div", "center", "figure", "picture", "a", "span", "section"]);

/**
 * A block of raw HTML (`<div>…</div>`, `<p align="center"><img …></p>`) as slide content.
 * A lone `<img>` is an image block, like `![alt](src)`; anything else is one paragraph whose
 * block elements (`<p>`, `<div>`, `<li>`, …) start new lines. Text in it is not Markdown (as in
 * CommonMark). `null` when nothing in it is shown (only `<style>`, say).
 */
export function htmlBlock(raw: string, position: Position, at: FragmentPositions, diagnostics: Diagnostics): LeafBlock | null {
  const pieces = scanHtml(raw);
  for (const piece of pieces) {
    if (piece.type === "dropped") diagnostics.warning("raw-html", droppedMessage(piece.name), at(piece.offset), "write the content as Markdown");
  }
  const image = loneImage(pieces);
  if (image) return { type: "image", src: image.src, alt: image.alt, caption: image.caption, fit: "contain", position: at(image.offset) };
  const runs = fragmentRuns(pieces, at, diagnostics);
  return runs.length > 0 ? { type: "paragraph", runs, position } : null;
}

/** The runs of an HTML fragment inside a list item or a quote (one paragraph). */
export function htmlRuns(raw: string, at: FragmentPositions, diagnostics: Diagnostics): Run[] {
  const pieces = scanHtml(raw);
  for (const piece of pieces) {
    if (piece.type === "dropped") diagnostics.warning("raw-html", droppedMessage(piece.name), at(piece.offset), "write the content as Markdown");
  }
  return fragmentRuns(pieces, at, diagnostics);
}

/** `<img src alt title>` with nothing but wrappers and white space around it; `width` and `height` are not used (the layout sizes pictures). */
function loneImage(pieces: HtmlPiece[]): { src: string; alt: string; caption: string | null; offset: number } | null {
  const shown = pieces.filter((p) => !(p.type === "comment" || (p.type === "text" && p.text.trim() === "")));
  const images = shown.filter((p) => p.type === "tag" && p.tag.name === "img" && !p.tag.closing);
  const [image] = images;
  if (images.length !== 1 || image?.type !== "tag") return null;
  if (!shown.every((p) => p === image || (p.type === "tag" && IMAGE_WRAPPERS.has(p.tag.name)))) return null;
  const effect = tagEffect(image.tag);
  if (effect.kind !== "image" || effect.src === "") return null;
  const title = image.tag.attributes.title;
  return { src: effect.src, alt: effect.alt, caption: title === undefined || title === "" ? null : title, offset: image.offset };
}

/**
 * Turns the pieces into tokens that the inline walk reads: text stays text (not Markdown), tags
 * stay tags, and block elements become line breaks.
 */
function fragmentRuns(pieces: HtmlPiece[], at: FragmentPositions, diagnostics: Diagnostics): Run[] {
  const tokens: Token[] = [];
  /** Where each tag's text stands, in order, for the warnings the inline walk gives about them. */
  const places = new Map<string, { offsets: number[]; next: number }>();
  let afterDrop = false;
  for (const piece of pieces) {
    switch (piece.type) {
      case "dropped":
        afterDrop = true;
        break;
      case "text": {
        // The space after a dropped element is not doubled with the one before it.
        const before = tokens.at(-1);
        const text = afterDrop && before?.type === "text" && /\s$/.test(before.raw) ? piece.text.replace(/^\s+/, "") : piece.text;
        tokens.push({ type: "text", raw: text, text });
        afterDrop = false;
        break;
      }
      case "tag":
        if (isBlockElement(piece.tag.name)) tokens.push({ type: "br", raw: piece.raw });
        else {
          tokens.push({ type: "html", raw: piece.raw, text: piece.raw, block: false, pre: false });
          const place = places.get(piece.raw);
          if (place) place.offsets.push(piece.offset);
          else places.set(piece.raw, { offsets: [piece.offset], next: 0 });
        }
        break;
      case "comment":
        break;
    }
  }
  return inlineRuns(tokens, (id, message, raw, hint) => {
    const place = places.get(raw);
    const offset = place ? place.offsets[place.next++] : undefined;
    diagnostics.warning(id, message, offset === undefined ? null : at(offset), hint);
  });
}
