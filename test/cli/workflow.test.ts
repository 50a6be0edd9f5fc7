import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COMMANDS, FLAGS } from "../../src/cli/run.js";
import { REPO_ROOT } from "../support/fixtures.js";

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: { run?: string; uses?: string }[] }>;
}

describe("examples/github-workflow.yml", () => {
  const workflow = parse(readFileSync(join(REPO_ROOT, "examples", "github-workflow.yml"), "utf8")) as Workflow;
  const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run).filter((r): r is string => r !== undefined));

  it("is a workflow for pull requests and pushes", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
  });

  it("runs only deckwright commands and options that exist", () => {
    const calls = runs.flatMap((r) => r.split("\n")).filter((line) => line.includes("deckwright ") && !line.includes("npm install"));
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const call of calls) {
      const [, command = "", ...rest] = call.trim().replace(/^npx /, "").split(/\s+/);
      expect(COMMANDS).toContain(command);
      for (const option of rest.filter((a) => a.startsWith("--"))) expect(FLAGS).toContain(option.slice(2));
    }
  });
});
