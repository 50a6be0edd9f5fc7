import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join } from "node:path";
import { promisify } from "node:util";
import { buildDate, buildFile } from "../../build.js";
import { formatDiagnostic } from "../../diagnostics/format.js";
import { imageInfo } from "../../images/size.js";
import { EXIT } from "../exitCodes.js";
import { useColor, type Io } from "../io.js";
import { onPath } from "../tools.js";

const exec = promisify(execFile);

/** A contact sheet: the thumbnails in a grid of four columns on a grey ground, drawn with resvg. */
async function contactSheet(pngs: string[], target: string): Promise<void> {
  const first = imageInfo(await readFile(pngs[0] ?? ""));
  const [w, h] = "error" in first ? [480, 270] : [first.width, first.height];
  const columns = Math.min(4, pngs.length);
  const gap = 16;
  const rows = Math.ceil(pngs.length / columns);
  const width = columns * w + (columns + 1) * gap;
  const height = rows * h + (rows + 1) * gap;
  const images = await Promise.all(
    pngs.map(async (png, i) => {
      const x = gap + (i % columns) * (w + gap);
      const y = gap + Math.floor(i / columns) * (h + gap);
      const data = (await readFile(png)).toString("base64");
      return `<image x="${x}" y="${y}" width="${w}" height="${h}" href="data:image/png;base64,${data}"/>`;
    }),
  );
  // resvg (a native addon) is loaded here, not by every command the CLI runs.
  const { Resvg } = await import("@resvg/resvg-js");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#8A8F98"/>${images.join("")}</svg>`;
  await writeFile(target, new Resvg(svg).render().asPng());
}

/**
 * `deckwright preview <deck.md|deck.pptx> [--out DIR]`: PNG thumbnails of every slide and a
 * contact sheet, rendered by LibreOffice (soffice) and pdftoppm. Says how to install them when
 * they are missing (exit 3). A Markdown file is built first, in a temporary folder.
 */
export async function preview(io: Io, input: string, out: string | undefined): Promise<number> {
  const soffice = onPath("soffice", io.env);
  const pdftoppm = onPath("pdftoppm", io.env);
  if (!soffice || !pdftoppm) {
    const missing = [soffice ? null : "LibreOffice (soffice)", pdftoppm ? null : "pdftoppm"].filter((m) => m !== null).join(" and ");
    io.stderr(`deckwright: error preview needs ${missing}, which are not installed [preview-unavailable]\n  Debian/Ubuntu: apt-get install libreoffice-impress poppler-utils; macOS: brew install --cask libreoffice && brew install poppler\n`);
    return EXIT.io;
  }
  const work = await mkdtemp(join(tmpdir(), "deckwright-preview-"));
  try {
    const name = basename(input, extname(input));
    let deck = input;
    if (extname(input).toLowerCase() === ".md") {
      const result = await buildFile(input, work, { modified: buildDate(io.env) });
      for (const d of result.diagnostics) io.stderr(`${formatDiagnostic(d, { color: useColor(io) })}\n`);
      if (!result.output) return EXIT.inputErrors;
      deck = result.output;
    } else {
      await copyFile(input, join(work, `${name}.pptx`));
      deck = join(work, `${name}.pptx`);
    }
    const profile = `file://${join(work, "profile")}`;
    await exec(soffice, [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", work, deck], { timeout: 300_000 });
    const target = out ?? dirname(input);
    await mkdir(target, { recursive: true });
    await exec(pdftoppm, ["-png", "-scale-to", "960", join(work, `${name}.pdf`), join(target, name)], { timeout: 300_000 });
    const pngs = (await readdir(target)).filter((f) => f.startsWith(`${name}-`) && /-\d+\.png$/.test(f)).sort().map((f) => join(target, f));
    const sheet = join(target, `${name}-sheet.png`);
    await contactSheet(pngs, sheet);
    io.stdout(`${pngs.length} ${pngs.length === 1 ? "slide" : "slides"} → ${target}/${name}-N.png, contact sheet ${sheet}\n`);
    return EXIT.ok;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
