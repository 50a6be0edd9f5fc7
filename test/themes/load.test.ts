import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DeckwrightError } from "../../src/diagnostics/diagnostics.js";
import type { Diagnostic } from "../../src/model/diagnostic.js";
import { toStrictJson } from "../../src/themes/jsonc.js";
import { BUILT_IN_THEMES_DIR, loadTheme } from "../../src/themes/load.js";
import { REPO_ROOT } from "../support/fixtures.js";

const FIXTURES = join(REPO_ROOT, "test", "fixtures", "themes");
const temporary: string[] = [];
afterAll(() => temporary.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A theme folder in the system's temporary folder, outside the repository. */
function userTheme(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "deckwright-user-theme-"));
  temporary.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function problems(dir: string): Diagnostic[] {
  try {
    loadTheme(dir);
  } catch (error) {
    if (error instanceof DeckwrightError) return error.diagnostics;
    throw error;
  }
  return [];
}

describe("extends", () => {
  it("inherits everything and overrides a single value", () => {
    const dir = userTheme({ "theme.json": JSON.stringify({ extends: "meridian", name: "u", description: "d", colors: { accent: "#C8102E" } }) });
    const base = loadTheme(join(BUILT_IN_THEMES_DIR, "meridian")).theme;
    const { theme, chain } = loadTheme(dir);
    expect(theme.colors.accent).toBe("#C8102E");
    expect({ ...theme.colors, accent: base.colors.accent }).toEqual(base.colors);
    expect(theme.regions).toEqual(base.regions);
    expect(chain).toEqual([join(BUILT_IN_THEMES_DIR, "meridian"), dir]);
  });

  it("overrides a single template and keeps the others", () => {
    const dir = userTheme({
      "theme.json": JSON.stringify({ extends: "meridian", name: "u", description: "d" }),
      "layouts/quote.hbs": "<slide><text region=\"title\" role=\"title\">{{> runs slide.title}}</text></slide>",
    });
    const { layouts } = loadTheme(dir);
    expect(layouts.quote.file).toBe(join(dir, "layouts", "quote.hbs"));
    expect(layouts.bullets.file).toBe(join(BUILT_IN_THEMES_DIR, "meridian", "layouts", "bullets.hbs"));
  });

  it("resolves a path in extends against the theme's own folder", () => {
    const { chain } = loadTheme(join(FIXTURES, "excepted"));
    expect(chain).toEqual([join(BUILT_IN_THEMES_DIR, "meridian"), join(FIXTURES, "low-contrast"), join(FIXTURES, "excepted")]);
  });

  it("reports a cycle with the chain", () => {
    expect(problems(join(FIXTURES, "cycle-a"))).toEqual([
      expect.objectContaining({ id: "theme-cycle", message: "Unexpected cycle of `extends`: cycle-a → cycle-b → cycle-a" }),
    ]);
  });

  it("blames the file that set a bad value, even down the chain", () => {
    const found = problems(join(FIXTURES, "child-of-broken"));
    expect(found.map((d) => [d.id, d.file?.replace(FIXTURES, ""), d.message])).toEqual([
      ["invalid-theme", "/broken-base/theme.json", 'sizes.title: expected number, got "big"'],
      ["invalid-theme", "/child-of-broken/theme.json", expect.stringMatching(/^Unexpected key `colours`, expected one of `name`, `description`, `colors`/)],
    ]);
    expect(found[1]?.hint).toBe("did you mean `colors`?");
  });

  it("names the built-in themes when a theme folder does not exist", () => {
    expect(problems(join(tmpdir(), "no-such-theme-here"))).toEqual([expect.objectContaining({ id: "theme-not-found", hint: expect.stringContaining("meridian") })]);
  });

  it("reports a logo file that does not exist", () => {
    const dir = userTheme({ "theme.json": JSON.stringify({ extends: "meridian", name: "u", description: "d", logo: { path: "missing.png", layouts: ["title"] } }) });
    expect(problems(dir)).toEqual([expect.objectContaining({ id: "theme-image-missing", file: join(dir, "theme.json") })]);
  });
});

describe("theme.json with comments", () => {
  it("blanks comments and trailing commas out and keeps strings that look like them", () => {
    const text = '{\n  // a comment\n  "a": "http://x", /* block\n comment */ "b": "/* not */ ,}",\n  "c": [1, 2,],\n}';
    const stripped = toStrictJson(text);
    expect(JSON.parse(stripped)).toEqual({ a: "http://x", b: "/* not */ ,}", c: [1, 2] });
    expect(stripped.split("\n")).toHaveLength(text.split("\n").length);
  });
});
