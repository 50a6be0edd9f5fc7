import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { loadTheme, resolveThemeDir } from "./load.js";

/** theme.json of a new theme: extends a built-in, with every kind of override shown, commented out. */
function themeJson(name: string, from: string): string {
  return `{
  // A deckwright theme. It extends "${from}": every value not set here comes from it.
  // Objects merge key by key (set one colour, keep the others); lists and values replace.
  // Reference: docs/themes.md. Uncomment a line to use it.
  "extends": "${from}",
  "name": "${name}",
  "description": "${from} with our own colours",

  // Colours of the palette, as "#RRGGBB". Text must keep 4.5:1 contrast with what it sits on
  // (3:1 for titles); the build says which pair fails.
  "colors": {
    // "accent": "#C8102E",
    // "link": "#C8102E"
  },

  // Chart series colours, in order (at least 6).
  // "chartColors": ["#C8102E", "#E69F00", "#009E73", "#56B4E9", "#CC79A7", "#5A6675"],

  // Fonts: the family written into the deck, and the families that stand in for it.
  // "fonts": { "heading": { "family": "Georgia", "fallbacks": ["Gelasio", "Times New Roman"] } },

  // Type sizes in points.
  // "sizes": { "title": 36, "body": 22 },

  // Regions of the slide on the 12-column grid: columns col..col+span-1, inches from the top.
  // "regions": { "body": { "col": 1, "span": 12, "y": 1.9, "h": 4.6 } },

  // A logo on the layouts named; the path is relative to this folder. It goes in the "logo" region.
  // "logo": { "path": "logo.png", "alt": "Our logo", "layouts": ["title", "closing"] },

  // Footer text for every deck (instead of the deck's footer or title), and the slide number.
  // "footer": { "show": true, "text": "Our company · Confidential" },
  // "slideNumber": { "show": true },

  // A contrast pair you accept anyway, with the reason.
  // "contrast": { "exceptions": [{ "text": "muted", "on": "surface", "reason": "decorative captions only" }] }
}
`;
}

function readme(name: string, from: string): string {
  return `# ${name}

A deckwright theme extending \`${from}\`. Use it with \`deckwright build talk.md --theme ./${name}\`
or \`theme: ./${name}\` in a deck's front matter (the path is relative to the Markdown file).

- \`theme.json\`: the values this theme changes; the commented lines show each kind of override.
- \`layouts/\`: to change one layout, copy its template from the \`${from}\` theme's \`layouts/\`
  folder here and edit it; layouts not copied come from \`${from}\`. The same goes for \`partials/\`.
`;
}

export class ScaffoldError extends Error {}

/** Creates a theme folder extending a built-in theme. Refuses a folder that has files in it. */
export function scaffoldTheme(dir: string, from: string): string[] {
  loadTheme(resolveThemeDir(from, process.cwd()));
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new ScaffoldError(`${dir} already has files in it; choose a new folder`);
  const name = basename(dir);
  mkdirSync(join(dir, "layouts"), { recursive: true });
  const files = {
    "theme.json": themeJson(name, from),
    "README.md": readme(name, from),
    "layouts/.gitkeep": "",
  };
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return Object.keys(files).map((f) => join(dir, f));
}
