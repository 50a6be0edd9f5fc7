import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { buildFile, type BuildFileResult } from "../build.js";
import type { CompileOptions } from "../pipeline.js";

export interface BatchJob {
  file: string;
  outDir: string;
  options: CompileOptions;
}

/** The worker script, when deckwright runs compiled (a .ts source, as in tests, builds in this thread). */
const WORKER = new URL("./worker.js", import.meta.url);
const COMPILED = import.meta.url.endsWith(".js");

/**
 * How many threads a batch uses: DECKWRIGHT_WORKERS when set, else one per core on machines with
 * four cores or more. Each thread loads deckwright and its fonts (~0.3 s), and on two cores the
 * collector already uses the second one: measured there, 20 small decks took 1.42 s on two
 * threads against 1.07 s on one, and 8 decks of 200 slides 3.13 s against 2.92 s (docs/performance.md).
 */
export function workerCount(jobs: number, env: NodeJS.ProcessEnv): number {
  const asked = Number(env.DECKWRIGHT_WORKERS);
  const cores = availableParallelism();
  const threads = Number.isInteger(asked) && asked > 0 ? asked : cores >= 4 ? cores : 1;
  return COMPILED ? Math.max(1, Math.min(jobs, threads)) : 1;
}

/**
 * Builds many decks at once on worker threads, one per core; results come back in the order of
 * the jobs. With one thread (one deck, DECKWRIGHT_WORKERS=1, or running from source) it builds
 * in this thread.
 */
export function buildMany(jobs: BatchJob[], threads: number): Promise<PromiseSettledResult<BuildFileResult>>[] {
  if (threads <= 1) {
    // One after another, as the caller awaits them.
    let previous: Promise<unknown> = Promise.resolve();
    return jobs.map((job) => {
      const next = previous.then(() => buildFile(job.file, job.outDir, job.options));
      previous = next.catch(() => undefined);
      return settle(next);
    });
  }
  const results = jobs.map(() => deferred<PromiseSettledResult<BuildFileResult>>());
  let nextJob = 0;
  const workers = Array.from({ length: threads }, () => new Worker(WORKER));
  const send = (worker: Worker) => {
    const id = nextJob++;
    const job = jobs[id];
    if (!job) {
      void worker.terminate();
      return;
    }
    worker.postMessage({ id, file: job.file, outDir: job.outDir, options: { ...job.options, modified: job.options.modified.getTime() } });
  };
  for (const worker of workers) {
    worker.on("message", (message: { id: number; result?: BuildFileResult; error?: { message: string; code?: string; syscall?: string; stack?: string } }) => {
      const target = results[message.id];
      if (message.error) target?.resolve({ status: "rejected", reason: Object.assign(new Error(message.error.message), message.error) });
      else if (message.result) target?.resolve({ status: "fulfilled", value: message.result });
      send(worker);
    });
    worker.on("error", (error) => {
      for (const r of results) r.resolve({ status: "rejected", reason: error });
    });
    send(worker);
  }
  return results.map((r) => r.promise);
}

function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: "fulfilled" as const, value }),
    (reason: unknown) => ({ status: "rejected" as const, reason }),
  );
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
