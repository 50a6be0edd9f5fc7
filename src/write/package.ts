/**
 * The packaging step: turns the raw bytes of `pptx.write()` (pptxgenjs 4.0.1) into a
 * compressed, deterministic, schema-valid .pptx.
 *
 * pptxgenjs stores every entry uncompressed, adds folder entries, stamps the build time
 * into docProps/core.xml (and into each embedded chart workbook), writes random GUIDs,
 * passes XML-illegal control characters through, and deviates from the ECMA-376 schemas
 * in a few fixed places. Each of those is corrected below by one small, targeted text
 * transform, named after what it fixes; `packagePptx` only reads, applies and re-zips.
 *
 * The transforms match the exact markup pptxgenjs 4.0.1 writes. When upgrading
 * pptxgenjs, re-run test/write/package.test.ts: each fix has a test that first asserts
 * the raw deck still shows the deviation.
 */
import { chartWithSchemeAccents, withColorScheme, type ColorScheme } from "./scheme.js";
import { createHash } from "node:crypto";
import { imageInfo } from "../images/size.js";
import { stripIllegalXmlCharRefs, stripIllegalXmlChars } from "../xml/sanitize.js";
import { partNameToEntryName, readZip, writeZip, type ZipEntry } from "./zip.js";

export interface PackageOptions {
  /** Written as created/modified into docProps/core.xml and as the time of every zip entry. */
  readonly modified: Date;
  /**
   * The deck's hyperlink colour (`RRGGBB`): PowerPoint colours links with the theme part's
   * `hlink`, not with the colour of the text, and pptxgenjs has no way to set it.
   */
  readonly linkColor?: string;
  /** The theme's colour scheme (scheme.ts): written into the theme part, and charts' accent colours refer to it. */
  readonly colorScheme?: ColorScheme;
  /**
   * Draws an SVG as a PNG. pptxgenjs writes an SVG picture's own bytes as its "PNG" fallback
   * (a .png part that is not a PNG); with this, the fallback becomes a real PNG.
   */
  readonly rasterizeSvg?: (svg: Uint8Array) => Uint8Array;
}

/** What a fix may know besides the XML text of the part it fixes. */
export interface FixContext {
  /** The part being fixed, as a zip entry name (`ppt/slides/slide1.xml`). */
  readonly part: string;
  /** Every part (zip entry that is not a folder) in the package. */
  readonly partNames: ReadonlySet<string>;
  readonly modified: Date;
  readonly linkColor?: string;
  readonly colorScheme?: ColorScheme;
}

type XmlFix = (xml: string, context: FixContext) => string;

interface PartFix {
  readonly appliesTo: (part: string) => boolean;
  readonly fix: XmlFix;
}

/** Re-packs raw pptxgenjs output: fixed, sanitised, deterministic and compressed. */
export function packagePptx(raw: Uint8Array, options: PackageOptions): Uint8Array {
  return writeZip(packageParts(raw, options), options.modified);
}

/** The parts of raw pptxgenjs output, fixed and sanitised, in canonical order (what packagePptx zips). */
export function packageParts(raw: Uint8Array, options: PackageOptions): ZipEntry[] {
  assertValidDate(options.modified);
  const parts = inCanonicalOrder(shareIdenticalMedia(replaceSvgFallbacks(renumberChartParts(dropFolderEntries(readZip(raw))), options.rasterizeSvg)));
  assertMediaArePictures(parts);
  return fixParts(parts, options, PPTX_FIXES);
}

// ---------------------------------------------------------------------------------------
// Which fixes apply to which parts

const isContentTypes = (part: string): boolean => part === "[Content_Types].xml";
const isCoreProperties = (part: string): boolean => part === "docProps/core.xml";
const isPresentation = (part: string): boolean => part === "ppt/presentation.xml";
const isChart = (part: string): boolean => /^ppt\/charts\/[^/]+\.xml$/.test(part);
const isTheme = (part: string): boolean => /^ppt\/theme\/[^/]+\.xml$/.test(part);
const isXmlPart = (part: string): boolean => part.endsWith(".xml") || part.endsWith(".rels");
/** Office documents pptxgenjs embeds (the workbook behind each chart) are zips of their own. */
const isEmbeddedPackage = (part: string): boolean => /^ppt\/embeddings\/[^/]+\.(xlsx|xlsm|docx|pptx)$/.test(part);

const PPTX_FIXES: readonly PartFix[] = [
  { appliesTo: isContentTypes, fix: dropOverridesForMissingParts },
  { appliesTo: isContentTypes, fix: correctJpegContentType },
  { appliesTo: isCoreProperties, fix: setCoreDates },
  { appliesTo: isPresentation, fix: moveNotesMasterIdLstBeforeSldIdLst },
  { appliesTo: isPresentation, fix: replaceRandomSectionIds },
  { appliesTo: isChart, fix: dropThirdAxisIdFrom2dCharts },
  { appliesTo: isChart, fix: addMissingLineChartGrouping },
  { appliesTo: isChart, fix: dropInvertIfNegativeOutsideBarSeries },
  { appliesTo: isChart, fix: dropEmptyChartExtensions },
  { appliesTo: isChart, fix: moveSeriesMarkerBeforeDataLabels },
  { appliesTo: isChart, fix: dropLeaderLinesFromSingleDataLabels },
  { appliesTo: isChart, fix: dropCategoryAxisElementsFromValueAxes },
  { appliesTo: isChart, fix: replaceRandomChartGuids },
  { appliesTo: isTheme, fix: setHyperlinkColors },
  { appliesTo: isTheme, fix: (xml, context) => (context.colorScheme ? withColorScheme(xml, context.colorScheme) : xml) },
  { appliesTo: isChart, fix: (xml, context) => (context.colorScheme ? chartWithSchemeAccents(xml, context.colorScheme) : xml) },
  { appliesTo: isXmlPart, fix: dropIndentation },
];

/**
 * pptxgenjs indents its templates (tabs, line breaks, spaces between tags), ~240 deflated bytes
 * of a deck. White space is dropped where it stands between two tags and cannot be text: after
 * the declaration, an end tag or an empty element, or between two start tags. White space that
 * is an element's whole text (`<a:t> </a:t>`) is a start tag followed by an end tag, and stays.
 */
export function dropIndentation(xml: string): string {
  return xml.replace(/(\?>|\/>|<\/[^<>]*>)\s+(?=<)/g, "$1").replace(/(<[^<>/!?][^<>]*[^<>/]>|<[^<>/!?]>)\s+(?=<[^/])/g, "$1");
}

/** The theme part's `hlink` and `folHlink` (link and visited link) become the deck's link colour. */
export function setHyperlinkColors(xml: string, context: FixContext): string {
  const color = context.linkColor;
  if (color === undefined || !/^[0-9A-Fa-f]{6}$/.test(color)) return xml;
  return xml.replace(/<a:(hlink|folHlink)>\s*<a:srgbClr val="[0-9A-Fa-f]{6}"\/>/g, (_, name: string) => `<a:${name}><a:srgbClr val="${color.toUpperCase()}"/>`);
}

/** An embedded workbook only needs its timestamps pinned (plus the generic steps). */
const EMBEDDED_PACKAGE_FIXES: readonly PartFix[] = [{ appliesTo: isCoreProperties, fix: setCoreDates }];

// ---------------------------------------------------------------------------------------
// The generic steps

function fixParts(parts: readonly ZipEntry[], options: PackageOptions, fixes: readonly PartFix[]): ZipEntry[] {
  const partNames = new Set(parts.map((p) => p.name));
  const { modified, linkColor, colorScheme } = options;
  return parts.map((part) => fixPart(part, { part: part.name, partNames, modified, ...(linkColor === undefined ? {} : { linkColor }), ...(colorScheme ? { colorScheme } : {}) }, fixes));
}

const looksLikeSvg = (data: Uint8Array) => /^\s*(<\?xml|<svg|<!--)/.test(new TextDecoder().decode(data.subarray(0, 200)));

/**
 * The last line of defence behind the picture checks (src/images/pictures.ts): a media part is
 * a picture, whatever went before. Failing here is a bug in deckwright, not a user's mistake.
 */
function assertMediaArePictures(parts: readonly ZipEntry[]): void {
  for (const part of parts) {
    if (part.name.startsWith("ppt/media/") && "error" in imageInfo(part.data)) throw new Error(`media part ${part.name} is not a picture`);
  }
}

/** A media part named .png that holds SVG text is pptxgenjs' stand-in fallback: drawn as a real PNG. */
export function replaceSvgFallbacks(parts: readonly ZipEntry[], rasterize: ((svg: Uint8Array) => Uint8Array) | undefined): ZipEntry[] {
  if (!rasterize) return [...parts];
  return parts.map((part) => (/^ppt\/media\/[^/]+\.png$/.test(part.name) && looksLikeSvg(part.data) ? { ...part, data: rasterize(part.data) } : part));
  // (Images are checked when they are read, src/images/read.ts, so an SVG here can be drawn.)
}

/**
 * pptxgenjs writes a picture once per use (`image-1-1.png`, `image-2-1.png`, … for one file on
 * many slides); identical media parts become one, which every relationship then targets (a deck
 * showing a 383 KB diagram on 30 slides was 31 MB). The first name in name order is kept.
 */
export function shareIdenticalMedia(parts: readonly ZipEntry[]): ZipEntry[] {
  const media = parts.filter((p) => /^ppt\/media\/[^/]+$/.test(p.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const kept = new Map<string, string>();
  const renamed = new Map<string, string>();
  for (const part of media) {
    const key = `${part.name.slice(part.name.lastIndexOf("."))}:${createHash("sha256").update(part.data).digest("hex")}`;
    const first = kept.get(key);
    if (first === undefined) kept.set(key, part.name);
    else renamed.set(part.name, first);
  }
  if (renamed.size === 0) return [...parts];
  const base = (name: string) => name.slice("ppt/media/".length);
  return parts
    .filter((part) => !renamed.has(part.name))
    .map((part) => {
      if (!part.name.endsWith(".rels")) return part;
      const xml = decode(part.data);
      const fixed = xml.replace(/(Target="(?:\.\.\/media\/|\/ppt\/media\/))([^"]+)"/g, (whole, prefix: string, name: string) => {
        const target = renamed.get(`ppt/media/${name}`);
        return target === undefined ? whole : `${prefix}${base(target)}"`;
      });
      return fixed === xml ? part : { ...part, data: encode(fixed) };
    });
}

const decode = (data: Uint8Array) => new TextDecoder().decode(data);
const encode = (text: string) => new TextEncoder().encode(text);

/** pptxgenjs (JSZip) writes an entry for every folder; OPC packages have parts only. */
export function dropFolderEntries(entries: readonly ZipEntry[]): ZipEntry[] {
  return entries.filter((entry) => !entry.name.endsWith("/"));
}

/**
 * pptxgenjs adds chart files (and their workbooks) to the zip as asynchronous workbook
 * builds finish, so the entry order is not guaranteed. Parts are written sorted by name,
 * numbers compared as numbers (`slide2` before `slide10`); writeZip puts
 * `[Content_Types].xml` first.
 */
export function inCanonicalOrder(parts: readonly ZipEntry[]): ZipEntry[] {
  return [...parts].sort((a, b) => naturalCompare(a.name, b.name));
}

/**
 * pptxgenjs numbers charts with a module-level counter that is never reset, so the second
 * deck built in one process has chart5.xml… instead of chart1.xml… (and matching
 * Microsoft_Excel_WorksheetN.xlsx). Charts and their workbooks are renumbered 1..n, in
 * their original order, and every reference in [Content_Types].xml and the .rels parts
 * follows. (Chart XML refers to its workbook by relationship id only.)
 */
export function renumberChartParts(parts: readonly ZipEntry[]): ZipEntry[] {
  const charts = renumbering(parts, /^ppt\/charts\/chart(\d+)\.xml$/);
  const workbooks = renumbering(parts, /^ppt\/embeddings\/Microsoft_Excel_Worksheet(\d+)\.xlsx$/);
  if (charts.size === 0 && workbooks.size === 0) return [...parts];
  const renumber = (text: string): string =>
    text
      .replace(/(charts\/(?:_rels\/)?chart)(\d+)(\.xml)/g, (_m, head: string, n: string, tail: string) => `${head}${charts.get(n) ?? n}${tail}`)
      .replace(/(Microsoft_Excel_Worksheet)(\d+)(\.xlsx)/g, (_m, head: string, n: string, tail: string) => `${head}${workbooks.get(n) ?? n}${tail}`);
  return parts.map(({ name, data }) => ({
    name: renumber(name),
    data: name === "[Content_Types].xml" || name.endsWith(".rels") ? new TextEncoder().encode(renumber(new TextDecoder().decode(data))) : data,
  }));
}

/** Old number → new number (as strings) for the parts matching `pattern`, when any number changes. */
function renumbering(parts: readonly ZipEntry[], pattern: RegExp): Map<string, string> {
  const numbers = parts.flatMap((p) => pattern.exec(p.name)?.[1] ?? []).sort((a, b) => Number(a) - Number(b));
  const map = new Map(numbers.map((n, i) => [n, String(i + 1)] as const));
  return [...map].every(([from, to]) => from === to) ? new Map() : map;
}

/** Compares strings, runs of digits by their numeric value, everything else by UTF-16 code unit. */
export function naturalCompare(a: string, b: string): number {
  const chunks = (s: string): string[] => s.match(/\d+|\D+/g) ?? [];
  const [ca, cb] = [chunks(a), chunks(b)];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const [x, y] = [ca[i] ?? "", cb[i] ?? ""];
    if (x === y) continue;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    if (numeric && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

function fixPart(part: ZipEntry, context: FixContext, fixes: readonly PartFix[]): ZipEntry {
  if (isXmlPart(part.name)) return { name: part.name, data: fixXmlPart(part.data, context, fixes) };
  if (isEmbeddedPackage(part.name)) return { name: part.name, data: repackEmbeddedPackage(part.data, context.modified) };
  return part;
}

function fixXmlPart(data: Uint8Array, context: FixContext, fixes: readonly PartFix[]): Uint8Array {
  let xml = sanitizeXml(new TextDecoder("utf-8").decode(data));
  for (const { appliesTo, fix } of fixes) {
    if (appliesTo(context.part)) xml = fix(xml, context);
  }
  return new TextEncoder().encode(xml);
}

/**
 * Removes what XML 1.0 forbids: raw control characters (pptxgenjs escapes only `&<>"'`)
 * and character references to them (such as a bullet `characterCode` of "0000").
 */
export function sanitizeXml(xml: string): string {
  return stripIllegalXmlCharRefs(stripIllegalXmlChars(xml));
}

/** Embedded workbooks get the same treatment: no folders, no build time, deterministic zip. */
function repackEmbeddedPackage(data: Uint8Array, modified: Date): Uint8Array {
  let entries: ZipEntry[];
  try {
    entries = readZip(data);
  } catch {
    return data; // not a zip after all: leave it exactly as it is
  }
  const parts = inCanonicalOrder(dropFolderEntries(entries));
  return writeZip(fixParts(parts, { modified }, EMBEDDED_PACKAGE_FIXES), modified);
}

function assertValidDate(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new RangeError("packagePptx: options.modified is not a valid date");
}

// ---------------------------------------------------------------------------------------
// [Content_Types].xml

/**
 * pptxgenjs declares an Override `/ppt/slideMasters/slideMasterN.xml` for every slide
 * (N = 2..slides) but writes only slideMaster1.xml. An Override for a part that does not
 * exist makes the package invalid (OPC §10.1.2.3), so Overrides naming no part are dropped.
 */
export function dropOverridesForMissingParts(xml: string, context: FixContext): string {
  const existing = new Set([...context.partNames].map((name) => name.toLowerCase()));
  return xml.replace(/\s*<Override\b[^>]*\/>/g, (override) => {
    const partName = /\bPartName="([^"]*)"/.exec(override)?.[1];
    if (partName === undefined) return override;
    return existing.has(partNameToEntryName(partName).toLowerCase()) ? override : "";
  });
}


/** pptxgenjs maps the `.jpg` extension to `image/jpg`, which is not a registered media type; it is `image/jpeg`. */
export function correctJpegContentType(xml: string): string {
  return xml.replace(/ContentType="image\/jpg"/g, 'ContentType="image/jpeg"');
}

// ---------------------------------------------------------------------------------------
// docProps/core.xml

/**
 * pptxgenjs writes the build time as dcterms:created and dcterms:modified (and, in each
 * embedded workbook, with milliseconds). Both become `modified`, in whole seconds, UTC.
 */
export function setCoreDates(xml: string, context: FixContext): string {
  const stamp = w3cdtfSeconds(context.modified);
  return xml.replace(
    /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
    (_match, open: string, _name: string, close: string) => `${open}${stamp}${close}`,
  );
}

/** `2024-05-01T12:00:00Z`: ISO 8601 / W3CDTF, seconds precision, UTC. */
export function w3cdtfSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// ---------------------------------------------------------------------------------------
// ppt/presentation.xml

/**
 * pptxgenjs writes `p:notesMasterIdLst` after `p:sldIdLst`; CT_Presentation requires
 * sldMasterIdLst, notesMasterIdLst, handoutMasterIdLst, sldIdLst, sldSz, notesSz, …
 * The list is moved to just before handoutMasterIdLst or sldIdLst, whichever comes first.
 */
export function moveNotesMasterIdLstBeforeSldIdLst(xml: string): string {
  const list = /<p:notesMasterIdLst\b[^>]*(?:\/>|>[\s\S]*?<\/p:notesMasterIdLst>)/.exec(xml);
  if (list === null) return xml;
  const without = xml.slice(0, list.index) + xml.slice(list.index + list[0].length);
  const before = /<p:(?:handoutMasterIdLst|sldIdLst)\b/.exec(without);
  if (before === null || before.index >= list.index) return xml; // already in schema order
  return without.slice(0, before.index) + list[0] + without.slice(before.index);
}

/** Each `p14:section` gets a random GUID; it becomes a GUID derived from the section's position and name. */
export function replaceRandomSectionIds(xml: string, context: FixContext): string {
  let ordinal = 0;
  return xml.replace(/(<p14:section\b[^>]*?\bid=")\{[0-9A-Fa-f-]+\}(")/g, (match, open: string, close: string) => {
    const name = /\bname="([^"]*)"/.exec(match)?.[1] ?? "";
    return `${open}${stableGuid(context.part, "section", String(ordinal++), name)}${close}`;
  });
}

// ---------------------------------------------------------------------------------------
// Slides, layouts, masters, notes (and chart text)

// ---------------------------------------------------------------------------------------
// Charts

/**
 * pptxgenjs ends every bar/line/area chart with three `c:axId`, the third naming a series
 * axis that only 3-D charts have (and that it never writes for 2-D ones). CT_BarChart,
 * CT_LineChart and CT_AreaChart take exactly two. Only the first two are kept.
 */
export function dropThirdAxisIdFrom2dCharts(xml: string): string {
  return xml.replace(/<c:(barChart|lineChart|areaChart)>[\s\S]*?<\/c:\1>/g, (chart) => {
    let seen = 0;
    return chart.replace(/\s*<c:axId\b[^>]*\/>/g, (axId) => (++seen <= 2 ? axId : ""));
  });
}

/** pptxgenjs writes no `c:grouping` in a line chart; CT_LineChart requires it first. `standard` is PowerPoint's default. */
export function addMissingLineChartGrouping(xml: string): string {
  return xml.replace(/<c:lineChart>(?!\s*<c:grouping\b)/g, '<c:lineChart><c:grouping val="standard"/>');
}

/**
 * pptxgenjs gives every series a `c:invertIfNegative`, which only bar and bubble series
 * (CT_BarSer, CT_BubbleSer) have; it is dropped from the series of every other chart type.
 */
export function dropInvertIfNegativeOutsideBarSeries(xml: string): string {
  return xml.replace(/<c:(\w+Chart)>[\s\S]*?<\/c:\1>/g, (chart, type: string) =>
    BAR_AND_BUBBLE_CHARTS.has(type) ? chart : chart.replace(/\s*<c:invertIfNegative\b[^>]*\/>/g, ""),
  );
}

const BAR_AND_BUBBLE_CHARTS: ReadonlySet<string> = new Set(["barChart", "bar3DChart", "bubbleChart"]);

/**
 * In line series pptxgenjs writes `c:marker` after `c:dLbls`; CT_LineSer (like CT_RadarSer
 * and CT_ScatterSer) orders them spPr, marker, dPt*, dLbls. The series' marker (the
 * element form, not the chart-level `<c:marker val="1"/>`) is moved before its data points and labels.
 */
export function moveSeriesMarkerBeforeDataLabels(xml: string): string {
  return xml.replace(SERIES_LABELS_THEN_MARKER, (_match, labels: string, marker: string) => `${marker}${labels}`);
}

/** `<c:dPt>…</c:dPt>* <c:dLbls>…</c:dLbls> <c:marker>…</c:marker>`, each element ending at its own close tag. */
const SERIES_LABELS_THEN_MARKER = new RegExp(
  `((?:${element("c:dPt")}\\s*)*${element("c:dLbls")})\\s*(${element("c:marker")})`,
  "g",
);

/** A non-self-closing element `<name>…</name>` that cannot run past its first close tag. */
function element(name: string): string {
  return `<${name}>(?:(?!</${name}>)[\\s\\S])*</${name}>`;
}

/**
 * For custom scatter labels pptxgenjs writes an empty `<c:ext uri="{CE6537A1-…}"/>`;
 * CT_Extension requires content. An empty extension says nothing, so it is dropped.
 */
export function dropEmptyChartExtensions(xml: string): string {
  return xml.replace(/\s*<c:ext\b[^>]*\/>/g, "");
}

/**
 * For custom scatter point labels pptxgenjs puts `c:showLeaderLines` into each `c:dLbl`;
 * CT_DLbl does not have it (only the series-wide CT_DLbls does).
 */
export function dropLeaderLinesFromSingleDataLabels(xml: string): string {
  return xml.replace(/<c:dLbl>[\s\S]*?<\/c:dLbl>/g, (label) => label.replace(/\s*<c:showLeaderLines\b[^>]*\/>/g, ""));
}

/**
 * A scatter chart's X axis is a `c:valAx`, but pptxgenjs writes it with the category-axis
 * elements `c:auto`, `c:lblAlgn` and `c:noMultiLvlLbl` (CT_CatAx only). They are dropped
 * from value axes; catAx and dateAx keep theirs.
 */
export function dropCategoryAxisElementsFromValueAxes(xml: string): string {
  return xml.replace(/<c:valAx>[\s\S]*?<\/c:valAx>/g, (axis) =>
    axis.replace(/\s*<c:(?:auto|lblAlgn|lblOffset|noMultiLvlLbl|tickLblSkip|tickMarkSkip)\b[^>]*\/>/g, ""),
  );
}

/** Scatter data labels get random GUIDs (`c16:uniqueId`, `a:fld` ids); they become GUIDs derived from their position. */
export function replaceRandomChartGuids(xml: string, context: FixContext): string {
  let ordinal = 0;
  return xml.replace(
    /(<(?:c16:uniqueId\s+val|a:fld\s+id)=")\{[0-9A-Fa-f-]+\}(")/g,
    (_match, open: string, close: string) => `${open}${stableGuid(context.part, "chart", String(ordinal++))}${close}`,
  );
}

// ---------------------------------------------------------------------------------------
// Helpers

/** A GUID (`{XXXXXXXX-XXXX-5XXX-YXXX-XXXXXXXXXXXX}`, upper case) derived from its inputs by SHA-256. */
export function stableGuid(...inputs: readonly string[]): string {
  const hex = createHash("sha256").update(inputs.join("\u0000")).digest("hex").toUpperCase();
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16).toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}}`;
}
