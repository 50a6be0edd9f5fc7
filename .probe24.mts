import { parse } from "./src/parse/parse.ts";
import { Diagnostics } from "./src/diagnostics/diagnostics.ts";
const time = (f: () => unknown) => { const t = performance.now(); f(); return performance.now() - t; };
const slides = (n: number) => "## S\n\n- p\n\n".repeat(n);
const paras = (n: number) => "## S\n\n" + "p\n\n".repeat(n);
for (const [name, g] of [["slides", slides], ["paras", paras]] as const) {
  parse(g(500), "x.md", new Diagnostics("x.md"));
  for (const n of [500, 5000, 10000]) console.log(name, n, time(() => parse(g(n), "x.md", new Diagnostics("x.md"))).toFixed(0));
}
