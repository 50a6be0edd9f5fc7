import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { listNames, suggestionHint } from "../diagnostics/suggest.js";
import { builtInThemeNames, DEFAULT_THEME } from "../themes/load.js";
import { FLAVORS, type Flavor } from "../parse/flavors.js";
import { build } from "./commands/build.js";
import { EXIT } from "./exitCodes.js";
import { UsageError, type Io } from "./io.js";

// The other commands are loaded when they run: a cold `build` is mostly loading modules, and
// `validate` alone brings saxes and the package checker (`preview`, `init`, `theme`, `--watch`
// their own modules).
const commands = {
  watch: () => import("./commands/watch.js"),
  preview: () => import("./commands/preview.js"),
  init: () => import("./commands/init.js"),
  validate: () => import("./commands/validate.js"),
  themes: () => import("./commands/themes.js"),
  template: () => import("./commands/template.js"),
};

export type { Io } from "./io.js";

const HELP = `deckwright — Markdown outline → themed, native, editable PowerPoint deck

Usage:
  deckwright build <file-or-folder>... [--theme NAME|PATH] [--template FILE] [--out DIR] [--from FLAVOR] [--strict] [--allow-outside] [--watch]
  deckwright check <file-or-folder>... [--theme NAME|PATH] [--template FILE] [--from FLAVOR] [--strict] [--allow-outside]
  deckwright validate <file.pptx>...
  deckwright preview <deck.md|deck.pptx> [--out DIR]
  deckwright init [dir]
  deckwright themes
  deckwright theme new <dir> [--from NAME]
  deckwright template inspect <file.potx> [--json]
  deckwright --help | --version

Commands:
  build       compile Markdown outlines into .pptx decks
  check       everything build does but the write: print the diagnostics (for CI)
  validate    check any .pptx: well-formed parts, relationships, content types, table grids, characters
  preview     PNG thumbnails of every slide and a contact sheet (needs LibreOffice)
  init        start a folder of slides: an example outline, deckwright.config.json, a README note
  themes      list the built-in themes
  theme new   make a theme folder that extends a built-in theme (default: ${DEFAULT_THEME})
  template inspect  a company template's layouts and placeholders, and which layout each kind of slide goes on

Options:
  --theme NAME|PATH  a built-in theme or a theme folder (default: front matter \`theme\`, else ${DEFAULT_THEME})
  --template FILE    build into a company template (.potx or .pptx): its masters, layouts and fonts (wins over --theme)
  --out DIR          where the .pptx files go (default: beside each input)
  -q, --quiet        nothing on standard output but the summary line
  --json             print one JSON document (decks, diagnostics, summary) instead of text
  --watch            build, then build again whenever the Markdown, its theme or an image changes
  --strict           treat warnings (text shrunk or continued, content left out…) as errors
  --allow-outside    let images come from outside the Markdown file's folder
  --from FLAVOR      build, check: whose Markdown it is (pandoc, marp, remark, reveal, deckwright); detected otherwise
  --from NAME        theme new: the built-in theme a new theme extends
  -h, --help         this text
  -v, --version      the version

Examples:
  deckwright build content --out output
  deckwright build talk.md --theme ./brand-theme
  deckwright check talk.md --strict
  deckwright theme new brand-theme --from meridian

Exit codes: 0 done, 1 input has errors, 2 usage, 3 file not readable/writable, 70 bug.
SOURCE_DATE_EPOCH sets the date written into the file (default 1980-01-01): same input, same bytes.`;

/** `deckwright <command> --help` */
const COMMAND_HELP: Record<string, string> = {
  build: `deckwright build <file-or-folder>... [options]

Compiles Markdown outlines into .pptx decks (a folder stands for its *.md files).

Options:
  --out DIR          where the decks go (default: beside each input)
  --theme NAME|PATH  a built-in theme or a theme folder (wins over front matter)
  --strict           warnings are errors: nothing is written when text had to shrink or continue
  --allow-outside    images may come from outside the Markdown file's folder
  --watch            build again whenever the Markdown, its theme or an image changes
  -q, --quiet        only the summary line
  --json             one JSON document of decks and diagnostics

Examples:
  deckwright build talk.md
  deckwright build content --out output --theme nocturne
  deckwright build talk.md --watch`,
  check: `deckwright check <file-or-folder>... [--theme NAME|PATH] [--strict] [--allow-outside] [--json]

Everything build does but the write: prints the diagnostics and exits 1 on an error. For CI.

Examples:
  deckwright check talk.md
  deckwright check content --strict --json`,
  validate: `deckwright validate <file.pptx>...

Checks any .pptx without an office suite: the zip, well-formed parts, relationships, content
types, table grids, characters XML forbids. Exit 0 valid, 1 problems, 3 unreadable.

Example:
  deckwright validate output/talk.pptx`,
  preview: `deckwright preview <deck.md|deck.pptx> [--out DIR]

Renders every slide to a PNG (<name>-01.png, …) and a contact sheet (<name>-sheet.png) through
LibreOffice and pdftoppm; says how to install them when they are missing. A Markdown file is
built first.

Example:
  deckwright preview talk.md --out previews`,
  init: `deckwright init [dir]

Starts a folder of slides: slides/talk.md (an example outline), deckwright.config.json (output to
output/, the meridian theme) and slides/README.txt. Never overwrites a file.

Example:
  deckwright init my-talk && cd my-talk && deckwright build slides`,
  themes: `deckwright themes

Lists the built-in themes with a line each.`,
  theme: `deckwright theme new <dir> [--from NAME]

Makes a theme folder that extends a built-in theme (default meridian), with every kind of
override shown as a commented line in its theme.json.

Example:
  deckwright theme new brand --from folio`,
};

export const COMMANDS = ["build", "check", "validate", "preview", "init", "themes", "theme new", "template inspect"] as const;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  interactive: process.stdout.isTTY === true,
};

/** Runs one command line and returns the exit code (see exitCodes.ts); never throws. */
export async function run(argv: string[], io: Io = withInterrupt(argv, processIo)): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`deckwright: error ${error.message} [usage]\nRun \`deckwright --help\` for usage.\n`);
      return EXIT.usage;
    }
    io.stderr(`deckwright: internal error — please report it\n${(error as Error).stack ?? String(error)}\n`);
    return EXIT.internal;
  }
}

/** With --watch, Ctrl-C ends the watch cleanly (exit 0); otherwise it keeps its usual meaning. */
function withInterrupt(argv: string[], io: Io): Io {
  if (!argv.includes("--watch")) return io;
  const interrupted = new AbortController();
  process.once("SIGINT", () => interrupted.abort());
  return { ...io, signal: interrupted.signal };
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        theme: { type: "string" },
        template: { type: "string" },
        out: { type: "string" },
        from: { type: "string" },
        "allow-outside": { type: "boolean" },
        strict: { type: "boolean" },
        watch: { type: "boolean" },
        json: { type: "boolean" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    const message = (error as Error).message;
    const flag = /Unknown option '(--?[\w-]+)'/.exec(message)?.[1];
    if (flag === undefined) throw new UsageError(message);
    const hint = suggestionHint(flag.replace(/^-+/, ""), FLAGS);
    throw new UsageError(`Unexpected option \`${flag}\`, expected one of ${listNames(FLAGS.map((f) => `--${f}`))}${hint ? `; ${hint.replace("`", "`--")}` : ""}`);
  }
}

export const FLAGS = ["theme", "template", "out", "from", "allow-outside", "strict", "watch", "json", "quiet", "help", "version"];

async function dispatch(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) return print(io, COMMAND_HELP[positionals[0] ?? ""] ?? HELP, EXIT.ok);
  if (values.version) return print(io, version(), EXIT.ok);
  const [command, ...rest] = positionals;
  switch (command) {
    case undefined:
      return print(io, HELP, EXIT.usage);
    case "build":
    case "check":
      if (rest.length === 0) throw new UsageError(`\`${command}\` needs at least one Markdown file or folder`);
      if (command === "check" && values.out !== undefined) throw new UsageError("`check` writes nothing, so it takes no --out");
      if (command === "check" && values.watch) throw new UsageError("`check` takes no --watch; use `build --watch`");
      if (values.json && values.watch) throw new UsageError("--json and --watch do not go together");
      if (values.from !== undefined && !(FLAVORS as readonly string[]).includes(values.from)) {
        throw new UsageError(`Unexpected --from \`${values.from}\`, expected one of ${listNames([...FLAVORS])}${suggestionHint(values.from, FLAVORS) ? `; ${suggestionHint(values.from, FLAVORS) ?? ""}` : ""}`);
      }
      return (values.watch ? (await commands.watch()).watchBuild : build)(io, rest, {
        json: values.json ?? false,
        quiet: values.quiet ?? false,
        out: values.out,
        theme: values.theme,
        template: values.template,
        allowOutside: values["allow-outside"],
        strict: values.strict,
        checkOnly: command === "check",
        from: values.from as Flavor | undefined,
      });
    case "preview":
      if (rest.length !== 1) throw new UsageError("`preview` takes one deck: a .md or .pptx file");
      return (await commands.preview()).preview(io, rest[0] ?? "", values.out);
    case "init":
      if (rest.length > 1) throw new UsageError("`init` takes at most one folder");
      return (await commands.init()).init(io, rest[0] ?? ".");
    case "validate":
      if (rest.length === 0) throw new UsageError("`validate` needs at least one .pptx file");
      return (await commands.validate()).validate(io, rest);
    case "themes":
      if (rest.length > 0) throw new UsageError("`themes` takes no arguments");
      return (await commands.themes()).listThemes(io);
    case "template": {
      const [sub, file, ...extra] = rest;
      if (sub !== "inspect") throw new UsageError(`Unexpected \`template ${sub ?? ""}\`, expected \`template inspect <file.potx>\``);
      if (file === undefined || extra.length > 0) throw new UsageError("`template inspect` needs one template: `deckwright template inspect <file.potx> [--json]`");
      return (await commands.template()).inspectTemplate(io, file, values.json ?? false);
    }
    case "theme": {
      const [sub, dir, ...extra] = rest;
      if (sub !== "new") throw new UsageError(`Unexpected \`theme ${sub ?? ""}\`, expected \`theme new <dir>\``);
      if (dir === undefined || extra.length > 0) throw new UsageError("`theme new` needs one folder: `deckwright theme new <dir> [--from NAME]`");
      const from = values.from ?? DEFAULT_THEME;
      const builtIns = builtInThemeNames();
      if (!builtIns.includes(from)) {
        const hint = suggestionHint(from, builtIns);
        throw new UsageError(`Unexpected --from \`${from}\`, expected a built-in theme: ${listNames(builtIns)}${hint ? `; ${hint}` : ""}`);
      }
      return (await commands.themes()).newTheme(io, dir, from);
    }
    default: {
      const hint = suggestionHint(command, COMMANDS);
      throw new UsageError(`Unexpected command \`${command}\`, expected one of ${listNames(COMMANDS)}${hint ? `; ${hint}` : ""}`);
    }
  }
}

function print(io: Io, text: string, code: number): number {
  (code === EXIT.ok ? io.stdout : io.stderr)(`${text}\n`);
  return code;
}
