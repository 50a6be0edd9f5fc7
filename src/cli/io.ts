/** Where the CLI writes; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Ends `build --watch` (the CLI aborts it on Ctrl-C). */
  signal?: AbortSignal;
  /** Standard output is a terminal: per-deck lines and progress are shown, and colour unless NO_COLOR is set. */
  interactive?: boolean;
}

/** Colour only on a terminal, and never with NO_COLOR (https://no-color.org). */
export function useColor(io: Io): boolean {
  return io.interactive === true && (io.env.NO_COLOR === undefined || io.env.NO_COLOR === "");
}

/** A wrong command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}
