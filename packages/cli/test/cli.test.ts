import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TempRepo } from "./support/temp-repo";

const BIN = path.resolve(__dirname, "../bin/platform.js");

/** Runs the real command with a PATH holding only node and git: no `pulumi` can be found there. */
function platform(args: string[]) {
  const nodeOnly = fs.mkdtempSync(path.join(os.tmpdir(), "node-only-"));
  fs.symlinkSync(process.execPath, path.join(nodeOnly, "node"));
  const git = spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).stdout.trim();
  if (git !== "") fs.symlinkSync(git, path.join(nodeOnly, "git"));
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { PATH: nodeOnly, HOME: os.tmpdir() },
    timeout: 60_000,
  });
  fs.rmSync(nodeOnly, { recursive: true, force: true });
  return result;
}

const noStackTrace = (stderr: string): void => expect(stderr).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);

test("preview without the Pulumi CLI says it is not installed, how to install it, and exits non-zero", () => {
  const { status, stderr } = platform(["preview", "--env", "dev"]);
  expect(status).toBe(2);
  expect(stderr).toContain("the Pulumi CLI is not installed");
  expect(stderr).toContain("curl -fsSL https://get.pulumi.com | sh");
  expect(stderr).toContain("brew install pulumi/tap/pulumi");
  noStackTrace(stderr);
});

test.each([
  [["up", "--env", "staging"], 'unknown environment "staging"'],
  [["destroy", "--env", "dev", "--stack", "nosuch"], "nosuch"],
  [["up", "--env", "staging", "--yes"], 'unknown environment "staging"'],
  [["drift", "--env", "staging"], 'unknown environment "staging"'],
])("platform %j reports the mistake in its command line before a missing Pulumi CLI", (args, mistake) => {
  const { status, stderr } = platform(args);
  expect(status).toBe(2);
  expect(stderr).toContain(mistake);
  expect(stderr).not.toContain("the Pulumi CLI is not installed");
  noStackTrace(stderr);
});

test("plan, preview and up refuse an environment the policy pack has no config for, naming the file and the fix, before any stack runs", () => {
  // In a copy of the repository: a new environment file in this one would show up in other tests' environment lists.
  const repo = new TempRepo();
  try {
    fs.copyFileSync(path.join(repo.dir, "stacks/security/Pulumi.dev.yaml"), path.join(repo.dir, "stacks/security/Pulumi.qa.yaml"));
    for (const args of [["preview", "--env", "qa"], ["up", "--env", "qa", "--yes"]]) {
      const { code, stderr } = repo.platform(...args);
      expect(code).toBe(2);
      expect(stderr).toContain("policies/config/qa.json does not exist: the policy pack has no config for qa. Copy policies/config/dev.json to it");
      noStackTrace(stderr);
    }
    const plan = repo.platform("plan", "--env", "qa");
    expect(plan.code).toBe(2);
    expect(plan.stderr).toBe("platform: policies/config/qa.json does not exist: the policy pack has no config for this environment. Copy policies/config/dev.json to it, or plan another --env.\n");
  } finally {
    repo.remove();
  }
});

test("report on a file that is not an event log names the file and exits non-zero without a stack trace", () => {
  const file = path.join(os.tmpdir(), `not-a-log-${process.pid}.jsonl`);
  fs.writeFileSync(file, "hello\n");
  const { status, stderr } = platform(["report", file]);
  fs.rmSync(file);
  expect(status).toBe(2);
  expect(stderr).toContain(`${file}:1: not JSON`);
  noStackTrace(stderr);
});

test("affected with a ref that does not exist says so with the fix", () => {
  const { status, stderr } = platform(["affected", "--base", "no-such-ref-anywhere"]);
  expect(status).toBe(2);
  expect(stderr).toContain('--base "no-such-ref-anywhere" is not a commit');
  noStackTrace(stderr);
});

test("graph prints the Mermaid diagram", () => {
  const { status, stdout } = platform(["graph", "--format", "mermaid"]);
  expect(status).toBe(0);
  expect(stdout).toContain("flowchart LR");
});

test("an unknown option is a usage error, not a crash", () => {
  const { status, stderr } = platform(["graph", "--colour"]);
  expect(status).toBe(2);
  expect(stderr).toContain("unknown option '--colour'");
});

describe("in process (no spawn: the flags only)", () => {
  // Imported here, not at the top, so the spawned tests above do not pay for loading it.
  const load = () => require("../src/main") as typeof import("../src/main");

  test("--version names platform, the Pulumi SDK and Node", async () => {
    const sdk = (JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;
    const program = load().buildProgram().configureOutput({ writeOut: (t) => out.push(t) });
    const out: string[] = [];
    await expect(program.parseAsync(["--version"], { from: "user" })).rejects.toMatchObject({ code: "commander.version", exitCode: 0 });
    expect(out.join("")).toBe(`platform 0.1.0 (@pulumi/pulumi ${sdk}, Node ${process.version})\n`);
  });

  test("--no-color sets NO_COLOR=1, the one switch the commands read (the runner then asks the engine for color: never)", async () => {
    const before = process.env.NO_COLOR;
    delete process.env.NO_COLOR;
    try {
      const program = load().buildProgram();
      program.commands.forEach((c) => c.configureOutput({ writeOut: () => undefined }));
      const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
      await program.parseAsync(["--no-color", "graph", "--format", "json"], { from: "user" });
      write.mockRestore();
      expect(process.env.NO_COLOR).toBe("1");
    } finally {
      if (before === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = before;
    }
  });
});

test("a reader that closes the pipe early (platform plan --format json | head -c 1) ends it quietly, with the plan's exit code", () => {
  // `head` exits after one byte; the rest of the plan's JSON (~120 KB, more than a pipe holds) meets a closed pipe (EPIPE).
  const result = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${BIN}" plan --no-policy --stack network --format json | head -c 1 > /dev/null`], { encoding: "utf8" });
  expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
  expect(result.stderr).toMatch(/network: \d+ resources/);
  expect(result.status).toBe(0);
});
