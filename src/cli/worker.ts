/** A worker thread of a batch build: builds the files it is sent, one at a time. */
import { parentPort } from "node:worker_threads";
import { buildFile } from "../build.js";
import type { CompileOptions } from "../pipeline.js";

interface Job {
  id: number;
  file: string;
  outDir: string;
  options: Omit<CompileOptions, "modified"> & { modified: number };
}

parentPort?.on("message", (job: Job) => {
  buildFile(job.file, job.outDir, { ...job.options, modified: new Date(job.options.modified) }).then(
    (result) => parentPort?.postMessage({ id: job.id, result }),
    (error: unknown) => {
      const e = error as NodeJS.ErrnoException;
      parentPort?.postMessage({ id: job.id, error: { message: e.message, code: e.code, syscall: e.syscall, stack: e.stack } });
    },
  );
});
