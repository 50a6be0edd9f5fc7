/** Where the CLI writes; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Ends `build --watch` (the CLI aborts it on Ctrl-C). */
  signal?: AbortSignal;
}

/** A wrong command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}
