/**
 * Where a block extension might start, for marked's `start` hook. marked asks each time it cuts
 * a paragraph; a paragraph ends at the next blank line anyway, so only that far is searched: a
 * search of the whole rest of the document each time would make lexing quadratic in its length.
 */
export function blockStartWithinParagraph(src: string, pattern: RegExp): number | undefined {
  const blank = src.indexOf("\n\n");
  const window = blank === -1 ? src : src.slice(0, blank);
  return pattern.exec(window)?.index;
}
