/**
 * The one rule for every file a build reads besides the Markdown itself: theme files, templates,
 * partials, logos, backgrounds and pictures. A file is used only when it is a regular file
 * inside one of the allowed folders, after symbolic links are followed (git commits symlinks,
 * so a theme or a picture in a pull request can be one).
 *
 * The order of the checks tells nothing about the machine: a path that is outside the folders
 * as written is refused before the disk is asked whether it exists.
 */
import { realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";

export type Confined =
  | { ok: true; real: string; size: number }
  | { ok: false; reason: "outside"; throughLink: boolean }
  | { ok: false; reason: "missing" }
  | { ok: false; reason: "not-a-file" };

/** Whether `path` is `dir` itself or below it. Both are absolute. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/** A folder's real path (links followed), or the folder as given when it does not exist. */
export function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

/**
 * Where `path` really is, when it may be read: inside one of `folders` both as written and once
 * links are followed (`folders` null: anywhere, as with --allow-outside). Folders are compared
 * both as given and by their real paths, so a folder reached through a link still holds its files.
 */
export function confine(path: string, folders: readonly string[] | null): Confined {
  const absolute = resolve(path);
  const allowed = folders === null ? null : [...new Set(folders.flatMap((dir) => [resolve(dir), realFolder(dir)]))];
  const within = (p: string) => allowed === null || allowed.some((dir) => isInside(p, dir));
  if (!within(absolute)) return { ok: false, reason: "outside", throughLink: false };
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    return { ok: false, reason: "missing" };
  }
  if (!within(real)) return { ok: false, reason: "outside", throughLink: true };
  try {
    const info = statSync(real);
    return info.isFile() ? { ok: true, real, size: info.size } : { ok: false, reason: "not-a-file" };
  } catch {
    return { ok: false, reason: "missing" };
  }
}
