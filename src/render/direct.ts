/**
 * A faster way to run the simplest templates, with Handlebars' own results: the built-in `runs`
 * partials are called once per paragraph, and Handlebars' runtime spends most of that call on
 * the ten `{{#if}}` of each run (each a helper call with its own options object and program
 * wrapper). A template made only of text, `{{name}}`, `{{#if name}}…{{/if}}`,
 * `{{#unless name}}…{{/unless}}` and one `{{#each this}}…{{/each}}` around them is run here as
 * plain string building instead. Anything else in a template, and anything unusual in the data
 * (a value that is a function, a name found only on a prototype, a missing name, an item that
 * is not an object, a context that is not an array), is left to Handlebars: the call is made
 * again through the compiled template, so its output, and its errors, are Handlebars' own.
 * test/render/direct.test.ts compares the two on generated runs.
 */
import type Handlebars from "handlebars";

/** What Handlebars does with a value a mustache writes (its `Utils.escapeExpression`). */
export type Escape = (value: unknown) => string;
/** A compiled template or partial as Handlebars calls it. */
export type TemplateFunction = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

type Node = { kind: "text"; text: string } | { kind: "value"; name: string } | { kind: "if"; name: string; negate: boolean; body: Node[] } | { kind: "each"; body: Node[] };

/** Thrown inside a direct run when the data needs Handlebars' own handling. */
const HANDLEBARS = Symbol("handlebars");

const TAG = /\{\{([^{}]*)\}\}/g;
const NAME = "[A-Za-z_][A-Za-z0-9_]*";
const VALUE = new RegExp(`^(${NAME})$`);
const OPEN = new RegExp(`^#(if|unless) (${NAME})$`);
const NAMES_OF_OBJECTS = new Set(["constructor", "__proto__", "prototype", "this"]);

/**
 * The template as a direct function, or null when it is not one of the simplest (see above).
 * `helpers` are the names a mustache could call instead of reading a value; `compiled` is the
 * template compiled by Handlebars, which a direct run falls back to.
 */
export function directTemplate(source: string, helpers: ReadonlySet<string>, escape: Escape, compiled: TemplateFunction): TemplateFunction | null {
  const nodes = parseDirect(source, helpers);
  if (!nodes) return null;
  return (context, options) => {
    try {
      return run(nodes, context, escape, true);
    } catch (error) {
      if (error !== HANDLEBARS) throw error;
      return compiled(context, options);
    }
  };
}

/** The template's nodes, or null when it uses anything but the simplest forms. */
export function parseDirect(source: string, helpers: ReadonlySet<string>): Node[] | null {
  // Escaped mustaches, raw blocks, comments, whitespace control: Handlebars' to read.
  if (source.includes("\\{{") || source.includes("{{{") || source.includes("~}}")) return null;
  const root: Node[] = [];
  const open: { node: Extract<Node, { kind: "if" | "each" }> | null; body: Node[]; closer: string }[] = [{ node: null, body: root, closer: "" }];
  let eachSeen = false;
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const at = match.index;
    const top = open[open.length - 1] as (typeof open)[number];
    if (at > last) top.body.push({ kind: "text", text: source.slice(last, at) });
    last = at + match[0].length;
    const inner = match[1] ?? "";
    const value = VALUE.exec(inner)?.[1];
    if (value !== undefined) {
      if (helpers.has(value) || NAMES_OF_OBJECTS.has(value) || value === "else") return null;
      top.body.push({ kind: "value", name: value });
      continue;
    }
    // A block tag alone on its line is "standalone": Handlebars removes the line's white space around it.
    if (standalone(source, at, last)) return null;
    const opened = OPEN.exec(inner);
    if (opened) {
      const name = opened[2] ?? "";
      if (helpers.has(name) || NAMES_OF_OBJECTS.has(name)) return null;
      const node: Node = { kind: "if", name, negate: opened[1] === "unless", body: [] };
      top.body.push(node);
      open.push({ node, body: node.body, closer: `/${opened[1] ?? ""}` });
      continue;
    }
    if (inner === "#each this" && !eachSeen && open.length === 1) {
      eachSeen = true;
      const node: Node = { kind: "each", body: [] };
      top.body.push(node);
      open.push({ node, body: node.body, closer: "/each" });
      continue;
    }
    if (open.length > 1 && inner === top.closer) {
      open.pop();
      continue;
    }
    return null;
  }
  if (open.length !== 1) return null;
  if (last < source.length) root.push({ kind: "text", text: source.slice(last) });
  // Names are read only from the items of the `each` (outside it, the context is the list itself).
  return eachSeen && root.every((node) => node.kind === "text" || node.kind === "each") ? root : null;
}

function standalone(source: string, start: number, end: number): boolean {
  const lineStart = source.lastIndexOf("\n", start - 1) + 1;
  const newline = source.indexOf("\n", end);
  const lineEnd = newline === -1 ? source.length : newline;
  return /^[ \t]*$/.test(source.slice(lineStart, start)) && /^[ \t\r]*$/.test(source.slice(end, lineEnd));
}

/** A value as Handlebars' `lookupProperty` gives it for a plain own property; anything else is Handlebars' to decide. */
function read(item: object, name: string): unknown {
  const value = (item as Record<string, unknown>)[name];
  if (value === null || value === undefined) return value;
  if (typeof value === "function" || !Object.hasOwn(item, name)) throw HANDLEBARS;
  return value;
}

/** `{{#if}}`'s test: not falsy and not an empty array. */
function truthy(value: unknown): boolean {
  return !(!value || (Array.isArray(value) && value.length === 0));
}

function run(nodes: readonly Node[], context: unknown, escape: Escape, top: boolean): string {
  let out = "";
  for (const node of nodes) {
    if (node.kind === "text") out += node.text;
    else if (node.kind === "each") {
      if (!top || !Array.isArray(context)) throw HANDLEBARS;
      for (let i = 0; i < context.length; i++) {
        if (!(i in context)) continue;
        const item: unknown = context[i];
        if (typeof item !== "object" || item === null) throw HANDLEBARS;
        out += run(node.body, item, escape, false);
      }
    } else if (node.kind === "if") {
      const item = context as object;
      if (truthy(read(item, node.name)) !== node.negate) out += run(node.body, item, escape, false);
    } else {
      const item = context as object;
      // In strict mode a name the item does not have is an error: Handlebars says which.
      if (!(node.name in item)) throw HANDLEBARS;
      out += escape(read(item, node.name));
    }
  }
  return out;
}
