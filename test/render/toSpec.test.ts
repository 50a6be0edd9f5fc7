/**
 * toSlideSpec checks what a template writes as the SlideSpec schema asks of it (a SlideSpec is
 * not parsed again on the way to the writer): a mistake stops with its line in the markup.
 */
import { describe, expect, it } from "vitest";
import { SlideSpecSchema } from "../../src/model/slideSpec.js";
import { MarkupError, parseMarkup } from "../../src/render/markup.js";
import { toSlideSpec } from "../../src/render/toSpec.js";
import { SLIDE_SIZES } from "../../src/render/geometry.js";
import { loadTheme, resolveThemeDir } from "../../src/themes/load.js";

const theme = loadTheme(resolveThemeDir("meridian", ".")).theme;
const spec = (markup: string) => toSlideSpec(parseMarkup(`<slide>\n${markup}\n</slide>`), "bullets", { line: 1, column: 1 }, theme, SLIDE_SIZES["16:9"]);

describe("toSlideSpec", () => {
  it("accepts the attributes' allowed values, and gives a SlideSpec the schema accepts as it is", () => {
    const made = spec(
      [
        '<text x="0" y="0" w="4" h="2" align="center" valign="bottom" spacing="1.5" paragraph-spacing="0" inset="0.1" font="Georgia">',
        '<p kind="number" level="2" number="3" space-before="6"><r b="1" u="1" sup="1" mark="1">Hi</r><r href="https://example.com">there</r></p>',
        "</text>",
        '<rect x="1" y="1" w="1" h="1" line="rule" weight="0"/>',
      ].join(""),
    );
    expect(SlideSpecSchema.parse(made)).toEqual(made);
    // Keys in the schema's order: the snapshots and the writer see the same object as zod would give.
    expect(JSON.stringify(SlideSpecSchema.parse(made))).toBe(JSON.stringify(made));
  });

  it.each([
    ['<text region="body" align="justify"><r>a</r></text>', /align="justify", expected one of left, center, right/],
    ['<text region="body" valign="center"><r>a</r></text>', /valign="center", expected one of top, middle, bottom/],
    ['<text region="body" spacing="0"><r>a</r></text>', /spacing="0", expected a number above 0/],
    ['<text region="body" paragraph-spacing="-1"><r>a</r></text>', /paragraph-spacing="-1", expected a number from 0/],
    ['<text region="body" inset="wide"><r>a</r></text>', /inset="wide"/],
    ['<text region="body" font=""><r>a</r></text>', /font=""/],
    ['<text region="body"><p level="1.5"><r>a</r></p></text>', /level="1.5", expected a whole number/],
    ['<text region="body"><p number="two"><r>a</r></p></text>', /number="two", expected a whole number from 1/],
    ['<text region="body"><p space-before="-2"><r>a</r></p></text>', /space-before="-2"/],
    ['<rect x="-1" y="0" w="1" h="1"/>', /expected x and y from 0 and w and h above 0/],
    ['<rect x="0" y="0" w="0" h="1"/>', /expected x and y from 0 and w and h above 0/],
    ['<rect region="body" line="rule" weight="-1"/>', /weight="-1"/],
    ['<flow region="body"><image src="/a.png" width="10" height="10" max-w="none"/></flow>', /max-w="none", expected a number above 0/],
  ])("rejects %s", (markup, message) => {
    expect(() => spec(markup)).toThrow(MarkupError);
    expect(() => spec(markup)).toThrow(message);
  });

  it("says the line of the markup", () => {
    try {
      spec('<text region="body">\n<p level="x"><r>a</r></p></text>');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MarkupError);
      expect((error as MarkupError).line).toBe(3);
    }
  });
});
