import { describe, expect, it } from "vitest";
import * as deckwright from "../src/index.js";

describe("the package's public API", () => {
  it("exports exactly these values (a change here is a change to the API: review it)", () => {
    expect(Object.keys(deckwright).sort()).toEqual([
      "DEFAULT_THEME",
      "DeckwrightError",
      "MAX_SLIDES",
      "build",
      "buildDate",
      "buildFile",
      "builtInThemeNames",
      "check",
      "checkPackage",
      "checkPackageFile",
      "compile",
      "expandInputs",
      "formatDiagnostic",
      "outputPath",
      "writeAtomically",
    ]);
  });

  it("check finds the problems a build would, and writes nothing", async () => {
    const result = await deckwright.check("## A\n\n<!-- layout: nope -->\n", "talk.md", { modified: new Date(0) });
    expect(result.diagnostics.map((d) => d.id)).toEqual(["unknown-layout"]);
    expect(result.pptx).toBeNull();
    expect((await deckwright.check("## A\n", "talk.md", { modified: new Date(0) })).pptx).toBeNull();
  });

  it("compiles Markdown to a valid deck", async () => {
    const result = await deckwright.compile("## Hello\n\n- world\n", "talk.md", { modified: new Date(0) });
    expect(result.diagnostics).toEqual([]);
    expect(deckwright.checkPackage(result.pptx ?? new Uint8Array())).toEqual([]);
  });
});
