import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkTheme, themeContentKey } from "../../src/themes/check.js";
import { checkedThemes } from "../../src/themes/checkAhead.js";
import { builtInThemeNames, loadTheme, resolveThemeDir, ThemeSet, type LoadedTheme } from "../../src/themes/load.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "themes");
const builtIns = (): LoadedTheme[] => {
  const themes = new ThemeSet();
  return builtInThemeNames().map((name) => themes.load(resolveThemeDir(name, ".")));
};
const none = new Set<string>();

describe("built-in themes checked when dist/ is compiled (scripts/compile.mjs → dist/themes)", () => {
  it("lists every built-in theme as clean, each by its own key", () => {
    const keys = builtIns().map(themeContentKey);
    expect(new Set(keys).size).toBe(builtInThemeNames().length);
    expect(checkedThemes(builtIns())).toEqual({ clean: [...keys].sort() });
  });

  it("keys a theme by its content: the same when loaded again, another when a value, a template or a picture changes", () => {
    const [theme] = builtIns();
    const [again] = builtIns();
    if (!theme || !again) throw new Error("no built-in theme");
    expect(themeContentKey(again)).toBe(themeContentKey(theme));
    const recoloured: LoadedTheme = { ...theme, theme: { ...theme.theme, colors: { ...theme.theme.colors, muted: "#FFFFFF" } } };
    const retemplated: LoadedTheme = { ...theme, layouts: { ...theme.layouts, title: { ...theme.layouts.title, source: `${theme.layouts.title.source} ` } } };
    const logo = { path: "/logo.png", bytes: new Uint8Array([1, 2, 3]), format: "png" as const, width: 1, height: 1 };
    const withLogo: LoadedTheme = { ...theme, images: { ...theme.images, logo } };
    const otherLogo: LoadedTheme = { ...theme, images: { ...theme.images, logo: { ...logo, bytes: new Uint8Array([1, 2, 4]) } } };
    const keys = [theme, recoloured, retemplated, withLogo, otherLogo].map(themeContentKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("leaves out a theme with problems: it is checked, and they are reported, at every build", () => {
    const lowContrast = loadTheme(join(FIXTURES, "low-contrast"), {}, new ThemeSet());
    expect(checkTheme(lowContrast, none).map((p) => p.id)).toContain("low-contrast");
    expect(checkedThemes([lowContrast, ...builtIns()]).clean).not.toContain(themeContentKey(lowContrast));
  });

  it("a theme whose key is listed is not rendered again; one not listed is", () => {
    const lowContrast = (): LoadedTheme => loadTheme(join(FIXTURES, "low-contrast"), {}, new ThemeSet());
    // (A listed key stands for a clean verdict; listing a theme with problems shows the shortcut is taken.)
    expect(checkTheme(lowContrast(), new Set([themeContentKey(lowContrast())]))).toEqual([]);
    expect(checkTheme(lowContrast(), new Set(["another theme"])).map((p) => p.id)).toContain("low-contrast");
  });
});
