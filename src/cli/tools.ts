import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** The executable `name` on a PATH, or undefined (how `preview` finds LibreOffice and pdftoppm). */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const folder of (env.PATH ?? "").split(delimiter).filter((f) => f !== "")) {
    try {
      accessSync(join(folder, name), constants.X_OK);
      return join(folder, name);
    } catch {
      // not here
    }
  }
  return undefined;
}
