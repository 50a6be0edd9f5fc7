/**
 * Builds one click at a time as PresentationML animation (ECMA-376 Part 1, §19.5): a slide's
 * `<p:timing>`, from which shapes (by their `p:cNvPr id`) and which of their paragraphs appear
 * on which click. Each click is one `p:par` of the main sequence holding an "Appear" entrance
 * effect (`presetClass="entr"`, `presetID="1"`) per target, the first on the click, the others
 * with it; a text shape built paragraph by paragraph is listed in the build list (`p:bldP
 * build="p"`). This module only writes XML: it knows nothing of the writer that made the shapes.
 */

/** What appears on a click, before the shape's id is known. */
export type Build =
  /** A text shape built paragraph by paragraph: the click of each paragraph, in order (undefined: shown from the start). */
  | { kind: "paragraphs"; steps: readonly (number | undefined)[] }
  /** A whole shape appearing on `step`; `sp`: it is a `p:sp` (a text box or an autoshape), not a picture or graphic frame. */
  | { kind: "shape"; step: number; sp: boolean };

/** A build of one shape of the slide, `spid` its `p:cNvPr id`. */
export type ShapeBuild = Build & { spid: number };

/** One entrance: a shape, or a range of its paragraphs (0-based, inclusive). */
interface Target {
  spid: number;
  paragraphs: { start: number; end: number } | null;
}

/** Every click's targets, clicks in ascending order, targets in the order of `builds` and of their paragraphs. */
function clicks(builds: readonly ShapeBuild[]): Target[][] {
  const byStep = new Map<number, Target[]>();
  const add = (step: number, target: Target) => byStep.set(step, [...(byStep.get(step) ?? []), target]);
  for (const build of builds) {
    if (!Number.isInteger(build.spid) || build.spid < 1) throw new RangeError(`timing: shape id ${build.spid} is not a shape id`);
    if (build.kind === "shape") add(checked(build.step), { spid: build.spid, paragraphs: null });
    else build.steps.forEach((step, i) => step !== undefined && add(checked(step), { spid: build.spid, paragraphs: { start: i, end: i } }));
  }
  return [...byStep.entries()].sort(([a], [b]) => a - b).map(([, targets]) => targets);
}

function checked(step: number): number {
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`timing: step ${step} is not a click number (a whole number from 1)`);
  return step;
}

function target({ spid, paragraphs }: Target): string {
  if (!paragraphs) return `<p:spTgt spid="${spid}"/>`;
  return `<p:spTgt spid="${spid}"><p:txEl><p:pRg st="${paragraphs.start}" end="${paragraphs.end}"/></p:txEl></p:spTgt>`;
}

/** "Appear": the target's visibility set to visible, held. */
function appear(item: Target, first: boolean, id: () => number): string {
  const effect = id();
  const behaviour = id();
  return (
    `<p:par><p:cTn id="${effect}" presetID="1" presetClass="entr" presetSubtype="0" fill="hold" grpId="0" nodeType="${first ? "clickEffect" : "withEffect"}">` +
    `<p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>` +
    `<p:set><p:cBhvr><p:cTn id="${behaviour}" dur="1" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst></p:cTn>` +
    `<p:tgtEl>${target(item)}</p:tgtEl><p:attrNameLst><p:attrName>style.visibility</p:attrName></p:attrNameLst></p:cBhvr>` +
    `<p:to><p:strVal val="visible"/></p:to></p:set>` +
    `</p:childTnLst></p:cTn></p:par>`
  );
}

/** One click of the main sequence: its effects start together when the presenter clicks. */
function click(targets: readonly Target[], id: () => number): string {
  const outer = id();
  const inner = id();
  const effects = targets.map((t, i) => appear(t, i === 0, id)).join("");
  return (
    `<p:par><p:cTn id="${outer}" fill="hold"><p:stCondLst><p:cond delay="indefinite"/></p:stCondLst><p:childTnLst>` +
    `<p:par><p:cTn id="${inner}" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>${effects}</p:childTnLst></p:cTn></p:par>` +
    `</p:childTnLst></p:cTn></p:par>`
  );
}

/** The build list: text shapes built by paragraph, other `p:sp` shapes as one object (pictures and graphic frames need no entry). */
function buildList(builds: readonly ShapeBuild[]): string {
  const entries = builds.flatMap((b) => {
    if (b.kind === "paragraphs") return b.steps.some((s) => s !== undefined) ? [`<p:bldP spid="${b.spid}" grpId="0" build="p"/>`] : [];
    return b.sp ? [`<p:bldP spid="${b.spid}" grpId="0" animBg="1"/>`] : [];
  });
  return entries.length === 0 ? "" : `<p:bldLst>${entries.join("")}</p:bldLst>`;
}

/**
 * The slide's `<p:timing>` for these builds, or "" when nothing builds. Its place in `p:sld` is
 * after `p:clrMapOvr` and `p:transition`, before `p:extLst` (CT_Slide).
 */
export function timingXml(builds: readonly ShapeBuild[]): string {
  const seen = new Set<number>();
  for (const b of builds) {
    if (seen.has(b.spid)) throw new RangeError(`timing: shape ${b.spid} is given twice`);
    seen.add(b.spid);
  }
  const steps = clicks(builds);
  if (steps.length === 0) return "";
  let next = 3;
  const id = () => next++;
  const sequence = steps.map((targets) => click(targets, id)).join("");
  return (
    `<p:timing><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"><p:childTnLst>` +
    `<p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst>${sequence}</p:childTnLst></p:cTn>` +
    `<p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:prevCondLst>` +
    `<p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:nextCondLst></p:seq>` +
    `</p:childTnLst></p:cTn></p:par></p:tnLst>${buildList(builds)}</p:timing>`
  );
}
