/**
 * Builds one click at a time, as pandoc makes them (docs/syntax.md, "Builds"): a pause (`. . .`,
 * remark's `--`) shows what follows on the slide on the next click; inside `::: incremental`
 * (or everywhere, with front matter `incremental: true`) each list item appears on a click of its
 * own; `::: nonincremental` turns that off inside. The slide splitter (parse.ts) tells this what
 * it meets, in reading order; `stamp` gives each block and list item the click it appears on.
 */
import type { Token } from "marked";
import type { LeafBlock } from "../model/outline.js";
import { PAUSE_MARKER } from "./flavors.js";

/** A pause, as flavors.ts writes it. */
export function isPause(token: Token): boolean {
  return token.type === "html" && token.raw.trim() === PAUSE_MARKER;
}

/** What a fenced div's classes say: `incremental` (true), `nonincremental` (false), or neither (null). */
export function incrementalMode(classes: readonly string[]): boolean | null {
  if (classes.includes("nonincremental")) return false;
  if (classes.includes("incremental")) return true;
  return null;
}

export class Builds {
  /** Clicks used on the current slide so far. */
  private clicks = 0;
  /** The click that blocks without a click of their own appear on: the last pause's (0: from the start). */
  private from = 0;
  /** Pauses met while no slide is open (after `---`): they count on the slide that opens next. */
  private pending = 0;
  /** Whether list items build one by one, innermost div last. */
  private readonly modes: boolean[];

  /** `incremental`: the deck's front matter says every list builds item by item. */
  constructor(incremental = false) {
    this.modes = [incremental];
  }

  /** A slide opens: its clicks count from the pauses met since the last one closed. */
  reset(): void {
    this.clicks = this.pending;
    this.from = this.pending;
    this.pending = 0;
  }

  /** A pause: what follows appears one click later. `onSlide`: false when no slide is open yet. */
  pause(onSlide: boolean): void {
    if (!onSlide) {
      this.pending += 1;
      return;
    }
    this.clicks += 1;
    this.from = this.clicks;
  }

  /** Into a fenced div; `mode` from `incrementalMode` (null keeps the mode around it). */
  enter(mode: boolean | null): void {
    this.modes.push(mode ?? this.incremental);
  }

  leave(): void {
    if (this.modes.length > 1) this.modes.pop();
  }

  private get incremental(): boolean {
    return this.modes.at(-1) ?? false;
  }

  /** The block with the click it (or each of its list items) appears on; the block is changed in place and returned. */
  stamp<T extends LeafBlock>(block: T): T {
    if (block.type === "list") {
      for (const item of block.items) {
        if (this.incremental) item.step = ++this.clicks;
        else if (this.from > 0) item.step = this.from;
      }
      return block;
    }
    if (this.from > 0) block.step = this.from;
    return block;
  }
}
