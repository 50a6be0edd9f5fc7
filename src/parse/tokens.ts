/**
 * The tokens deckwright's lexer makes, typed once (as marked's own Parser does with its
 * `MarkedToken`). marked types a token list as `Token[]`, whose `Tokens.Generic` member has any
 * `type`, so a `switch (token.type)` narrows nothing and every use needed a cast. Every token of
 * lexer.ts is one of marked's own or one of the extensions registered there, so a list of them is
 * a list of `DeckToken`s; `deckTokens` is the one place that says so.
 */
import type { MarkedToken, Token } from "marked";
import type { FencedDivToken } from "./lexer.js";
import type { MathToken } from "./math.js";
import type { EmojiToken, FootnoteDefinitionToken, FootnoteRefToken, ForeignIconToken, ScriptToken } from "./pandocInline.js";

export type DeckToken = MarkedToken | FencedDivToken | MathToken | FootnoteDefinitionToken | FootnoteRefToken | ScriptToken | EmojiToken | ForeignIconToken;

/** A token list of lexer.ts (or a token's children) as the tokens they are. */
export function deckTokens(tokens: readonly Token[] | undefined): readonly DeckToken[] {
  return (tokens ?? []) as readonly DeckToken[];
}

/** One token of lexer.ts as the token it is. */
export function deckToken(token: Token): DeckToken {
  return token as DeckToken;
}
