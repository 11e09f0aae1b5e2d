import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PulumiCommand } from "@pulumi/pulumi/automation";
import { automationRunner } from "../src/runner/automation";
import { lineSplitter } from "../src/runner/lines";

const FIXTURES = path.resolve(__dirname, "fixtures/pulumi-events");
// The class the Automation API keeps the CLI's version in. Up to 3.205 it has the CLI write events to
// a file (--event-log <file>) and tails it; later CLIs stream them over gRPC instead.
const { SemVer } = require("semver") as { SemVer: new (version: string) => object };

/**
 * The real Automation API over a fake `pulumi` binary: every command line the API builds is
 * recorded, and the refresh "runs" by writing a recorded engine event log where the API asked
 * for it (`--event-log`) and printing its display in arbitrary chunks, as the CLI does.
 */
function fakePulumi(log: string, display: string[]) {
  const calls: string[][] = [];
  const command = {
    command: "pulumi",
    version: new SemVer("3.200.0"),
    run: async (args: string[], _cwd: string, _env: Record<string, string>, onOutput?: (s: string) => void) => {
      calls.push(args);
      const at = args.indexOf("--event-log");
      if (at >= 0) fs.writeFileSync(args[at + 1], fs.readFileSync(path.join(FIXTURES, log)));
      display.forEach((chunk) => onOutput?.(chunk));
      // After up and destroy the API reads the update's summary and the outputs as JSON.
      if (args[0] === "stack" && args[1] === "history") return { stdout: JSON.stringify([{ version: 1, kind: "update", result: "succeeded", startTime: "", message: "", environment: {}, config: {} }]), stderr: "", code: 0 };
      if (args[0] === "stack" && args[1] === "output") return { stdout: "{}", stderr: "", code: 0 };
      return { stdout: display.join(""), stderr: "", code: 0 };
    },
  };
  return { command: command as unknown as PulumiCommand, calls };
}

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "platform-runner-"));
  fs.mkdirSync(path.join(root, "stacks/app"), { recursive: true });
  fs.writeFileSync(path.join(root, "stacks/app/Pulumi.yaml"), "name: platform-app\nruntime: nodejs\n");
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test("drift runs `pulumi refresh --preview-only` on the selected stack, keeps every engine event and streams whole display lines", async () => {
  const { command, calls } = fakePulumi("refresh-preview-drift-update-delete.jsonl", ["Previewing refresh (dev):\n  ~ pkgA:m:typA resA up", "date\n  - pkgA:m:typA resC delete\n", "Resources: 1 to update"]);
  const lines: string[] = [];
  const eventLog = path.join(root, ".platform/drift/dev/app.jsonl");
  const outcome = await automationRunner(root, command, { color: false }).run("refresh", { stack: "app", env: "dev", eventLog }, { previewOnly: true, onOutput: (l) => lines.push(l) });
  const refresh = calls.find((c) => c[0] === "refresh") ?? [];
  expect(refresh.slice(0, 2)).toEqual(["refresh", "--preview-only"]);
  expect(refresh).toEqual(expect.arrayContaining(["--color", "never"]));
  expect(refresh).not.toContain("--expect-no-changes");
  expect(calls.some((c) => c[0] === "stack" && c[1] === "init")).toBe(false);
  expect(outcome.resourceChanges).toEqual({ delete: 2, same: 3, update: 1 });
  expect(fs.readFileSync(eventLog, "utf8").trim().split("\n")).toHaveLength(15);
  expect(lines).toEqual(["Previewing refresh (dev):", "  ~ pkgA:m:typA resA update", "  - pkgA:m:typA resC delete", "Resources: 1 to update"]);
});

test("the line splitter joins chunks into lines, handles CRLF, and flushes a last line without a newline", () => {
  const lines: string[] = [];
  const split = lineSplitter((l) => lines.push(l));
  ["a", "b\r\nc\n", "", "d"].forEach((c) => split.write(c));
  expect(lines).toEqual(["ab", "c"]);
  split.flush();
  expect(lines).toEqual(["ab", "c", "d"]);
});

test.each([
  ["up", true, ["preview"], ["--policy-pack"]],
  ["up", false, ["up", "--yes", "--skip-preview"], ["--policy-pack"]],
  ["destroy", true, ["destroy", "--preview-only"], []],
  ["destroy", false, ["destroy", "--yes", "--skip-preview"], []],
] as const)("%s with previewOnly=%s runs `pulumi %j`", async (operation, previewOnly, head, flags) => {
  const { command, calls } = fakePulumi("refresh-preview-no-drift.jsonl", []);
  const eventLog = path.join(root, `.platform/events/dev/app-${operation}-${previewOnly}.jsonl`);
  await automationRunner(root, command, { color: true }).run(operation, { stack: "app", env: "dev", eventLog }, { previewOnly, onOutput: () => undefined });
  const run = calls.find((c) => c[0] === head[0]) ?? [];
  expect(run.slice(0, head.length)).toEqual([...head]);
  expect(run).toEqual(expect.arrayContaining([...flags]));
  expect(run).not.toContain("never");
});

describe("a stack that does not exist yet", () => {
  // What the CLI answers `pulumi stack select` for a missing stack: exit 255 and this stderr, which
  // the Automation API turns into a StackNotFoundError (automation/errors.ts, notFoundRegex).
  const { CommandResult } = require("@pulumi/pulumi/automation/cmd") as { CommandResult: new (stdout: string, stderr: string, code: number) => object };
  const { createCommandError } = require("@pulumi/pulumi/automation/errors") as { createCommandError: (r: object) => Error };
  function missingStackPulumi() {
    const calls: string[][] = [];
    const command = {
      command: "pulumi",
      version: new SemVer("3.200.0"),
      run: async (args: string[]) => {
        calls.push(args);
        if (args[0] === "stack" && args[1] === "select") throw createCommandError(new CommandResult("", "error: no stack named 'dev' found", 255));
        return { stdout: "", stderr: "", code: 0 };
      },
    };
    return { command: command as unknown as PulumiCommand, calls };
  }

  test.each(["preview", "up", "refresh"] as const)("%s is refused with the command that creates it with the bootstrap's secrets provider, and nothing creates it", async (operation) => {
    const { command, calls } = missingStackPulumi();
    const eventLog = path.join(root, `.platform/events/dev/app-${operation}.jsonl`);
    const run = automationRunner(root, command, { color: false }).run(operation, { stack: "app", env: "dev", eventLog }, { previewOnly: false, onOutput: () => undefined });
    await expect(run).rejects.toThrow('the dev stack of app does not exist in this backend. Create it once, with the bootstrap\'s secrets provider: pulumi stack init dev -C stacks/app --secrets-provider "<the bootstrap\'s secretsProvider output>"');
    expect(calls.some((c) => c[0] === "stack" && c[1] === "init")).toBe(false);
  });

  test("destroy has nothing to destroy: it says so and succeeds, and nothing creates it", async () => {
    const { command, calls } = missingStackPulumi();
    const lines: string[] = [];
    const eventLog = path.join(root, ".platform/events/dev/app-destroy.jsonl");
    const outcome = await automationRunner(root, command, { color: false }).run("destroy", { stack: "app", env: "dev", eventLog }, { previewOnly: false, onOutput: (l) => lines.push(l) });
    expect(outcome.resourceChanges).toEqual({});
    expect(lines).toEqual(["The dev stack of app does not exist in this backend: nothing to destroy."]);
    expect(calls.filter((c) => c[0] === "destroy" || (c[0] === "stack" && c[1] === "init"))).toEqual([]);
  });
});
