import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { StackName } from "@platform/wiring";
import { DRIFT_EXIT_CODE, driftLogDir, runDrift } from "../src/drift/run-drift";
import type { Operation, RunSettings, StackRunner, StackTarget } from "../src/orchestrate/types";

// Refresh event logs recorded by the real engine (pulumi/pulumi lifecycle tests; SOURCES.md).
const FIXTURES = path.resolve(__dirname, "fixtures/pulumi-events");
const DRIFTED = "refresh-preview-drift-update-delete.jsonl";
const CLEAN = "refresh-preview-no-drift.jsonl";
const FAILED = "refresh-failed-read.jsonl";

/** Plays a recorded log per stack as if the engine ran it: writes it to the event log, then succeeds or throws as the engine did. */
function replayRunner(logs: Partial<Record<StackName, string>>, neverDeployed: StackName[] = []) {
  const calls: string[] = [];
  const runner: StackRunner = {
    isDeployed: async (stack) => !neverDeployed.includes(stack),
    run: async (operation: Operation, target: StackTarget, settings: RunSettings) => {
      calls.push(`${operation}:${target.stack}:${settings.previewOnly}`);
      const text = fs.readFileSync(path.join(FIXTURES, logs[target.stack] ?? CLEAN), "utf8");
      fs.mkdirSync(path.dirname(target.eventLog), { recursive: true });
      fs.writeFileSync(target.eventLog, text);
      const summary = text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { summaryEvent?: { result: string; resourceChanges: Record<string, number> } }).find((e) => e.summaryEvent)?.summaryEvent;
      if (summary?.result === "failed") throw new Error("code: 255\nstderr: error: read failure");
      return { resourceChanges: summary?.resourceChanges ?? {} };
    },
  };
  return { runner, calls };
}

let root: string;
beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "platform-drift-"))));
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const drift = (runner: StackRunner, stacks: StackName[] = ["security", "network", "app"]) => runDrift({ root, env: "dev", stacks, runner, progress: () => undefined, runUrl: "https://github.com/o/r/actions/runs/1" });

test("a drifted stack makes exit 3 and a report of what changed and what is gone, from the same report code", async () => {
  const { runner, calls } = replayRunner({ app: DRIFTED });
  const result = await drift(runner);
  expect(calls).toEqual(["refresh:security:true", "refresh:network:true", "refresh:app:true"]);
  expect(result.exitCode).toBe(DRIFT_EXIT_CODE);
  expect(result.drifted).toEqual(["app"]);
  expect(result.markdown).toMatch(/^## Drift \(dev\)\n/);
  expect(result.markdown).toContain("| app | ✅ succeeded | 0 | **1** | 0 | **2** | 3 | 0 | 0 |");
  expect(result.markdown).toContain("<strong>app</strong>: 1 changed outside Pulumi, 2 deleted outside Pulumi");
  expect(result.markdown).toContain("| update | `resA` | `pkgA:m:typA` | `oof` |");
  expect(result.markdown).toContain("Run: https://github.com/o/r/actions/runs/1");
  expect(fs.readdirSync(driftLogDir(root, "dev")).sort()).toEqual(["app.jsonl", "network.jsonl", "security.jsonl"]);
});

test("no drift anywhere is exit 0 and a short report saying so", async () => {
  const result = await drift(replayRunner({}).runner);
  expect(result.exitCode).toBe(0);
  expect(result.drifted).toEqual([]);
  expect(result.markdown).toMatch(/^## Drift \(dev\)\n\nNo drift: every deployed stack matches its state\./);
});

test("a failed refresh is exit 1 (not drift, not clean), and the other stacks are still checked and reported", async () => {
  const { runner, calls } = replayRunner({ network: FAILED, app: DRIFTED });
  const result = await drift(runner);
  expect(result.exitCode).toBe(1);
  expect(calls).toEqual(["refresh:security:true", "refresh:network:true", "refresh:app:true"]);
  expect(result.results.map((r) => r.status)).toEqual(["succeeded", "failed", "succeeded"]);
  expect(result.drifted).toEqual(["app"]);
  expect(result.markdown).toContain("read failure for urn:pulumi:test-stack::test-project::pkgA:m:typA::resA");
});

test("a stack never deployed in the environment has nothing to drift and is not refreshed", async () => {
  const { runner, calls } = replayRunner({}, ["app"]);
  const result = await drift(runner);
  expect(calls).not.toContain("refresh:app:true");
  expect(result.results.find((r) => r.stack === "app")?.status).toBe("not deployed");
  expect(result.exitCode).toBe(0);
});
