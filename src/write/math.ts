/**
 * Equations in slide parts, as PowerPoint writes them: a text box with a formula is written
 * twice in an `mc:AlternateContent` (ECMA-376 Part 3, Markup Compatibility):
 *
 * - `mc:Choice Requires="a14"`: the box with each formula as Office Math (`<a14:m>` holding
 *   `m:oMath` or `m:oMathPara`), editable in PowerPoint's equation editor;
 * - `mc:Fallback`: the same box with each formula as its line of text (`v = d/t`), for the
 *   applications that do not read Office Math.
 *
 * LibreOffice takes the Choice, but draws an equation only when it is the whole text of its box
 * (it then makes it a Math object, always black) and leaves formulas inside a line of text out.
 * So a box whose formulas are inside text, or light (a dark theme's), asks for
 * `Requires="a14 m"`: PowerPoint knows both namespaces and shows the equations; LibreOffice,
 * which checks for `a14` alone, shows the fallback's text.
 *
 * The slide writer (slideXml.ts) marks each formula's run (`markEquation`) and turns each box
 * with a marked run into the pair (`placeEquations`), the one shape id written in both branches.
 */
import type { SpecRun } from "../model/slideSpec.js";
import { texToOmml } from "../math/tex.js";
import { contrastRatio } from "../themes/contrast.js";
import { NS_A14, NS_M, NS_MC } from "../xml/namespaces.js";

/** The font Office draws equations in. */
const MATH_FONT = "Cambria Math";

const START = "\uE000";
const KIND = "\uE001";
const END = "\uE002";

/**
 * The text the writer gives a formula's run: its TeX, whether it is set as a display equation
 * (only when it is `alone` in its paragraph: Office centres such a paragraph), and its line of text.
 */
export function markEquation(run: SpecRun, alone: boolean): string {
  if (!run.math) return run.text;
  return `${START}${Buffer.from(run.math.tex, "utf8").toString("base64url")}${KIND}${run.math.display && alone ? "d" : "i"}${END}${run.text}`;
}

/** Whether a part has a marked formula. */
export const hasEquations = (xml: string): boolean => xml.includes(START);

/** A marked run; its properties end at their own `</a:rPr>` (a match never spans two runs). */
const MARKED_RUN = new RegExp(`<a:r>(<a:rPr[^>]*?(?:/>|>(?:(?!</a:rPr>)[\\s\\S])*</a:rPr>))<a:t>${START}([A-Za-z0-9_-]*)${KIND}([di])${END}([^<]*)</a:t></a:r>`, "g");
const SHAPE = /<p:sp>[\s\S]*?<\/p:sp>/g;

/** Every text box of a slide part with a marked formula, written as the Choice/Fallback pair. */
export function placeEquations(xml: string): string {
  if (!hasEquations(xml)) return xml;
  return xml.replace(SHAPE, (shape) => {
    if (!hasEquations(shape)) return shape;
    const choice = shape.replace(MARKED_RUN, (_whole, rPr: string, tex: string, kind: string) =>
      `<a14:m>${equationXml(Buffer.from(tex, "base64url").toString("utf8"), kind === "d", mathRunProperties(rPr))}</a14:m>`,
    );
    const fallback = shape.replace(MARKED_RUN, (_whole, rPr: string, _tex: string, _kind: string, text: string) => `<a:r>${rPr}<a:t>${text}</a:t></a:r>`);
    const inText = !(choice.match(/<a:p>[\s\S]*?<\/a:p>/g) ?? []).every(isEquationOrEmpty);
    // LibreOffice draws the equations it imports in black: light ones (a dark theme's) would not show there.
    const light = [...shape.matchAll(MARKED_RUN)].some(([, rPr]) => isLight(/<a:srgbClr val="([0-9A-Fa-f]{6})"/.exec(rPr ?? "")?.[1]));
    const requires = inText || light ? "a14 m" : "a14";
    return (
      `<mc:AlternateContent xmlns:mc="${NS_MC}">` +
      `<mc:Choice xmlns:a14="${NS_A14}"${requires === "a14 m" ? ` xmlns:m="${NS_M}"` : ""} Requires="${requires}">${choice}</mc:Choice>` +
      `<mc:Fallback>${fallback}</mc:Fallback>` +
      `</mc:AlternateContent>`
    );
  });
}

/** A colour nearer white than black (relative luminance, WCAG), which black would not show on. */
function isLight(hex: string | undefined): boolean {
  return hex !== undefined && contrastRatio(hex, "000000") > contrastRatio(hex, "FFFFFF");
}

/** A paragraph that is one display equation and nothing else, or has no text at all. */
function isEquationOrEmpty(paragraph: string): boolean {
  const text = /<a:t>[^<]*\S[^<]*<\/a:t>/.test(paragraph);
  const equations = (paragraph.match(/<a14:m>/g) ?? []).length;
  return equations === 0 ? !text : equations === 1 && !text && paragraph.includes("<m:oMathPara");
}

/** One formula in Office Math, with the math namespace declared on it. */
export function equationXml(tex: string, display: boolean, runProperties: string): string {
  return texToOmml(tex, display, runProperties).replace(/^<m:(oMathPara|oMath)>/, `<m:$1 xmlns:m="${NS_M}">`);
}

/**
 * The run properties of a formula, from those the writer gave its run: the size, colour and
 * language stay, the font becomes the math font (Office Math sets its own italic variables).
 */
export function mathRunProperties(rPr: string): string {
  const attributes = /<a:rPr([^>]*?)\/?>/.exec(rPr)?.[1] ?? "";
  const kept = [...attributes.matchAll(/\s(lang|sz)="([^"]*)"/g)].map((m) => ` ${m[1]}="${m[2]}"`).join("");
  const fill = /<a:solidFill>[\s\S]*?<\/a:solidFill>/.exec(rPr)?.[0] ?? "";
  return `<a:rPr${kept}>${fill}<a:latin typeface="${MATH_FONT}"/><a:cs typeface="${MATH_FONT}"/></a:rPr>`;
}
