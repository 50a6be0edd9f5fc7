import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/format.js";
import { didYouMean } from "../../src/diagnostics/suggest.js";
import { compileFixture, fixtures } from "../support/fixtures.js";

describe("bad input: every problem reported, with position and id", () => {
  for (const fixture of fixtures("errors")) {
    it(fixture.name, async () => {
      const result = await compileFixture(fixture);
      expect(result.diagnostics.length).toBeGreaterThan(0);
      const hasError = result.diagnostics.some((d) => d.severity === "error");
      expect(result.pptx === null).toBe(hasError);
      const text = result.diagnostics.map((d) => formatDiagnostic(d)).join("\n");
      await expect(`${text}\n`).toMatchFileSnapshot(`__snapshots__/${fixture.name}.diagnostics.txt`);
    });
  }
});

describe("formatDiagnostic", () => {
  it("prints file:line:col: severity message [id] and the hint below", () => {
    const text = formatDiagnostic({ id: "unknown-layout", severity: "error", message: "Unexpected layout", file: "a.md", line: 3, column: 14, hint: "did you mean `quote`?" });
    expect(text).toBe("a.md:3:14: error Unexpected layout [unknown-layout]\n  did you mean `quote`?");
  });

  it("prints a file-level problem without a position", () => {
    expect(formatDiagnostic({ id: "invalid-theme", severity: "error", message: "m", file: "t/theme.json" })).toBe("t/theme.json: error m [invalid-theme]");
  });
});

describe("didYouMean", () => {
  it("suggests close names and nothing for unrelated ones", () => {
    expect(didYouMean("bulets", ["bullets", "quote"])).toBe("bullets");
    expect(didYouMean("Quote", ["bullets", "quote"])).toBe("quote");
    expect(didYouMean("zzzzzz", ["bullets", "quote"])).toBeUndefined();
  });
});
