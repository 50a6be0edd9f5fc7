import type { Diagnostic } from "../model/diagnostic.js";
import type { Outline } from "../model/outline.js";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Flavor } from "./flavors.js";
import { parse } from "./parse.js";

/**
 * The last outline parsed of each file, kept by the caller (`build --watch` keeps one for its
 * session): a rebuild whose Markdown did not change (its theme or a picture did) is not parsed
 * again. Parsing is a function of the text, the file's name and the flavour asked for; what it
 * reported is kept with the outline and reported again. The outline is shared between builds,
 * so nothing after parsing may change it in place (none does).
 */
export class OutlineCache {
  private readonly entries = new Map<string, { markdown: string; flavor: Flavor | undefined; outline: Outline; reported: readonly Diagnostic[] }>();
  /** How many parses were found here and how many were made (for tests and the bench). */
  hits = 0;
  misses = 0;

  parse(markdown: string, file: string, diagnostics: Diagnostics, flavor: Flavor | undefined): Outline {
    const found = this.entries.get(file);
    if (found && found.markdown === markdown && found.flavor === flavor) {
      this.hits++;
      diagnostics.list.push(...found.reported.map((d) => ({ ...d })));
      return found.outline;
    }
    this.misses++;
    const own = new Diagnostics(file);
    const outline = parse(markdown, file, own, { flavor });
    this.entries.set(file, { markdown, flavor, outline, reported: own.list.map((d) => ({ ...d })) });
    diagnostics.list.push(...own.list);
    return outline;
  }
}
