import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import { contrastRatio } from "../../src/themes/contrast.js";
import { FIXED_DATE, REPO_ROOT } from "../support/fixtures.js";

const FIXTURES = join(REPO_ROOT, "test", "fixtures", "themes");

describe("contrastRatio (WCAG 2.1)", () => {
  it.each([
    ["000000", "FFFFFF", 21],
    ["FFFFFF", "FFFFFF", 1],
    ["#767676", "#FFFFFF", 4.54],
    ["#0F62A8", "#FFFFFF", 6.3],
  ])("%s on %s is %s:1", (a, b, expected) => {
    expect(contrastRatio(a, b)).toBeCloseTo(expected, 2);
  });
});

describe("the contrast check", () => {
  it("refuses a low-contrast theme, naming the colours, the ratio and the rule", async () => {
    const theme = join(FIXTURES, "low-contrast");
    const result = await compile("## A\n\n- b\n", "a.md", { modified: FIXED_DATE, theme });
    expect(result.pptx).toBeNull();
    const ids = result.diagnostics.map((d) => d.id);
    expect(new Set(ids)).toEqual(new Set(["low-contrast"]));
    expect(result.diagnostics[0]).toMatchObject({
      file: join(theme, "theme.json"),
      message: expect.stringMatching(/^Unexpected contrast \d\.\d\d:1 for colors\.muted \(#B0B8C0\) on colors\.\w+ \(#[0-9A-F]{6}\), expected at least 4\.5:1 \(WCAG 2\.1 AA for body text\)/),
      hint: expect.stringContaining('"text": "muted"'),
    });
  });

  it("accepts the same colours when the theme names the pairs with a reason", async () => {
    const result = await compile("## A\n\n- b\n", "a.md", { modified: FIXED_DATE, theme: join(FIXTURES, "excepted") });
    expect(result.diagnostics).toEqual([]);
    expect(result.pptx).not.toBeNull();
  });
});
