/**
 * Direct templates (src/render/direct.ts): the built-in `runs` partials run without Handlebars'
 * runtime give what Handlebars gives, on generated runs and on data it must handle itself, and
 * templates outside the simplest forms are left to Handlebars.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { directTemplate, parseDirect } from "../../src/render/direct.js";
import { COMPILE_OPTIONS } from "../../src/render/environment.js";
import { BUILT_IN_THEMES_DIR } from "../../src/themes/load.js";

const HELPERS = new Set(["eq", "pad2", "json", "linked", ...Object.keys(Handlebars.helpers)]);
const escape = (value: unknown) => Handlebars.Utils.escapeExpression(value as string);
const sources = [...new Set(["meridian", "nocturne", "_template"].map((theme) => readFileSync(join(BUILT_IN_THEMES_DIR, theme, "partials", "runs.hbs"), "utf8")))];

/** The compiled template and its direct form, as compileTheme makes them. */
function both(source: string) {
  const compiled = Handlebars.create().compile(source, COMPILE_OPTIONS);
  const direct = directTemplate(source, HELPERS, escape, compiled);
  if (!direct) throw new Error("not direct");
  return { compiled, direct };
}

const outcome = (render: () => string) => {
  try {
    return { text: render() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

const text = fc.string({ unit: fc.constantFrom("a", " ", "&", "<", ">", '"', "'", "`", "=", "é", "\n") });
const flag = fc.constantFrom(undefined, true, false, 0, 1, "", "x", [], [1]);
const run = fc.record(
  { text, bold: flag, italic: flag, strike: flag, code: flag, underline: flag, superscript: flag, subscript: flag, highlight: flag, href: fc.option(text, { nil: undefined }), math: fc.option(text, { nil: undefined }), level: fc.integer() },
  { requiredKeys: ["text"] },
);

describe("directTemplate", () => {
  it("takes every built-in theme's runs partial", () => {
    expect(sources.length).toBeGreaterThan(1);
    for (const source of sources) expect(parseDirect(source, HELPERS)).not.toBeNull();
  });

  it("gives Handlebars' output for any runs", () => {
    for (const source of sources) {
      const { compiled, direct } = both(source);
      fc.assert(
        fc.property(fc.array(run, { maxLength: 6 }), (runs) => {
          expect(direct(runs)).toBe(compiled(runs));
        }),
      );
    }
  });

  it("leaves to Handlebars what it must handle itself: its errors, functions, inherited names, odd items and contexts", () => {
    const inherited = Object.assign(Object.create({ bold: true }) as object, { text: "x" });
    const cases: unknown[] = [
      [{ bold: true }],
      [{ text: "a", bold: () => true }],
      [{ text: () => "a" }],
      [inherited],
      [null],
      ["text"],
      // A list with a hole, which `each` skips.
      Object.assign([{ text: "a" }], { 2: { text: "b" } }),
      { a: { text: "x" } },
      null,
      undefined,
      "abc",
      [],
      [{ text: 5, href: 0, math: null }],
      [{ text: { toHTML: () => "<b>" } }],
    ];
    for (const source of sources) {
      const { compiled, direct } = both(source);
      for (const context of cases) expect(outcome(() => direct(context)), JSON.stringify(context)).toEqual(outcome(() => compiled(context)));
    }
  });

  it("is not made for templates beyond the simplest forms", () => {
    for (const source of [
      "{{text}}",
      "{{#each this}}{{json text}}{{/each}}",
      "{{#each this}}{{eq}}{{/each}}",
      "{{#each this}}{{#if a}}x{{else}}y{{/if}}{{/each}}",
      "{{#each this}}{{@index}}{{/each}}",
      "{{#each this}}{{../text}}{{/each}}",
      "{{#each this}}{{a.b}}{{/each}}",
      "{{#each this}}{{{text}}}{{/each}}",
      "{{#each this}}{{~text}}{{/each}}",
      "{{#each this}}\\{{text}}{{/each}}",
      "{{#each this}}{{! note}}{{/each}}",
      "{{#each this}}{{> other}}{{/each}}",
      "{{#each this}}\n  {{#if a}}\n  x\n  {{/if}}\n{{/each}}",
      "{{#each this}}{{#each this}}{{/each}}{{/each}}",
      "{{#each this}}{{#if a}}{{/each}}{{/if}}",
      "{{#each this}}{{constructor}}{{/each}}",
      "{{#each items}}{{text}}{{/each}}",
    ]) {
      expect(parseDirect(source, HELPERS), source).toBeNull();
    }
    expect(parseDirect("{{#each this}}<r>{{text}}</r>{{/each}}\n", HELPERS)).not.toBeNull();
  });
});
