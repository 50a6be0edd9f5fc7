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
