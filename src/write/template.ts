/**
 * A deck written into a company's template (issue 15). The template's parts are the skeleton:
 * its masters, layouts, themes, pictures, fonts, custom XML and tags are copied byte for byte;
 * its own sample slides, and whatever only they use, are left out; the parts that list slides
 * (presentation.xml and its relationships, [Content_Types].xml, docProps) are rewritten. Each
 * slide goes on the template layout its kind maps to (src/template/layouts.ts), its text in that
 * layout's placeholders (slideXml.ts `placeholderText`). pptxgenjs is asked only for what a
 * template does not have: the deck's charts, and a notes master when the template has none and
 * the deck has notes.
 */
import { posix } from "node:path";
import { decodeXML } from "entities";
import type { DeckMeta } from "../model/deck.js";
import type { SlideSpec } from "../model/slideSpec.js";
import type { TemplateBinding } from "../themes/load.js";
import { PRESENTATION_MAIN_TYPE } from "../template/read.js";
import { NS_R, NS_RELATIONSHIPS } from "../xml/namespaces.js";
import { relationshipBase, relationshipsPartOf, resolveTarget } from "../validate/opc.js";
import { appXml, MediaParts, NOTES_TYPE, SLIDE_TYPE, targetsOfType, type DeckOptions } from "./deck.js";
import { packageParts, w3cdtfSeconds } from "./package.js";
import { escapeXml, notesXml, relationshipsXml, slideXml, type SlideTarget } from "./slideXml.js";
import { writeSkeleton, type PictureSource } from "./writer.js";
import { SCHEME_SLOTS, type ColorScheme } from "./scheme.js";
import { CONTENT_TYPES_PART, ZipWriter, type ZipEntry } from "./zip.js";

const decoder = new TextDecoder();
const textOf = (bytes: Uint8Array | undefined) => (bytes ? decoder.decode(bytes) : "");



/** A part's internal relationship targets, as part names (src/validate/opc.ts resolves them). */
function targetsOf(parts: ReadonlyMap<string, Uint8Array>, part: string): string[] {
  const rels = relationshipsPartOf(part);
  const base = relationshipBase(rels) ?? "";
  return [...textOf(parts.get(rels)).matchAll(/<Relationship\b[^>]*\/>/g)].flatMap((m) => {
    const rel = m[0];
    if (/TargetMode="External"/.test(rel)) return [];
    const target = resolveTarget(base, decodeXML(/\bTarget="([^"]*)"/.exec(rel)?.[1] ?? ""));
    return target === undefined ? [] : [target];
  });
}

/** The template's parts a deck keeps: everything reachable from the package's relationships but through its sample slides. */
export function keptTemplateParts(parts: ReadonlyMap<string, Uint8Array>, sampleSlides: readonly string[]): Set<string> {
  const skipped = new Set(sampleSlides);
  const kept = new Set<string>();
  const queue = targetsOf(parts, "");
  while (queue.length > 0) {
    const part = queue.pop() as string;
    if (kept.has(part) || skipped.has(part) || !parts.has(part)) continue;
    kept.add(part);
    queue.push(...targetsOf(parts, part));
  }
  for (const part of [...kept]) if (parts.has(relationshipsPartOf(part))) kept.add(relationshipsPartOf(part));
  if (parts.has("_rels/.rels")) kept.add("_rels/.rels");
  kept.add(CONTENT_TYPES_PART);
  return kept;
}

/** The .pptx of `specs` built into the template of `binding`. */
export async function writeTemplateDeck(specs: readonly SlideSpec[], meta: DeckMeta, pictures: PictureSource, binding: TemplateBinding, options: DeckOptions): Promise<Uint8Array> {
  const { template, mapping } = binding;
  const parts = template.parts;
  const kept = keptTemplateParts(parts, template.sampleSlides);
  const withNotes = specs.map((s) => Boolean(s.notes));
  const charts = specs.some((s) => s.elements.some((e) => e.type === "chart"));
  const needsNotesMaster = withNotes.some(Boolean) && template.notesMaster === null;

  // What pptxgenjs adds: the charts, and a notes master (with its theme) when the template has none.
  const added = new Map<string, Uint8Array>();
  const addedTypes: string[] = [];
  let chartParts: string[] = [];
  let notesMaster = template.notesMaster;
  if (charts || needsNotesMaster) {
    const skeleton = await writeSkeleton(specs, meta, pictures);
    // The charts' accent colours refer to the template's colour scheme, so they follow a change of it in PowerPoint.
    const made = new Map(packageParts(skeleton.raw, { modified: options.modified, colorScheme: templateScheme(binding) }).map((p) => [p.name, p.data] as const));
    const madeTypes = textOf(made.get(CONTENT_TYPES_PART));
    const take = (name: string, as = name) => {
      const data = made.get(name);
      if (!data) return;
      if (parts.has(as)) throw new Error(`the template already has a part ${as}`);
      added.set(as, data);
      const override = new RegExp(`<Override\\b[^>]*PartName="/${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*/>`).exec(madeTypes)?.[0];
      if (override) addedTypes.push(override.replace(`/${name}"`, `/${as}"`));
    };
    if (charts) {
      chartParts = targetsOfType(textOf(made.get("ppt/slides/_rels/slide1.xml.rels")), "chart").flatMap((t) => resolveTarget("ppt/slides", t) ?? []);
      for (const chart of chartParts) {
        take(chart);
        const rels = relationshipsPartOf(chart);
        const data = made.get(rels);
        if (data) added.set(rels, data);
        for (const target of targetsOf(made, chart)) take(target);
      }
    }
    if (needsNotesMaster) {
      const masterPart = [...made.keys()].find((n) => /^ppt\/notesMasters\/[^/]+\.xml$/.test(n));
      if (masterPart) {
        const themeTarget = targetsOf(made, masterPart)[0];
        let themeNumber = 1;
        while (parts.has(`ppt/theme/theme${themeNumber}.xml`)) themeNumber++;
        const themeName = `ppt/theme/theme${themeNumber}.xml`;
        const masterName = "ppt/notesMasters/notesMaster1.xml";
        take(masterPart, masterName);
        if (themeTarget) take(themeTarget, themeName);
        const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_RELATIONSHIPS}"><Relationship Id="rId1" Type="${NS_R}/theme" Target="../theme/theme${themeNumber}.xml"/></Relationships>`;
        added.set(relationshipsPartOf(masterName), new TextEncoder().encode(rels));
        notesMaster = masterName;
      }
    }
  }

  const presentationRels = textOf(parts.get("ppt/_rels/presentation.xml.rels"));
  const others = [...presentationRels.matchAll(/<Relationship\b[^>]*\/>/g)].map((m) => m[0]).filter((rel) => !rel.includes(`Type="${NS_R}/slide"`));
  let next = Math.max(0, ...others.map((rel) => Number(/\bId="rId(\d+)"/.exec(rel)?.[1] ?? 0))) + 1;
  const notesMasterRel = needsNotesMaster && notesMaster ? `rId${next++}` : null;
  const slideIds = specs.map(() => `rId${next++}`);
  const rels = [
    ...others,
    ...(notesMasterRel ? [`<Relationship Id="${notesMasterRel}" Type="${NS_R}/notesMaster" Target="notesMasters/notesMaster1.xml"/>`] : []),
    ...slideIds.map((id, i) => `<Relationship Id="${id}" Type="${NS_R}/slide" Target="slides/slide${i + 1}.xml"/>`),
  ];
  const relsXml = presentationRels.replace(/<Relationships\b([^>]*)>[\s\S]*<\/Relationships>/, (_m, attributes: string) => `<Relationships${attributes}>${rels.join("")}</Relationships>`);
  const presentation = presentationXml(textOf(parts.get("ppt/presentation.xml")), slideIds, notesMasterRel);

  const media = new MediaParts(pictures, options.rasterizeSvg, [...kept].map((name) => ({ name, data: new Uint8Array() })));
  const zip = new ZipWriter(options.modified, options.deflated);
  // The content types are known only once the pictures are: the slides go into a list first, then the package in order.
  const slideParts: ZipEntry[] = [];
  const mediaZip: Pick<ZipWriter, "add"> = {
    add: (name, data) => {
      slideParts.push({ name, data: typeof data === "string" ? new TextEncoder().encode(data) : data });
    },
  };
  let chartsBefore = 0;
  const background = themeBackground(binding);
  specs.forEach((spec, i) => {
    const n = i + 1;
    const layout = mapping.choices[spec.layout].layout;
    const part = slideXml(spec, { number: n, lang: meta.lang, layoutTitle: null, decorationOnLayout: false, layoutBackground: background, isSvg: (path) => pictures.get(path)?.format === "svg" });
    const first = chartsBefore;
    chartsBefore += spec.elements.filter((e) => e.type === "chart").length;
    const partName = (target: SlideTarget): string => {
      switch (target.type) {
        case "slideLayout":
          return `../slideLayouts/${posix.basename(layout.part)}`;
        case "notesSlide":
          return `../notesSlides/notesSlide${n}.xml`;
        case "slide":
          return `slide${target.slide}.xml`;
        case "chart": {
          const chart = chartParts[first + target.index];
          if (chart === undefined) throw new Error(`slide ${n}: chart ${target.index + 1} was not written`);
          return `../charts/${posix.basename(chart)}`;
        }
        case "image":
          return `../media/${media.name(target.path, target.fallback === true, mediaZip)}`;
        case "hyperlink":
          return target.url;
      }
    };
    const relationships = relationshipsXml(part.relationships, partName);
    slideParts.push({ name: `ppt/slides/slide${n}.xml`, data: new TextEncoder().encode(part.xml) }, { name: `ppt/slides/_rels/slide${n}.xml.rels`, data: new TextEncoder().encode(relationships) });
    if (withNotes[i] && spec.notes && notesMaster) {
      const notes = notesXml(spec.notes, meta.lang, n);
      const master = notesMaster;
      slideParts.push(
        { name: `ppt/notesSlides/notesSlide${n}.xml`, data: new TextEncoder().encode(notes.xml) },
        { name: `ppt/notesSlides/_rels/notesSlide${n}.xml.rels`, data: new TextEncoder().encode(relationshipsXml(notes.relationships, (target) => (target.type === "notesMaster" ? `../notesMasters/${posix.basename(master)}` : `../slides/slide${n}.xml`))) },
      );
    }
  });

  // A template without core properties (Google Slides exports none) still gets the deck's title, author and dates.
  const corePart = "docProps/core.xml";
  if (!kept.has(corePart)) {
    added.set(corePart, new TextEncoder().encode(coreXml("", meta, options.modified)));
    addedTypes.push(`<Override PartName="/${corePart}" ContentType="${CORE_TYPE}"/>`);
  }
  const names = new Set([...kept, ...added.keys(), ...slideParts.map((p) => p.name)]);
  zip.add(CONTENT_TYPES_PART, contentTypesXml(textOf(parts.get(CONTENT_TYPES_PART)), names, addedTypes, specs.length, withNotes));
  const ordered = [...kept].filter((name) => name !== CONTENT_TYPES_PART).sort();
  for (const name of ordered) {
    if (name === "ppt/presentation.xml") zip.add(name, presentation);
    else if (name === "ppt/_rels/presentation.xml.rels") zip.add(name, relsXml);
    else if (name === "docProps/app.xml") zip.add(name, appXml(textOf(parts.get(name)), specs.length, withNotes.filter(Boolean).length));
    else if (name === corePart) zip.add(name, coreXml(textOf(parts.get(name)), meta, options.modified));
    else if (name === "_rels/.rels" && added.has(corePart)) zip.add(name, withCoreRelationship(textOf(parts.get(name))));
    else if (/^ppt\/(slideMasters|slideLayouts)\/[^/]+\.xml$/.test(name)) zip.add(name, withUniqueShapeIds(parts.get(name) as Uint8Array));
    else zip.add(name, parts.get(name) as Uint8Array);
  }
  for (const [name, data] of [...added].sort(([a], [b]) => (a < b ? -1 : 1))) zip.add(name, data);
  for (const part of slideParts) zip.add(part.name, part.data);
  return zip.finish();
}

/**
 * A master or layout whose shapes repeat an id (LibreOffice's .potx does) with the repeats given
 * new ids, so that the deck opens without repair; any other part, byte for byte as it was.
 */
export function withUniqueShapeIds(bytes: Uint8Array): Uint8Array {
  const xml = decoder.decode(bytes);
  const ids = [...xml.matchAll(/<p:cNvPr\b[^>]*?\bid="(\d+)"/g)].map((m) => Number(m[1]));
  if (new Set(ids).size === ids.length) return bytes;
  const seen = new Set<number>();
  let next = Math.max(0, ...ids);
  return new TextEncoder().encode(
    xml.replace(/(<p:cNvPr\b[^>]*?\bid=")(\d+)"/g, (match, head: string, id: string) => {
      if (!seen.has(Number(id))) {
        seen.add(Number(id));
        return match;
      }
      next += 1;
      seen.add(next);
      return `${head}${next}"`;
    }),
  );
}

/** The template's colour scheme, its slots as its theme has them (a slot it lacks: black). */
function templateScheme(binding: TemplateBinding): ColorScheme {
  const colors = binding.template.theme.colors;
  return Object.fromEntries(SCHEME_SLOTS.map((slot) => [slot, colors[slot] ?? "000000"])) as unknown as ColorScheme;
}

/** The theme background colour a slide of the template shows without saying so: slides of that colour write none. */
function themeBackground(binding: TemplateBinding): string {
  const context = { theme: binding.template.theme, colorMap: binding.template.colorMap };
  const mapped = context.colorMap.bg1 ?? "lt1";
  return context.theme.colors[mapped] ?? "FFFFFF";
}

/**
 * presentation.xml with the deck's slide list in place of the template's (ids from 256), a
 * notes master when one was added, and without the lists that name the template's slides
 * (custom shows, PowerPoint 2010's sections).
 */
function presentationXml(xml: string, slideIds: readonly string[], notesMasterRel: string | null): string {
  const list = `<p:sldIdLst>${slideIds.map((id, i) => `<p:sldId id="${256 + i}" r:id="${id}"/>`).join("")}</p:sldIdLst>`;
  let out = xml
    .replace(/<p:sldIdLst>[\s\S]*?<\/p:sldIdLst>|<p:sldIdLst\/>/, "")
    .replace(/<p:custShowLst>[\s\S]*?<\/p:custShowLst>|<p:custShowLst\/>/, "")
    .replace(/<p:ext uri="\{521415D9-36F7-43E2-AB2F-B90AF26B5E84\}">[\s\S]*?<\/p:ext>/, "")
    .replace(/<p:extLst>\s*<\/p:extLst>/, "");
  if (notesMasterRel) out = out.replace(/(<\/p:sldMasterIdLst>)/, `$1<p:notesMasterIdLst><p:notesMasterId r:id="${notesMasterRel}"/></p:notesMasterIdLst>`);
  // CT_Presentation: sldMasterIdLst, notesMasterIdLst, handoutMasterIdLst, sldIdLst, sldSz.
  return out.replace(/<p:sldSz\b/, `${list}<p:sldSz`);
}

const PRESENTATION_PART = "/ppt/presentation.xml";
const MEDIA_TYPES: Readonly<Record<string, string>> = { png: "image/png", jpeg: "image/jpeg", gif: "image/gif", svg: "image/svg+xml", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };

/** The template's content types for the parts kept, the presentation's main type (a .potx names a template), and the deck's own parts. */
function contentTypesXml(xml: string, names: ReadonlySet<string>, added: readonly string[], slides: number, withNotes: readonly boolean[]): string {
  const defaults = [...xml.matchAll(/<Default\b[^>]*\/>/g)].map((m) => m[0]);
  const extensions = new Set(defaults.map((d) => (/\bExtension="([^"]*)"/.exec(d)?.[1] ?? "").toLowerCase()));
  for (const name of names) {
    const extension = posix.extname(name).slice(1).toLowerCase();
    const type = MEDIA_TYPES[extension];
    if (type && !extensions.has(extension)) {
      defaults.push(`<Default Extension="${extension}" ContentType="${type}"/>`);
      extensions.add(extension);
    }
  }
  const overrides = [...xml.matchAll(/<Override\b[^>]*\/>/g)]
    .map((m) => m[0])
    .filter((o) => names.has(decodeXML(/\bPartName="\/([^"]*)"/.exec(o)?.[1] ?? "")))
    .map((o) => (o.includes(`PartName="${PRESENTATION_PART}"`) ? o.replace(/ContentType="[^"]*"/, `ContentType="${PRESENTATION_MAIN_TYPE}"`) : o));
  const own = Array.from({ length: slides }, (_, i) => [
    `<Override PartName="/ppt/slides/slide${i + 1}.xml" ContentType="${SLIDE_TYPE}"/>`,
    ...(withNotes[i] ? [`<Override PartName="/ppt/notesSlides/notesSlide${i + 1}.xml" ContentType="${NOTES_TYPE}"/>`] : []),
  ]).flat();
  const head = /^[\s\S]*?<Types\b[^>]*>/.exec(xml)?.[0] ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">';
  return `${head}${defaults.join("")}${overrides.join("")}${added.join("")}${own.join("")}</Types>`;
}

const CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml";
const CORE_RELATIONSHIP = `${NS_RELATIONSHIPS}/metadata/core-properties`;

/** The package relationships with one more, to the core properties the deck adds. */
function withCoreRelationship(xml: string): string {
  const ids = new Set([...xml.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
  let n = 1;
  while (ids.has(`rId${n}`)) n++;
  return xml.replace("</Relationships>", `<Relationship Id="rId${n}" Type="${CORE_RELATIONSHIP}" Target="docProps/core.xml"/></Relationships>`);
}

/**
 * docProps/core.xml: the template's core properties with the deck's title, author and dates; our own when it has
 * none, or lacks one of them (a tag cannot be added to a part whose namespaces are not known).
 */
function coreXml(xml: string, meta: DeckMeta, modified: Date): string {
  const stamp = w3cdtfSeconds(modified);
  const tags = ["dc:title", "dc:creator", "cp:lastModifiedBy", "dcterms:created", "dcterms:modified"];
  if (!tags.every((tag) => new RegExp(`<${tag}\\b`).test(xml))) {
    const author = escapeXml(meta.author ?? "");
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:title>${escapeXml(meta.title)}</dc:title><dc:creator>${author}</dc:creator><cp:lastModifiedBy>${author}</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`
    );
  }
  const set = (source: string, tag: string, value: string) => {
    const pattern = new RegExp(`<${tag}\\b([^>]*)(?:/>|>[^<]*</${tag}>)`);
    return pattern.test(source) ? source.replace(pattern, (_m, attributes: string) => `<${tag}${attributes}>${value}</${tag}>`) : source;
  };
  let out = set(xml, "dc:title", escapeXml(meta.title));
  out = set(out, "dc:creator", escapeXml(meta.author ?? ""));
  out = set(out, "cp:lastModifiedBy", escapeXml(meta.author ?? ""));
  out = set(out, "dcterms:created", stamp);
  out = set(out, "dcterms:modified", stamp);
  return out;
}
