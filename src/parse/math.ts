/**
 * TeX math in Markdown, as pandoc reads it (its `tex_math_dollars` and
 * `tex_math_single_backslash` extensions): `$…$` inline, `$$…$$` display, `\(…\)` and `\[…\]`.
 *
 * pandoc's rule for `$` keeps prices as text: the opening `$` has a non-space character right
 * after it, the closing one a non-space character right before it and no digit right after it,
 * so "$20 and $30" is not a formula. A `\$` is a dollar sign. Inside the delimiters nothing is
 * Markdown: `*` and `_` are TeX's.
 */
import type { TokenizerAndRendererExtension } from "marked";

export interface MathToken {
  type: "math";
  raw: string;
  /** The TeX between the delimiters, trimmed. */
  text: string;
  /** `$$…$$` or `\[…\]`: an equation set on its own line. */
  display: boolean;
}

const DISPLAY_DOLLARS = /^\$\$([\s\S]+?)\$\$/;
const DISPLAY_BRACKETS = /^\\\[([\s\S]+?)\\\]/;
const INLINE_PARENS = /^\\\(([\s\S]+?)\\\)/;
/**
 * `$x$`: no space inside either dollar, no digit after the closing one; `\$` inside is TeX's own
 * dollar. A formula does not run into a code span (TeX has no backticks).
 */
const INLINE_DOLLARS = /^\$(?=[^\s$`])((?:\\.|[^\\$`])*?[^\s\\`])\$(?!\d)/;

const START_WINDOW = 1024;

export const math: TokenizerAndRendererExtension = {
  name: "math",
  level: "inline",
  // marked asks where a formula might start each time it cuts a text run: searching the whole
  // rest of a long paragraph every time would make lexing quadratic, so only a window is
  // searched, and the text is cut at its end when no formula starts in it.
  start(src) {
    const window = src.length > START_WINDOW ? src.slice(0, START_WINDOW) : src;
    const at = window.search(/\$|\\[[(]/);
    return at !== -1 ? at : src.length > START_WINDOW ? START_WINDOW : undefined;
  },
  tokenizer(src) {
    // Every delimiter starts with `$` or a backslash: marked asks at every inline position, most of them neither.
    const first = src.charCodeAt(0);
    if (first !== 0x24 && first !== 0x5c) return undefined;
    for (const [pattern, display] of [[DISPLAY_DOLLARS, true], [DISPLAY_BRACKETS, true], [INLINE_PARENS, false], [INLINE_DOLLARS, false]] as const) {
      const match = pattern.exec(src);
      const tex = match?.[1]?.trim();
      if (match && tex) {
        const token: MathToken = { type: "math", raw: match[0], text: tex, display };
        return token;
      }
    }
    return undefined;
  },
  renderer() {
    return "";
  },
};
