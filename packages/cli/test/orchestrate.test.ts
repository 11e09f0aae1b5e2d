import type { StackName } from "@platform/wiring";
import { UserError } from "../src/errors";
import { confirmationFor } from "../src/orchestrate/confirm";
import { failureSummary, orchestrate, renderRunSummary, runExitCode } from "../src/orchestrate/orchestrate";
import type { Operation, RunOutcome, RunSettings, StackRunner, StackTarget } from "../src/orchestrate/types";
import { glyphsFor } from "../src/terminal";

/** A runner that records what it was asked to do; stacks in `failing` throw, `neverDeployed` report no deployment. */
function fakeRunner(options: { failing?: StackName[]; neverDeployed?: StackName[]; userError?: StackName; output?: string[] } = {}) {
  const calls: { operation: Operation; target: StackTarget; previewOnly: boolean }[] = [];
  const runner: StackRunner = {
    isDeployed: async (stack) => !(options.neverDeployed ?? []).includes(stack),
    run: async (operation, target, settings: RunSettings): Promise<RunOutcome> => {
      calls.push({ operation, target, previewOnly: settings.previewOnly });
      (options.output ?? []).forEach((line) => settings.onOutput(line));
      if (target.stack === options.userError) throw new UserError("the Pulumi CLI is not installed");
      if ((options.failing ?? []).includes(target.stack)) throw new Error(`code: 255\nstderr: error: ${target.stack} exploded\nmore detail`);
      return { resourceChanges: { create: target.stack.length, same: 3 } };
    },
  };
  return { runner, calls };
}

const ALL: StackName[] = ["edge", "app", "bootstrap", "network", "security"];
const plan = (operation: Operation, stacks: StackName[] = ALL) => ({ operation, env: "dev", stacks, eventLogFor: (s: StackName) => `/logs/dev/${s}.jsonl` });
const UNICODE = glyphsFor({ LANG: "C.UTF-8" });

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
  const results = await orchestrate(plan("preview"), runner, (l) => lines.push(l), UNICODE);
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
  await orchestrate(plan("preview", ["security"]), runner, (l) => lines.push(l), UNICODE);
  expect(lines).toEqual(["[1/1] security (dev): previewing…", "[1/1] security (dev): ✓ 8 create"]);
});

test("a user error from the runner (such as a missing Pulumi CLI) aborts the whole run", async () => {
  const { runner } = fakeRunner({ userError: "security" });
  await expect(orchestrate(plan("up"), runner, () => undefined)).rejects.toThrow("the Pulumi CLI is not installed");
});

describe("up and destroy ask before changing anything", () => {
  test("with a confirm, each stack is previewed, then changed only after a yes", async () => {
    const { runner, calls } = fakeRunner();
    const asked: string[] = [];
    const results = await orchestrate({ ...plan("up", ["security", "network"]), confirm: async (q) => (asked.push(q), true) }, runner, () => undefined);
    expect(calls.map((c) => `${c.operation}:${c.target.stack}:${c.previewOnly ? "preview" : "apply"}`)).toEqual([
      "up:security:preview", "up:security:apply", "up:network:preview", "up:network:apply",
    ]);
    expect(asked).toEqual(["Deploy these changes to security (dev)?", "Deploy these changes to network (dev)?"]);
    expect(results.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
  });

  test("a no stops the run before that stack changes; later stacks do not run and the exit code is 1", async () => {
    const { runner, calls } = fakeRunner();
    const results = await orchestrate({ ...plan("destroy", ["security", "network", "app"]), confirm: async (q) => !q.includes("network") }, runner, () => undefined);
    expect(calls.map((c) => `${c.target.stack}:${c.previewOnly ? "preview" : "apply"}`)).toEqual(["app:preview", "app:apply", "network:preview"]);
    expect(results.map((r) => `${r.stack}:${r.status}`)).toEqual(["app:succeeded", "network:declined", "security:not run"]);
    expect(runExitCode("destroy", results).code).toBe(1);
  });

  test("without --yes and without a terminal, up and destroy are refused before anything runs, naming --yes", () => {
    const ask = async () => true;
    expect(() => confirmationFor("up", { yes: false, interactive: false }, ask)).toThrow(UserError);
    expect(() => confirmationFor("destroy", { yes: false, interactive: false }, ask)).toThrow(/no terminal to answer.*pass --yes/);
    expect(confirmationFor("up", { yes: false, interactive: true }, ask)).toBe(ask);
    expect(confirmationFor("up", { yes: true, interactive: false }, ask)).toBeUndefined();
    expect(confirmationFor("preview", { yes: false, interactive: false }, ask)).toBeUndefined();
  });
});

describe("the engine's output and errors reach the user", () => {
  test("every line the engine prints is streamed under the stack's name, not summarised to one line", async () => {
    const { runner } = fakeRunner({ output: ["Previewing update (dev):", " +  aws:s3/bucket:Bucket logs create"] });
    const lines: string[] = [];
    await orchestrate(plan("preview", ["security"]), runner, (l) => lines.push(l), UNICODE);
    expect(lines).toEqual([
      "[1/1] security (dev): previewing…",
      "  security │ Previewing update (dev):",
      "  security │  +  aws:s3/bucket:Bucket logs create",
      "[1/1] security (dev): ✓ 8 create",
    ]);
  });

  test("every error line of a failure is kept, not the first three", () => {
    const message = ["code: 255", "stderr: error: one", "error: two", "error: three", "error: four", "    error: update failed"].join("\n");
    expect(failureSummary(new Error(message)).split("\n")).toEqual(["stderr: error: one", "error: two", "error: three", "error: four", "error: update failed"]);
  });
});

test("a preview in which every stack waits previewed nothing and exits 1 with the reason", async () => {
  const { runner } = fakeRunner({ neverDeployed: ["security"] });
  const results = await orchestrate(plan("preview", ["network"]), runner, () => undefined);
  expect(results.map((r) => r.status)).toEqual(["waiting"]);
  expect(runExitCode("preview", results)).toEqual({ code: 1, message: expect.stringContaining("nothing was previewed") });
  expect(runExitCode("preview", [...results, { stack: "security", status: "succeeded", detail: "" }]).code).toBe(0);
});

test("a refresh (drift) runs as a preview only and skips stacks that were never deployed", async () => {
  const { runner, calls } = fakeRunner({ neverDeployed: ["edge"] });
  const results = await orchestrate(plan("refresh", ["app", "edge"]), runner, () => undefined);
  expect(calls.map((c) => `${c.operation}:${c.target.stack}:${c.previewOnly}`)).toEqual(["refresh:app:true"]);
  expect(results.map((r) => r.status)).toEqual(["succeeded", "not deployed"]);
});

test("on a terminal without UTF-8 (TERM=dumb, LANG=C) progress lines use ASCII", async () => {
  for (const env of [{ TERM: "dumb", LANG: "en_US.UTF-8" }, { LANG: "C" }, { LC_ALL: "POSIX", LANG: "en_US.UTF-8" }]) {
    const { runner } = fakeRunner({ failing: ["security"] });
    const lines: string[] = [];
    await orchestrate(plan("preview", ["security"]), runner, (l) => lines.push(l), glyphsFor(env));
    expect(lines.join("\n")).toMatch(/^[\x20-\x7e\n]*$/);
    expect(lines.at(-1)).toContain("FAILED failed:");
  }
});

test("the terminal decides: UTF-8 locales draw symbols, TERM=dumb, the Linux console and C/POSIX locales get ASCII; LC_ALL wins over LANG", () => {
  const unicode = (env: Record<string, string>) => glyphsFor(env).ok === "✓";
  expect(unicode({ LANG: "en_US.UTF-8" })).toBe(true);
  expect(unicode({ LC_ALL: "C.utf8", LANG: "C" })).toBe(true);
  expect(unicode({ TERM: "dumb", LANG: "en_US.UTF-8" })).toBe(false);
  expect(unicode({ TERM: "linux", LANG: "en_US.UTF-8" })).toBe(false);
  expect(unicode({ LANG: "C" })).toBe(false);
  expect(unicode({ LC_ALL: "POSIX", LANG: "en_US.UTF-8" })).toBe(false);
  expect(Object.values(glyphsFor({ TERM: "dumb" })).join("")).toMatch(/^[\x20-\x7e]*$/);
});
