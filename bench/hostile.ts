/**
 * The hostile inputs of docs/reliability.md, timed as a user meets them (a new process each):
 * what each costs in time and peak memory, beside pandoc's time on the example deck measured in
 * the same run. The tests (test/reliability/hostile.test.ts, test/validate/hostile.test.ts)
 * assert bounds that an unbounded or quadratic regression cannot meet; the figures are here.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { archive, repeated } from "../test/support/hostileZip.js";
import { HOSTILE_CASES, minimalEntries } from "../test/validate/hostileCases.js";

export interface HostileBench {
  name: string;
  /** The CLI's arguments. */
  args: string[];
}

const svg = (size: string, body: string) => `<svg xmlns="http://www.w3.org/2000/svg" ${size}>${body}</svg>`;

/** Writes the inputs into `dir` and returns the runs. */
export function hostileBenches(dir: string): HostileBench[] {
  const deck = (name: string, markdown: string, files: Record<string, string | Uint8Array> = {}): string => {
    const folder = join(dir, name);
    mkdirSync(folder, { recursive: true });
    for (const [file, data] of Object.entries(files)) writeFileSync(join(folder, file), data);
    writeFileSync(join(folder, "deck.md"), markdown);
    return join(folder, "deck.md");
  };
  const benches: HostileBench[] = [
    { name: "build: a 120-byte 10 × 30,000 SVG", args: ["build", deck("tall", "## A\n\n![tall](tall.svg)\n", { "tall.svg": svg('width="10" height="30000"', '<rect width="10" height="30000"/>') }), "--out", join(dir, "out")] },
    { name: "check: one word of 40,000 é", args: ["check", deck("word", `## A\n\n- ${"é".repeat(40_000)}\n`)] },
    { name: "check: 40,000 CJK characters without a space", args: ["check", deck("cjk", `## A\n\n- ${"漢字".repeat(20_000)}\n`)] },
  ];
  const themeDir = join(dir, "deep-theme");
  mkdirSync(themeDir, { recursive: true });
  writeFileSync(join(themeDir, "theme.json"), `{"extends": "meridian", "name": "deep", "colors": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
  benches.push({ name: "check: theme.json nested 100,000 deep", args: ["check", deck("plain", "## A\n\n- b\n"), "--theme", themeDir] });
  for (const hostile of HOSTILE_CASES.filter((c) => /1\.2 GB XML|31 central|1,000,000 deep|1,000,000 attributes/.test(c.name))) {
    const file = join(dir, `${hostile.id}-${benches.length}.pptx`);
    writeFileSync(file, hostile.build());
    benches.push({ name: `validate: ${hostile.name}`, args: ["validate", file] });
  }
  // 500,000 leaves just under the depth limit against the same near the root: the cost per element must not grow with depth.
  const SLIDE_NS = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
  for (const depth of [1, 254]) {
    const file = join(dir, `leaves-${depth}.pptx`);
    writeFileSync(file, archive([...minimalEntries(), repeated("ppt/slides/slide1.xml", { head: `<p:sld ${SLIDE_NS}>${"<p:x>".repeat(depth)}`, chunk: "<p:leaf/>".repeat(100_000), times: 5, tail: `${"</p:x>".repeat(depth)}</p:sld>` })]));
    benches.push({ name: `validate: 500,000 elements at depth ${depth + 1}`, args: ["validate", file] });
  }
  return benches;
}
