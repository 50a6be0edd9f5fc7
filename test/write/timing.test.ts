/**
 * Builds as PresentationML animation (src/write/timing.ts): one click `p:par` per step, an
 * Appear entrance per target, paragraph targets by range, a build list entry per text shape.
 * Their place in a slide part and XSD validity: test/write/builds.test.ts and slideXml.test.ts.
 */
import { describe, expect, it } from "vitest";
import { timingXml, type ShapeBuild } from "../../src/write/timing.js";

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
