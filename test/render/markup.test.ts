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
});
