/**
 * `npm run bench`: builds generated outlines of 10, 100, 1,000 and 5,000 slides through the CLI,
 * as a user runs it (a new node process each time), and prints the median wall time of several
 * runs, slides per second, peak memory and file size; with pandoc installed, pandoc converts the
 * same Markdown (--slide-level=2) in the same run and the ratio is printed. Results go into
 * docs/performance.md by hand, with the machine they were taken on.
 *
 *   BENCH_SIZES=10,100 BENCH_RUNS=3 npm run bench
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { hostileBenches } from "./hostile.js";
import { PICTURE_USES, pictureDecks } from "./pictures.js";
import { benchOutline, fittingOutline } from "./outline.js";

const SIZES = (process.env["BENCH_SIZES"] ?? "10,100,1000,5000").split(",").map(Number);
const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);
const CHILD = new URL("./child.mjs", import.meta.url).pathname;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

interface Timing {
  seconds: number;
  maxRssMb: number | null;
  bytes: number;
}

function timeDeckwright(markdown: string, out: string): Timing {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [CHILD, "build", markdown, "--out", out], { encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "0" } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) throw new Error(`deckwright failed: ${child.stderr}`);
  const report = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as { maxRssKb: number };
  return { seconds, maxRssMb: report.maxRssKb / 1024, bytes: statSync(join(out, "deck.pptx")).size };
}

function hasCommand(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
}

function timePandoc(markdown: string, out: string): Timing {
  const target = join(out, "pandoc.pptx");
  const timeBin = hasCommand("/usr/bin/time") ? "/usr/bin/time" : null;
  const args = ["pandoc", markdown, "--slide-level=2", "-o", target];
  const start = process.hrtime.bigint();
  const child = timeBin ? spawnSync(timeBin, ["-f", "%M", ...args], { encoding: "utf8" }) : spawnSync(args[0] ?? "pandoc", args.slice(1), { encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) throw new Error(`pandoc failed: ${child.stderr}`);
  const rss = timeBin ? Number(child.stderr.trim().split("\n").at(-1)) / 1024 : null;
  return { seconds, maxRssMb: rss, bytes: statSync(target).size };
}

const dir = mkdtempSync(join(tmpdir(), "deckwright-bench-"));
const pandoc = hasCommand("pandoc");
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ${RUNS} runs each, median`);
console.log(pandoc ? `pandoc: ${spawnSync("pandoc", ["--version"], { encoding: "utf8" }).stdout.split("\n")[0]}` : "pandoc: not installed (apt-get install pandoc to compare)");
console.log("");
console.log("| slides | deckwright s | slides/s | peak RSS MB | file KB | pandoc s | pandoc KB | pandoc ÷ deckwright |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
try {
  for (const size of SIZES) {
    const markdown = join(dir, "deck.md");
    writeFileSync(markdown, benchOutline(size));
    const runs = Array.from({ length: RUNS }, () => timeDeckwright(markdown, dir));
    const seconds = median(runs.map((r) => r.seconds));
    const rss = Math.max(...runs.map((r) => r.maxRssMb ?? 0));
    const bytes = runs[0]?.bytes ?? 0;
    const slides = size + 1;
    let pandocCells = "– | – | –";
    if (pandoc) {
      const p = Array.from({ length: RUNS }, () => timePandoc(markdown, dir));
      const ps = median(p.map((r) => r.seconds));
      pandocCells = `${ps.toFixed(2)} | ${((p[0]?.bytes ?? 0) / 1024).toFixed(0)} | ${(ps / seconds).toFixed(1)}×`;
    }
    console.log(`| ${slides} | ${seconds.toFixed(2)} | ${(slides / seconds).toFixed(0)} | ${rss.toFixed(0)} | ${(bytes / 1024).toFixed(0)} | ${pandocCells} |`);
  }
  console.log("");
  // Fitting (issue 14): a deck whose every slide shrinks, or continues, against the plain deck of as many slides.
  const fitSlides = Number(process.env["BENCH_FIT_SLIDES"] ?? "1000");
  const perSlide = (file: string, slides: number) => {
    const seconds = median(Array.from({ length: RUNS }, () => timeDeckwright(file, dir).seconds));
    return { seconds, ms: (seconds * 1000) / slides };
  };
  const plainFile = join(dir, "plain.md");
  writeFileSync(plainFile, benchOutline(fitSlides));
  const plain = perSlide(plainFile, fitSlides);
  const fitting = (["shrink", "continue"] as const).map((kind) => {
    const file = join(dir, `${kind}.md`);
    writeFileSync(file, fittingOutline(fitSlides, kind));
    return { kind, ...perSlide(file, fitSlides) };
  });
  console.log(`fitting, ${fitSlides} slides of the Markdown: plain ${plain.seconds.toFixed(2)} s (${plain.ms.toFixed(1)} ms a slide)` +
    fitting.map((f) => `; ${f.kind} on every slide ${f.seconds.toFixed(2)} s (${f.ms.toFixed(1)} ms a slide, ${(f.seconds / plain.seconds).toFixed(1)}× plain)`).join(""));
  console.log("");
  const example = new URL("../content/openai-microsoft-partnership.md", import.meta.url).pathname;
  const cold = median(Array.from({ length: RUNS }, () => timeCli(["build", example, "--out", dir]).seconds));
  console.log(`example deck, cold (a new process, as npm start): ${cold.toFixed(2)} s`);
  const warm = JSON.parse(spawnSync(process.execPath, [new URL("./rebuild.mjs", import.meta.url).pathname, example, dir, String(RUNS)], { encoding: "utf8" }).stdout) as number[];
  console.log(`example deck, rebuilt in a warm process (build --watch): ${median(warm).toFixed(0)} ms median`);
  const batch = join(dir, "batch");
  mkdirSync(batch);
  for (let i = 1; i <= 20; i++) copyFileSync(example, join(batch, `deck${i}.md`));
  const serial = median(Array.from({ length: RUNS }, () => timeCli(["build", batch, "--out", join(dir, "out1")], { DECKWRIGHT_WORKERS: "1" }).seconds));
  const threads = Math.max(2, availableParallelism());
  const parallel = median(Array.from({ length: RUNS }, () => timeCli(["build", batch, "--out", join(dir, "out2")], { DECKWRIGHT_WORKERS: String(threads) }).seconds));
  console.log(`20 decks: ${serial.toFixed(2)} s serially, ${parallel.toFixed(2)} s on ${threads} worker threads`);
  // Pictures (bench/pictures.ts): a large draw.io SVG on many slides costs about what it costs once.
  const pictureDir = join(dir, "pictures");
  mkdirSync(pictureDir);
  const decks = pictureDecks(pictureDir);
  const once = median(Array.from({ length: RUNS }, () => timeCli(["build", decks.once, "--out", pictureDir]).seconds));
  const many = median(Array.from({ length: RUNS }, () => timeCli(["build", decks.many, "--out", pictureDir]).seconds));
  const pandocMany = pandoc ? median(Array.from({ length: RUNS }, () => timePandoc(decks.many, pictureDir).seconds)) : null;
  const versusPandoc = pandocMany === null ? "" : `, pandoc ${pandocMany.toFixed(2)} s (${(many / pandocMany).toFixed(1)}× pandoc)`;
  console.log(`a ${(decks.svgBytes / 1024).toFixed(0)} KB draw.io SVG on ${PICTURE_USES} slides: ${many.toFixed(2)} s, once ${once.toFixed(2)} s (${(many / once).toFixed(2)}× once)${versusPandoc}`);
  console.log("");
  // Hostile inputs (docs/reliability.md): bounded in the tests, measured here.
  const pandocExample = pandoc ? median(Array.from({ length: RUNS }, () => timePandoc(example, dir).seconds)) : null;
  console.log(`hostile inputs, one new process each (pandoc on the example deck: ${pandocExample === null ? "–" : `${pandocExample.toFixed(2)} s`}):`);
  console.log("");
  console.log("| input | exit | deckwright s | ÷ pandoc on the example | peak RSS MB |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const bench of hostileBenches(join(dir, "hostile"))) {
    const result = runCli(bench.args);
    const ratio = pandocExample === null ? "–" : `${(result.seconds / pandocExample).toFixed(1)}×`;
    console.log(`| ${bench.name} | ${result.code} | ${result.seconds.toFixed(2)} | ${ratio} | ${(result.maxRssKb / 1024).toFixed(0)} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The CLI in a new process, whatever its exit code, with its peak memory. */
function runCli(args: string[]): { seconds: number; code: number; maxRssKb: number } {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [CHILD, ...args], { encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "0" } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const report = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as { code?: number; maxRssKb?: number };
  return { seconds, code: report.code ?? child.status ?? -1, maxRssKb: report.maxRssKb ?? 0 };
}

function timeCli(args: string[], env: Record<string, string> = {}): { seconds: number } {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [CHILD, ...args], { encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "0", ...env } });
  if (child.status !== 0) throw new Error(`deckwright failed: ${child.stderr}`);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}
