/**
 * Pictures cost what they must (issue 14): a large draw.io-like SVG (an SVG nested in an SVG as
 * a data: URL, a grid of labelled boxes) shown on many slides, against the same deck showing it
 * once. Each fallback is drawn once per (SVG, pixel size), so the ratio should stay near 1.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** How many slides show the SVG in the "many" deck. */
export const PICTURE_USES = 30;

/** A diagram of `rows` × `columns` labelled boxes with arrows, wrapped as draw.io wraps it. */
export function largeSvg(rows = 40, columns = 30): string {
  const w = columns * 120;
  const h = rows * 60;
  const cells: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const x = c * 120 + 10;
      const y = r * 60 + 10;
      cells.push(
        `<rect x="${x}" y="${y}" width="100" height="40" rx="6" fill="#dae8fc" stroke="#6c8ebf"/>` +
          `<text x="${x + 50}" y="${y + 25}" font-size="12" font-family="DejaVu Sans, sans-serif" text-anchor="middle">Step ${r}.${c}</text>` +
          (c + 1 < columns ? `<path d="M${x + 100} ${y + 20} L${x + 120} ${y + 20}" stroke="#000"/>` : ""),
      );
    }
  }
  const inner = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${cells.join("")}</svg>`;
  const url = `data:image/svg+xml;base64,${Buffer.from(inner).toString("base64")}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><image xlink:href="${url}" width="${w}" height="${h}"/></svg>`;
}

/** Writes the SVG and two decks into `dir`: it shown once, and on PICTURE_USES slides. */
export function pictureDecks(dir: string): { once: string; many: string; svgBytes: number } {
  const svg = largeSvg();
  writeFileSync(join(dir, "diagram.svg"), svg);
  // By its full path, which pandoc (run from elsewhere) finds too.
  const slide = (i: number) => `## Diagram ${i}\n\n![The whole flow](${join(dir, "diagram.svg")})\n`;
  const once = join(dir, "once.md");
  const many = join(dir, "many.md");
  writeFileSync(once, `# Pictures\n\n${slide(1)}`);
  writeFileSync(many, `# Pictures\n\n${Array.from({ length: PICTURE_USES }, (_, i) => slide(i + 1)).join("\n")}`);
  return { once, many, svgBytes: Buffer.byteLength(svg) };
}
