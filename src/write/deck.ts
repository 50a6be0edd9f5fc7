/**
 * The package model (issue 14): a deck is the skeleton pptxgenjs writes once per deck
 * (presentation, master, layouts, theme, charts; writer.ts), fixed by package.ts, and the slides,
 * notes and pictures written here straight from the SlideSpecs (slideXml.ts). Parts go into the
 * zip writer as they are made, each deflated when it is added, in a fixed order:
 * `[Content_Types].xml`, the skeleton's parts by name, then slide by slide its slide part, its
 * relationships, its notes and the pictures it is the first to show. So the same SlideSpecs give
 * the same bytes, and memory holds the compressed deck, not every part twice.
 */
import { createHash } from "node:crypto";
import { decodeXML } from "entities";
import type { DeckMeta } from "../model/deck.js";
import type { SlideSpec, TextElement } from "../model/slideSpec.js";
import { imageInfo } from "../images/size.js";
import { NS_R } from "../xml/namespaces.js";
import { packageParts, type PackageOptions } from "./package.js";
import { BODY_PLACEHOLDER_INDEX, SLIDE_NUMBER_FIELD, SLIDE_NUMBER_INDEX, bodyStyleKey, bulletedBodyStyle, escapeXml, notesXml, relationshipsXml, slideXml, textBodyStyle, type LayoutStyles, type SlideTarget } from "./slideXml.js";
import { emu } from "./emu.js";
import { schemeNames, type ColorScheme } from "./scheme.js";
import { skeletonKey, writeSkeleton, type PictureSource, type Skeleton } from "./writer.js";
import { CONTENT_TYPES_PART, ZipWriter, type DeflateCache, type ZipEntry } from "./zip.js";

export interface DeckOptions {
  /** Written as created/modified into docProps/core.xml and as the time of every zip entry. */
  readonly modified: Date;
  /** Draws an SVG picture as the PNG shown where SVG is not read (its size: the largest it is shown at). */
  readonly rasterizeSvg?: (svg: Uint8Array) => Uint8Array;
  /**
   * The theme's link colour (`RRGGBB`), written as the theme part's `hlink`: PowerPoint colours a
   * link with it, not with its text's colour (render gives linked runs the same colour).
   */
  readonly linkColor?: string;
  /** The theme's colours as PowerPoint's colour scheme (scheme.ts): in the theme part, and referred to by slides and charts. */
  readonly colorScheme?: ColorScheme;
  /** Skeletons of earlier decks, kept by the caller across builds (`build --watch` keeps one cache). */
  readonly skeletons?: SkeletonCache;
  /** Parts compressed by earlier builds, kept by the caller (`build --watch` keeps one): only what changed is deflated again. */
  readonly deflated?: DeflateCache;
}

/**
 * The skeletons of the last decks written and their fixed parts, kept across builds by the caller
 * (as `build --watch` keeps themes and fallbacks): a rebuild whose layouts, decoration, charts,
 * pictures, metadata, time and link colour are the same (writer.ts `skeletonKey`) does not run
 * pptxgenjs again. It holds the last eight (a session watching a folder rebuilds each deck).
 */
export class SkeletonCache {
  private readonly entries = new Map<string, { skeleton: Skeleton; parts: readonly ZipEntry[] }>();
  /** How many writes found their skeleton here, and how many made one (for tests and the bench). */
  hits = 0;
  misses = 0;

  async get(key: string, make: () => Promise<{ skeleton: Skeleton; parts: readonly ZipEntry[] }>): Promise<{ skeleton: Skeleton; parts: readonly ZipEntry[] }> {
    const found = this.entries.get(key);
    if (found) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    this.misses++;
    const made = await make();
    this.entries.set(key, made);
    for (const old of this.entries.keys()) {
      if (this.entries.size <= SKELETONS_KEPT) break;
      this.entries.delete(old);
    }
    return made;
  }
}

const SKELETONS_KEPT = 8;

export const SLIDE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml";
export const NOTES_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml";
const EXTENSIONS = { png: "png", jpeg: "jpeg", gif: "gif", svg: "svg" } as const;

/** The .pptx of `specs`: every slide on its layout, with its notes, pictures and charts. */
export async function writeDeck(specs: readonly SlideSpec[], meta: DeckMeta, pictures: PictureSource, options: DeckOptions): Promise<Uint8Array> {
  const { modified, rasterizeSvg, linkColor, skeletons, colorScheme } = options;
  const packaging: PackageOptions = { modified, ...(rasterizeSvg ? { rasterizeSvg } : {}), ...(linkColor ? { linkColor } : {}), ...(colorScheme ? { colorScheme } : {}) };
  const make = async () => {
    const skeleton = await writeSkeleton(specs, meta, pictures);
    return { skeleton, parts: packageParts(skeleton.raw, packaging) };
  };
  const key = skeletons ? `${skeletonKey(specs, meta, pictures)} ${modified.getTime()} ${linkColor ?? ""} ${JSON.stringify(colorScheme ?? null)}` : "";
  const { skeleton, parts } = skeletons ? await skeletons.get(key, make) : await make();
  const named = new Map(parts.map((p) => [p.name, p] as const));
  const text = (name: string) => new TextDecoder().decode(named.get(name)?.data ?? new Uint8Array());

  // The charts, in the order the carrier slide holds them (every chart of the deck, in slide order).
  const charts = skeleton.chartCarrier ? targetsOfType(text("ppt/slides/_rels/slide1.xml.rels"), "chart") : [];
  const layoutParts = layoutPartsByName(parts);
  const withNotes = specs.map((s) => Boolean(s.notes));
  const unusedNotesMaster = !withNotes.some(Boolean) && notesMasterSharesTheme(parts, text);
  const notesMaster = unusedNotesMaster ? undefined : parts.find((p) => /^ppt\/notesMasters\/[^/]+\.xml$/.test(p.name))?.name;

  const kept = parts.filter((p) => !/^ppt\/(slides|notesSlides)\//.test(p.name) && !(unusedNotesMaster && p.name.startsWith("ppt/notesMasters/")));
  const overrides = specs.flatMap((_, i) => [
    `<Override PartName="/ppt/slides/slide${i + 1}.xml" ContentType="${SLIDE_TYPE}"/>`,
    ...(withNotes[i] ? [`<Override PartName="/ppt/notesSlides/notesSlide${i + 1}.xml" ContentType="${NOTES_TYPE}"/>`] : []),
  ]);
  const dropped = unusedNotesMaster ? "slides|notesSlides|notesMasters" : "slides|notesSlides";
  const contentTypes = text(CONTENT_TYPES_PART)
    .replace(new RegExp(`\\s*<Override\\b[^>]*PartName="\\/ppt\\/(?:${dropped})\\/[^"]*"[^>]*\\/>`, "g"), "")
    .replace("</Types>", `${overrides.join("")}</Types>`);
  const skeletonPresentation = text("ppt/presentation.xml");
  const skeletonRels = text("ppt/_rels/presentation.xml.rels");
  const { presentation, rels } = unusedNotesMaster
    ? withSlideList(skeletonPresentation.replace(/<p:notesMasterIdLst>[\s\S]*?<\/p:notesMasterIdLst>/, ""), skeletonRels.replace(new RegExp(`\\s*<Relationship\\b[^>]*Type="${NS_R}/notesMaster"[^>]*\\/>`), ""), specs.length)
    : withSlideList(skeletonPresentation, skeletonRels, specs.length);

  const names = colorScheme ? schemeNames(colorScheme) : undefined;
  // Each layout's title and slide number placeholders get the style their slides write, so the slides inherit it.
  const styles = new Map<string, LayoutStyles>();
  const bodies = new Map<string, TextElement>();
  for (const layout of skeleton.layouts) {
    if (styles.has(layout.name)) continue;
    styles.set(layout.name, {
      ...(layout.titleElement ? { title: textBodyStyle(layout.titleElement, names) } : {}),
      ...(layout.slideNumber ? { slideNumber: { style: textBodyStyle(layout.slideNumber, names), box: layout.slideNumber.box } } : {}),
      ...(layout.bodyElement ? { body: { box: layout.bodyElement.box, key: bodyStyleKey(layout.bodyElement) } } : {}),
    });
    if (layout.bodyElement) bodies.set(layout.name, layout.bodyElement);
  }
  const restyled = new Map<string, { styles: LayoutStyles; body: TextElement | undefined }>();
  for (const [name, file] of layoutParts) restyled.set(`ppt/slideLayouts/${file}`, { styles: styles.get(name) ?? {}, body: bodies.get(name) });

  const zip = new ZipWriter(options.modified, options.deflated);
  zip.add(CONTENT_TYPES_PART, contentTypes);
  for (const part of kept) {
    if (part.name === CONTENT_TYPES_PART) continue;
    const layout = restyled.get(part.name);
    if (layout) zip.add(part.name, withPlaceholderStyles(text(part.name), layout.styles, layout.body, meta.lang, names));
    else if (part.name === "ppt/presentation.xml") zip.add(part.name, presentation);
    else if (part.name === "ppt/_rels/presentation.xml.rels") zip.add(part.name, rels);
    else if (part.name === "docProps/app.xml") zip.add(part.name, appXml(text(part.name), specs.length, withNotes.filter(Boolean).length));
    else zip.add(part.name, part.data);
  }

  const media = new MediaParts(pictures, options.rasterizeSvg, kept);
  let chartsBefore = 0;
  specs.forEach((spec, i) => {
    const n = i + 1;
    const layout = skeleton.layouts[i];
    const layoutPart = layout ? layoutParts.get(layout.name) : undefined;
    if (!layout || layoutPart === undefined) throw new Error(`slide ${n}: its layout was not written`);
    const part = slideXml(spec, {
      number: n,
      lang: meta.lang,
      layoutTitle: layout.title,
      decorationOnLayout: layout.decorationOnLayout,
      layoutBackground: layout.background,
      layoutStyles: styles.get(layout.name) ?? {},
      isSvg: (path) => pictures.get(path)?.format === "svg",
      ...(names ? { schemeNames: names } : {}),
      ...(linkColor ? { linkColor } : {}),
    });
    const first = chartsBefore;
    const partName = (target: SlideTarget): string => {
      switch (target.type) {
        case "slideLayout":
          return `../slideLayouts/${layoutPart}`;
        case "notesSlide":
          return `../notesSlides/notesSlide${n}.xml`;
        case "slide":
          return `slide${target.slide}.xml`;
        case "chart": {
          const chart = charts[first + target.index];
          if (chart === undefined) throw new Error(`slide ${n}: chart ${target.index + 1} was not written`);
          return chart;
        }
        case "image":
          return `../media/${media.name(target.path, target.fallback === true, zip)}`;
        case "hyperlink":
          return target.url;
      }
    };
    chartsBefore += spec.elements.filter((e) => e.type === "chart").length;
    const relationships = relationshipsXml(part.relationships, partName);
    zip.add(`ppt/slides/slide${n}.xml`, part.xml);
    zip.add(`ppt/slides/_rels/slide${n}.xml.rels`, relationships);
    if (withNotes[i] && spec.notes) {
      if (notesMaster === undefined) throw new Error("the deck has no notes master");
      const notes = notesXml(spec.notes, meta.lang, n);
      zip.add(`ppt/notesSlides/notesSlide${n}.xml`, notes.xml);
      zip.add(
        `ppt/notesSlides/_rels/notesSlide${n}.xml.rels`,
        relationshipsXml(notes.relationships, (target) => (target.type === "notesMaster" ? `../notesMasters/${notesMaster.slice("ppt/notesMasters/".length)}` : `../slides/slide${n}.xml`)),
      );
    }
  });
  return zip.finish();
}

/**
 * A layout part whose title and slide number placeholders have the text body properties and list
 * style (slideXml.ts `textBodyStyle`) of the slides placed on it, and a prompt (or the number field)
 * as their text: pptxgenjs writes them with styles of its own in runs, where nothing inherits them.
 * A layout whose slides have a body gets a body placeholder in its style (`bulletedBodyStyle`).
 */
function withPlaceholderStyles(xml: string, styles: LayoutStyles, body: TextElement | undefined, lang: string, names?: ReadonlyMap<string, string>): string {
  const language = escapeXml(lang);
  const withBody = body === undefined ? xml : withBodyPlaceholder(xml, body, language, names);
  return withBody.replace(/<p:sp>[\s\S]*?<\/p:sp>/g, (written) => {
    const type = /<p:ph\b[^>]*\btype="(\w+)"/.exec(written)?.[1];
    // The slide number placeholder has the idx its slides name (slideXml.ts SLIDE_NUMBER_INDEX).
    const shape = type === "sldNum" ? written.replace(/(<p:ph\b[^>]*?\bidx=")\d+"/, `$1${SLIDE_NUMBER_INDEX}"`) : written;
    const head = type === "title" ? styles.title : type === "sldNum" ? styles.slideNumber?.style : undefined;
    if (head === undefined) return shape;
    const paragraph =
      type === "title"
        ? `<a:p><a:r><a:rPr lang="${language}"/><a:t>Click to add title</a:t></a:r></a:p>`
        : `<a:p><a:fld id="${SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr lang="${language}"/><a:t>‹#›</a:t></a:fld></a:p>`;
    return shape.replace(/<p:txBody>[\s\S]*<\/p:txBody>/, `<p:txBody>${head}${paragraph}</p:txBody>`);
  });
}

/** The layout with a body placeholder (`idx` BODY_PLACEHOLDER_INDEX) where the body of its first slide is, last in its shape tree. */
function withBodyPlaceholder(xml: string, body: TextElement, language: string, names?: ReadonlyMap<string, string>): string {
  const end = xml.lastIndexOf("</p:spTree>");
  if (end === -1) throw new Error("a slide layout without a shape tree");
  const id = Math.max(1, ...[...xml.matchAll(/<p:cNvPr id="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  const { x, y, w, h } = body.box;
  const shape =
    `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="Body Placeholder"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="${BODY_PLACEHOLDER_INDEX}"/></p:nvPr></p:nvSpPr>` +
    `<p:spPr><a:xfrm><a:off x="${emu(x)}" y="${emu(y)}"/><a:ext cx="${emu(w)}" cy="${emu(h)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>` +
    `<p:txBody>${bulletedBodyStyle(body, names)}<a:p><a:r><a:rPr lang="${language}"/><a:t>Click to add text</a:t></a:r></a:p></p:txBody></p:sp>`;
  return xml.slice(0, end) + shape + xml.slice(end);
}

/**
 * Whether the skeleton's notes master may be left out of a deck without notes: its theme is the
 * slide master's (so nothing is left that only it used). PowerPoint makes a notes master when notes
 * are first written, as it does for python-pptx's template, which has none; it is ~2 KB deflated.
 */
function notesMasterSharesTheme(parts: readonly ZipEntry[], text: (name: string) => string): boolean {
  const masterRels = parts.find((p) => /^ppt\/notesMasters\/_rels\/[^/]+\.rels$/.test(p.name));
  if (!masterRels) return false;
  const themes = targetsOfType(text(masterRels.name), "theme");
  const slideMasterThemes = new Set(parts.filter((p) => /^ppt\/slideMasters\/_rels\/[^/]+\.rels$/.test(p.name)).flatMap((p) => targetsOfType(text(p.name), "theme")));
  return themes.every((theme) => slideMasterThemes.has(theme));
}

/** The targets of a part's relationships of one type, in document order. */
export function targetsOfType(rels: string, type: string): string[] {
  return [...rels.matchAll(/<Relationship\b[^>]*\/>/g)].flatMap((m) => {
    const rel = m[0];
    return rel.includes(`Type="${NS_R}/${type}"`) ? [decodeXML(/\bTarget="([^"]*)"/.exec(rel)?.[1] ?? "")] : [];
  });
}

/** Each slide layout's file name (`slideLayout2.xml`) by its name (`p:cSld name`). */
function layoutPartsByName(parts: readonly ZipEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of parts) {
    const file = /^ppt\/slideLayouts\/([^/]+\.xml)$/.exec(part.name)?.[1];
    if (file === undefined) continue;
    const name = /<p:cSld\b[^>]*\bname="([^"]*)"/.exec(new TextDecoder().decode(part.data))?.[1];
    if (name !== undefined && !out.has(decodeXML(name))) out.set(decodeXML(name), file);
  }
  return out;
}

/**
 * presentation.xml with the slide list `slide1.xml` … `slideN.xml` (ids from 256, as PowerPoint
 * numbers them), and its relationships: those of the skeleton's own slides replaced by one per slide.
 */
function withSlideList(presentation: string, rels: string, count: number): { presentation: string; rels: string } {
  const others = [...rels.matchAll(/<Relationship\b[^>]*\/>/g)].map((m) => m[0]).filter((rel) => !rel.includes(`Type="${NS_R}/slide"`));
  const used = others.map((rel) => Number(/\bId="rId(\d+)"/.exec(rel)?.[1] ?? 0));
  const base = Math.max(0, ...used);
  const ids = Array.from({ length: count }, (_, i) => `rId${base + i + 1}`);
  const slideRels = ids.map((id, i) => `<Relationship Id="${id}" Type="${NS_R}/slide" Target="slides/slide${i + 1}.xml"/>`);
  const list = `<p:sldIdLst>${ids.map((id, i) => `<p:sldId id="${256 + i}" r:id="${id}"/>`).join("")}</p:sldIdLst>`;
  const start = rels.indexOf("<Relationship ");
  const end = rels.lastIndexOf("</Relationships>");
  if (start === -1 || end === -1 || !/<p:sldIdLst>[\s\S]*?<\/p:sldIdLst>|<p:sldIdLst\/>/.test(presentation)) throw new Error("the skeleton's presentation has no slide list");
  return {
    presentation: presentation.replace(/<p:sldIdLst>[\s\S]*?<\/p:sldIdLst>|<p:sldIdLst\/>/, list),
    rels: rels.slice(0, start) + [...others, ...slideRels].join("") + rels.slice(end),
  };
}

/** docProps/app.xml with the deck's counts of slides and notes (the skeleton counts its own). */
export function appXml(xml: string, slides: number, notes: number): string {
  return xml
    .replace(/<Slides>\d*<\/Slides>/, `<Slides>${slides}</Slides>`)
    .replace(/<Notes>\d*<\/Notes>/, `<Notes>${notes}</Notes>`)
    .replace(/(<vt:lpstr>Slide Titles<\/vt:lpstr><\/vt:variant>\s*<vt:variant><vt:i4>)\d+/, "$10")
    .replace(/(<TitlesOfParts>\s*<vt:vector size=")(\d+)("[^>]*>)([\s\S]*?)(<\/vt:vector>)/, (_m, open: string, _size: string, rest: string, body: string, close: string) => {
      // The skeleton's slide titles are dropped with its slides: the vector keeps fonts and theme only.
      const kept = [...body.matchAll(/<vt:lpstr>[^<]*<\/vt:lpstr>/g)].map((m) => m[0]).slice(0, headingCount(xml));
      return `${open}${kept.length}${rest}${kept.join("")}${close}`;
    });
}

/** How many TitlesOfParts entries the fonts and the theme take (the HeadingPairs counts but slide titles). */
function headingCount(xml: string): number {
  let total = 0;
  for (const m of xml.matchAll(/<vt:lpstr>([^<]*)<\/vt:lpstr><\/vt:variant>\s*<vt:variant><vt:i4>(\d+)<\/vt:i4>/g)) if (m[1] !== "Slide Titles") total += Number(m[2]);
  return total;
}

/**
 * The pictures of the slides as media parts, each written once (by content) when a slide first
 * shows it: `image1.png`, `image2.svg` with its PNG fallback `image2.png`, … A media part is a
 * picture, whatever went before (the last line of defence behind src/images/pictures.ts).
 */
export class MediaParts {
  private readonly byKey = new Map<string, string>();
  private readonly hashes = new Map<string, string>();
  private count = 0;
  private readonly taken: Set<string>;

  constructor(
    private readonly pictures: PictureSource,
    private readonly rasterize: ((svg: Uint8Array) => Uint8Array) | undefined,
    skeleton: readonly ZipEntry[],
  ) {
    this.taken = new Set(skeleton.map((p) => p.name));
  }

  /** The media file name of the picture at `path` (or of its PNG fallback), written to `zip` on first use. */
  name(path: string, fallback: boolean, zip: Pick<ZipWriter, "add">): string {
    const picture = this.pictures.get(path);
    if (!picture) throw new Error(`the picture ${path} was not read and checked before the write`);
    const hash = this.hashOf(path, picture.bytes);
    const key = `${fallback ? "fallback" : picture.format}:${hash}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const stem = this.byKey.get(`stem:${hash}`) ?? this.nextStem();
    this.byKey.set(`stem:${hash}`, stem);
    let data = picture.bytes;
    let extension: string = EXTENSIONS[picture.format];
    if (fallback) {
      if (!this.rasterize) throw new Error(`no way to draw the fallback of ${path}`);
      data = this.rasterize(picture.bytes);
      extension = "png";
    }
    const name = `${stem}.${extension}`;
    if ("error" in imageInfo(data)) throw new Error(`media part ${name} is not a picture`);
    zip.add(`ppt/media/${name}`, data);
    this.byKey.set(key, name);
    return name;
  }

  /** A picture's sha-256, worked out once per path (a picture shown on many slides is asked for on each). */
  private hashOf(path: string, bytes: Uint8Array): string {
    let hash = this.hashes.get(path);
    if (hash === undefined) {
      hash = createHash("sha256").update(bytes).digest("hex");
      this.hashes.set(path, hash);
    }
    return hash;
  }

  private nextStem(): string {
    let stem: string;
    do stem = `image${++this.count}`;
    while (this.taken.has(`ppt/media/${stem}.png`) || this.taken.has(`ppt/media/${stem}.svg`) || this.taken.has(`ppt/media/${stem}.jpeg`) || this.taken.has(`ppt/media/${stem}.gif`));
    return stem;
  }
}
