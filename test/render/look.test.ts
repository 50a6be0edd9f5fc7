/**
 * A slide's look from Marp's directives and `![bg]` pictures (src/render/look.ts, render.ts):
 * pictures behind the slide (text on a panel) or beside it (content in the rest), a background
 * or text colour only where the text stays legible, slide numbers and footer text per slide;
 * the written file stays valid, with each title where its slide puts it.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SlideSpec } from "../../src/model/slideSpec.js";
import { compile } from "../../src/pipeline.js";
import { FIXED_DATE, REPO_ROOT } from "../support/fixtures.js";
import { projectPptx } from "../support/projection.js";
import { xsdSkipReason, xsdValidate } from "../support/xsd.js";

const dir = mkdtempSync(join(tmpdir(), "deckwright-look-"));
copyFileSync(join(REPO_ROOT, "examples/images/landscape.jpg"), join(dir, "p.jpg"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DECK = `---
marp: true
paginate: true
footer: Acme
---

![bg](p.jpg)

## Full

- Over the picture

---

![bg left:40%](p.jpg)

## Left

Beside it.

---

<!-- _backgroundColor: black -->
<!-- _paginate: false -->

## Refused

Dark text.

---

<!--
_backgroundColor: "#14324E"
_color: white
_footer: Own
-->

## Both

Light text.
`;

async function build(theme = "meridian") {
  return compile(DECK, join(dir, "deck.md"), { modified: FIXED_DATE, theme });
}

const boxesOf = (slide: SlideSpec | undefined, type: string) => (slide?.elements ?? []).filter((e) => e.type === type).map((e) => e.box);

describe("render: Marp looks", () => {
  it("puts a full picture under everything and the text on a see-through panel of the slide's background", async () => {
    const { slides } = await build();
    const full = slides[0];
    expect(full?.elements[0]).toMatchObject({ type: "image", box: { x: 0, y: 0, w: 13.333, h: 7.5 } });
    const panels = (full?.elements ?? []).filter((e) => e.type === "shape" && e.transparency !== undefined);
    expect(panels.length).toBe(2);
    expect(panels.every((p) => p.type === "shape" && p.fill === full?.background)).toBe(true);
    expect((full?.elements ?? []).every((e) => e.layer === "slide")).toBe(true);
  });

  it("puts a side picture on its share of the slide and the content in the rest", async () => {
    const { slides } = await build();
    const side = slides[1];
    expect(boxesOf(side, "image")[0]).toEqual({ x: 0, y: 0, w: 5.333, h: 7.5 });
    for (const e of side?.elements.slice(1) ?? []) expect(e.box.x).toBeGreaterThanOrEqual(5.333);
  });

  it("keeps the theme's background where the asked one would make text illegible, and says so at the directive", async () => {
    const { slides, diagnostics } = await build();
    expect(slides[2]?.background).toBe("FFFFFF");
    expect(diagnostics.filter((d) => d.id === "illegible-color").map((d) => d.line)).toEqual([23]);
    expect(boxesOf(slides[2], "slide-number")).toEqual([]);
    expect(boxesOf(slides[0], "slide-number")).toHaveLength(1);
  });

  it("takes a background and a text colour that are legible together, and the slide's own footer", async () => {
    const { slides } = await build();
    const both = slides[3];
    expect(both?.background).toBe("14324E");
    const texts = (both?.elements ?? []).filter((e) => e.type === "text");
    expect(new Set(texts.map((t) => t.type === "text" && t.style.color))).toEqual(new Set(["FFFFFF"]));
    expect(texts.some((t) => t.type === "text" && t.paragraphs.some((p) => p.runs.some((r) => r.text === "Own")))).toBe(true);
  });

  it("writes each title where its slide has it (a layout of its own when it moved) and a valid package", async () => {
    const { pptx } = await build("folio");
    const bytes = pptx ?? new Uint8Array();
    // Where a reader of the deck finds each title: its own box, or its layout placeholder's.
    const titleX = (n: number) => {
      const box = projectPptx(bytes).slides[n - 1]?.shapes.find((s) => s.placeholder === "title")?.box;
      return typeof box === "object" ? box.x : Number.NaN;
    };
    expect(titleX(1)).toBeGreaterThan(0);
    expect(titleX(2)).toBeGreaterThan(titleX(1));
    const skip = xsdSkipReason();
    if (skip === undefined) expect(await xsdValidate(bytes)).toEqual([]);
  });

  it("builds with a background picture that cannot be used: a warning at it, nothing over the whole slide, a placeholder frame beside it (--strict: an error)", async () => {
    const deck = `---\nmarp: true\nbackgroundImage: url(https://example.com/all.svg)\n---\n\n![bg](missing.jpg)\n\n## Full\n\nText\n\n---\n\n![bg right](https://example.com/a.jpg)\n\n## Side\n\n- a\n\n---\n\n## Plain\n\nOn the front matter's picture\n`;
    const file = join(dir, "unusable.md");
    const { slides, diagnostics } = await compile(deck, file, { modified: FIXED_DATE });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(diagnostics.filter((d) => d.id === "template-image")).toEqual([]);
    const pictureWarnings = diagnostics.filter((d) => d.id === "image-not-found" || d.id === "remote-image").map((d) => [d.id, d.line, d.message.split("; ")[1]]);
    expect(pictureWarnings).toEqual([
      ["remote-image", 3, "the slide shows without it"],
      ["image-not-found", 6, "the slide shows without it"],
      ["remote-image", 14, "a placeholder frame stands in its place"],
    ]);
    expect(slides.flatMap((s) => s.elements).filter((e) => e.type === "image")).toEqual([]);
    for (const full of [slides[0], slides[2]]) expect(full?.elements.some((e) => e.type === "shape" && e.transparency !== undefined)).toBe(false);
    const side = slides[1];
    const frame = side?.elements[0];
    expect(frame).toMatchObject({ type: "shape", box: { x: 6.667, y: 0, w: 6.667, h: 7.5 } });
    expect(side?.elements[1]).toMatchObject({ type: "text", paragraphs: [{ runs: [{ text: "Picture not available: https://example.com/a.jpg" }] }] });
    for (const e of side?.elements.slice(2) ?? []) expect(e.box.x + e.box.w).toBeLessThanOrEqual(6.667);
    const strict = await compile(deck, file, { modified: FIXED_DATE, strict: true });
    expect(strict.diagnostics.filter((d) => d.severity === "error" && d.id !== "foreign-front-matter").map((d) => d.id)).toEqual(["remote-image", "image-not-found", "remote-image"]);
  });

  it("renders in every built-in theme without errors", async () => {
    for (const theme of ["meridian", "folio", "nocturne"]) {
      const { diagnostics, slides } = await build(theme);
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(slides).toHaveLength(4);
    }
  });
});
