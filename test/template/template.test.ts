/**
 * Building into a company's template (issue 15), on real templates authored in PowerPoint and
 * other tools (../shared/templates, see its SOURCES.tsv), and on hostile ones made here.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { compile } from "../../src/pipeline.js";
import { chooseLayouts } from "../../src/template/layouts.js";
import { readTemplate, readTemplateFile, type Template } from "../../src/template/read.js";
import { ThemeSet } from "../../src/themes/load.js";
import { checkPackage } from "../../src/validate/structure.js";
import { readZip, writeZip } from "../../src/write/zip.js";
import { FIXED_DATE, REPO_ROOT, exampleDeck } from "../support/fixtures.js";
import { archive, deflated } from "../support/hostileZip.js";
import { convertDecks, onPath, pageCount } from "../support/office.js";
import { xsdSkipReason, xsdValidate } from "../support/xsd.js";

const TEMPLATES = resolve(REPO_ROOT, "..", "shared", "templates");
const templates = existsSync(TEMPLATES) ? readdirSync(TEMPLATES).filter((f) => /\.(potx|pptx)$/.test(f)).sort() : [];
const templatesMissing = templates.length === 0 ? `no templates at ${TEMPLATES}` : undefined;
if (templatesMissing) console.warn(`template tests skipped: ${templatesMissing}`);

/** Folders this file's tests write into, removed when they end. */
const tempDirs: string[] = [];
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const read = (file: string): Template => {
  const result = readTemplateFile(resolve(TEMPLATES, file));
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.template;
};

async function buildInto(file: string, markdown = exampleDeck().markdown, source = exampleDeck().file) {
  return compile(markdown, source, { modified: FIXED_DATE, template: join(TEMPLATES, file), themes: new ThemeSet() });
}

describe.skipIf(templatesMissing !== undefined)("reading real templates", () => {
  it.each(templates)("%s: layouts in the masters' order, each placeholder with a box and a size", (file) => {
    const template = read(file);
    expect(template.size.width).toBeGreaterThan(0);
    expect(template.layouts.length).toBeGreaterThan(0);
    for (const layout of template.layouts) {
      for (const p of layout.placeholders) {
        expect(p.text.sizes).toHaveLength(9);
        expect(p.text.sizes[0]).toBeGreaterThan(0);
      }
    }
    // Every layout any master lists is read, in order.
    expect(template.layouts.map((l) => l.part)).toEqual(template.masters.flatMap((m) => m.layouts));
  });

  it("reads the placeholders PowerPoint wrote: officer's Title and Content has a title and body idx 1 at its own box", () => {
    const layout = read("06-officer-4x3.pptx").layouts.find((l) => l.name === "Title and Content");
    expect(layout?.type).toBe("obj");
    const body = layout?.placeholders.find((p) => p.idx === 1);
    expect(body?.type).toBe("obj");
    expect(body?.box).toEqual({ x: 0.5, y: 1.75, w: 9, h: 4.95 });
    expect(body?.text.sizes[0]).toBe(32);
    expect(body?.text.bulleted).toBe(true);
  });

  it("inherits a box from the master where the layout has none (mecanon's ctrTitle, two masters)", () => {
    const template = read("04-mecanon-ufrj.potx");
    expect(template.masters).toHaveLength(2);
    expect(template.sampleSlides).toHaveLength(7);
    for (const layout of template.layouts) for (const p of layout.placeholders) if (p.type === "title" || p.type === "ctrTitle") expect(p.box).not.toBeNull();
  });
});

describe.skipIf(templatesMissing !== undefined)("choosing layouts by structure", () => {
  it("maps officer's layouts (PowerPoint's English names) by their placeholders", () => {
    const { choices } = chooseLayouts(read("06-officer-4x3.pptx"));
    expect(choices.title.layout.name).toBe("Title Slide");
    expect(choices.section.layout.name).toBe("Section Header");
    expect(choices.bullets.layout.name).toBe("Title and Content");
    expect(choices["two-column"].layout.name).toBe("Two Content");
    expect(choices.quote.layout.name).toBe("Title Only");
    expect(choices["three-column"].fallback).toMatch(/three large bodies/);
  });

  it("maps a Czech template the same way: names are only a tie-breaker", () => {
    const { choices } = chooseLayouts(read("12-czech-4x3.pptx"));
    expect(choices.title.layout.name).toBe("Úvodní snímek");
    expect(choices.section.layout.name).toBe("Záhlaví oddílu");
    expect(choices["two-column"].layout.name).toBe("Dva obsahy");
    expect(choices["image-text"].layout.name).toBe("Obrázek s titulkem");
  });

  it("gives the same mapping when every layout is renamed to nonsense", () => {
    const bytes = readFileSync(join(TEMPLATES, "06-officer-4x3.pptx"));
    const renamed = readZip(bytes).map((entry) =>
      /^ppt\/slideLayouts\/slideLayout(\d+)\.xml$/.test(entry.name) ? { ...entry, data: new TextEncoder().encode(text(entry.data).replace(/<p:cSld name="[^"]*"/, (_m) => `<p:cSld name="L${entry.name.replace(/\D/g, "")}x"`)) } : entry,
    );
    const result = readTemplate(writeZip(renamed, FIXED_DATE), "renamed.pptx");
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const original = chooseLayouts(read("06-officer-4x3.pptx")).choices;
    const choices = chooseLayouts(result.template).choices;
    for (const kind of Object.keys(original) as (keyof typeof original)[]) expect(choices[kind].layout.part).toBe(original[kind].layout.part);
  });

  it("reads a Google Slides export's shape: internal layout names with matchingName, no docProps", async () => {
    // Google Slides writes `CUSTOM_3`-like names with the readable one in `matchingName`, and no docProps/ at all.
    const bytes = readFileSync(join(TEMPLATES, "06-officer-4x3.pptx"));
    const google = readZip(bytes)
      .filter((entry) => !entry.name.startsWith("docProps/"))
      .map((entry) => {
        if (entry.name === "_rels/.rels") return { ...entry, data: new TextEncoder().encode(text(entry.data).replace(/<Relationship [^>]*Target="docProps\/[^"]*"\/>/g, "")) };
        if (entry.name === "[Content_Types].xml") return { ...entry, data: new TextEncoder().encode(text(entry.data).replace(/<Override PartName="\/docProps\/[^"]*"[^>]*\/>/g, "")) };
        if (!/^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(entry.name)) return entry;
        const xml = text(entry.data);
        const name = /<p:cSld name="([^"]*)"/.exec(xml)?.[1] ?? "";
        return { ...entry, data: new TextEncoder().encode(xml.replace(/<p:cSld name="[^"]*"/, `<p:cSld name="CUSTOM_${entry.name.replace(/\D/g, "")}"`).replace(/<p:sldLayout /, `<p:sldLayout matchingName="${name}" `)) };
      });
    const dir = tempDir("deckwright-google-");
    const file = join(dir, "google.pptx");
    writeFileSync(file, writeZip(google, FIXED_DATE));
    const result = readTemplateFile(file);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(result.template.layouts.map((l) => l.matchingName)).toContain("Two Content");
    const original = chooseLayouts(read("06-officer-4x3.pptx")).choices;
    const choices = chooseLayouts(result.template).choices;
    for (const kind of Object.keys(original) as (keyof typeof original)[]) expect(choices[kind].layout.part).toBe(original[kind].layout.part);
    // templateLayouts names a layout by its readable name: quotes go where structure would not put them.
    expect(original.quote.layout.name).not.toBe("Two Content");
    expect(chooseLayouts(result.template, { quote: "Two Content" }).choices.quote.layout.matchingName).toBe("Two Content");
    const built = await compile(exampleDeck().markdown, exampleDeck().file, { modified: FIXED_DATE, template: file, themes: new ThemeSet() });
    expect(built.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const pptx = built.pptx as Uint8Array;
    expect(checkPackage(pptx)).toEqual([]);
    if (xsdSkipReason() === undefined) expect(await xsdValidate(pptx)).toEqual([]);
    // The deck's own title, author and dates, though the template had no core properties.
    const parts = new Map(readZip(pptx).map((e) => [e.name, e.data] as const));
    expect(text(parts.get("docProps/core.xml"))).toContain(`<dc:title>${built.deck.meta.title.replace(/&/g, "&amp;")}</dc:title>`);
    expect(text(parts.get("_rels/.rels"))).toContain('Target="docProps/core.xml"');
    expect(text(parts.get("[Content_Types].xml"))).toContain('PartName="/docProps/core.xml"');
  });

  it("takes templateLayouts by layout name, and names an unknown one with a did-you-mean", async () => {
    const override = chooseLayouts(read("06-officer-4x3.pptx"), { quote: "Blank" });
    expect(override.choices.quote.layout.name).toBe("Blank");
    expect(override.choices.quote.overridden).toBe(true);
    const result = await compile(exampleDeck().markdown, exampleDeck().file, {
      modified: FIXED_DATE,
      template: join(TEMPLATES, "06-officer-4x3.pptx"),
      themes: new ThemeSet(),
      config: { file: join(REPO_ROOT, "deckwright.config.json"), config: { templateLayouts: { quote: "Title Onyl" } } },
    });
    expect(result.pptx).toBeNull();
    const problem = result.diagnostics.find((d) => d.id === "template-layout-unknown");
    expect(problem?.message).toContain("Title Onyl");
    expect(problem?.hint).toContain("Title Only");
  });
});

describe.skipIf(templatesMissing !== undefined)("building the example deck into each real template", () => {
  it.each(templates)("%s: valid, the template's parts unchanged, every slide on a template layout with its title in the title placeholder", async (file) => {
    const template = read(file);
    const result = await buildInto(file);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const pptx = result.pptx as Uint8Array;
    expect(checkPackage(pptx)).toEqual([]);
    const parts = new Map(readZip(pptx).map((e) => [e.name, e.data] as const));
    // Masters, layouts and themes byte for byte.
    for (const name of template.parts.keys()) {
      if (/^ppt\/(slideMasters|slideLayouts|theme)\/[^/]+\.xml$/.test(name)) expect(Buffer.from(parts.get(name) ?? []).equals(Buffer.from(template.parts.get(name) ?? [])), name).toBe(true);
    }
    // The template's own slides are gone: the deck's slides only.
    const slides = [...parts.keys()].filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides).toHaveLength(result.slides.length);
    expect(text(parts.get("[Content_Types].xml"))).not.toContain("template.main+xml");
    const layoutParts = new Set(template.layouts.map((l) => l.part));
    result.slides.forEach((spec, i) => {
      const rels = text(parts.get(`ppt/slides/_rels/slide${i + 1}.xml.rels`));
      const layout = /Target="\.\.\/slideLayouts\/([^"]+)"/.exec(rels)?.[1];
      expect(layoutParts.has(`ppt/slideLayouts/${layout}`)).toBe(true);
      const xml = text(parts.get(`ppt/slides/slide${i + 1}.xml`));
      const title = spec.elements.find((e) => e.type === "text" && e.role === "title");
      if (title?.type === "text" && title.placeholder) expect(xml).toMatch(/<p:ph type="(title|ctrTitle)"/);
    });
    // Every slide with a title has it in a placeholder.
    const titled = result.slides.filter((s) => s.elements.some((e) => e.type === "text" && e.role === "title"));
    expect(titled.every((s) => s.elements.some((e) => e.type === "text" && e.role === "title" && e.placeholder !== undefined))).toBe(true);
  });

  it("draws charts in the template's accents by scheme reference, so they follow a change of its theme", async () => {
    const features = readFileSync(join(REPO_ROOT, "examples", "features.md"), "utf8");
    const built = await buildInto("06-officer-4x3.pptx", features, "examples/features.md");
    const charts = readZip(built.pptx as Uint8Array).filter((e) => /^ppt\/charts\/chart\d+\.xml$/.test(e.name));
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) expect(text(chart.data)).toMatch(/<a:schemeClr val="accent1"/);
  });

  it("draws tables in the template's default table style, without fills or rules of deckwright's own", async () => {
    const built = await buildInto("06-officer-4x3.pptx");
    expect(read("06-officer-4x3.pptx").tableStyle).toBe("{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}");
    const index = built.slides.findIndex((s) => s.elements.some((e) => e.type === "table"));
    const xml = text(readZip(built.pptx as Uint8Array).find((e) => e.name === `ppt/slides/slide${index + 1}.xml`)?.data);
    expect(xml).toContain('<a:tblPr firstRow="1" bandRow="1"><a:tableStyleId>{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}</a:tableStyleId></a:tblPr>');
    const table = /<a:tbl>[\s\S]*<\/a:tbl>/.exec(xml)?.[0] ?? "";
    expect(table).not.toContain("<a:solidFill>");
    expect(table).not.toContain("<a:lnB");
  });

  it("says why a footer too long for the template's footer placeholder is not continued", async () => {
    const md = "---\ntitle: Talk\nfooter: A footer far too long for the small footer placeholder of this template, running on and on over several lines\n---\n\n## One\n\n- a\n";
    const result = await compile(md, "talk.md", { modified: FIXED_DATE, template: join(TEMPLATES, "06-officer-4x3.pptx"), themes: new ThemeSet() });
    const overflow = result.diagnostics.find((d) => d.id === "text-overflow");
    expect(overflow?.message).toContain("only a slide's body continues on another slide, not a footer");
  });

  it("gives the same bytes twice", async () => {
    const [a, b] = [await buildInto("05-unhcr.pptx"), await buildInto("05-unhcr.pptx")];
    expect(Buffer.from(a.pptx ?? []).equals(Buffer.from(b.pptx ?? []))).toBe(true);
  });

  it("writes on a placeholder's runs only what the Markdown asks (bold), never the template's font or size", async () => {
    const result = await buildInto("06-officer-4x3.pptx");
    const parts = new Map(readZip(result.pptx as Uint8Array).map((e) => [e.name, e.data] as const));
    const index = result.slides.findIndex((s) => s.layout === "bullets" && s.elements.some((e) => e.type === "text" && e.placeholder?.type === "obj" && e.style.size === 32 && e.paragraphs.some((p) => p.runs.some((r) => r.bold))));
    expect(index).toBeGreaterThanOrEqual(0);
    const xml = text(parts.get(`ppt/slides/slide${index + 1}.xml`));
    expect(xml).toContain('<p:ph idx="1"/>');
    const shapes = xml.split("<p:sp>");
    const footer = shapes.find((shape) => shape.includes('type="ftr"'));
    // Only the footer names a font: the one it inherits, as the template writes it (LibreOffice draws it in a serif otherwise).
    expect(shapes.filter((shape) => shape !== footer).join("")).not.toMatch(/<a:latin\b/);
    expect(footer).toContain('<a:latin typeface="+mn-lt"/>');
    expect(xml).not.toMatch(/ sz="/);
    expect(xml).toContain(' b="1"');
  });

  it("measures a nested bullet at its own level's size in the placeholder, and writes no size for it", async () => {
    const template = read("06-officer-4x3.pptx");
    const body = chooseLayouts(template).choices.bullets.layout.placeholders.find((p) => p.type === "obj" || p.type === "body");
    const [first, second] = body?.text.sizes ?? [];
    expect(second).toBeLessThan(first as number);
    const md = "# Talk\n\n## Points\n\n- one\n  - a nested one\n- two\n";
    const result = await buildInto("06-officer-4x3.pptx", md, "talk.md");
    const slide = result.slides.findIndex((s) => s.layout === "bullets");
    const text = result.slides[slide]?.elements.find((e) => e.type === "text" && e.placeholder?.type === "obj");
    expect(text?.type === "text" && text.paragraphs.map((p) => [p.level, p.size])).toEqual([[0, null], [1, second], [0, null]]);
    const xml = new TextDecoder().decode(new Map(readZip(result.pptx as Uint8Array).map((e) => [e.name, e.data] as const)).get(`ppt/slides/slide${slide + 1}.xml`));
    expect(xml).toContain('<a:pPr lvl="1"/>');
    expect(xml).not.toMatch(/ sz="/);
  });

  it.skipIf(xsdSkipReason() !== undefined).each(templates)("%s: every part of the example deck and features.md is XSD-valid", async (file) => {
    const features = readFileSync(join(REPO_ROOT, "examples", "features.md"), "utf8");
    for (const built of [await buildInto(file), await buildInto(file, features, "examples/features.md")]) {
      expect(built.pptx).not.toBeNull();
      expect(await xsdValidate(built.pptx as Uint8Array)).toEqual([]);
    }
  }, 120_000);

  const soffice = onPath("soffice");
  it.skipIf(soffice === undefined || templatesMissing !== undefined)("LibreOffice opens the deck in every template: one page a slide", async () => {
    const decks: Record<string, Uint8Array> = {};
    const counts: Record<string, number> = {};
    for (const file of templates) {
      const built = await buildInto(file);
      decks[file.replace(/\W/g, "_")] = built.pptx as Uint8Array;
      counts[file.replace(/\W/g, "_")] = built.slides.length;
    }
    await convertDecks(soffice as string, decks, "pdf", async (converted) => {
      for (const name of Object.keys(decks)) expect(await pageCount(converted(name))).toBe(counts[name]);
    });
  }, 180_000);
});

describe("refusing templates that cannot be used", () => {
  const dir = tempDir("deckwright-template-");
  const write = (name: string, bytes: Uint8Array) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };
  const ids = (file: string) => {
    const result = readTemplateFile(file);
    return result.ok ? [] : result.diagnostics.map((d) => d.id);
  };
  const minimal = (extra: Record<string, string> = {}) =>
    archive(
      Object.entries({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/></Relationships>',
        "ppt/presentation.xml": '<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:sldSz cx="9144000" cy="6858000"/></p:presentation>',
        ...extra,
      }).map(([name, data]) => deflated(name, data)),
    );

  it("a macro template (.potm) is refused by its name, with what to do", () => {
    const result = readTemplateFile(write("corp.potm", minimal()));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.diagnostics[0]?.id).toBe("template-macros");
      expect(result.diagnostics[0]?.hint).toMatch(/\.potx/);
    }
  });

  it("a macro project inside a .potx is refused", () => {
    expect(ids(write("sneaky.potx", minimal({ "ppt/vbaProject.bin": "x" })))).toEqual(["template-macros"]);
  });

  it("an encrypted (password-protected) file is named as such", () => {
    expect(ids(write("locked.potx", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])))).toEqual(["template-encrypted"]);
  });

  it("a file that is not a zip, a zip bomb and a missing file get diagnostics, not a crash", () => {
    expect(ids(write("text.potx", new TextEncoder().encode("hello")))).toEqual(["template-invalid"]);
    const bomb = archive([deflated("[Content_Types].xml", "<Types/>"), deflated("ppt/big.xml", `<a>${" ".repeat(2 * 1024 * 1024)}</a>`)]);
    expect(ids(write("bomb.potx", bomb))).toEqual(["template-invalid"]);
    expect(ids(join(dir, "nothing.potx"))).toEqual(["template-not-found"]);
  });

  it("a template with no slide master has no layouts to build on", () => {
    expect(ids(write("empty.potx", minimal()))).toEqual(["template-no-layouts"]);
  });

  it("a template linking a picture from the web is refused (it would be fetched when the deck opens)", () => {
    const linked = minimal({
      "ppt/_rels/presentation.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="https://tracker.example/pixel.png" TargetMode="External"/></Relationships>',
    });
    expect(ids(write("linked.potx", linked))).toEqual(["template-external-link"]);
  });
});

describe.skipIf(templatesMissing !== undefined)("naming a template", () => {
  const cli = async (argv: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: "1" }, interactive: false });
    return { code, stdout, stderr };
  };

  it("`template:` in front matter is relative to the Markdown file, and builds into it", async () => {
    const dir = tempDir("deckwright-fm-");
    copyFileSync(join(TEMPLATES, "06-officer-4x3.pptx"), join(dir, "corp.pptx"));
    const md = "---\ntitle: Talk\ntemplate: corp.pptx\n---\n\n## One\n\n- a\n- b\n";
    const result = await compile(md, join(dir, "talk.md"), { modified: FIXED_DATE, themes: new ThemeSet() });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const rels = text(new Map(readZip(result.pptx as Uint8Array).map((e) => [e.name, e.data] as const)).get("ppt/slides/_rels/slide2.xml.rels"));
    expect(rels).toContain("slideLayout2.xml");
  });

  it.each([
    ["officer's 4:3 slide", null, { width: 10, height: 7.5 }],
    ["Google Slides' 10 × 5.625 in", { cx: 9144000, cy: 5143500 }, { width: 10, height: 5.625 }],
  ] as const)("background pictures cover the template's own slide size (%s), whatever the deck's aspect", async (_, sldSz, size) => {
    const dir = tempDir("deckwright-size-");
    const entries = readZip(readFileSync(join(TEMPLATES, "06-officer-4x3.pptx")));
    const resized = sldSz
      ? entries.map((e) => (e.name === "ppt/presentation.xml" ? { ...e, data: new TextEncoder().encode(text(e.data).replace(/<p:sldSz [^>]*\/>/, `<p:sldSz cx="${sldSz.cx}" cy="${sldSz.cy}"/>`)) } : e))
      : entries;
    writeFileSync(join(dir, "corp.pptx"), writeZip(resized, FIXED_DATE));
    mkdirSync(join(dir, "assets"));
    copyFileSync(join(REPO_ROOT, "test", "fixtures", "corpus", "assets", "dot.png"), join(dir, "assets", "dot.png"));
    const md = "---\nmarp: true\naspect: 16:9\ntemplate: corp.pptx\n---\n\n![bg](assets/dot.png)\n\n## Full\n\nOver it.\n\n---\n\n![bg right:40%](assets/dot.png)\n\n## Side\n\nBeside it.\n";
    const result = await compile(md, join(dir, "talk.md"), { modified: FIXED_DATE, themes: new ThemeSet() });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const pictures = result.slides.map((s) => s.elements.filter((e) => e.type === "image").map((e) => e.box));
    const [full, side] = pictures;
    expect(full).toContainEqual(expect.objectContaining({ x: 0, y: 0, w: size.width, h: size.height }));
    expect(side).toContainEqual(expect.objectContaining({ x: size.width * 0.6, y: 0, w: size.width * 0.4, h: size.height }));
    // Nothing on either slide reaches past the slide's right or bottom edge.
    for (const slide of result.slides) for (const e of slide.elements) {
      if (!("box" in e)) continue;
      expect(e.box.x + e.box.w).toBeLessThanOrEqual(size.width + 0.001);
    }
  });

  it("a theme folder wraps a template: its own quote.hbs replaces the default, its colours apply on top", async () => {
    const dir = tempDir("deckwright-wrap-");
    copyFileSync(join(TEMPLATES, "05-unhcr.pptx"), join(dir, "corp.pptx"));
    writeFileSync(join(dir, "theme.json"), JSON.stringify({ template: "corp.pptx", colors: { tableHeader: "#123456" } }));
    mkdirSync(join(dir, "layouts"));
    writeFileSync(join(dir, "layouts", "quote.hbs"), '<slide><text placeholder="title" role="title"><r>Said</r></text><text placeholder="body">{{#each slide.quote}}<p>{{> runs this}}</p>{{/each}}</text></slide>');
    const md = "## Quote\n\n> Less is more.\n\n## Data\n\n| a | b |\n| - | - |\n| 1 | 2 |\n";
    const result = await compile(md, join(dir, "talk.md"), { modified: FIXED_DATE, theme: dir, themes: new ThemeSet() });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const quote = result.slides.find((s) => s.layout === "quote");
    expect(quote?.elements.some((e) => e.type === "text" && e.paragraphs.some((p) => p.runs.some((r) => r.text === "Said")))).toBe(true);
    const table = result.slides.flatMap((s) => s.elements).find((e) => e.type === "table");
    expect(table?.type === "table" && table.headerFill).toBe("123456");
  });

  it("a template outside its theme folder is refused without --allow-outside", () => {
    const dir = tempDir("deckwright-out-");
    writeFileSync(join(dir, "theme.json"), JSON.stringify({ template: join(TEMPLATES, "05-unhcr.pptx") }));
    expect(() => new ThemeSet().load(dir)).toThrow(/outside the theme folder/);
  });

  it("writes bold on the runs of a column heading that fills a placeholder", async () => {
    const md = "## Two\n\n### Left\n\n- a\n\n### Right\n\n- b\n";
    const result = await compile(md, "talk.md", { modified: FIXED_DATE, template: join(TEMPLATES, "05-unhcr.pptx"), themes: new ThemeSet() });
    const xml = text(new Map(readZip(result.pptx as Uint8Array).map((e) => [e.name, e.data] as const)).get("ppt/slides/slide1.xml"));
    expect(xml).toMatch(/<a:rPr lang="en-US" b="1"\/><a:t>Left<\/a:t>/);
  });

  it("`template inspect` prints the layouts and the mapping, and --json the same as data", async () => {
    const file = join(TEMPLATES, "12-czech-4x3.pptx");
    const plain = await cli(["template", "inspect", file]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("Záhlaví oddílu [secHead]");
    expect(plain.stdout).toMatch(/section\s+→\s+3\. Záhlaví oddílu/);
    const json = await cli(["template", "inspect", file, "--json"]);
    const data = JSON.parse(json.stdout) as { mapping: Record<string, { layout: string; fallback: string | null }>; layouts: unknown[] };
    expect(data.layouts).toHaveLength(11);
    expect(data.mapping["two-column"]?.layout).toBe("Dva obsahy");
    expect(data.mapping["three-column"]?.fallback).toMatch(/three/);
    const missing = await cli(["template", "inspect", join(TEMPLATES, "nothing.potx")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("[template-not-found]");
  });

  it("build --template writes a deck the package checks pass", async () => {
    const dir = tempDir("deckwright-cli-template-");
    writeFileSync(join(dir, "talk.md"), "---\ntitle: Talk\n---\n\n## One\n\n- a\n");
    const result = await cli(["build", join(dir, "talk.md"), "--template", join(TEMPLATES, "06-officer-4x3.pptx"), "--out", join(dir, "out")]);
    expect(result.code).toBe(0);
    expect(checkPackage(readFileSync(join(dir, "out", "talk.pptx")))).toEqual([]);
  });
});

/**
 * Templates we make ourselves: pandoc's reference.pptx (what `--reference-doc` users start from)
 * and a .potx saved by LibreOffice (whose masters repeat shape ids: kept, with a warning).
 */
describe("templates made here: pandoc's reference.pptx and a LibreOffice .potx", () => {
  const pandoc = onPath("pandoc");
  const soffice = onPath("soffice");
  const dir = tempDir("deckwright-own-");

  const features = () => ({ markdown: readFileSync(join(REPO_ROOT, "examples", "features.md"), "utf8"), file: join(REPO_ROOT, "examples", "features.md") });

  /** The example deck and examples/features.md into `template`: no errors, valid, titles in title placeholders, one page a slide in LibreOffice. */
  async function check(template: string): Promise<void> {
    for (const deck of [exampleDeck(), features()]) await checkDeck(template, deck.markdown, deck.file);
  }

  async function checkDeck(template: string, markdown: string, file: string): Promise<void> {
    const result = await compile(markdown, file, { modified: FIXED_DATE, template, themes: new ThemeSet() });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const pptx = result.pptx as Uint8Array;
    expect(checkPackage(pptx)).toEqual([]);
    if (xsdSkipReason() === undefined) expect(await xsdValidate(pptx)).toEqual([]);
    const titled = result.slides.filter((s) => s.elements.some((e) => e.type === "text" && e.role === "title"));
    expect(titled.every((s) => s.elements.some((e) => e.type === "text" && e.role === "title" && e.placeholder !== undefined))).toBe(true);
    if (soffice) {
      await convertDecks(soffice, { deck: pptx }, "pdf", async (converted) => {
        expect(await pageCount(converted("deck"))).toBe(result.slides.length);
      });
    }
  }

  it.skipIf(pandoc === undefined)("pandoc's reference.pptx", async () => {
    const file = join(dir, "reference.pptx");
    execFileSync(pandoc as string, ["-o", file, "--print-default-data-file", "reference.pptx"]);
    const { choices } = chooseLayouts(read(file));
    expect(choices.section.layout.name).toBe("Section Header");
    expect(choices["image-text"].layout.name).toBe("Picture with Caption");
    await check(file);
    // The picture beside text fills the layout's picture placeholder as that placeholder.
    const built = await compile(features().markdown, features().file, { modified: FIXED_DATE, template: file, themes: new ThemeSet() });
    const index = built.slides.findIndex((s) => s.layout === "image-text");
    const picture = built.slides[index]?.elements.find((e) => e.type === "image");
    expect(picture?.type === "image" && picture.placeholder?.type).toBe("pic");
    const xml = text(new Map(readZip(built.pptx as Uint8Array).map((e) => [e.name, e.data] as const)).get(`ppt/slides/slide${index + 1}.xml`));
    expect(xml).toMatch(/<p:pic><p:nvPicPr><p:cNvPr [^>]*\/><p:cNvPicPr><a:picLocks noGrp="1" noChangeAspect="1"\/><\/p:cNvPicPr><p:nvPr><p:ph type="pic" idx="1"\/><\/p:nvPr>/);
  }, 120_000);

  it.skipIf(soffice === undefined)("a .potx LibreOffice saved", async () => {
    const built = await compile(exampleDeck().markdown, exampleDeck().file, { modified: FIXED_DATE, themes: new ThemeSet() });
    writeFileSync(join(dir, "source.pptx"), built.pptx as Uint8Array);
    execFileSync(soffice as string, [`-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`, "--headless", "--convert-to", "potx", "--outdir", dir, join(dir, "source.pptx")], { timeout: 110_000 });
    const file = join(dir, "source.potx");
    const result = readTemplateFile(file);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.map((w) => w.id)).toContain("template-problem");
    await check(file);
  }, 180_000);
});
