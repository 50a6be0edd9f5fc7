/**
 * The slide writer of our own (src/write/slideXml.ts), unit by unit: for the example
 * deck's and examples/features.md's SlideSpecs, every slide and notes part is valid against
 * pml.xsd, every run's text is there once and in order, every box is where the SlideSpec says
 * (in EMU), shapes are named for what they are with ids from 2; and small specs show what a run,
 * a paragraph, a picture, a shape and a build become.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import type { Box, Element, SlideSpec, SpecRun, TextElement } from "../../src/model/slideSpec.js";
import { bodyStyleKey, notesXml, relationshipsXml, slideXml, type SlideContext } from "../../src/write/slideXml.js";
import { NS_R } from "../../src/xml/namespaces.js";
import { emu } from "../../src/write/emu.js";
import { FIXED_DATE, REPO_ROOT } from "../support/fixtures.js";
import { specParagraph, specRun } from "../support/specs.js";
import { xsdSkipReason, xsdValidateParts } from "../support/xsd.js";

const DECKS = ["content/openai-microsoft-partnership.md", "examples/features.md"] as const;
const decks = new Map<string, { slides: SlideSpec[]; lang: string }>();

beforeAll(async () => {
  for (const file of DECKS) {
    const path = join(REPO_ROOT, file);
    const result = await compile(readFileSync(path, "utf8"), path, { modified: FIXED_DATE, checkOnly: true });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    decks.set(file, { slides: result.slides, lang: result.deck.meta.lang });
  }
}, 60_000);

/** The layout's title box, as writer.ts makes layouts: the first slide of the kind's. */
function contexts(slides: readonly SlideSpec[], lang: string): SlideContext[] {
  const firstTitle = new Map<string, Box | null>();
  return slides.map((spec, i) => {
    const title = spec.elements.find((e): e is TextElement => e.type === "text" && e.role === "title");
    if (!firstTitle.has(spec.layout)) firstTitle.set(spec.layout, title?.box ?? null);
    return { number: i + 1, lang, layoutTitle: firstTitle.get(spec.layout) ?? null };
  });
}

const UNESCAPE: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (e) => UNESCAPE[e] ?? e);
/** The part as an application without Office Math reads it: each mc:AlternateContent's Fallback. */
const fallback = (xml: string) => xml.replace(/<mc:AlternateContent[^>]*>[\s\S]*?<mc:Fallback>([\s\S]*?)<\/mc:Fallback><\/mc:AlternateContent>/g, "$1");
const texts = (xml: string) => [...fallback(xml).matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => unescape(m[1] ?? ""));

/** The pieces of text a run is written as: its lines, empty ones left out (they are soft breaks). */
const pieces = (runs: readonly SpecRun[]) => runs.flatMap((r) => r.text.split("\n").filter((t) => t !== ""));

function expectedTexts(spec: SlideSpec, number: number): string[] {
  return spec.elements.flatMap((e) => {
    if (e.type === "text") return e.paragraphs.flatMap((p) => pieces(p.runs));
    if (e.type === "table") return [...e.header, ...e.rows.flat()].flatMap((c) => pieces(c.runs));
    if (e.type === "slide-number") return [String(number)];
    return [];
  });
}

/** Each shape's id, name and box (`a:off`/`a:ext` or `p:xfrm`), in order; the Fallback of an equation's pair only. */
function shapes(xml: string): { id: number; name: string; box: [number, number, number, number] | null }[] {
  const tree = fallback(xml);
  return [...tree.matchAll(/<p:cNvPr id="(\d+)" name="([^"]*)"[\s\S]*?(?=<p:cNvPr |<\/p:spTree>)/g)]
    .filter((m) => m[1] !== "1")
    .map((m) => {
      const off = /<a:off x="(\d+)" y="(\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(m[0]);
      return { id: Number(m[1]), name: unescape(m[2] ?? ""), box: off ? [Number(off[1]), Number(off[2]), Number(off[3]), Number(off[4])] : null };
    });
}

describe("slide XML for real decks", () => {
  it.skipIf(xsdSkipReason() !== undefined)("every slide and notes part is valid against pml.xsd", async () => {
    const parts: { name: string; xml: string }[] = [];
    for (const [file, { slides, lang }] of decks) {
      const tag = file.replace(/\W+/g, "-");
      contexts(slides, lang).forEach((context, i) => {
        const spec = slides[i] as SlideSpec;
        parts.push({ name: `ppt/slides/${tag}-slide${i + 1}.xml`, xml: slideXml(spec, context).xml });
        if (spec.notes) parts.push({ name: `ppt/notesSlides/${tag}-notes${i + 1}.xml`, xml: notesXml(spec.notes, lang, i + 1).xml });
      });
    }
    expect(parts.length).toBeGreaterThan(40);
    expect(await xsdValidateParts(parts)).toEqual([]);
  }, 60_000);

  it("writes every run's text once, in order, and the notes' text", () => {
    for (const [file, { slides, lang }] of decks) {
      contexts(slides, lang).forEach((context, i) => {
        const spec = slides[i] as SlideSpec;
        expect(texts(slideXml(spec, context).xml), `${file} slide ${i + 1}`).toEqual(expectedTexts(spec, i + 1));
        if (spec.notes) expect(texts(notesXml(spec.notes, lang, i + 1).xml).join("\n"), `${file} notes ${i + 1}`).toBe(spec.notes.split("\n").filter((l) => l !== "").join("\n"));
      });
    }
  });

  it("puts every box where the SlideSpec says, in EMU; ids from 2; names that say what the shape is", () => {
    let inherited = 0;
    for (const [file, { slides, lang }] of decks) {
      contexts(slides, lang).forEach((context, i) => {
        const spec = slides[i] as SlideSpec;
        const written = shapes(slideXml(spec, context).xml);
        expect(written.map((s) => s.id), `${file} slide ${i + 1}`).toEqual(spec.elements.map((_, k) => k + 2));
        expect(new Set(written.map((s) => s.name)).size).toBe(written.length);
        spec.elements.forEach((element: Element, k) => {
          const shape = written[k];
          const where = `${file} slide ${i + 1} element ${k}`;
          const h = element.type === "table" ? element.rowHeights.reduce((a, b) => a + b, 0) : element.box.h;
          const box = [emu(element.box.x), emu(element.box.y), emu(element.box.w), emu(h)];
          if (element.type === "text" && element.role === "title" && shape?.box === null) {
            // Inherited from the layout: only when the layout's title is in the same place.
            inherited++;
            expect(context.layoutTitle && [emu(context.layoutTitle.x), emu(context.layoutTitle.y), emu(context.layoutTitle.w), emu(context.layoutTitle.h)], where).toEqual(box);
          } else expect(shape?.box, where).toEqual(box);
          const name = shape?.name ?? "";
          if (element.type === "text") expect(name, where).toMatch(element.role === "title" ? /^Title$/ : element.role === "body" ? /^Body( \d+)?$/ : /^Text \d+$/);
          if (element.type === "table") expect(name, where).toMatch(/^Table \d+$/);
          if (element.type === "chart") expect(name, where).toMatch(/^Chart \d+$/);
          if (element.type === "slide-number") expect(name, where).toBe("Slide Number");
          if (element.type === "image") expect(name, where).toMatch(element.alt === "" ? /^Picture \d+$/ : /^Picture: /);
        });
      });
    }
    expect(inherited).toBeGreaterThan(5);
  });

  it("names the layout first, the notes second, then each picture, link and chart once", () => {
    const { slides, lang } = decks.get("examples/features.md") ?? { slides: [], lang: "en" };
    const all = contexts(slides, lang).map((c, i) => slideXml(slides[i] as SlideSpec, c));
    for (const [i, part] of all.entries()) {
      expect(part.relationships[0]).toEqual({ id: "rId1", target: { type: "slideLayout" } });
      if (slides[i]?.notes) expect(part.relationships[1]).toEqual({ id: "rId2", target: { type: "notesSlide" } });
      for (const { id } of part.relationships) expect(part.xml.includes(`r:id="${id}"`) || part.xml.includes(`r:embed="${id}"`) || id === "rId1" || part.relationships[1]?.id === id).toBe(true);
    }
    const targets = all.flatMap((p) => p.relationships.map((r) => r.target.type));
    expect(targets).toContain("image");
    expect(targets).toContain("chart");
    expect(all.flatMap((p) => p.relationships).filter((r) => r.target.type === "image" && r.target.fallback)).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------
// Small specs

const STYLE = { font: "Calibri", size: 24, color: "1E2A38", bold: false, italic: false, align: "left", valign: "top", lineSpacing: 1.1, paragraphSpacing: 12 } as const;
const textBox = (role: TextElement["role"], paragraphs: TextElement["paragraphs"], extra: Partial<TextElement> = {}): TextElement => ({
  type: "text",
  role,
  layer: "slide",
  box: { x: 0.6, y: 1.8, w: 12.13, h: 4.6 },
  style: STYLE,
  indent: 0.35,
  fill: null,
  inset: 0,
  paragraphs,
  ...extra,
});
const slide = (elements: Element[], notes: string | null = null): SlideSpec => ({ layout: "bullets", position: { line: 1, column: 1 }, background: "FFFFFF", elements, notes });
const CONTEXT: SlideContext = { number: 3, lang: "en-US" };

describe("slide XML for small specs", () => {
  it("writes a run's properties only where they differ from its box's style; lang on every run", () => {
    const { xml } = slideXml(slide([textBox("body", [specParagraph("", { runs: [specRun("plain "), specRun("bold", { bold: true }), specRun(" code", { font: "Consolas" }), specRun(" red", { color: "FF0000" })] })])]), CONTEXT);
    expect(xml).toContain('<a:r><a:rPr lang="en-US"/><a:t>plain </a:t></a:r>');
    expect(xml).toContain('<a:rPr lang="en-US" b="1"/><a:t>bold</a:t>');
    expect(xml).toContain('<a:rPr lang="en-US"><a:latin typeface="Consolas"/><a:ea typeface="Consolas"/><a:cs typeface="Consolas"/></a:rPr><a:t> code</a:t>');
    expect(xml).toContain('<a:rPr lang="en-US"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:rPr><a:t> red</a:t>');
    // The style, once: in the box's list style.
    expect(xml).toContain('<a:lstStyle><a:lvl1pPr marL="0" indent="0" algn="l"><a:lnSpc><a:spcPct val="110000"/></a:lnSpc><a:buNone/><a:defRPr sz="2400" b="0" i="0">');
    expect(xml.match(/<a:rPr /g)).toHaveLength(4);
  });

  it("writes bullets, numbers, levels, spacing, right-to-left, soft breaks and a size the fit stage chose", () => {
    const { xml } = slideXml(
      slide([
        textBox("body", [
          specParagraph("first"),
          specParagraph("second\nline", { level: 1 }),
          specParagraph("three", { bullet: "number", number: 3, size: 20 }),
          specParagraph("שלום", { bullet: "none", rtl: true }),
        ]),
      ]),
      CONTEXT,
    );
    expect(xml).toContain('<a:p><a:pPr marL="320040" indent="-320040"><a:buSzPct val="100000"/><a:buChar char="•"/></a:pPr><a:r><a:rPr lang="en-US"/><a:t>first</a:t>');
    expect(xml).toContain('<a:pPr lvl="1" marL="640080" indent="-320040"><a:spcBef><a:spcPts val="1200"/></a:spcBef>');
    expect(xml).toContain('<a:t>second</a:t></a:r><a:br><a:rPr lang="en-US"/></a:br><a:r><a:rPr lang="en-US"/><a:t>line</a:t>');
    expect(xml).toContain('<a:buAutoNum type="arabicPeriod" startAt="3"/></a:pPr><a:r><a:rPr lang="en-US" sz="2000"/>');
    expect(xml).toContain('<a:pPr algn="r" rtl="1"><a:spcBef>');
    expect(xml).toContain("<a:lvl1pPr ");
    expect(xml).toContain("<a:lvl2pPr ");
  });

  it("hangs a bullet by 27 pt a level when the theme gives no indent, as the measure stage counts it", () => {
    const { xml } = slideXml(slide([textBox("body", [specParagraph("first"), specParagraph("second", { level: 1 })], { indent: 0 })]), CONTEXT);
    expect(xml).toContain('<a:pPr marL="342900" indent="-342900">');
    expect(xml).toContain('<a:pPr lvl="1" marL="685800" indent="-342900">');
  });

  it("links to web addresses and to slides, each address one relationship; escapes text and attributes", () => {
    const part = slideXml(
      slide([textBox("body", [specParagraph("", { runs: [specRun("a", { href: "https://x.org/?a=1&b=<2>" }), specRun(" & <b>", {}), specRun("c", { href: "https://x.org/?a=1&b=<2>" }), specRun("d", { href: "#slide-2" })] })])]),
      CONTEXT,
    );
    expect(part.relationships).toEqual([
      { id: "rId1", target: { type: "slideLayout" } },
      { id: "rId2", target: { type: "hyperlink", url: "https://x.org/?a=1&b=<2>" } },
      { id: "rId3", target: { type: "slide", slide: 2 } },
    ]);
    expect(part.xml.match(/<a:hlinkClick r:id="rId2"\/>/g)).toHaveLength(2);
    expect(part.xml).toContain('<a:hlinkClick r:id="rId3" action="ppaction://hlinksldjump"/>');
    expect(part.xml).toContain("<a:t> &amp; &lt;b&gt;</a:t>");
    const rels = relationshipsXml(part.relationships, (t) => (t.type === "slide" ? `slide${t.slide}.xml` : "../slideLayouts/slideLayout1.xml"));
    expect(rels).toContain('Target="https://x.org/?a=1&amp;b=&lt;2&gt;" TargetMode="External"');
    expect(rels).toContain('Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slide2.xml"');
  });

  it("says only what a slide needs: a link's colour unless it is the theme's link colour, the relationships namespace where one is named, no space before a body's first paragraph", () => {
    const body = textBox("body", [specParagraph("", { runs: [specRun("a", { href: "https://x.org", color: "0F62A8" }), specRun("b", { href: "https://y.org", color: "FF0000" })] }), specParagraph("second")]);
    const context: SlideContext = { ...CONTEXT, linkColor: "0f62a8", layoutStyles: { body: { box: body.box, key: bodyStyleKey(body) } } };
    const linked = slideXml(slide([body]), context).xml;
    // PowerPoint, Keynote and LibreOffice draw a link in the theme's hlink colour whatever its run says.
    expect(linked).toContain('<a:r><a:rPr lang="en-US"><a:hlinkClick r:id="rId2"/></a:rPr><a:t>a</a:t></a:r>');
    expect(linked).toContain('<a:rPr lang="en-US"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill><a:hlinkClick r:id="rId3"/></a:rPr>');
    expect(linked).toContain(` xmlns:r="${NS_R}"`);
    // The body placeholder's first paragraph inherits a space before, which neither PowerPoint nor LibreOffice lays out.
    expect(linked).toContain('<p:txBody><a:bodyPr/><a:p><a:r>');
    expect(linked.match(/<a:spcBef>/g)).toBeNull();
    const unlinked = slideXml(slide([textBox("title", [specParagraph("T", { bullet: "none" })])]), CONTEXT).xml;
    expect(unlinked).not.toContain("xmlns:r=");
    expect(unlinked.startsWith('<?xml version="1.0" encoding="UTF-8"?><p:sld ')).toBe(true);
  });

  it("drops characters XML forbids from text", () => {
    const { xml } = slideXml(slide([textBox("body", [specParagraph("a\u0001b\uFFFF")])]), CONTEXT);
    expect(xml).toContain("<a:t>ab</a:t>");
  });

  it("puts the title in the layout's title placeholder, its place inherited when it is the layout's", () => {
    const title = textBox("title", [specParagraph("Agenda", { bullet: "none" })], { box: { x: 0.6, y: 0.45, w: 12.13, h: 1 } });
    const same = slideXml(slide([title]), { ...CONTEXT, layoutTitle: { x: 0.6, y: 0.45, w: 12.13, h: 1 } }).xml;
    expect(same).toContain('<p:cNvPr id="2" name="Title"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr/>');
    const moved = slideXml(slide([title]), { ...CONTEXT, layoutTitle: { x: 4, y: 0.45, w: 8, h: 1 } }).xml;
    expect(moved).toContain('<p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="548640" y="411480"/>');
  });

  it("writes pictures with their crop and alt text, an SVG with its PNG fallback, shapes with their transparency", () => {
    const part = slideXml(
      slide([
        { type: "image", layer: "slide", box: { x: 0, y: 0, w: 4, h: 3 }, path: "/a/p.jpg", alt: 'Mountains "at" dusk', crop: { left: 0.1, top: 0, right: 0.1, bottom: 0 } },
        { type: "image", layer: "slide", box: { x: 5, y: 0, w: 4, h: 3 }, path: "/a/d.svg", alt: "", crop: null },
        { type: "shape", shape: "rect", layer: "slide", box: { x: 0, y: 0, w: 13.33, h: 7.5 }, fill: "000000", line: null, lineWidth: 0, transparency: 40 },
        { type: "shape", shape: "ellipse", layer: "layout", box: { x: 1, y: 1, w: 1, h: 1 }, fill: null, line: "FF0000", lineWidth: 1.5 },
      ]),
      CONTEXT,
    );
    expect(part.names).toEqual(['Picture: Mountains "at" dusk', "Picture 1", "Rectangle 1", "Ellipse 1"]);
    expect(part.xml).toContain('<p:cNvPr id="2" name="Picture: Mountains &quot;at&quot; dusk" descr="Mountains &quot;at&quot; dusk"/>');
    expect(part.xml).toContain('<a:blip r:embed="rId2"/><a:srcRect l="10000" t="0" r="10000" b="0"/>');
    expect(part.relationships.slice(1)).toEqual([
      { id: "rId2", target: { type: "image", path: "/a/p.jpg" } },
      { id: "rId3", target: { type: "image", path: "/a/d.svg", fallback: true } },
      { id: "rId4", target: { type: "image", path: "/a/d.svg" } },
    ]);
    expect(part.xml).toContain('<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="rId4"/>');
    expect(part.xml).toContain('<a:solidFill><a:srgbClr val="000000"><a:alpha val="60000"/></a:srgbClr></a:solidFill><a:ln><a:noFill/></a:ln>');
    expect(part.xml).toContain('<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom><a:noFill/><a:ln w="19050"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:ln>');
    // Decoration on the layout is left out of the slide when the layout has it.
    const decoration: Element = { type: "shape", shape: "rect", layer: "layout", box: { x: 0, y: 0, w: 1, h: 1 }, fill: "000000", line: null, lineWidth: 0 };
    expect(slideXml(slide([decoration]), { ...CONTEXT, decorationOnLayout: true }).names).toEqual([]);
    expect(slideXml(slide([decoration]), CONTEXT).names).toEqual(["Rectangle 1"]);
  });

  it("writes a table's columns, rows, header and band fills, rule lines and cell margins", () => {
    const cell = (text: string, align: "left" | "right" = "left") => ({ runs: text === "" ? [] : [specRun(text)], align });
    const { xml, names } = slideXml(
      slide([
        {
          type: "table",
          layer: "slide",
          box: { x: 0.6, y: 1.8, w: 6, h: 2 },
          style: { ...STYLE, size: 18 },
          columnWidths: [2, 4],
          rowHeights: [0.5, 0.4, 0.4],
          header: [cell("Team"), cell("Wants")],
          rows: [[cell("Sales"), cell("Leads", "right")], [cell("Ops"), cell("")]],
          headerFill: "14324E",
          headerColor: "FFFFFF",
          bandFill: "F2F5F9",
          rule: "D3DCE6",
        },
      ]),
      CONTEXT,
    );
    expect(names).toEqual(["Table 1"]);
    expect(xml).toContain('<p:xfrm><a:off x="548640" y="1645920"/><a:ext cx="5486400" cy="1188720"/></p:xfrm>');
    expect(xml).toContain('<a:tblGrid><a:gridCol w="1828800"/><a:gridCol w="3657600"/></a:tblGrid><a:tr h="457200">');
    expect(xml).toContain('<a:rPr lang="en-US" sz="1800" b="1" i="0"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:latin typeface="Calibri"/>');
    // Left and right margins are DrawingML's defaults (0.1 in), so only the top and bottom are written.
    expect(xml).not.toContain("marL=");
    expect(xml).toContain('<a:tcPr marT="54864" marB="54864" anchor="ctr"><a:lnL><a:noFill/></a:lnL><a:lnR><a:noFill/></a:lnR><a:lnT><a:noFill/></a:lnT><a:lnB w="9525"><a:solidFill><a:srgbClr val="D3DCE6"/></a:solidFill></a:lnB><a:solidFill><a:srgbClr val="14324E"/></a:solidFill></a:tcPr>');
    expect(xml).toContain('<a:p><a:pPr algn="r"/><a:r><a:rPr lang="en-US" sz="1800" b="0" i="0">');
    // The second body row is banded; its empty cell keeps the type size.
    expect(xml.match(/<a:srgbClr val="F2F5F9"\/>/g)).toHaveLength(2);
    expect(xml).toContain('<a:endParaRPr lang="en-US" sz="1800"/>');
  });

  it("writes the p:timing of builds by shape id (timing.ts) and the slide number field", () => {
    const { xml } = slideXml(
      slide([
        textBox("title", [specParagraph("T", { bullet: "none" })]),
        textBox("body", [specParagraph("a"), specParagraph("b", { step: 1 }), specParagraph("c", { step: 2 })]),
        { type: "slide-number", layer: "slide", box: { x: 10, y: 7, w: 2, h: 0.3 }, style: { ...STYLE, size: 11, align: "right", valign: "middle" } },
      ]),
      CONTEXT,
    );
    expect(xml).toContain('<p:bldP spid="3" grpId="0" build="p"/>');
    expect(xml).toContain('<p:spTgt spid="3"><p:txEl><p:pRg st="1" end="1"/></p:txEl></p:spTgt>');
    expect(xml).toContain('<p:ph type="sldNum" idx="12"/>');
    expect(xml).toContain('<a:fld id="{44444444-4444-4444-8444-444444444444}" type="slidenum"><a:t>3</a:t></a:fld>');
    // No colour map override (the master's applies): the timing follows the slide's shapes.
    expect(xml).not.toContain("clrMapOvr");
    expect(xml.indexOf("<p:timing>")).toBeGreaterThan(xml.indexOf("</p:cSld>"));
  });

  it.skipIf(xsdSkipReason() !== undefined)("writes an equation as the Choice/Fallback pair of math.ts, valid either way", async () => {
    const math = { tex: "E = mc^2", display: true, lines: 1, ems: 4 };
    const { xml } = slideXml(slide([textBox("body", [specParagraph("", { bullet: "none", runs: [specRun("E = mc²", { math })] }), specParagraph("", { runs: [specRun("so "), specRun("x²", { math: { ...math, tex: "x^2", display: false } })] })])]), CONTEXT);
    expect(xml).toContain('<mc:Choice xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" Requires="a14 m">');
    expect(xml).toContain("<m:oMathPara");
    expect(texts(xml)).toEqual(["E = mc²", "so ", "x²"]);
    expect(await xsdValidateParts([{ name: "ppt/slides/slide1.xml", xml }])).toEqual([]);
  });
});
