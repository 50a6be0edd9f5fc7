/**
 * The small XML parts of a template (presentation, masters, layouts, theme, relationships) as
 * element trees, for reading what the template defines. Parsed by saxes, namespace-aware;
 * only ever called on parts that `checkPackage` found well-formed and within its limits
 * (src/validate/limits.ts: depth, attributes, sizes), so a tree costs what the part costs.
 */
import { saxes } from "../xml/saxes.js";

export interface XmlNode {
  /** The namespace URI and local name: `{uri}local` is how `child` and `find` name elements. */
  readonly uri: string;
  readonly local: string;
  /** Attributes by their qualified name as written (`type`, `r:id`). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  /** The text directly inside (for `a:t`, `vt:lpstr`). */
  readonly text: string;
}

interface MutableNode {
  uri: string;
  local: string;
  attributes: Record<string, string>;
  children: MutableNode[];
  text: string;
}

/** The root element of `xml`. Throws on malformed XML (the caller checked the part first). */
export function parseXml(xml: string): XmlNode {
  const parser = new (saxes().SaxesParser)({ xmlns: true });
  const stack: MutableNode[] = [];
  let root: MutableNode | undefined;
  parser.on("opentag", (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = attribute.value;
    const node: MutableNode = { uri: tag.uri, local: tag.local, attributes, children: [], text: "" };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on("text", (text) => {
    const node = stack[stack.length - 1];
    if (node) node.text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(xml).close();
  if (!root) throw new Error("no root element");
  return root;
}

/** The first child of `node` with this local name (in any namespace), or undefined. */
export function child(node: XmlNode | undefined, local: string): XmlNode | undefined {
  return node?.children.find((c) => c.local === local);
}

/** Every child of `node` with this local name. */
export function children(node: XmlNode | undefined, local: string): XmlNode[] {
  return node ? node.children.filter((c) => c.local === local) : [];
}

/** The element at the end of a path of local names from `node`, or undefined. */
export function path(node: XmlNode | undefined, ...locals: string[]): XmlNode | undefined {
  let at = node;
  for (const local of locals) at = child(at, local);
  return at;
}

/** Every descendant of `node` (depth first, document order) with this local name. */
export function descendants(node: XmlNode, local: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    for (const c of n.children) {
      if (c.local === local) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}
