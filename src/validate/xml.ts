/**
 * One XML part of an untrusted package, checked as a stream: bytes go in as they are inflated,
 * are decoded (UTF-8, or UTF-16 by its byte-order mark), scanned for characters XML 1.0 forbids
 * and parsed by saxes, namespace-aware. Nothing is kept but what the listener keeps: no tree,
 * no recursion, so a part costs memory for its open elements only and time linear in its size.
 *
 * - not UTF-8/UTF-16, or not well-formed (the first error only)   xml-malformed
 * - characters XML 1.0 forbids: how many, and where the first is  illegal-xml-char
 * - elements nested deeper than the limit                         xml-too-deep
 * - an element with more attributes than the limit                xml-too-complex
 *
 * The illegal characters are left out of what the parser sees, so that one stray control
 * character does not hide the part's other faults; the parser stops at its first error or limit.
 */
import { TextDecoder } from "node:util";
import type { SaxesAttributeNS, SaxesTagNS } from "saxes";
import { saxes } from "../xml/saxes.js";
import { hasIllegalXmlChars, stripIllegalXmlChars } from "../xml/sanitize.js";
import type { PackageLimits } from "./limits.js";
import type { PackageProblem } from "./problems.js";

/** An element as a listener sees it when it opens; valid only during the call (the object is reused). */
export interface XmlElementStart {
  readonly uri: string;
  readonly local: string;
  /** 1 for the root element. */
  readonly depth: number;
  /** The value of the attribute of this qualified name as written (`Target`, `r:id`). */
  attribute(qname: string): string | undefined;
}

/** What a check follows of a part: elements opening and closing, in document order. */
export interface XmlListener {
  open(element: XmlElementStart): void;
  close(): void;
}

export interface XmlPartResult {
  readonly problems: PackageProblem[];
  /** The part was decoded and parsed to its end without error: only then do a listener's findings count. */
  readonly wellFormed: boolean;
}

const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";

/** A namespace prefix and the URI it had before an element bound it anew (undefined: unbound). */
type Binding = readonly [prefix: string, previous: string | undefined];
const NO_BINDINGS: readonly Binding[] = [];

/** Thrown from the parser's handlers to stop it at its first error or limit. */
const STOP = Symbol("stop");

/** The one XmlElementStart of a reader, changed for each element: no allocation per element. */
class ElementView implements XmlElementStart {
  uri = "";
  local = "";
  depth = 0;
  attributes: Readonly<Record<string, SaxesAttributeNS>> = {};

  attribute(qname: string): string | undefined {
    return this.attributes[qname]?.value;
  }
}

/** Checks one XML part fed in chunks of bytes (`write`), then reports (`end`); see the top of the file. */
export class XmlPartReader {
  private readonly parser = new (saxes().SaxesParser)({ xmlns: true, position: true });
  private decoder: TextDecoder | undefined;
  /** Bytes before the decoder is chosen: it needs two to see a UTF-16 byte-order mark. */
  private head: Uint8Array = new Uint8Array(0);
  private undecodable = false;
  /** A high surrogate at the end of a chunk, kept for the next, so that a pair is never split. */
  private carry = "";
  private stopped = false;
  private error: string | undefined;
  private limitProblem: PackageProblem | undefined;
  // illegal characters: how many, the first, and (until it is found) where lines start
  private illegal = 0;
  private firstIllegal: { codePoint: number; line: number; column: number } | undefined;
  private offset = 0;
  private line = 1;
  private lastNewline = -1;
  // open elements: the namespace bindings each one changed, to undo when it closes
  private readonly undo: (readonly Binding[])[] = [];
  private attributes = 0;
  private readonly element = new ElementView();
  /**
   * The namespace bindings in scope, one object for the whole part, changed as elements open and
   * close. saxes (6.x) resolves a prefix by looking through the `ns` of every open element,
   * innermost first, at every element: time proportional to the depth. Giving every element
   * this object, once saxes is done with its own declarations, ends that look-up at the first
   * open element. The namespace tests of test/validate/hostile.test.ts hold this to saxes's
   * results, and its depth test to the speed.
   */
  private readonly scope: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
    "": "",
    xml: XML_NAMESPACE,
    xmlns: XMLNS_NAMESPACE,
  });

  constructor(
    private readonly part: string,
    private readonly listener: XmlListener,
    private readonly limits: PackageLimits,
  ) {
    this.parser.on("error", (error) => {
      this.error ??= error.message;
      throw STOP;
    });
    this.parser.on("opentagstart", () => {
      this.attributes = 0;
    });
    this.parser.on("attribute", () => {
      this.attributes++;
      if (this.attributes > limits.xmlAttributes) this.stopAtLimit("xml-too-complex", `an element with more than ${limits.xmlAttributes.toLocaleString("en-US")} attributes`);
    });
    this.parser.on("opentag", (tag) => this.openTag(tag));
    this.parser.on("closetag", () => this.closeTag());
  }

  write(bytes: Uint8Array): void {
    if (this.undecodable) return;
    let input = bytes;
    if (this.decoder === undefined) {
      this.head = concat(this.head, bytes);
      if (this.head.length < 2) return;
      this.decoder = new TextDecoder(encodingOf(this.head), { fatal: true });
      input = this.head;
      this.head = new Uint8Array(0);
    }
    this.decode(this.decoder, input, true);
  }

  end(): XmlPartResult {
    if (!this.undecodable) {
      const decoder = this.decoder ?? new TextDecoder(encodingOf(this.head), { fatal: true });
      this.decode(decoder, this.head, false);
    }
    if (this.undecodable) {
      return { problems: [{ id: "xml-malformed", part: this.part, message: "not valid UTF-8 or UTF-16 text" }], wellFormed: false };
    }
    if (!this.stopped) this.run(() => this.parser.close());
    const problems: PackageProblem[] = [];
    if (this.firstIllegal !== undefined) {
      const { codePoint, line, column } = this.firstIllegal;
      const count = this.illegal === 1 ? "1 character" : `${this.illegal.toLocaleString("en-US")} characters`;
      problems.push({ id: "illegal-xml-char", part: this.part, message: `${count} that XML 1.0 forbids (first U+${hex4(codePoint)} at ${line}:${column})` });
    }
    if (this.limitProblem !== undefined) problems.push(this.limitProblem);
    else if (this.error !== undefined) problems.push({ id: "xml-malformed", part: this.part, message: `not well-formed XML: ${this.error}` });
    return { problems, wellFormed: this.error === undefined && this.limitProblem === undefined };
  }

  private decode(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): void {
    let text: string;
    try {
      text = decoder.decode(bytes, { stream });
    } catch {
      this.undecodable = true;
      return;
    }
    this.feed(text, !stream);
  }

  /** Counts and strips the illegal characters of `text`, then parses the rest. */
  private feed(decoded: string, last: boolean): void {
    let text = this.carry + decoded;
    this.carry = "";
    const tail = text.charCodeAt(text.length - 1);
    if (!last && tail >= 0xd800 && tail <= 0xdbff) {
      this.carry = text.slice(-1);
      text = text.slice(0, -1);
    }
    let clean = text;
    if (hasIllegalXmlChars(text)) {
      clean = stripIllegalXmlChars(text);
      if (this.firstIllegal === undefined) this.firstIllegal = this.locateFirstIllegal(text, clean);
      this.illegal += text.length - clean.length; // each forbidden character is one code unit
    }
    if (this.firstIllegal === undefined) this.countLines(text);
    this.offset += text.length;
    if (!this.stopped && clean !== "") this.run(() => this.parser.write(clean));
  }

  /** Line and column of the first character of `text` that `clean` left out. */
  private locateFirstIllegal(text: string, clean: string): { codePoint: number; line: number; column: number } {
    let index = 0;
    while (index < clean.length && text.charCodeAt(index) === clean.charCodeAt(index)) index++;
    const before = text.slice(0, index);
    this.countLines(before);
    const newline = before.lastIndexOf("\n");
    const column = newline === -1 ? this.offset + index - this.lastNewline : index - newline;
    return { codePoint: text.codePointAt(index) ?? 0, line: this.line, column };
  }

  private countLines(text: string): void {
    for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) {
      this.line++;
      this.lastNewline = this.offset + at;
    }
  }

  private run(parse: () => void): void {
    try {
      parse();
    } catch (thrown) {
      if (thrown !== STOP) this.error ??= thrown instanceof Error ? thrown.message : String(thrown);
      this.stopped = true;
    }
  }

  private openTag(tag: SaxesTagNS): void {
    const depth = this.undo.length + 1;
    if (depth > this.limits.xmlDepth) {
      this.stopAtLimit("xml-too-deep", `elements nested more than ${this.limits.xmlDepth.toLocaleString("en-US")} deep`);
    }
    let changed: Binding[] | undefined;
    for (const prefix in tag.ns) {
      (changed ??= []).push([prefix, this.scope[prefix]]);
      this.scope[prefix] = tag.ns[prefix] ?? "";
    }
    tag.ns = this.scope;
    this.undo.push(changed ?? NO_BINDINGS);
    const { element } = this;
    element.uri = tag.uri;
    element.local = tag.local;
    element.depth = depth;
    element.attributes = tag.attributes;
    this.listener.open(element);
  }

  private closeTag(): void {
    const changed = this.undo.pop() ?? NO_BINDINGS;
    for (let i = changed.length - 1; i >= 0; i--) {
      const [prefix, previous] = changed[i] ?? ["", ""];
      if (previous === undefined) Reflect.deleteProperty(this.scope, prefix);
      else this.scope[prefix] = previous;
    }
    this.listener.close();
  }

  private stopAtLimit(id: "xml-too-deep" | "xml-too-complex", what: string): never {
    this.limitProblem = { id, part: this.part, message: `${what} (at ${this.parser.line}:${this.parser.column}); the rest of the part is not checked` };
    throw STOP;
  }
}

function encodingOf(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return "utf-8";
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, "0");
