/**
 * theme.json may hold comments (`// …` and `/* … *\/`) and trailing commas, as tsconfig.json
 * does, so a scaffolded theme can explain each override in place and a line can be uncommented
 * without fixing commas. Both are blanked out, keeping every line and column where it was.
 */
export function toStrictJson(text: string): string {
  return stripTrailingCommas(stripJsonComments(text));
}

function stripJsonComments(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      out += " ".repeat(stop - i);
      i = stop;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return Math.min(text.length, i + 1);
}

/** A comma followed only by white space and `}` or `]`. */
function stripTrailingCommas(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === "," && isClosing(text[nextNonSpace(text, i + 1)])) out += " ";
    else out += c;
    i += 1;
  }
  return out;
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] ?? "")) i += 1;
  return i;
}

const isClosing = (c: string | undefined) => c === "}" || c === "]";
