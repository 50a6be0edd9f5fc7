import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { EXIT } from "../exitCodes.js";
import type { Io } from "../io.js";

const OUTLINE = `---
title: My talk
subtitle: What it is about, in one line
author: Your name
footer: My talk
agenda: true
---

# Why

## The problem

- One point per line, **bold** for what matters
  - Nested points step in
- Links work: [deckwright](https://www.npmjs.com/package/deckwright)

::: notes
What you say while this slide is up. Notes are never shown to the audience.
:::

# What

## Options side by side

### Option A

- Cheaper
- Slower

### Option B

- Faster
- Costs more

## The numbers (sample data)

| Quarter | Revenue | Growth |
|---------|--------:|-------:|
| Q1 | 120 | 4% |
| Q2 | 135 | 12% |

# Thank you

Questions?
`;

const CONFIG = `{
  // Defaults for every deck in this folder and below. Flags win over front matter, front
  // matter over this file. Keys: theme, lang, footer, aspect, agenda, out, strict, allowOutside.
  "theme": "meridian",
  "out": "output",
  "lang": "en-US"
}
`;

const README = `Slides

Outlines in \`slides/\` become decks in \`output/\` (settings in \`deckwright.config.json\`):

    npx deckwright build slides          # build every deck
    npx deckwright build slides --watch  # rebuild as you edit
    npx deckwright check slides --strict # what CI runs

The Markdown syntax: https://www.npmjs.com/package/deckwright (docs/syntax.md).
`;

/** `deckwright init [dir]`: an example outline, a config file and a README note; never overwrites a file. */
export function init(io: Io, dir: string): number {
  const files: Record<string, string> = {
    "slides/talk.md": OUTLINE,
    "deckwright.config.json": CONFIG,
    "slides/README.txt": README,
  };
  const existing = Object.keys(files).filter((f) => existsSync(join(dir, f)));
  if (existing.length > 0) {
    io.stderr(`${dir}: error Would overwrite ${existing.join(", ")}; nothing was written [init-exists]\n`);
    return EXIT.io;
  }
  mkdirSync(join(dir, "slides"), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    writeFileSync(join(dir, file), text);
    io.stdout(`created ${relative(process.cwd(), join(dir, file)) || file}\n`);
  }
  io.stdout(`Next: npx deckwright build ${relative(process.cwd(), join(dir, "slides")) || "slides"}\n`);
  return EXIT.ok;
}
