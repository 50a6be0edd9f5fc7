/**
 * Builds as PresentationML animation (src/write/timing.ts) and their place in a slide part
 * (`withTiming`, src/write/package.ts): one click `p:par` per step, an Appear entrance per
 * target, paragraph targets by range, a build list entry per text shape; XSD-valid.
 */
import { describe, expect, it } from "vitest";
import { withTiming } from "../../src/write/package.js";
import { timingXml, type ShapeBuild } from "../../src/write/timing.js";
import { writeZip } from "../../src/write/zip.js";
import { xsdSkipReason, xsdValidate } from "../support/xsd.js";

/** The click `p:par`s of the main sequence: each as its effects' node types and targets. */
function clicks(xml: string): { nodeTypes: string[]; targets: string[] }[] {
  const sequence = /nodeType="mainSeq"><p:childTnLst>([\s\S]*)<\/p:childTnLst><\/p:cTn><p:prevCondLst>/.exec(xml)?.[1] ?? "";
  return sequence.split(/<p:par><p:cTn id="\d+" fill="hold"><p:stCondLst><p:cond delay="indefinite"\/>/).slice(1).map((click) => ({
    nodeTypes: [...click.matchAll(/presetClass="entr"[^>]*nodeType="(\w+)"/g)].map((m) => m[1] ?? ""),
    targets: [...click.matchAll(/<p:spTgt spid="(\d+)"(?:\/>|><p:txEl><p:pRg st="(\d+)" end="(\d+)"\/>)/g)].map((m) => (m[2] === undefined ? `shape ${m[1]}` : `${m[1]}:${m[2]}-${m[3]}`)),
  }));
}

const LIST: ShapeBuild = { kind: "paragraphs", spid: 4, steps: [undefined, 1, 2, 3] };

describe("timingXml", () => {
  it("is empty when nothing builds", () => {
    expect(timingXml([])).toBe("");
    expect(timingXml([{ kind: "paragraphs", spid: 3, steps: [undefined, undefined] }])).toBe("");
  });

  it("gives each step a click, each paragraph an Appear entrance on it, and the shape a paragraph build", () => {
    const xml = timingXml([LIST]);
    expect(clicks(xml)).toEqual([
      { nodeTypes: ["clickEffect"], targets: ["4:1-1"] },
      { nodeTypes: ["clickEffect"], targets: ["4:2-2"] },
      { nodeTypes: ["clickEffect"], targets: ["4:3-3"] },
    ]);
    expect(xml).toMatch(/^<p:timing><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot">/);
    expect(xml).toContain('presetID="1" presetClass="entr" presetSubtype="0"');
    expect(xml.match(/<p:attrName>style\.visibility<\/p:attrName>/g)).toHaveLength(3);
    expect(xml).toContain('<p:bldLst><p:bldP spid="4" grpId="0" build="p"/></p:bldLst>');
  });

  it("puts everything of one step on one click, the first on the click and the rest with it, in shape and paragraph order", () => {
    const xml = timingXml([
      { kind: "paragraphs", spid: 3, steps: [undefined, 1, 1] },
      { kind: "shape", spid: 7, step: 1, sp: false },
      { kind: "shape", spid: 5, step: 2, sp: true },
    ]);
    expect(clicks(xml)).toEqual([
      { nodeTypes: ["clickEffect", "withEffect", "withEffect"], targets: ["3:1-1", "3:2-2", "shape 7"] },
      { nodeTypes: ["clickEffect"], targets: ["shape 5"] },
    ]);
    // A picture or table needs no build-list entry; a text box or autoshape shown whole is built as one object.
    expect(xml).toContain('<p:bldLst><p:bldP spid="3" grpId="0" build="p"/><p:bldP spid="5" grpId="0" animBg="1"/></p:bldLst>');
  });

  it("orders clicks by step, whatever order the shapes come in, and numbers every time node once", () => {
    const xml = timingXml([{ kind: "shape", spid: 9, step: 5, sp: false }, { kind: "paragraphs", spid: 2, steps: [2, 1] }]);
    expect(clicks(xml).map((c) => c.targets)).toEqual([["2:1-1"], ["2:0-0"], ["shape 9"]]);
    const ids = [...xml.matchAll(/<p:cTn id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
    expect(xml).not.toContain("<p:bldP spid=\"9\"");
  });

  it("refuses what no slide can mean: a step that is not a click number, a shape given twice, a bad id", () => {
    expect(() => timingXml([{ kind: "shape", spid: 2, step: 0, sp: false }])).toThrow(RangeError);
    expect(() => timingXml([{ kind: "paragraphs", spid: 2, steps: [1.5] }])).toThrow(RangeError);
    expect(() => timingXml([LIST, { kind: "shape", spid: 4, step: 1, sp: true }])).toThrow(/given twice/);
    expect(() => timingXml([{ kind: "shape", spid: 0, step: 1, sp: true }])).toThrow(RangeError);
  });
});

const NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const sp = (id: number, name: string, paragraphs: number) =>
  `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${name}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>${"<a:p><a:r><a:t>x</a:t></a:r></a:p>".repeat(paragraphs)}</p:txBody></p:sp>`;
const slide = (extLst = "") =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld ${NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>` +
  `${sp(2, "Text 0", 1)}${sp(5, "Build 1: text", 3)}${sp(6, "Build 2: text", 1)}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>${extLst}</p:sld>`;

describe("withTiming: a slide part with its builds", () => {
  const named = [
    { name: "Build 1: text", build: { kind: "paragraphs" as const, steps: [undefined, 1, 2] } },
    { name: "Build 2: text", build: { kind: "shape" as const, step: 2, sp: true } },
  ];

  it("finds the shapes by name, takes their ids, and puts p:timing after p:clrMapOvr (and before p:extLst)", () => {
    const xml = withTiming(slide(), named);
    expect(xml).toMatch(/<\/p:clrMapOvr><p:timing>[\s\S]*<\/p:timing><\/p:sld>$/);
    expect(clicks(xml).map((c) => c.targets)).toEqual([["5:1-1"], ["5:2-2", "shape 6"]]);
    const ext = '<p:extLst><p:ext uri="{BB962C8B-B14F-4D97-AF65-F5344CB8AC3E}"><p14:creationId xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" val="1"/></p:ext></p:extLst>';
    expect(withTiming(slide(ext), named)).toMatch(/<\/p:clrMapOvr><p:timing>[\s\S]*<\/p:timing><p:extLst>/);
  });

  it("fails loudly (a bug, not a user's mistake) when a shape is missing or its paragraphs do not match", () => {
    expect(() => withTiming(slide(), [{ name: "Build 9: text", build: { kind: "shape", step: 1, sp: true } }])).toThrow(/no shape named/);
    expect(() => withTiming(slide(), [{ name: "Build 1: text", build: { kind: "paragraphs", steps: [1, 2] } }])).toThrow(/3 paragraphs/);
  });

  it.skipIf(xsdSkipReason() !== undefined)("is valid against the ECMA-376 schemas (pml.xsd)", async () => {
    const xml = withTiming(slide(), named);
    const pptx = writeZip([{ name: "ppt/slides/slide1.xml", data: new TextEncoder().encode(xml) }], new Date("2024-05-01T12:00:00Z"));
    expect(await xsdValidate(pptx)).toEqual([]);
  });
});
