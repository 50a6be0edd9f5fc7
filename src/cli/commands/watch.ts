import { watch as watchPath, type FSWatcher } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { expandInputs, missingInput } from "../../build.js";
import { formatDiagnostic } from "../../diagnostics/format.js";
import { FallbackCache } from "../../images/rasterize.js";
import { ThemeSet } from "../../themes/load.js";
import { SkeletonCache } from "../../write/deck.js";
import { DeflateCache } from "../../write/zip.js";
import { FitCache } from "../../fit/cache.js";
import { OutlineCache } from "../../parse/cache.js";
import { EXIT } from "../exitCodes.js";
import { useColor, type Io } from "../io.js";
import { buildOne, type BuildFlags } from "./build.js";

/** How long to wait after a change before rebuilding, so an editor's save (often several events) builds once. */
const SETTLE_MS = 30;

/**
 * `build --watch`: builds every deck, then again whenever its Markdown, a file of its theme or
 * one of its images changes, printing each rebuild with how long it took; until `io.signal` aborts.
 * Files are watched through their folders, so editors that save by replacing a file are seen.
 */
export async function watchBuild(io: Io, inputs: string[], flags: BuildFlags): Promise<number> {
  const { files, missing } = await expandInputs(inputs);
  for (const input of missing) io.stderr(`${formatDiagnostic(missingInput(input), { color: useColor(io) })}\n`);
  const dependents = new Map<string, Set<string>>(); // watched path → decks made from it
  const watchers = new Map<string, FSWatcher>();
  const pending = new Map<string, NodeJS.Timeout>();
  // SVG fallbacks drawn once for the session: a rebuild draws only a new picture or a new size.
  const fallbacks = new FallbackCache();
  // Themes read once for the session, and read again when their files change.
  const themes = new ThemeSet();
  // Each deck's skeleton (presentation, layouts, theme, charts) made again only when what it is made from changes.
  const skeletons = new SkeletonCache();
  // Each deck's outline parsed again only when its Markdown changes, and each slide rendered and fitted again only when it (or the theme, or what its template sees of the deck) changes.
  const outlines = new OutlineCache();
  const fits = new FitCache();
  // Each part deflated again only when its content changes.
  const deflated = new DeflateCache();

  const rebuild = async (file: string) => {
    const started = performance.now();
    const { sources } = await buildOne(io, file, flags.out ?? dirname(file), flags, () => `${Math.round(performance.now() - started)} ms`, { fallbacks, themes, skeletons, outlines, fits, deflated });
    for (const source of [resolve(file), ...sources.map((s) => resolve(s))]) follow(source, file);
  };
  const schedule = (file: string) => {
    clearTimeout(pending.get(file));
    pending.set(file, setTimeout(() => void rebuild(file), SETTLE_MS));
  };
  const changed = (path: string) => {
    themes.forget(path);
    for (const [watched, decks] of dependents) {
      if (path === watched || path.startsWith(`${watched}/`)) for (const deck of decks) schedule(deck);
    }
  };
  const follow = (path: string, deck: string) => {
    const decks = dependents.get(path) ?? new Set<string>();
    decks.add(deck);
    dependents.set(path, decks);
    // A theme folder is watched whole; a file through its folder.
    const isFolder = !/\.[a-z0-9]+$/i.test(basename(path));
    const target = isFolder ? path : dirname(path);
    if (watchers.has(target)) return;
    try {
      const watcher = watchPath(target, { recursive: isFolder }, (_event, name) => {
        if (name !== null) changed(resolve(target, name.toString()));
      });
      watchers.set(target, watcher);
    } catch {
      // a folder that vanished: nothing to watch until the next build names it again
    }
  };

  for (const file of files) await rebuild(file);
  io.stdout(`watching ${files.length} ${files.length === 1 ? "deck" : "decks"} (Ctrl-C to stop)\n`);
  await new Promise<void>((done) => {
    if (io.signal?.aborted) done();
    io.signal?.addEventListener("abort", () => done(), { once: true });
  });
  for (const timer of pending.values()) clearTimeout(timer);
  for (const watcher of watchers.values()) watcher.close();
  return missing.length > 0 ? EXIT.io : EXIT.ok;
}
