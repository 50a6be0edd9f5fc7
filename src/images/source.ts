/**
 * What a picture's `src` names, decided in one place for the Markdown's pictures, their
 * conversion and the pictures templates name: an address (never fetched), or a path, with
 * percent-escapes decoded. A Windows drive letter (`C:\pics\a.png`) is a path, not a scheme.
 */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const DRIVE = /^[a-z]:[\\/]/i;

export function isAddress(src: string): boolean {
  return SCHEME.test(src) && !DRIVE.test(src);
}

/** The path as written, with `%20` and the like decoded (a literal `%` that is no escape stays). */
export function decodedPath(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}
