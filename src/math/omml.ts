/**
 * Office Math from mathml2omml, reshaped where it is not what Office's equation editor makes:
 *
 * - a large operator (`∑`, `∫`, …) comes with an empty body and its summand beside it, which
 *   Office draws as a placeholder box: the element after it becomes its body;
 * - stretchy brackets (`\left( … \right)`, `pmatrix`) come as plain characters, so they do not
 *   grow around a matrix or a fraction: a bracket run and its partner become an `m:d`
 *   (delimiter) around what is between them.
 *
 * The XML is parsed into a small tree, changed, and written back (text and attributes escaped).
 */
import { createRequire } from "node:module";
import type * as Saxes from "saxes";
import { escapeUTF8 } from "entities";

/** saxes (~20 ms to load with its character tables) is loaded on the first formula, not by every build. */
let saxesModule: typeof Saxes | null = null;
const saxes = (): typeof Saxes => (saxesModule ??= createRequire(import.meta.url)("saxes") as typeof Saxes);

interface Node {
  name: string;
  attributes: [string, string][];
  children: (Node | string)[];
}

const OPENING: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}", "|": "|", "‖": "‖", "⟨": "⟩", "⌈": "⌉", "⌊": "⌋" };
const FENCES = new Set([...Object.keys(OPENING), ...Object.values(OPENING)]);

export function reshapeOmml(xml: string): string {
  const root = parseTree(xml);
  reshape(root);
  return root.children.map(serialize).join("");
}

function parseTree(xml: string): Node {
  const root: Node = { name: "", attributes: [], children: [] };
  const stack = [root];
  const parser = new (saxes().SaxesParser)();
  parser.on("opentag", (tag) => {
    const node: Node = { name: tag.name, attributes: Object.entries(tag.attributes).map(([k, v]) => [k, String(v)]), children: [] };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  parser.on("closetag", () => void stack.pop());
  parser.on("text", (text) => void stack.at(-1)?.children.push(text));
  parser.write(xml).close();
  return root;
}


function serialize(node: Node | string): string {
  if (typeof node === "string") return escapeUTF8(node);
  const attributes = node.attributes.map(([k, v]) => ` ${k}="${escapeUTF8(v)}"`).join("");
  return node.children.length === 0 ? `<${node.name}${attributes}/>` : `<${node.name}${attributes}>${node.children.map(serialize).join("")}</${node.name}>`;
}

const element = (name: string, children: (Node | string)[] = [], attributes: [string, string][] = []): Node => ({ name, attributes, children });
const isElement = (node: Node | string | undefined, name: string): node is Node => typeof node !== "string" && node?.name === name;
const runText = (run: Node): string => run.children.filter((c): c is Node => isElement(c, "m:t")).map((t) => t.children.join("")).join("");

function reshape(node: Node): void {
  node.children = delimit(splitFences(node.children));
  fillOperators(node.children);
  for (const child of node.children) if (typeof child !== "string") reshape(child);
}

/** Runs with a bracket among other characters are cut at the bracket, so brackets can pair up. */
function splitFences(children: (Node | string)[]): (Node | string)[] {
  return children.flatMap((child): (Node | string)[] => {
    if (!isElement(child, "m:r")) return [child];
    const text = runText(child);
    if ([...text].length <= 1 || ![...text].some((c) => FENCES.has(c))) return [child];
    const properties = child.children.filter((c): c is Node => typeof c !== "string" && c.name !== "m:t");
    const pieces = text.split(/([()[\]{}|‖⟨⟩⌈⌉⌊⌋])/u).filter((p) => p !== "");
    return pieces.map((piece) => element("m:r", [...properties, element("m:t", [piece], [["xml:space", "preserve"]])]));
  });
}

/** A bracket run and its partner at the same level, with something to grow around (a matrix, a fraction, …), become an `m:d`. */
function delimit(children: (Node | string)[]): (Node | string)[] {
  const out: (Node | string)[] = [];
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    const open = isElement(child, "m:r") ? runText(child) : "";
    const close = OPENING[open];
    if (close === undefined) {
      out.push(child ?? "");
      continue;
    }
    let depth = 0;
    let end = -1;
    for (let j = i + 1; j < children.length; j++) {
      const candidate = children[j];
      const text = isElement(candidate, "m:r") ? runText(candidate) : "";
      if (text === open && open !== close) depth++;
      else if (text === close) {
        if (depth === 0) {
          end = j;
          break;
        }
        depth--;
      }
    }
    const inner = end === -1 ? [] : children.slice(i + 1, end);
    if (end === -1 || !inner.some((c) => typeof c !== "string" && c.name !== "m:r")) {
      out.push(child ?? "");
      continue;
    }
    const properties = [element("m:begChr", [], [["m:val", open]]), element("m:endChr", [], [["m:val", close]])];
    out.push(element("m:d", [element("m:dPr", properties), element("m:e", delimit(inner))]));
    i = end;
  }
  return out;
}

/** A large operator with an empty body takes the element after it as its body. */
function fillOperators(children: (Node | string)[]): void {
  for (let i = 0; i < children.length - 1; i++) {
    const child = children[i];
    if (!isElement(child, "m:nary")) continue;
    const body = child.children.at(-1);
    const next = children[i + 1];
    if (!isElement(body, "m:e") || body.children.length > 0 || typeof next === "string" || next === undefined) continue;
    // An operator right after (`∑ = …`) is not a body.
    if (isElement(next, "m:r") && /^[=<>≤≥≠≈+−-]/u.test(runText(next))) continue;
    body.children.push(next);
    children.splice(i + 1, 1);
  }
}
