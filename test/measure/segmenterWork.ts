/** How much segmenting a task does, for tests that the measuring's work grows linearly. */
import { vi } from "vitest";

/**
 * The segmenter's work while `task` runs: the sum of the squares of the lengths of the strings
 * `Intl.Segmenter` was given. V8 before 12.4 (Node 20) pays for every segment in proportion to the
 * whole string's length (crbug.com/326176949), and a string has up to its length in segments, so
 * this is what the segmenting costs there.
 */
export function segmenterWork(task: () => void): number {
  const spy = vi.spyOn(Intl.Segmenter.prototype, "segment");
  try {
    task();
    return spy.mock.calls.reduce((sum, [text]) => sum + text.length ** 2, 0);
  } finally {
    spy.mockRestore();
  }
}
