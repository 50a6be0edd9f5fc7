/** A generated outline of `slides` content slides: a title and five bullets with inline formatting each, a table every tenth. */
export function benchOutline(slides: number): string {
  const lines = ["---", `title: Benchmark deck of ${slides} slides`, "---", ""];
  for (let i = 1; i <= slides; i++) {
    lines.push(`## Slide ${i}: results and next steps`, "");
    if (i % 10 === 0) {
      lines.push("| Region | Customers | Growth |", "|:--|--:|--:|");
      for (let r = 1; r <= 5; r++) lines.push(`| Region ${r} | ${(r * i * 37) % 9000} | ${(r * 3) % 17}% |`);
    } else {
      lines.push(
        `- The **first** point of slide ${i}, with *emphasis*`,
        "- A second point with `inline code` and [a link](https://example.com/docs)",
        "- A third point that is a little longer than the others, so that it sometimes wraps onto a second line",
        "- A fourth point, ~~struck~~ and replaced",
        "- A fifth point to close the slide",
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}

/**
 * Decks whose every slide makes the fit stage work (issue 14: fitting should cost about the same
 * per slide whatever it has to do): `shrink`, eight bullets with a bold run and a link that need
 * one step smaller; `continue`, a list too long for one slide at the smallest size, so each slide
 * continues onto another.
 */
export function fittingOutline(slides: number, kind: "shrink" | "continue"): string {
  const lines = ["---", `title: Fitting deck of ${slides} slides`, "---", ""];
  for (let i = 1; i <= slides; i++) {
    lines.push(`## Slide ${i}: what the fit stage does`, "");
    const bullets = kind === "shrink" ? 8 : 22;
    for (let b = 1; b <= bullets; b++) {
      lines.push(`- Point ${b} of slide ${i} is **bold in part** and links to [the notes](https://example.com/${i}/${b}), with words to wrap`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
