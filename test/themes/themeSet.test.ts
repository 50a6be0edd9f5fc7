/** Themes are cached by whoever builds (src/themes/load.ts ThemeSet), as build --watch needs. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { ThemeSet } from "../../src/themes/load.js";

const dir = mkdtempSync(join(tmpdir(), "deckwright-themeset-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (accent: string) => writeFileSync(join(dir, "theme.json"), JSON.stringify({ extends: "meridian", name: "u", description: "d", colors: { accent } }));

it("reads a theme once per set, again after forget() of one of its files, and each set on its own", () => {
  write("#C8102E");
  const session = new ThemeSet();
  const other = new ThemeSet();
  const first = session.load(dir);
  expect(first.theme.colors.accent.toUpperCase()).toBe("#C8102E");
  write("#00875A");
  expect(session.load(dir)).toBe(first); // cached: the file is not read again
  expect(other.load(dir).theme.colors.accent.toUpperCase()).toBe("#00875A"); // another set reads it
  session.forget(join(dir, "theme.json"));
  expect(session.load(dir).theme.colors.accent.toUpperCase()).toBe("#00875A");
  session.forget("/somewhere/else.json");
  expect(session.load(dir)).toBe(session.load(dir));
});
