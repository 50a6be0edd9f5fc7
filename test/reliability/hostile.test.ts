/**
 * Hostile themes and pictures: a theme folder or a picture in a pull request is untrusted input.
 * Nothing a theme names — templates, partials, theme.json, logo, background, the pictures its
 * templates ask for — is read from outside the allowed folders (symbolic links followed), only
 * real pictures become media parts, and small hostile files cannot exhaust the machine: the
 * memory cases run the CLI in a child process under a memory cap and assert its peak RSS.
 * (Hostile .pptx files for `validate`: test/validate/hostile.test.ts.)
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { crc32, deflateSync } from "node:zlib";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import { readZip } from "../../src/write/zip.js";
import { imageInfo } from "../../src/images/size.js";
import { MAX_FALLBACK_PIXELS } from "../../src/images/rasterize.js";
import { FIXED_DATE } from "../support/fixtures.js";
import { makePng } from "../support/rawDeck.js";
import { cliWithLimits, deckText, expectSound, removeTempDirs, tempDir } from "./support.js";

afterAll(removeTempDirs);

const PNG = makePng(40, 30, [20, 90, 160]);
/** What must never reach a deck: a file outside every allowed folder. */
const SECRET = "TOP-SECRET-0xC0FFEE the contents of a file outside the deck's folders\n";

interface Project {
  root: string;
  deck: string;
  md: string;
  theme: string;
  secretFile: string;
  secretPng: string;
}

/** deck/ (the Markdown), deck/evil/ (a theme extending meridian) and secret/ beside them. */
function project(): Project {
  const root = tempDir("deckwright-hostile-");
  const deck = join(root, "deck");
  const theme = join(deck, "evil");
  const secret = join(root, "secret");
  mkdirSync(join(theme, "layouts"), { recursive: true });
  mkdirSync(join(theme, "partials"), { recursive: true });
  mkdirSync(secret);
  writeFileSync(join(theme, "theme.json"), JSON.stringify({ extends: "meridian", name: "evil" }));
  writeFileSync(join(secret, "passwd"), SECRET);
  writeFileSync(join(secret, "outside.png"), PNG);
  return { root, deck, md: join(deck, "talk.md"), theme, secretFile: join(secret, "passwd"), secretPng: join(secret, "outside.png") };
}

/** A `bullets` template for the theme that shows a picture named by the template itself. */
function templateShowing(p: Project, src: string): void {
  writeFileSync(
    join(p.theme, "layouts", "bullets.hbs"),
    `<slide>\n  {{> title}}\n  <image region="body" src="${src}" alt="" fit="contain" width="40" height="30"/>\n  {{> notes}}\n</slide>\n`,
  );
}

async function build(p: Project, markdown: string, options: { allowOutside?: boolean; viaFrontMatter?: boolean } = {}) {
  const text = options.viaFrontMatter ? `---\ntheme: ./evil\n---\n\n${markdown}` : markdown;
  const result = await compile(text, p.md, { modified: FIXED_DATE, ...(options.viaFrontMatter ? {} : { theme: p.theme }), allowOutside: options.allowOutside ?? false });
  expectSound(result, p.md);
  return result;
}

const errorIds = (result: { diagnostics: readonly { id: string; severity: string }[] }) => result.diagnostics.filter((d) => d.severity === "error").map((d) => d.id);
/** A picture the Markdown names that cannot be used is a warning and a placeholder frame (an error with --strict). */
const warningIds = (result: { diagnostics: readonly { id: string; severity: string }[] }) => result.diagnostics.filter((d) => d.severity === "warning").map((d) => d.id);
const media = (pptx: Uint8Array | null) => (pptx ? readZip(pptx).filter((e) => e.name.startsWith("ppt/media/")) : []);
const containsSecret = (pptx: Uint8Array | null) => pptx !== null && readZip(pptx).some((e) => Buffer.from(e.data).includes("TOP-SECRET-0xC0FFEE"));

describe("a theme's templates cannot embed files from anywhere", () => {
  it.each([
    ["an absolute path to a file outside", (p: Project) => p.secretFile],
    ["/etc/passwd", () => "/etc/passwd"],
    ["a ../ path out of the theme and the deck", () => "../../secret/passwd"],
    ["a real PNG outside the folders", (p: Project) => p.secretPng],
    ["a path that does not exist outside (the same answer as one that does)", (p: Project) => join(p.root, "secret", "no-such.png")],
  ])("%s: `template-image`, and nothing is written", async (_name, src) => {
    const p = project();
    templateShowing(p, src(p));
    for (const viaFrontMatter of [false, true]) {
      const result = await build(p, "## A\n\n- b\n", { viaFrontMatter });
      expect(errorIds(result)).toEqual(["template-image"]);
      expect(result.diagnostics[0]?.message).toContain("outside the theme's and the Markdown's folders");
      expect(result.diagnostics[0]?.line).toBe(1 + (viaFrontMatter ? 4 : 0));
      expect(result.pptx).toBeNull();
    }
  });

  it("a file outside that is not a picture stays out even with allowOutside: a media part is always a real picture", async () => {
    const p = project();
    templateShowing(p, p.secretFile);
    const result = await build(p, "## A\n\n- b\n", { allowOutside: true });
    expect(errorIds(result)).toEqual(["template-image"]);
    expect(result.diagnostics[0]?.message).toMatch(/not a PNG, JPEG, GIF or SVG/);
    expect(containsSecret(result.pptx)).toBe(false);
  });

  it("a real picture outside is used with allowOutside, and a picture in the theme's folder without it", async () => {
    const p = project();
    templateShowing(p, p.secretPng);
    expect(media((await build(p, "## A\n\n- b\n", { allowOutside: true })).pptx)).toHaveLength(1);
    writeFileSync(join(p.theme, "mark.png"), PNG);
    templateShowing(p, "mark.png");
    const inside = await build(p, "## A\n\n- b\n");
    expect(inside.diagnostics).toEqual([]);
    expect(media(inside.pptx).map((m) => Buffer.from(m.data).equals(PNG))).toEqual([true]);
  });

  it("an address is refused without a connection", async () => {
    const p = project();
    templateShowing(p, "https://example.com/x.png");
    const result = await build(p, "## A\n\n- b\n");
    expect(errorIds(result)).toEqual(["template-image"]);
    expect(result.diagnostics[0]?.message).toContain("never fetches");
  });

  it("a picture in the theme folder that is a symbolic link out of it is refused", async () => {
    const p = project();
    symlinkSync(p.secretPng, join(p.theme, "mark.png"));
    templateShowing(p, "mark.png");
    const result = await build(p, "## A\n\n- b\n");
    expect(errorIds(result)).toEqual(["template-image"]);
    expect(result.diagnostics[0]?.message).toContain("through a symbolic link");
  });
});

describe("every file of a theme is read inside its folder, symbolic links followed", () => {
  it.each([
    ["a layout template", (p: Project) => join(p.theme, "layouts", "bullets.hbs")],
    ["a partial", (p: Project) => join(p.theme, "partials", "title.hbs")],
    ["theme.json", (p: Project) => join(p.theme, "theme.json")],
  ])("%s that is a symbolic link to a file outside: `theme-file-refused`, its text shown nowhere", async (_name, at) => {
    const p = project();
    const link = at(p);
    if (link.endsWith("theme.json")) writeFileSync(p.secretFile, JSON.stringify({ extends: "meridian", name: "leak", description: SECRET }));
    writeFileSync(link, "");
    rmSync(link);
    symlinkSync(p.secretFile, link);
    const result = await build(p, "## A\n\n- b\n");
    expect(errorIds(result)).toEqual(["theme-file-refused"]);
    expect(result.diagnostics[0]?.file).toBe(link);
    expect(JSON.stringify(result.diagnostics)).not.toContain("TOP-SECRET");
    expect(result.pptx).toBeNull();
  });

  it("a layouts folder that is a symbolic link out of the theme is refused", async () => {
    const p = project();
    const outside = join(p.root, "secret", "layouts");
    mkdirSync(outside);
    writeFileSync(join(outside, "bullets.hbs"), `<slide><text region="body">${SECRET}</text></slide>`);
    rmSync(join(p.theme, "layouts"), { recursive: true });
    symlinkSync(outside, join(p.theme, "layouts"));
    const result = await build(p, "## A\n\n- b\n");
    expect(errorIds(result)).toEqual(["theme-file-refused"]);
  });

  it("links inside the theme folder keep working", async () => {
    const p = project();
    writeFileSync(join(p.theme, "partials", "real-title.hbs"), "{{> runs slide.title}}");
    symlinkSync(join(p.theme, "partials", "real-title.hbs"), join(p.theme, "partials", "alias.hbs"));
    const result = await build(p, "## A\n\n- b\n");
    expect(result.diagnostics).toEqual([]);
  });

  it.each([
    ["logo", "a ../ path", () => ({ path: "../../secret/outside.png" }), "theme-image-outside"],
    ["logo", "an absolute path", (p: Project) => ({ path: p.secretPng }), "theme-image-outside"],
    ["backgroundImage", "/etc/passwd", () => ({ path: "/etc/passwd" }), "theme-image-outside"],
    ["backgroundImage", "a missing file outside (the same answer)", () => ({ path: "/no/such/file.png" }), "theme-image-outside"],
    ["logo", "a link out of the folder", (p: Project) => { symlinkSync(p.secretPng, join(p.theme, "logo.png")); return { path: "logo.png" }; }, "theme-image-outside"],
    ["logo", "a file inside that is not a picture", (p: Project) => { writeFileSync(join(p.theme, "logo.png"), "text"); return { path: "logo.png" }; }, "theme-image-invalid"],
  ])("a %s at %s is refused", async (key, _name, value, id) => {
    const p = project();
    const image = { ...value(p), alt: "", layouts: ["bullets"] };
    writeFileSync(join(p.theme, "theme.json"), JSON.stringify({ extends: "meridian", name: "evil", [key]: image }));
    const result = await build(p, "## A\n\n- b\n");
    expect(errorIds(result)).toContain(id);
    expect(containsSecret(result.pptx)).toBe(false);
  });

  it("a logo outside the theme folder is used with allowOutside", async () => {
    const p = project();
    writeFileSync(join(p.theme, "theme.json"), JSON.stringify({ extends: "meridian", name: "evil", backgroundImage: { path: p.secretPng, alt: "", layouts: ["bullets"] } }));
    const result = await build(p, "## A\n\n- b\n", { allowOutside: true });
    expect(errorIds(result)).toEqual([]);
    expect(media(result.pptx)).toHaveLength(1);
  });

  it.each([3_000, 100_000])("theme.json nested %i deep is `invalid-theme`, not a crash", async (depth) => {
    const p = project();
    writeFileSync(join(p.theme, "theme.json"), `{"extends": "meridian", "name": "deep", "colors": ${"[".repeat(depth)}${"]".repeat(depth)}}`);
    const result = await build(p, "## A\n\n- b\n");
    expect(errorIds(result)).toEqual(["invalid-theme"]);
    expect(result.diagnostics[0]?.message).toMatch(/nesting deeper than 32 levels|not valid JSON/);
  });

  it("a theme file over 1 MiB is refused before it is parsed", async () => {
    const p = project();
    writeFileSync(join(p.theme, "theme.json"), `{"extends": "meridian", "name": "big", "description": "${"x".repeat(1_100_000)}"}`);
    const result = await build(p, "## A\n\n- b\n");
    expect(errorIds(result)).toEqual(["theme-file-refused"]);
  });
});

/** A PNG whose header declares `width` × `height` (the rest is a valid, tiny image of no rows). */
function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.alloc(0))), chunk("IEND", Buffer.alloc(0))]);
}

const svg = (body: string, size = 'width="100" height="100"') => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${size}>${body}</svg>`;
const dataUrl = (mime: string, bytes: Buffer | string) => `data:${mime};base64,${Buffer.from(bytes).toString("base64")}`;

describe("hostile pictures", () => {
  async function picture(name: string, bytes: Buffer | string, options: { allowOutside?: boolean } = {}) {
    const p = project();
    writeFileSync(join(p.deck, name), bytes);
    const result = await compile(`## A\n\n![pic](${name})\n`, p.md, { modified: FIXED_DATE, ...options });
    expectSound(result, p.md);
    return result;
  }

  it.each([
    ["a PNG declaring 100,000 × 100,000 pixels", "big.png", pngDeclaring(100_000, 100_000), "image-too-large"],
    ["an SVG embedding a PNG declaring 30,000 × 30,000", "nested.svg", svg(`<image width="10" height="10" href="${dataUrl("image/png", pngDeclaring(30_000, 30_000))}"/>`), "image-too-large"],
    ["an SVG nesting SVGs 5 deep in data: URLs", "deep.svg", [1, 2, 3, 4].reduce((inner) => svg(`<image width="10" height="10" href="${dataUrl("image/svg+xml", inner)}"/>`), svg("<rect width='1' height='1'/>")), "invalid-image"],
    ["an SVG whose data: picture is not a picture", "text.svg", svg(`<image width="10" height="10" href="${dataUrl("image/png", SECRET)}"/>`), "invalid-image"],
    ["an SVG that styles with a file's url()", "css.svg", svg(`<rect width="10" height="10" style="fill:url(/etc/passwd)"/>`), "invalid-image"],
    ["an SVG that uses another file", "use.svg", svg(`<use href="other.svg#shape"/>`), "invalid-image"],
    ["an SVG with an external entity inside a data: SVG", "entity.svg", svg(`<image width="10" height="10" href="${dataUrl("image/svg+xml", `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${svg("&x;")}`)}"/>`), "invalid-image"],
    ["a .png that is text", "lie.png", SECRET, "invalid-image"],
  ])("%s: `%s`, and no media part", async (_name, file, bytes, id) => {
    const result = await picture(file, bytes);
    expect(warningIds(result)).toEqual([id]);
    expect(result.diagnostics[0]?.line).toBe(3);
    expect(media(result.pptx)).toEqual([]);
  });

  it("a link in an SVG (`<a href>`, as draw.io writes for help) is not a reference: the SVG is used", async () => {
    const drawio = svg(`<a href="https://www.drawio.com/doc/faq/svg-export-text-problems" target="_blank"><text x="5" y="50">Text is not SVG - cannot display</text></a><rect width="10" height="10" fill="#08c"/>`);
    const result = await picture("diagram.svg", drawio);
    expect(result.diagnostics).toEqual([]);
    expect(media(result.pptx).map((m) => m.name)).toEqual([expect.stringMatching(/\.png$/), expect.stringMatching(/\.svg$/)]);
  });

  it("a .png that is really a JPEG is embedded as the JPEG it is", async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 20, 0, 30, 1, 1, 0x11, 0, 0xff, 0xd9]);
    const result = await picture("photo.png", jpeg);
    expect(errorIds(result)).toEqual([]);
    expect(media(result.pptx).map((m) => m.name)).toEqual([expect.stringMatching(/\.jpe?g$/)]);
  });

  it("a picture over 64 MiB is refused from its size, without reading it", async () => {
    const p = project();
    const file = join(p.deck, "huge.png");
    const fd = openSync(file, "w");
    ftruncateSync(fd, 65 * 1024 * 1024); // sparse: no disk, no read
    closeSync(fd);
    const result = await compile("## A\n\n![pic](huge.png)\n", p.md, { modified: FIXED_DATE });
    expect(warningIds(result)).toEqual(["image-too-large"]);
    expect(media(result.pptx)).toEqual([]);
  });

  it("a missing picture used twice is reported at each use", async () => {
    const p = project();
    const result = await compile("## A\n\n![one](gone.png)\n\n## B\n\n![two](gone.png)\n", p.md, { modified: FIXED_DATE });
    expect(result.diagnostics.map((d) => [d.id, d.line])).toEqual([["image-not-found", 3], ["image-not-found", 7]]);
    // A draft deck still builds: a frame with the alt text and the path stands in each place.
    expect(deckText(result.pptx ?? new Uint8Array()).slides.map((s) => s.replace("\n{slidenum}", ""))).toEqual(["A\none\nPicture not available: gone.png", "B\ntwo\nPicture not available: gone.png"]);
    expect((await compile("## A\n\n![one](gone.png)\n", p.md, { modified: FIXED_DATE, strict: true })).pptx).toBeNull();
  });

  it("outside the folder is decided before existence: a missing file outside is `image-outside` too", async () => {
    const p = project();
    const result = await compile("## A\n\n![x](../secret/no-such.png)\n\n![y](../secret/outside.png)\n", p.md, { modified: FIXED_DATE });
    expect(result.diagnostics.map((d) => d.id)).toEqual(["image-outside", "image-outside"]);
  });
});

describe("small hostile files cannot exhaust memory (the CLI in a child process, capped at 1 GiB)", () => {
  const LIMITS = { memoryMiB: 1024, deadlineMs: 60_000 };
  /** Far below the cap and far above a normal build (about 190 MiB with the loader): a regression to unbounded memory cannot meet it. */
  const PEAK_MIB = 450;

  it("a 120-byte 10 × 30,000 SVG builds within bounds, its fallback within the pixel budget", async () => {
    const p = project();
    const tall = svg('<rect width="10" height="30000" fill="#08c"/>', 'width="10" height="30000"');
    expect(tall.length).toBeLessThan(200);
    writeFileSync(join(p.deck, "tall.svg"), tall);
    writeFileSync(p.md, "## A\n\n![tall](tall.svg)\n");
    const run = await cliWithLimits(["build", p.md, "--out", join(p.root, "out")], LIMITS);
    expect(run.finished, run.stderr).toBe(true);
    expect(run.code, run.stderr).toBe(0);
    expect(run.maxRssMiB).toBeLessThan(PEAK_MIB);
    const fallback = media(new Uint8Array(readFileSync(join(p.root, "out", "talk.pptx")))).find((m) => m.name.endsWith(".png"));
    const info = imageInfo(fallback?.data ?? new Uint8Array());
    expect("width" in info && info.width * info.height).toBeLessThanOrEqual(MAX_FALLBACK_PIXELS);
  }, 90_000);

  it.each([
    ["a wide SVG", 'width="30000" height="10"', '<rect width="30000" height="10"/>'],
    ["a huge square SVG", 'width="1000000" height="1000000"', '<rect width="1000000" height="1000000"/>'],
    ["a tiny viewBox with no size", 'viewBox="0 0 0.001 1000"', '<rect width="0.001" height="1000"/>'],
    ["a thin SVG 1 × 100,000", 'width="1" height="100000"', '<rect width="1" height="100000"/>'],
  ])("%s builds within bounds", async (_name, size, body) => {
    const p = project();
    writeFileSync(join(p.deck, "odd.svg"), svg(body, size));
    writeFileSync(p.md, "## A\n\n![odd](odd.svg)\n");
    const run = await cliWithLimits(["build", p.md, "--out", join(p.root, "out")], LIMITS);
    expect(run.finished, run.stderr).toBe(true);
    expect([0, 1]).toContain(run.code);
    expect(run.maxRssMiB).toBeLessThan(PEAK_MIB);
  }, 90_000);

  it("an SVG embedding a picture bomb is refused within bounds (a placeholder stands in)", async () => {
    const p = project();
    writeFileSync(join(p.deck, "bomb.svg"), svg(`<image width="100" height="100" href="${dataUrl("image/png", pngDeclaring(40_000, 40_000))}"/>`));
    writeFileSync(p.md, "## A\n\n![bomb](bomb.svg)\n");
    const run = await cliWithLimits(["build", p.md, "--out", join(p.root, "out")], LIMITS);
    expect(run.finished, run.stderr).toBe(true);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("[image-too-large]");
    expect(run.maxRssMiB).toBeLessThan(PEAK_MIB);
  }, 90_000);
});
