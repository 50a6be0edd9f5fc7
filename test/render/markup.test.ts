import { describe, expect, it } from "vitest";
import { MarkupError, parseMarkup, unescapeMarkup } from "../../src/render/markup.js";

describe("slide markup parser", () => {
  it("parses elements, attributes, text and line numbers", () => {
    const root = parseMarkup('<slide a="1">\n  <text region="body"><r b="1">Hi &amp; bye</r></text>\n  <rect x="1" y="2" w="3" h="4"/>\n</slide>');
    expect(root.name).toBe("slide");
    expect(root.attributes).toEqual({ a: "1" });
    const [text, rect] = root.children.filter((c) => typeof c !== "string");
    expect(text).toMatchObject({ name: "text", line: 2, children: [{ name: "r", attributes: { b: "1" }, children: ["Hi & bye"] }] });
    expect(rect).toMatchObject({ name: "rect", line: 3, children: [] });
  });

  it("decodes every reference Handlebars writes", () => {
    expect(unescapeMarkup("&amp;&lt;&gt;&quot;&#x27;&#x60;&#x3D;&#65;")).toBe("&<>\"'`=A");
  });

  it.each([
    ["<slide><text></slide>", /expected <\/text>/],
    ["<slide>", /never closed/],
    ['<slide a="1" a="2"/>', /twice/],
    ["<slide/>trailing", /after <\/slide>/],
    ["text", /start with <slide>/],
  ])("rejects %s", (source, message) => {
    expect(() => parseMarkup(source)).toThrow(MarkupError);
    expect(() => parseMarkup(source)).toThrow(message);
  });

  it.each([
    ['<slide>\n\n  <text a="1" a="2"/>\n</slide>', 3],
    ["<slide>\n<text>\n\n</slide>", 4],
    ["<slide>\n\n\n<text>", 4],
    ["\n\n<slide/>\n\ntrailing", 5],
  ])("says the line of a failure in %j", (source, line) => {
    expect(() => parseMarkup(source)).toThrow(expect.objectContaining({ line }));
  });

  it("gives each element its line, however long the lines between", () => {
    const root = parseMarkup(`<slide>${" ".repeat(5000)}\n<a/>\n\n<b>${"x".repeat(5000)}\n<c/></b>\n</slide>`);
    const [a, b] = root.children.filter((c) => typeof c !== "string");
    expect([root.line, a?.line, b?.line, typeof b === "object" ? b.children.find((c) => typeof c !== "string")?.line : null]).toEqual([1, 2, 4, 5]);
  });
});

