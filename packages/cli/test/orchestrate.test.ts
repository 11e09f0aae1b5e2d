import type { StackName } from "@platform/wiring";
import { UserError } from "../src/errors";
import { orchestrate, renderRunSummary } from "../src/orchestrate/orchestrate";
import type { Operation, RunOutcome, StackRunner, StackTarget } from "../src/orchestrate/types";

/** A runner that records what it was asked to do; stacks in `failing` throw, `neverDeployed` report no deployment. */
function fakeRunner(options: { failing?: StackName[]; neverDeployed?: StackName[]; userError?: StackName } = {}) {
  const calls: { operation: Operation; target: StackTarget }[] = [];
  const runner: StackRunner = {
    isDeployed: async (stack) => !(options.neverDeployed ?? []).includes(stack),
    run: async (operation, target): Promise<RunOutcome> => {
      calls.push({ operation, target });
      if (target.stack === options.userError) throw new UserError("the Pulumi CLI is not installed");
      if ((options.failing ?? []).includes(target.stack)) throw new Error(`code: 255\nstderr: error: ${target.stack} exploded\nmore detail`);
      return { resourceChanges: { create: target.stack.length, same: 3 } };
    },
  };
  return { runner, calls };
}

const ALL: StackName[] = ["edge", "app", "bootstrap", "network", "security"];
const plan = (operation: Operation, stacks: StackName[] = ALL) => ({ operation, env: "dev", stacks, eventLogFor: (s: StackName) => `/logs/dev/${s}.jsonl` });

test("up runs stacks in graph order whatever order they were asked in, each with its event log", async () => {
  const { runner, calls } = fakeRunner();
  const results = await orchestrate(plan("up"), runner, () => undefined);
  expect(calls.map((c) => c.target.stack)).toEqual(["bootstrap", "security", "network", "app", "edge"]);
  expect(calls[2].target).toEqual({ stack: "network", env: "dev", eventLog: "/logs/dev/network.jsonl" });
  expect(results.every((r) => r.status === "succeeded")).toBe(true);
});

test("destroy runs in reverse graph order", async () => {
  const { runner, calls } = fakeRunner();
  await orchestrate(plan("destroy", ["security", "app"]), runner, () => undefined);
  expect(calls.map((c) => `${c.operation}:${c.target.stack}`)).toEqual(["destroy:app", "destroy:security"]);
});

test("the first failure stops the run and every later stack is listed as not run", async () => {
  const { runner, calls } = fakeRunner({ failing: ["network"] });
  const results = await orchestrate(plan("up"), runner, () => undefined);
  expect(calls.map((c) => c.target.stack)).toEqual(["bootstrap", "security", "network"]);
  expect(results.map((r) => `${r.stack}:${r.status}`)).toEqual(["bootstrap:succeeded", "security:succeeded", "network:failed", "app:not run", "edge:not run"]);
  expect(results[2].detail).toBe("stderr: error: network exploded");
  expect(renderRunSummary(results)).toBe("2 of 5 stack(s) succeeded.\nFailed: network.\nDid not run: app, edge.\n");
});

test("in preview, stacks whose upstream was never deployed wait instead of failing the run", async () => {
  const { runner, calls } = fakeRunner({ neverDeployed: ["network", "app"] });
  const lines: string[] = [];
  const results = await orchestrate(plan("preview"), runner, (l) => lines.push(l));
  expect(calls.map((c) => c.target.stack)).toEqual(["bootstrap", "security", "network"]);
  expect(results.find((r) => r.stack === "app")).toMatchObject({ status: "waiting", detail: expect.stringMatching(/^waiting for network /) });
  expect(results.find((r) => r.stack === "edge")).toMatchObject({ status: "waiting", detail: expect.stringMatching(/^waiting for network, app /) });
  expect(lines.filter((l) => l.includes("edge"))).toEqual([expect.stringContaining("platform up --env dev --stack network,app")]);
});

test("up does not wait for upstreams: it deploys them first in the same run", async () => {
  const { runner, calls } = fakeRunner({ neverDeployed: ["security", "network", "app"] });
  await orchestrate(plan("up"), runner, () => undefined);
  expect(calls).toHaveLength(5);
});

test("each stack gets a progress line with its position and its change counts", async () => {
  const { runner } = fakeRunner();
  const lines: string[] = [];
  await orchestrate(plan("preview", ["security"]), runner, (l) => lines.push(l));
  expect(lines).toEqual(["[1/1] security (dev): previewing…", "[1/1] security (dev): ✓ 8 create"]);
});

test("a user error from the runner (such as a missing Pulumi CLI) aborts the whole run", async () => {
  const { runner } = fakeRunner({ userError: "security" });
  await expect(orchestrate(plan("up"), runner, () => undefined)).rejects.toThrow("the Pulumi CLI is not installed");
});
