/**
 * TeX math, as pandoc, Marp and Quarto decks write it (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`):
 * checked and turned into MathML by temml, into Office Math (OMML) by mathml2omml, and into a
 * line of Unicode text (the equation as it reads, `v = d/t`, `x²`) for the fit stage to measure
 * and for the applications that do not draw equations.
 *
 * Each is computed once per formula and kept (a deck repeats its formulas).
 */
import { createRequire } from "node:module";
import { mml2omml } from "mathml2omml";
import type * as Saxes from "saxes";
import { reshapeOmml } from "./omml.js";

/** Longer TeX is refused: a formula on a slide is a line or two, and temml's time grows with it. */
export const MAX_TEX_LENGTH = 4000;
/** temml's macro expansions per formula (its default is 1,000; a `\def` loop stops there). */
const MAX_EXPAND = 1000;

export interface TexProblem {
  readonly message: string;
  /** Where in the TeX the problem is (0-based), when temml says. */
  readonly offset: number | null;
}

interface MathTree {
  readonly type?: string;
  readonly text?: string;
  readonly children?: readonly MathTree[];
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * temml (about 25 ms to load, more than a small deck takes to lex) is loaded on the first
 * formula: through its CommonJS build, so that parsing stays synchronous.
 */
let temmlModule: typeof import("temml").default | null = null;
const temml = (): typeof import("temml").default => (temmlModule ??= createRequire(import.meta.url)("temml") as typeof import("temml").default);
/** saxes (~20 ms to load with its character tables) is loaded on the first formula too. */
let saxesModule: typeof Saxes | null = null;
const saxes = (): typeof Saxes => (saxesModule ??= createRequire(import.meta.url)("saxes") as typeof Saxes);

const mathml = new Map<string, string>();

/** temml's MathML for the formula (throws temml's ParseError). */
function toMathml(tex: string, display: boolean): string {
  const key = `${display ? "d" : "i"}${tex}`;
  let found = mathml.get(key);
  if (found === undefined) {
    found = temml().renderToString(tex, { displayMode: display, throwOnError: true, trust: false, maxExpand: MAX_EXPAND, strict: false });
    mathml.set(key, found);
  }
  return found;
}

/** The MathML as a tree of elements and text (temml's own tree is not public). */
function tree(tex: string, display: boolean): MathTree {
  const root: { type: string; children: MathTree[]; attributes: Record<string, string> } = { type: "root", children: [], attributes: {} };
  const stack = [root];
  const parser = new (saxes().SaxesParser)();
  parser.on("opentag", (tag) => {
    const node = { type: tag.name, children: [] as MathTree[], attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)])) };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  parser.on("closetag", () => void stack.pop());
  parser.on("text", (text) => void stack.at(-1)?.children.push({ text }));
  parser.write(toMathml(tex, display)).close();
  return root;
}

/** Why temml cannot read the TeX, or null when it can. */
export function checkTex(tex: string): TexProblem | null {
  if (tex.length > MAX_TEX_LENGTH) return { message: `the formula is ${tex.length} characters long, more than the ${MAX_TEX_LENGTH} deckwright reads`, offset: null };
  try {
    toMathml(tex, false);
    return null;
  } catch (error) {
    const e = error as { message?: unknown; position?: unknown; rawMessage?: unknown };
    const raw = typeof e.rawMessage === "string" ? e.rawMessage : typeof e.message === "string" ? e.message : String(error);
    const message = raw.replace(/^\s*ParseError:\s*/, "").replace(/ at position \d+:[\s\S]*$/, "").trim();
    return { message, offset: typeof e.position === "number" ? e.position : null };
  }
}

/** What the fit stage and the fallback need to know of a formula. */
export interface Equation {
  /** The formula as one line of text: `v = d/t`, `E = mc²`, `√(x + 1)`. */
  readonly linear: string;
  /** How tall it is drawn, in lines of text (a fraction is about two). */
  readonly lines: number;
  /** About how wide it is drawn, in ems of its type size (a fraction is as wide as its wider part). */
  readonly ems: number;
}

const equations = new Map<string, Equation>();

/** The formula as a line of text and its height (the TeX must have passed `checkTex`). */
export function equation(tex: string, display: boolean): Equation {
  const key = `${display ? "d" : "i"}${tex}`;
  let found = equations.get(key);
  if (found === undefined) {
    const math = tree(tex, display);
    found = { linear: tidy(linear(math)), lines: Math.round(height(math) * 100) / 100, ems: Math.round(width(math) * 100) / 100 };
    equations.set(key, found);
  }
  return found;
}

const omml = new Map<string, string>();

/**
 * The formula in Office Math: `<m:oMath>` (inline) or `<m:oMathPara>` (display, centred), every
 * run styled with `runProperties` (an `<a:rPr>` element, as PowerPoint writes math runs).
 */
export function texToOmml(tex: string, display: boolean, runProperties: string): string {
  const key = `${display ? "d" : "i"}${tex}`;
  let math = omml.get(key);
  if (math === undefined) {
    math = reshapeOmml(cleanOmml(mml2omml(toMathml(tex, display), { disableDecode: true })));
    omml.set(key, math);
  }
  const styled = math.replace(/<m:r>(<m:rPr>[\s\S]*?<\/m:rPr>)?/g, (whole) => `${whole}${runProperties}`);
  return display ? `<m:oMathPara><m:oMathParaPr><m:jc m:val="centerGroup"/></m:oMathParaPr>${styled}</m:oMathPara>` : styled;
}

/**
 * mathml2omml 0.5 writes a few things no Office application reads: a WordprocessingML namespace
 * and empty `w:rPr` elements (before `m:rPr`, where the schema does not allow them), and
 * `m:sty m:val="undefined"` for MathML's `mathvariant="normal"`.
 */
function cleanOmml(xml: string): string {
  return xml
    .replace(/\s+xmlns:w="[^"]*"/g, "")
    .replace(/<w:rPr\/>|<w:rPr>[\s\S]*?<\/w:rPr>/g, "")
    .replace(/<m:sty m:val="undefined"\/>/g, "")
    .replace(/<m:rPr><\/m:rPr>/g, "")
    .replace(/^<m:oMath xmlns:m="[^"]*">/, "<m:oMath>");
}

// ---------------------------------------------------------------------------------------
// The formula as a line of text

const SUPERSCRIPTS: Readonly<Record<string, string>> = Object.fromEntries(
  [..."0123456789+-−=()abcdefghijklmnoprstuvwxyzNT"].map((c, i) => [c, [..."⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴺᵀ"][i] ?? c]),
);
const SUBSCRIPTS: Readonly<Record<string, string>> = Object.fromEntries(
  [..."0123456789+-−=()aehijklmnoprstuvx"].map((c, i) => [c, [..."₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"][i] ?? c]),
);

const childrenOf = (node: MathTree): readonly MathTree[] => node.children ?? [];

function linear(node: MathTree): string {
  if (typeof node.text === "string") return node.text;
  const parts = childrenOf(node);
  const [a, b, c] = parts.map(linear);
  switch (node.type) {
    case "annotation":
    case "mphantom":
      return "";
    case "mspace":
      return parseFloat(node.attributes?.["width"] ?? "0") > 0.2 ? " " : "";
    case "mfrac":
      return `${group(a ?? "")}/${group(b ?? "")}`;
    case "msup":
    case "mover":
      return `${a ?? ""}${script(b ?? "", SUPERSCRIPTS, "^")}`;
    case "msub":
    case "munder":
      return `${a ?? ""}${script(b ?? "", SUBSCRIPTS, "_")}`;
    case "msubsup":
    case "munderover":
      return `${a ?? ""}${script(b ?? "", SUBSCRIPTS, "_")}${script(c ?? "", SUPERSCRIPTS, "^")}`;
    case "msqrt":
      return `√${group(parts.map(linear).join(""))}`;
    case "mroot":
      return `${script(b ?? "", SUPERSCRIPTS, "^")}√${group(a ?? "")}`;
    case "mtable":
      return parts.map((row) => childrenOf(row).map(linear).join(", ")).join("; ");
    default:
      return parts.map(linear).join("");
  }
}

/** A script as Unicode super- or subscript letters when every one has one, else `^(…)`. */
function script(text: string, table: Readonly<Record<string, string>>, mark: string): string {
  const chars = [...text];
  if (chars.length > 0 && chars.every((c) => table[c] !== undefined)) return chars.map((c) => table[c]).join("");
  return text === "" ? "" : `${mark}${group(text)}`;
}

/** Parentheses around what is more than one symbol. */
const group = (text: string): string => ([...text].length <= 1 || /^\(.*\)$/.test(text) ? text : `(${text})`);

/** Spaces around relations and binary operators, as the formula would be read out. */
function tidy(text: string): string {
  return text
    .replace(/\s*([=<>≤≥≠≈±+−→⇒∈×·⋅])\s*/g, " $1 ")
    .replace(/\s+/g, " ")
    .replace(/(^|[([{] ?) ?([+−]) /g, "$1$2")
    .replace(/([([{]) /g, "$1")
    .replace(/ ([)\]}])/g, "$1")
    .trim();
}

// ---------------------------------------------------------------------------------------
// How tall it is drawn

function height(node: MathTree): number {
  if (typeof node.text === "string") return 1;
  const parts = childrenOf(node).map(height);
  const [a = 1, b = 1, c = 1] = parts;
  switch (node.type) {
    case "mfrac":
      return 0.85 * (a + b);
    case "msup":
    case "msub":
      return a + 0.25 * (b - 1) + 0.2;
    case "msubsup":
      return a + 0.4;
    case "munder":
    case "mover":
      return a + 0.6 * b;
    case "munderover":
      return a + 0.6 * (b + c);
    case "msqrt":
    case "mroot":
      return Math.max(1, ...parts) + 0.15;
    case "mtable":
      return childrenOf(node).reduce((sum, row) => sum + Math.max(1, ...childrenOf(row).map(height)), 0);
    default:
      return parts.length === 0 ? 1 : Math.max(...parts);
  }
}

// ---------------------------------------------------------------------------------------
// How wide it is drawn, in ems: an estimate from the symbols (Office and LibreOffice each set
// the formula in their own math font), good enough to give an equation a box of its shape.

const OPERATOR = /^[=<>≤≥≠≈±+−→⇒∈×·⋅∓≡∼]$/u;
const LARGE = /^[∑∏∫∮⋃⋂]$/u;

function glyphs(text: string): number {
  let ems = 0;
  for (const char of text) {
    if (OPERATOR.test(char)) ems += 1.2;
    else if (LARGE.test(char)) ems += 1.1;
    else if (/^[()[\]{}|,.;:'′]$/u.test(char)) ems += 0.35;
    else if (/^\s$/u.test(char)) ems += 0.25;
    else if (/^[A-Z]$/u.test(char)) ems += 0.68;
    else ems += 0.55;
  }
  return ems;
}

function width(node: MathTree): number {
  if (typeof node.text === "string") return glyphs(node.text);
  const parts = childrenOf(node).map(width);
  const [a = 0, b = 0, c = 0] = parts;
  switch (node.type) {
    case "annotation":
    case "mphantom":
      return 0;
    case "mspace":
      return parseFloat(node.attributes?.["width"] ?? "0") > 0.2 ? 0.25 : 0;
    case "mfrac":
      return Math.max(a, b) + 0.3;
    case "msup":
    case "msub":
      return a + 0.7 * b;
    case "msubsup":
      return a + 0.7 * Math.max(b, c);
    case "munder":
    case "mover":
      return Math.max(a, 0.7 * b);
    case "munderover":
      return Math.max(a, 0.7 * b, 0.7 * c);
    case "msqrt":
      return parts.reduce((sum, w) => sum + w, 0) + 0.9;
    case "mroot":
      return a + 0.9 + 0.5 * b;
    case "mtable":
      return Math.max(0, ...childrenOf(node).map((row) => childrenOf(row).reduce((sum, cell) => sum + width(cell) + 1, 0)));
    default:
      return parts.reduce((sum, w) => sum + w, 0);
  }
}
