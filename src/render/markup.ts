/**
 * The slide markup that templates render: a small XML subset (elements, attributes, text,
 * character references; no comments, CDATA or processing instructions). Parsed here into a
 * tree that toSpec.ts turns into a SlideSpec.
 */
export interface MarkupElement {
  name: string;
  attributes: Record<string, string>;
  children: MarkupNode[];
  /** 1-based line in the rendered markup, for template errors. */
  line: number;
}
export type MarkupNode = MarkupElement | string;

export class MarkupError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = "MarkupError";
  }
}

const NAME = /[A-Za-z][\w-]*/y;
const SPACE = /\s*/y;
const ATTRIBUTE = /\s+([A-Za-z][\w-]*)="([^"<]*)"/y;
const REFERENCE = /&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Handlebars escapes `& < > " ' \` =` as references; this turns them back into text. */
export function unescapeMarkup(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(REFERENCE, (_, ref: string) => {
    if (ref[0] !== "#") return NAMED[ref] ?? "";
    return String.fromCodePoint(ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
  });
}

export function parseMarkup(source: string): MarkupElement {
  let index = 0;
  // The line of `index`, counted only when asked (each element's line, a failure's): each line end is found once.
  let line = 1;
  let nextLineEnd = source.indexOf("\n");
  const lineAt = (at: number): number => {
    while (nextLineEnd !== -1 && nextLineEnd < at) {
      line++;
      nextLineEnd = source.indexOf("\n", nextLineEnd + 1);
    }
    return line;
  };
  const fail = (message: string): never => {
    throw new MarkupError(message, lineAt(index));
  };
  const advance = (to: number) => {
    index = to;
  };
  const skipSpace = () => {
    SPACE.lastIndex = index;
    SPACE.exec(source);
    advance(SPACE.lastIndex);
  };

  const element = (): MarkupElement => {
    NAME.lastIndex = index + 1;
    const name = NAME.exec(source)?.[0] ?? fail(`expected an element name at "${source.slice(index, index + 20)}"`);
    const node: MarkupElement = { name, attributes: {}, children: [], line: lineAt(index) };
    advance(index + 1 + name.length);
    for (;;) {
      ATTRIBUTE.lastIndex = index;
      const attribute = ATTRIBUTE.exec(source);
      if (!attribute) break;
      const [whole, key = "", value = ""] = attribute;
      if (key in node.attributes) fail(`attribute \`${key}\` twice on <${name}>`);
      node.attributes[key] = unescapeMarkup(value);
      advance(index + whole.length);
    }
    skipSpace();
    if (source.startsWith("/>", index)) {
      advance(index + 2);
      return node;
    }
    if (source[index] !== ">") fail(`expected ">" to close <${name}>, found "${source.slice(index, index + 20)}"`);
    advance(index + 1);
    for (;;) {
      const next = source.indexOf("<", index);
      if (next === -1) fail(`<${name}> is never closed`);
      if (next > index) node.children.push(unescapeMarkup(source.slice(index, next)));
      advance(next);
      if (source.startsWith("</", index)) {
        const close = `</${name}>`;
        if (!source.startsWith(close, index)) fail(`expected ${close}, found "${source.slice(index, index + 20)}"`);
        advance(index + close.length);
        return node;
      }
      node.children.push(element());
    }
  };

  skipSpace();
  if (source[index] !== "<") fail("expected the markup to start with <slide>");
  const root = element();
  skipSpace();
  if (index < source.length) fail(`unexpected text after </${root.name}>`);
  return root;
}
