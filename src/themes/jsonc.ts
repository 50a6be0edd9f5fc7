/**
 * theme.json may hold comments (`// …` and `/* … *\/`) and trailing commas, as tsconfig.json
 * does, so a scaffolded theme can explain each override in place and a line can be uncommented
 * without fixing commas. Both are blanked out, keeping every line and column where it was.
 */
export function toStrictJson(text: string): string {
  return outsideStrings(outsideStrings(text, blankComment), blankTrailingComma);
}

/**
 * Rewrites a JSON text outside its strings: at each position outside a string, `step` returns
 * what to write and where to go on, or null to copy the character as it is.
 */
type Step = (text: string, at: number) => { write: string; next: number } | null;

function outsideStrings(text: string, step: Step): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const change = step(text, i);
    out += change ? change.write : text[i];
    i = change ? change.next : i + 1;
  }
  return out;
}

const blankComment: Step = (text, at) => {
  if (text[at] !== "/") return null;
  if (text[at + 1] === "/") {
    const end = text.indexOf("\n", at);
    const next = end === -1 ? text.length : end;
    return { write: " ".repeat(next - at), next };
  }
  if (text[at + 1] === "*") {
    const end = text.indexOf("*/", at + 2);
    const next = end === -1 ? text.length : end + 2;
    return { write: text.slice(at, next).replace(/[^\n]/g, " "), next };
  }
  return null;
};

/** A comma followed only by white space and `}` or `]`. */
const blankTrailingComma: Step = (text, at) => {
  if (text[at] !== ",") return null;
  let i = at + 1;
  while (i < text.length && /\s/.test(text[i] ?? "")) i += 1;
  return text[i] === "}" || text[i] === "]" ? { write: " ", next: at + 1 } : null;
};

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return Math.min(text.length, i + 1);
}
