import { createRequire } from "node:module";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/pipeline.js";
import { LAYOUT_KINDS } from "../../src/model/deck.js";
import { compileTheme, PRECOMPILED_FILE, type PrecompiledTemplates } from "../../src/render/environment.js";
import { precompiledModule, writePrecompiledTemplates } from "../../src/render/precompile.js";
import { builtInThemeNames, resolveThemeDir, ThemeSet, type LoadedTheme } from "../../src/themes/load.js";
import { exampleDeck, FIXED_DATE, REPO_ROOT } from "../support/fixtures.js";

const builtIns = (): LoadedTheme[] => {
  const themes = new ThemeSet();
  return builtInThemeNames().map((name) => themes.load(resolveThemeDir(name, ".")));
};

/** The module scripts/compile.mjs writes into dist/render, loaded as the environment loads it. */
function shippedTable(): PrecompiledTemplates {
  const dir = mkdtempSync(join(tmpdir(), "deckwright-precompiled-"));
  try {
    const file = writePrecompiledTemplates(dir);
    expect(file).toBe(join(dir, PRECOMPILED_FILE));
    return createRequire(import.meta.url)(file) as PrecompiledTemplates;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The example deck built with a theme whose templates were compiled from `precompiled` (null: compiled here). */
async function buildExample(name: string, precompiled: PrecompiledTemplates | null) {
  const themes = new ThemeSet();
  const compiled = compileTheme(themes.load(resolveThemeDir(name, ".")), precompiled);
  const deck = exampleDeck();
  const result = await compile(deck.markdown, deck.file, { modified: FIXED_DATE, theme: name, themes });
  // The build rendered with these very templates (the theme and its compiled templates are kept per theme set).
  expect(compileTheme(themes.load(resolveThemeDir(name, ".")))).toBe(compiled);
  return { compiled, result };
}

describe("precompiled templates (scripts/compile.mjs → dist/render)", () => {
  const table = shippedTable();

  it("hold every template of every built-in theme, for the Handlebars installed", () => {
    expect(table.handlebars).toBe((createRequire(import.meta.url)("handlebars") as { VERSION: string }).VERSION);
    for (const theme of builtIns()) {
      const compiled = compileTheme(theme, table);
      for (const kind of LAYOUT_KINDS) expect({ kind, precompiled: compiled[kind].precompiled }).toEqual({ kind, precompiled: true });
    }
  });

  const officer = join(REPO_ROOT, "..", "shared", "templates", "06-officer-4x3.pptx");
  it.skipIf(!existsSync(officer))("hold the layouts a company template's theme starts from (templates/_template)", () => {
    const theme = new ThemeSet().load(officer);
    const compiled = compileTheme(theme, table);
    for (const kind of LAYOUT_KINDS) expect({ kind, precompiled: compiled[kind].precompiled }).toEqual({ kind, precompiled: true });
  });

  it("are written the same way every time", () => {
    expect(precompiledModule(builtIns())).toBe(precompiledModule(builtIns()));
  });

  for (const name of builtInThemeNames()) {
    it(`${name}: build the example deck into the same bytes as templates compiled at run time`, async () => {
      const ahead = await buildExample(name, table);
      const here = await buildExample(name, null);
      expect(ahead.compiled.bullets.precompiled).toBe(true);
      expect(here.compiled.bullets.precompiled).toBe(false);
      expect(ahead.result.diagnostics).toEqual([]);
      expect(ahead.result.pptx).not.toBeNull();
      expect(Buffer.from(ahead.result.pptx ?? []).equals(Buffer.from(here.result.pptx ?? []))).toBe(true);
      expect(ahead.result.slides).toEqual(here.result.slides);
    });
  }

  it("are not used for a template whose source changed since: it is compiled from the theme's folder", () => {
    const [theme] = builtIns();
    if (!theme) throw new Error("no built-in theme");
    const bullets = theme.layouts.bullets;
    const changed: LoadedTheme = { ...theme, layouts: { ...theme.layouts, bullets: { ...bullets, source: `${bullets.source}\n` } } };
    const compiled = compileTheme(changed, table);
    expect(compiled.bullets.precompiled).toBe(false);
    expect(compiled.title.precompiled).toBe(true);
  });

  it("are not used when another Handlebars version wrote them", () => {
    const [theme] = builtIns();
    if (!theme) throw new Error("no built-in theme");
    const compiled = compileTheme(theme, { ...table, handlebars: "0.0.0" });
    expect(LAYOUT_KINDS.filter((kind) => compiled[kind].precompiled)).toEqual([]);
  });

  it("name the template files each came from", () => {
    const text = precompiledModule(builtIns());
    expect(text).toContain("// templates/meridian/layouts/bullets.hbs");
    expect(text).not.toContain(resolveThemeDir("meridian", "."));
  });
});
