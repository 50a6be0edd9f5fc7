import { describe, expect, it } from "vitest";
import { checkPackage } from "../../src/validate/structure.js";
import { builtInThemeNames } from "../../src/themes/load.js";
import { compileFixture, exampleDeck, snapshotJson } from "../support/fixtures.js";
import { xsdSkipReason, xsdValidate } from "../support/xsd.js";

const skip = xsdSkipReason();

describe("every built-in theme", () => {
  it("there are three, each with a description", () => {
    expect(builtInThemeNames()).toEqual(["folio", "meridian", "nocturne"]);
  });

  for (const theme of builtInThemeNames()) {
    it(`${theme}: builds the example deck into a valid file, its SlideSpecs snapshotted`, async () => {
      const result = await compileFixture(exampleDeck(), theme);
      expect(result.diagnostics).toEqual([]);
      if (!result.pptx) throw new Error("no deck");
      expect(checkPackage(result.pptx)).toEqual([]);
      if (!skip) expect(await xsdValidate(result.pptx)).toEqual([]);
      await expect(snapshotJson(result.slides)).toMatchFileSnapshot(`__snapshots__/example.${theme}.slides.json`);
    });
  }
  if (skip) console.warn(skip);
});
