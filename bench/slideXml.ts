/**
 * The slide writer of our own (src/write/slideXml.ts) against pptxgenjs, before it is wired in:
 *
 * - bytes: the slide and notes parts it writes for a deck against those in the deck pptxgenjs
 *   wrote (after packaging), uncompressed and deflated;
 * - time: writing 1,000 slides' XML (the deck's slides over and over), median of several runs;
 * - `--splice <out.pptx>`: the built deck with its slide parts (and their .rels) replaced by
 *   ours, for a look in LibreOffice (`deckwright preview`). Pictures and charts keep the media
 *   and chart parts pptxgenjs wrote, matched by their order on the slide.
 *
 *   npx tsx bench/slideXml.ts [deck.md] [--splice out.pptx]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { deflateRawSync } from "node:zlib";
import { compile } from "../src/pipeline.js";
import type { Element, SlideSpec } from "../src/model/slideSpec.js";
import { notesXml, relationshipsXml, slideXml, type SlideContext, type SlideTarget } from "../src/write/slideXml.js";
import { readZip, writeZip, type ZipEntry } from "../src/write/zip.js";

const args = process.argv.slice(2);
const spliceAt = args.indexOf("--splice");
const splice = spliceAt === -1 ? null : (args[spliceAt + 1] ?? null);
const file = resolve(args.find((a, i) => !a.startsWith("--") && (spliceAt === -1 || i !== spliceAt + 1)) ?? "content/openai-microsoft-partnership.md");

const result = await compile(readFileSync(file, "utf8"), file, { modified: new Date(0) });
if (!result.pptx) throw new Error(`${file} did not build`);
const { slides } = result;
const lang = result.deck.meta.lang;
const entries = readZip(result.pptx);
const text = (name: string) => new TextDecoder().decode(entries.find((e) => e.name === name)?.data ?? new Uint8Array());

/** As writer.ts decides: a kind's decoration is on its layout when every slide of the kind has the same. */
function contexts(specs: readonly SlideSpec[]): SlideContext[] {
  const decoration = (s: SlideSpec) => JSON.stringify(s.elements.filter((e: Element) => e.layer === "layout"));
  const titleKey = (s: SlideSpec) => JSON.stringify(s.elements.find((e) => e.type === "text" && e.role === "title")?.box ?? "");
  const shared = new Map<string, { decoration: string; same: boolean }>();
  for (const s of specs) {
    const key = `${s.layout} ${titleKey(s)}`;
    const seen = shared.get(key);
    if (!seen) shared.set(key, { decoration: decoration(s), same: true });
    else if (seen.decoration !== decoration(s)) seen.same = false;
  }
  return specs.map((s, i) => {
    const title = s.elements.find((e) => e.type === "text" && e.role === "title");
    // Each title position has a layout of its own (writer.ts layoutNames): the title inherits it.
    return { number: i + 1, lang, layoutTitle: title?.box ?? null, decorationOnLayout: shared.get(`${s.layout} ${titleKey(s)}`)?.same ?? false };
  });
}

const ctx = contexts(slides);
const ours = slides.map((s, i) => slideXml(s, ctx[i] as SlideContext));
const oursNotes = slides.map((s) => (s.notes ? notesXml(s.notes, lang).xml : null));

const size = (xml: readonly string[]) => ({ raw: xml.reduce((n, x) => n + Buffer.byteLength(x), 0), deflated: xml.reduce((n, x) => n + deflateRawSync(x).length, 0) });
const theirSlides = entries.filter((e) => /^ppt\/slides\/slide\d+\.xml$/.test(e.name)).map((e) => new TextDecoder().decode(e.data));
const theirNotes = entries.filter((e) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(e.name)).map((e) => new TextDecoder().decode(e.data));
const row = (label: string, a: { raw: number; deflated: number }, b: { raw: number; deflated: number }) =>
  console.log(`${label.padEnd(14)} pptxgenjs ${String(a.raw).padStart(8)} B (${String(a.deflated).padStart(7)} deflated)   ours ${String(b.raw).padStart(8)} B (${String(b.deflated).padStart(7)} deflated)   ${(b.raw / a.raw).toFixed(2)}× (${(b.deflated / a.deflated).toFixed(2)}×)`);
console.log(`${file}: ${slides.length} slides`);
row("slide parts", size(theirSlides), size(ours.map((o) => o.xml)));
row("notes parts", size(theirNotes), size(oursNotes.filter((x): x is string => x !== null)));

// 1,000 slides' XML: the deck's slides over and over.
const thousand = Array.from({ length: 1000 }, (_, i) => slides[i % slides.length] as SlideSpec);
const thousandCtx = thousand.map((s, i) => ({ ...(ctx[i % slides.length] as SlideContext), number: i + 1 }));
const times: number[] = [];
for (let run = 0; run < 7; run++) {
  const start = process.hrtime.bigint();
  let bytes = 0;
  thousand.forEach((s, i) => {
    bytes += slideXml(s, thousandCtx[i] as SlideContext).xml.length;
    if (s.notes) bytes += notesXml(s.notes, lang).xml.length;
  });
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (bytes === 0) throw new Error("nothing written");
}
times.sort((a, b) => a - b);
console.log(`1,000 slides' XML (and notes): median ${times[3]?.toFixed(1)} ms, fastest ${times[0]?.toFixed(1)} ms (7 runs, the first warms up)`);

if (splice) {
  const replaced = new Map<string, Uint8Array>();
  ours.forEach((part, i) => {
    const n = i + 1;
    const oldRels = text(`ppt/slides/_rels/slide${n}.xml.rels`);
    const targets = [...oldRels.matchAll(/Type="[^"]*\/(\w+)" Target="([^"]*)"/g)].map((m) => ({ type: m[1] ?? "", target: m[2] ?? "" }));
    const ofType = (type: string) => targets.filter((t) => t.type === type).map((t) => t.target);
    const images = ofType("image");
    const charts = ofType("chart");
    const paths: string[] = [];
    const partName = (t: SlideTarget): string => {
      switch (t.type) {
        case "slideLayout":
          return ofType("slideLayout")[0] ?? "";
        case "notesSlide":
          return ofType("notesSlide")[0] ?? `../notesSlides/notesSlide${n}.xml`;
        case "slide":
          return `slide${t.slide}.xml`;
        case "chart":
          return charts[t.index] ?? "";
        case "image": {
          // pptxgenjs: one relationship per picture, an SVG's PNG fallback first, then the SVG.
          const key = `${t.path} ${t.fallback ? "png" : "own"}`;
          if (!paths.includes(key)) paths.push(key);
          return images[paths.indexOf(key)] ?? "";
        }
        case "hyperlink":
          return t.url;
      }
    };
    replaced.set(`ppt/slides/slide${n}.xml`, new TextEncoder().encode(part.xml));
    replaced.set(`ppt/slides/_rels/slide${n}.xml.rels`, new TextEncoder().encode(relationshipsXml(part.relationships, partName)));
    const notes = oursNotes[i];
    if (notes) replaced.set(`ppt/notesSlides/notesSlide${n}.xml`, new TextEncoder().encode(notes));
  });
  const spliced: ZipEntry[] = entries.map((e) => ({ name: e.name, data: replaced.get(e.name) ?? e.data }));
  writeFileSync(splice, writeZip(spliced, new Date(0)));
  console.log(`wrote ${splice}`);
}
