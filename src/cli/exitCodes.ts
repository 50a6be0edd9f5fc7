/** The CLI's one table of exit codes (docs/cli.md repeats it). */
export const EXIT = {
  /** Every deck was built; there may be warnings. */
  ok: 0,
  /** An input has errors (diagnostics were printed); its earlier output is untouched. */
  inputErrors: 1,
  /** The command line is wrong: unknown command or flag, missing argument. */
  usage: 2,
  /** A file could not be read or written (missing input, unwritable output folder). */
  io: 3,
  /** A bug in deckwright: the stack trace is printed; please report it. */
  internal: 70,
} as const;
