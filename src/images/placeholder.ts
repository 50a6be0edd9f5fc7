/**
 * The path a picture that cannot be used is given instead of a file (src/images/read.ts): the
 * render stage draws a frame with its alt text and what was written in its place
 * (src/render/flow.ts). Nothing is read for it and no media part is written.
 */
export const PLACEHOLDER_PREFIX = "deckwright-placeholder:";
