/** isRightToLeft: the first letter decides, whatever comes before it; ASCII is read without the Unicode expressions. */
import { describe, expect, it } from "vitest";
import { isRightToLeft } from "../../src/text/direction.js";

describe("isRightToLeft", () => {
  it.each([
    ["Hello", false],
    ["שלום", true],
    ["مرحبا بالعالم", true],
    ["ܫܠܡܐ", true],
    ["", false],
    ["123 - !? ", false],
    // ASCII before the first letter is skipped, then the first letter decides.
    ["12. שלום", true],
    ["(1) مرحبا", true],
    ["12. Hello שלום", false],
    ["— שלום", true],
    ["«Ünïcode» שלום", false],
    ["😀 שלום", true],
    ["Ω", false],
  ])("%j → %s", (text, expected) => {
    expect(isRightToLeft(text)).toBe(expected);
  });
});
