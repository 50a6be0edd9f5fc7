import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ThemeSchema } from "../../src/model/theme.js";
import { REPO_ROOT } from "../support/fixtures.js";

interface Walkable {
  shape?: Record<string, unknown>;
  element?: unknown;
  unwrap?: () => unknown;
  def?: { type?: string; catchall?: unknown; valueType?: unknown };
}

/** Every key path the schema accepts: records and catch-alls as `<name>`, arrays of objects as `[]`. */
function schemaPaths(schema: unknown, prefix: string): string[] {
  let node = schema as Walkable;
  const wrappers = ["optional", "nullable", "default", "prefault"];
  while (wrappers.includes(node.def?.type ?? "") && typeof node.unwrap === "function") node = node.unwrap() as Walkable;
  const type = node.def?.type;
  if (type === "object" && node.shape) {
    const paths = Object.entries(node.shape).flatMap(([key, child]) => schemaPaths(child, prefix ? `${prefix}.${key}` : key));
    const catchall = node.def?.catchall as { def?: { type?: string } } | undefined;
    if (catchall && catchall.def?.type !== "never") paths.push(`${prefix}.<name>`);
    return paths;
  }
  if (type === "record") return schemaPaths(node.def?.valueType, `${prefix}.<name>`);
  if (type === "array") {
    const element = node.element as Walkable;
    return element.def?.type === "object" ? schemaPaths(element, `${prefix}[]`) : [prefix];
  }
  return [prefix];
}

/** The backticked keys in the first column of docs/themes.md's reference table. */
function documentedPaths(): string[] {
  const text = readFileSync(join(REPO_ROOT, "docs", "themes.md"), "utf8");
  const table = text.slice(text.indexOf("## Reference"));
  return table
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ""));
}

describe("docs/themes.md", () => {
  it("documents exactly the keys the theme schema accepts", () => {
    const fromSchema = [...schemaPaths(ThemeSchema, ""), "extends", "template", "templateLayouts"].sort();
    expect(documentedPaths().sort()).toEqual(fromSchema);
  });
});
