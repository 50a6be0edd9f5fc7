/**
 * TeX math: read as pandoc reads it, checked, and written as Office Math equations with a text
 * fallback (src/parse/math.ts, src/math/tex.ts, src/write/math.ts).
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import { Diagnostics } from "../../src/diagnostics/diagnostics.js";
import { parse } from "../../src/parse/parse.js";
import { checkTex, equation, texToOmml } from "../../src/math/tex.js";
import { placeEquations, markEquation } from "../../src/write/math.js";
import { readZip } from "../../src/write/zip.js";
import { checkPackage } from "../../src/validate/structure.js";
import { FIXED_DATE } from "../support/fixtures.js";
import { xsdSkipReason, xsdValidate } from "../support/xsd.js";
import type { Run } from "../../src/model/outline.js";

function runsOf(markdown: string): { runs: Run[]; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics("t.md");
  const outline = parse(`## S\n\n${markdown}\n`, "t.md", diagnostics);
  const block = outline.slides[0]?.blocks[0];
  if (block?.type !== "paragraph") throw new Error(`expected a paragraph, got ${block?.type}`);
  return { runs: block.runs, diagnostics };
}

const mathOf = (runs: Run[]) => runs.filter((r) => r.math).map((r) => [r.math, r.text]);

async function build(markdown: string) {
  const result = await compile(markdown, "/tmp/math.md", { modified: FIXED_DATE });
  if (result.pptx === null) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  const parts = new Map(readZip(result.pptx).map((e) => [e.name, Buffer.from(e.data).toString("utf8")]));
  return { ...result, pptx: result.pptx, parts };
}

describe("reading TeX math", () => {
  it("takes $…$, \\(…\\) inline and $$…$$, \\[…\\] as display math", () => {
    expect(mathOf(runsOf("Speed $v = \\frac{d}{t}$ or \\(x^2\\).").runs)).toEqual([["inline", "v = \\frac{d}{t}"], ["inline", "x^2"]]);
    expect(mathOf(runsOf("$$ E = mc^2 $$").runs)).toEqual([["display", "E = mc^2"]]);
    expect(mathOf(runsOf("\\[ a + b \\]").runs)).toEqual([["display", "a + b"]]);
  });

  it("keeps prices, escaped dollars and code as text, as pandoc does", () => {
    const { runs } = runsOf("It costs $20 and $30 in all, \\$5 more, and `$x$` is code.");
    expect(mathOf(runs)).toEqual([]);
    expect(runs.map((r) => r.text).join("")).toBe("It costs $20 and $30 in all, $5 more, and $x$ is code.");
  });

  it("reads TeX's own `_` and `*` inside a formula, not as emphasis", () => {
    expect(mathOf(runsOf("$a_1 * b_2 * c$").runs)).toEqual([["inline", "a_1 * b_2 * c"]]);
  });

  it("reports TeX it cannot read at the formula, and shows it as written", () => {
    const { runs, diagnostics } = runsOf("This $\\frac{1}{$ is wrong.");
    expect(mathOf(runs)).toEqual([]);
    expect(runs.map((r) => r.text).join("")).toBe("This $\\frac{1}{$ is wrong.");
    expect(diagnostics.list).toEqual([expect.objectContaining({ id: "math-error", severity: "warning", line: 3, column: 6 })]);
    expect(diagnostics.list[0]?.message).toMatch(/cannot be read \(.*expected '\}'/);
  });

  it("refuses a formula too long to be one, instead of working on it", () => {
    expect(checkTex("x+".repeat(3000))?.message).toMatch(/more than the 4000/);
  });
});

describe("equations as text and size", () => {
  it.each([
    ["v = \\frac{d}{t}", "v = d/t"],
    ["E = mc^2", "E = mc²"],
    ["x = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a}", "x = (−b ± √(b² − 4ac))/(2a)"],
    ["\\sum_{i=1}^n x_i", "∑ᵢ₌₁ⁿxᵢ"],
    ["\\alpha < \\beta", "α < β"],
  ])("%s reads as %s", (tex, text) => {
    expect(equation(tex, true).linear).toBe(text);
  });

  it("a fraction is drawn taller and narrower than its line of text", () => {
    const flat = equation("d/t", true);
    const stacked = equation("\\frac{d}{t}", true);
    expect(stacked.lines).toBeGreaterThan(1.5);
    expect(flat.lines).toBe(1);
    expect(stacked.ems).toBeLessThan(flat.ems);
  });

  it("writes Office Math with every run styled, and no WordprocessingML", () => {
    const omml = texToOmml("\\alpha < \\mathrm{d}x", true, '<a:rPr sz="2000"/>');
    expect(omml).toMatch(/^<m:oMathPara><m:oMathParaPr><m:jc m:val="centerGroup"\/><\/m:oMathParaPr><m:oMath>/);
    expect(omml).toContain("α&lt;");
    expect(omml).not.toMatch(/<w:|xmlns:w|"undefined"/);
    const runs = omml.match(/<m:r>/g)?.length ?? 0;
    expect(runs).toBeGreaterThan(1);
    expect(omml.match(/<a:rPr sz="2000"\/>/g)?.length).toBe(runs);
  });
});

describe("Office Math as Office's editor makes it", () => {
  it("gives a sum its summand as its body, not an empty placeholder beside it", () => {
    const omml = texToOmml("\\sum_{i=1}^n x_i = 1", false, "");
    expect(omml).toMatch(/<m:e><m:sSub>[\s\S]*?<\/m:sSub><\/m:e><\/m:nary><m:r><m:t xml:space="preserve">=1<\/m:t>/);
    expect(omml).not.toContain("<m:e/>");
  });

  it("makes stretchy brackets around a matrix or a fraction an m:d, and leaves f(x) as text", () => {
    expect(texToOmml("\\begin{pmatrix} a \\\\ b \\end{pmatrix}", false, "")).toMatch(/^<m:oMath><m:d><m:dPr><m:begChr m:val="\("\/><m:endChr m:val="\)"\/><\/m:dPr><m:e><m:m>/);
    expect(texToOmml("\\left(\\frac{a}{b}\\right)", false, "")).toContain("<m:d>");
    expect(texToOmml("f(x) < 3", false, "")).not.toContain("<m:d>");
    expect(texToOmml("f(x) < 3", false, "")).toContain("&lt;3");
  });
});

describe("writing equations", () => {
  const MARKDOWN = "## Speed\n\nSpeed is $v = \\frac{d}{t}$ here.\n\n$$ v = \\frac{d}{t} $$\n";

  it("writes a lone display equation as Office Math that LibreOffice draws (Requires a14), text with a formula as a14 m, each with a text fallback", async () => {
    const { parts } = await build(MARKDOWN);
    const slide = parts.get("ppt/slides/slide1.xml") ?? "";
    const pairs = slide.match(/<mc:AlternateContent[\s\S]*?<\/mc:AlternateContent>/g) ?? [];
    expect(pairs).toHaveLength(2);
    expect(pairs[0]).toMatch(/Requires="a14 m"/);
    expect(pairs[0]).toMatch(/<a14:m><m:oMath xmlns:m=/);
    expect(pairs[0]).toMatch(/<mc:Fallback>[\s\S]*<a:t>Speed is <\/a:t>[\s\S]*<a:t>v = d\/t<\/a:t>/);
    expect(pairs[1]).toMatch(/Requires="a14"/);
    expect(pairs[1]).toMatch(/<a14:m><m:oMathPara xmlns:m=/);
    expect(pairs[1]).toMatch(/algn="ctr"/);
    // No mark of the writer's is left anywhere.
    expect(slide).not.toMatch(/[\uE000-\uE002]/);
  });

  it("on a dark theme asks for a14 m everywhere: LibreOffice draws equations black, so it shows the light fallback text", async () => {
    const result = await compile(MARKDOWN, "/tmp/math.md", { modified: FIXED_DATE, theme: "nocturne" });
    const slide = Buffer.from(readZip(result.pptx ?? new Uint8Array()).find((e) => e.name === "ppt/slides/slide1.xml")?.data ?? []).toString("utf8");
    expect(slide.match(/Requires="[^"]*"/g)).toEqual(['Requires="a14 m"', 'Requires="a14 m"']);
  });

  it("gives a display equation a box of its own shape, centred", async () => {
    const { slides } = await build(MARKDOWN);
    const texts = (slides[0]?.elements ?? []).filter((e) => e.type === "text" && e.role === "body");
    const equationBox = texts.find((e) => e.type === "text" && e.paragraphs[0]?.runs[0]?.math?.display)?.box;
    const textBox = texts.find((e) => e.type === "text" && !e.paragraphs[0]?.runs[0]?.math)?.box;
    if (!equationBox || !textBox) throw new Error("expected an equation box and a text box");
    expect(equationBox.w).toBeLessThan(textBox.w / 4);
    expect(equationBox.x + equationBox.w / 2).toBeCloseTo(textBox.x + textBox.w / 2, 1);
  });

  it("is a valid package: our validator reads the fallback's repeated shape ids as PowerPoint writes them", async () => {
    const { pptx } = await build(MARKDOWN);
    expect(checkPackage(pptx)).toEqual([]);
  });

  it.skipIf(xsdSkipReason() !== undefined)("is XSD-valid with either branch taken, and each equation against shared-math.xsd", async () => {
    const { pptx } = await build(`${MARKDOWN}\n## More\n\n$$ \\sum_{i=1}^n x_i = \\int_0^1 f(x)\\,dx $$\n\n- a matrix $\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}$ and $\\text{a\\&b} < \\mathrm{d}x$\n`);
    expect(await xsdValidate(pptx)).toEqual([]);
  }, 60_000);

  it.skipIf(xsdSkipReason() !== undefined)("the equation check can fail: a broken equation is reported", async () => {
    const { pptx } = await build(MARKDOWN);
    const entries = readZip(pptx).map((e) => (e.name === "ppt/slides/slide1.xml" ? { ...e, data: Buffer.from(Buffer.from(e.data).toString("utf8").replace("<m:f>", "<m:f><m:bogus/>")) } : e));
    const { writeZip } = await import("../../src/write/zip.js");
    const failures = await xsdValidate(writeZip(entries, FIXED_DATE));
    expect(failures.map((f) => f.schema)).toContain("shared-math.xsd");
  }, 60_000);

  it("leaves parts without formulas alone, and a run without math unmarked", () => {
    const xml = "<p:sp><a:r><a:rPr/><a:t>plain</a:t></a:r></p:sp>";
    expect(placeEquations(xml)).toBe(xml);
    expect(markEquation({ text: "plain", bold: false, italic: false, strike: false, font: null, color: null, href: null }, true)).toBe("plain");
  });

  it("writes table cells and notes with the formula as text", async () => {
    const { parts } = await build("## T\n\n| a | b |\n|---|---|\n| $x^2$ | 1 |\n\n::: notes\nSay $x^2$.\n:::\n");
    const slide = parts.get("ppt/slides/slide1.xml") ?? "";
    expect(slide).not.toContain("AlternateContent");
    expect(slide).toContain("<a:t>x²</a:t>");
  });
});
