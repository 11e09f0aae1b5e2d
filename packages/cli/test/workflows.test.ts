import * as fs from "node:fs";
import * as path from "node:path";
import { validateAction, validateWorkflow } from "@action-validator/core";
import { execFileSync, spawnSync } from "node:child_process";
import * as os from "node:os";
import { parse as parseYaml } from "yaml";
import { deployedStacks, deployRoleVariable, renderDeployWorkflow } from "../src/graph/deploy-workflow";

const WORKFLOWS = path.resolve(__dirname, "../../../.github/workflows");
const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
const read = (file: string): string => fs.readFileSync(path.join(WORKFLOWS, file), "utf8");

interface Step { id?: string; name?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string>; "continue-on-error"?: boolean }
interface Job { if?: string; needs?: string | string[]; permissions?: Record<string, string>; environment?: string; steps?: Step[]; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Workflow { on: Record<string, unknown>; jobs: Record<string, Job> }
const workflow = (file: string): Workflow => parseYaml(read(file)) as Workflow;

const ACTION = path.resolve(__dirname, "../../../.github/actions/setup-pulumi/action.yml");

test("the pull request, fork comment and deploy workflows exist", () => {
  expect(files).toEqual(expect.arrayContaining(["pull-request.yml", "plan-comment.yml", "deploy.yml", "deploy-environment.yml"]));
});

test.each(files)("%s is valid against the GitHub workflow schema", (file) => {
  expect(validateWorkflow(read(file)).errors).toEqual([]);
});

describe("pull request workflow", () => {
  const { jobs } = workflow("pull-request.yml");

  test("verify uses no secrets, so it behaves the same for forks", () => {
    expect(JSON.stringify(jobs.verify)).not.toMatch(/secrets\./);
    expect(jobs.verify.if).toBeUndefined();
  });

  test("verify runs the tests and comments the offline plan diff against the base branch", () => {
    const runs = (jobs.verify.steps ?? []).map((s) => s.run ?? "");
    expect(runs).toContain("npm test");
    expect(runs.some((r) => r.includes('npx platform plan --preview --base "origin/${GITHUB_BASE_REF}" --format markdown > plan.md'))).toBe(true);
    expect((jobs.verify.steps ?? []).filter((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment@")).map((s) => s.with?.header)).toEqual(["platform-plan"]);
  });

  test("the plan comment, run summary and fork artifact are posted whatever the tests and the plan found; the job fails after", () => {
    const steps = jobs.verify.steps ?? [];
    const plan = steps.findIndex((s) => s.id === "plan");
    expect(steps[plan]).toMatchObject({ "continue-on-error": true, if: expect.stringMatching(/^always\(\)/) });
    expect(steps.find((s) => s.id === "test")?.["continue-on-error"]).toBe(true);
    const posting = steps.slice(plan + 1);
    expect(posting.map((s) => s.uses ?? s.run?.split("\n")[0])).toEqual(expect.arrayContaining(["marocchino/sticky-pull-request-comment@v2", "actions/upload-artifact@v4", 'cat plan.md >> "$GITHUB_STEP_SUMMARY"']));
    // Without always() a step is skipped once an earlier one failed (GitHub adds success()).
    for (const step of posting) expect(step.if ?? "").toMatch(/^always\(\)/);
    const last = steps.at(-1);
    expect(last?.env).toEqual({ TESTS: "${{ steps.test.outcome }}", PLAN: "${{ steps.plan.outcome }}" });
    expect(last?.run).toContain('exit "$status"');
  });

  test("the fork artifact carries only the comment text, no pull-request number", () => {
    const upload = (jobs.verify.steps ?? []).find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.with?.path).toBe("plan.md");
    expect(read("pull-request.yml")).not.toContain("pr-number");
  });

  test("preview does not wait for verify's success, and posts its report and event logs whatever the preview found", () => {
    expect(jobs.preview.needs).toBeUndefined();
    const steps = jobs.preview.steps ?? [];
    const after = steps.slice(steps.findIndex((s) => s.id === "preview") + 1);
    for (const step of after) expect(step.if ?? "").toMatch(/^always\(\)/);
    expect(after.find((s) => s.uses?.startsWith("actions/upload-artifact@"))?.with?.path).toBe(".platform/events/dev/");
  });

  test("preview runs only for same-repository pull requests, with OIDC and no more permissions than it needs", () => {
    expect(jobs.preview.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    expect(jobs.preview.permissions).toEqual({ "id-token": "write", contents: "read", "pull-requests": "write" });
  });

  test("preview assumes the preview role from a repository variable, installs Pulumi and previews affected stacks in dev", () => {
    const steps = jobs.preview.steps ?? [];
    const aws = steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    expect(aws?.with?.["role-to-assume"]).toBe("${{ vars.PULUMI_PREVIEW_ROLE_ARN }}");
    expect(steps.some((s) => s.uses === "./.github/actions/setup-pulumi")).toBe(true);
    expect(steps.some((s) => s.run?.includes("npx platform preview --affected --base") && s.run.includes("--env dev"))).toBe(true);
    expect(steps.some((s) => s.run?.includes("npx platform report --fail-on-mandatory"))).toBe(true);
  });
});

describe("fork comment workflow", () => {
  const steps = workflow("plan-comment.yml").jobs.comment.steps ?? [];

  test("the pull request comes from the workflow_run event (head repository and commit), never from the fork's artifact", () => {
    expect(read("plan-comment.yml")).not.toContain("pr-number");
    const find = steps.find((s) => s.id === "pr");
    expect(find?.env).toMatchObject({ HEAD_SHA: "${{ github.event.workflow_run.head_sha }}", HEAD_REPO: "${{ github.event.workflow_run.head_repository.full_name }}" });
    expect(find?.run).toContain("select(.head.sha == env.HEAD_SHA and .head.repo.full_name == env.HEAD_REPO)");
    const comment = steps.find((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment@"));
    expect(comment?.with?.number).toBe("${{ steps.pr.outputs.number }}");
  });
});

describe("deploy workflow", () => {
  test("runs on pushes to main, dev before prod", () => {
    const { on, jobs } = workflow("deploy.yml");
    expect(on.push).toEqual({ branches: ["main"] });
    expect(jobs.prod.needs).toBe("dev");
    expect([jobs.dev.with?.environment, jobs.prod.with?.environment]).toEqual(["dev", "prod"]);
  });

  test("each environment's job runs in the GitHub environment of that name, so prod waits for its reviewers", () => {
    expect(workflow("deploy-environment.yml").jobs.up.environment).toBe("${{ inputs.environment }}");
  });

  test("every deployed stack is preceded by assuming that stack's own deploy role, in graph order, with --yes", () => {
    const steps = workflow("deploy-environment.yml").jobs.up.steps ?? [];
    const positions = deployedStacks().map((stack) => {
      const up = steps.findIndex((s) => s.run === `npx platform up --yes --env "$PLATFORM_ENV" --stack ${stack}`);
      expect(up).toBeGreaterThan(0);
      expect(steps[up - 1].with?.["role-to-assume"]).toBe(`\${{ vars.${deployRoleVariable(stack)} }}`);
      return up;
    });
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(deployedStacks()).not.toContain("bootstrap");
  });

  test("deploy-environment.yml is the one generated from the stack graph (regenerate: npx platform graph --write-workflow)", () => {
    expect(read("deploy-environment.yml")).toBe(renderDeployWorkflow());
  });

  test("nothing deploys since the previous push: no github.event.before, one concurrency group per environment, never cancelled", () => {
    expect(read("deploy.yml")).not.toContain("github.event.before");
    expect(read("deploy-environment.yml")).not.toContain("github.event.before");
    const up = workflow("deploy-environment.yml").jobs.up as Job & { concurrency?: unknown };
    expect(up.concurrency).toEqual({ group: "deploy-${{ inputs.environment }}", "cancel-in-progress": false });
  });

  test("the event logs are uploaded whatever happened, and the deployed tag moves only after every step succeeded", () => {
    const steps = workflow("deploy-environment.yml").jobs.up.steps ?? [];
    const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.if).toBe("always()");
    expect(upload?.with?.path).toBe(".platform/events/${{ inputs.environment }}/");
    const record = steps.at(-1);
    expect(record?.run).toContain('git push --force origin "refs/tags/deployed/${PLATFORM_ENV}"');
    // No status function in `if`, so GitHub adds success(): any failed stack leaves the tag alone.
    expect(record?.if).toBe("steps.affected.outputs.record == 'true'");
  });
});

describe("the deploy workflow's choice of stacks, run as bash against a real git repository", () => {
  const script = (workflow("deploy-environment.yml").jobs.up.steps ?? []).find((s) => s.id === "affected")?.run ?? "";
  let repo: string;
  let bin: string;
  const git = (...args: string[]): string => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
  const commit = (message: string): string => {
    fs.writeFileSync(path.join(repo, "f.txt"), message);
    git("add", "-A");
    git("commit", "-q", "-m", message);
    return git("rev-parse", "HEAD");
  };
  /** Runs the step with a fake `npx` (prints `affected` JSON, or fails) and returns its outputs. */
  const runStep = (sha: string, npx: string) => {
    fs.writeFileSync(path.join(bin, "npx"), `#!/bin/sh\necho "$@" >> "${bin}/npx.calls"\n${npx}\n`, { mode: 0o755 });
    const output = path.join(repo, "..", `out-${process.hrtime.bigint()}`);
    const result = spawnSync("bash", ["-e", "-c", script], { cwd: repo, encoding: "utf8", env: { PATH: `${bin}:${process.env.PATH}`, GITHUB_SHA: sha, PLATFORM_ENV: "dev", GITHUB_OUTPUT: output } });
    const outputs = fs.existsSync(output) ? fs.readFileSync(output, "utf8") : "";
    return { status: result.status, stdout: result.stdout, outputs };
  };
  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-deploy-step-"));
    repo = path.join(dir, "repo");
    bin = path.join(dir, "bin");
    fs.mkdirSync(repo);
    fs.mkdirSync(bin);
    git("init", "-q", "-b", "main");
    git("config", "user.email", "t@example.com");
    git("config", "user.name", "t");
  });
  afterAll(() => fs.rmSync(path.dirname(repo), { recursive: true, force: true }));

  test("first deploy, later deploys since the tag, an older commit, and a failing `platform affected`", () => {
    const a = commit("a");
    // No deployed/dev tag: every stack the graph deploys.
    const first = runStep(a, "exit 99");
    expect(first.status).toBe(0);
    expect(first.outputs).toContain(`stacks= ${deployedStacks().join(" ")} \n`);
    expect(first.outputs).toContain("record=true");

    git("tag", "deployed/dev", a);
    const b = commit("b");
    const c = commit("c");
    // C is compared with the tag (A), not with B: B's changes are deployed even if B's run was cancelled.
    const later = runStep(c, `echo '{"stacks":[{"stack":"bootstrap"},{"stack":"app"},{"stack":"edge"}]}'`);
    expect(later.status).toBe(0);
    expect(fs.readFileSync(path.join(bin, "npx.calls"), "utf8").trim().split("\n").at(-1)).toBe("platform affected --base deployed/dev --env dev --format json");
    expect(later.outputs).toContain("stacks= app edge \n");

    // The tag moved on to C: B's late run deploys nothing and does not move the tag back.
    git("tag", "--force", "deployed/dev", c);
    const stale = runStep(b, "exit 99");
    expect(stale.status).toBe(0);
    expect(stale.outputs).toContain("stacks=  \n");
    expect(stale.outputs).toContain("record=false");

    // `platform affected` failing fails the step (pipefail), instead of "Affected: none".
    const d = commit("d");
    const broken = runStep(d, "echo 'platform: internal error' >&2; exit 2");
    expect(broken.status).not.toBe(0);
    expect(broken.stdout).not.toContain("Affected in dev: none");
  });
});

describe("the shared Pulumi setup (provider plugins from the lock file)", () => {
  const action = parseYaml(fs.readFileSync(ACTION, "utf8")) as { runs: { using: string; steps: Step[] } };

  test("it is a valid composite action", () => {
    expect(validateAction(fs.readFileSync(ACTION, "utf8")).errors).toEqual([]);
    expect(action.runs.using).toBe("composite");
  });

  test("it installs the CLI, restores ~/.pulumi/plugins keyed on the lock file, and installs what `platform plugins` lists", () => {
    const steps = action.runs.steps;
    expect(steps.some((s) => s.uses?.startsWith("pulumi/actions@"))).toBe(true);
    const cache = steps.find((s) => s.uses?.startsWith("actions/cache@"));
    expect(cache?.with).toEqual({ path: "~/.pulumi/plugins", key: "pulumi-plugins-${{ runner.os }}-${{ hashFiles('package-lock.json') }}" });
    const install = steps.find((s) => s.run?.includes("npx platform plugins"));
    expect(install?.run).toContain("set -euo pipefail");
    expect(install?.run).toContain('pulumi plugin install "$kind" "$name" "$version"');
  });

  test.each([["pull-request.yml", "preview"], ["deploy-environment.yml", "up"], ["drift.yml", "drift"]])("%s job %s sets Pulumi up through it", (file, job) => {
    const steps = workflow(file).jobs[job].steps ?? [];
    expect(steps.filter((s) => s.uses === "./.github/actions/setup-pulumi")).toHaveLength(1);
    expect(steps.some((s) => s.uses?.startsWith("pulumi/actions@"))).toBe(false);
  });
});

describe("drift workflow", () => {
  const { on, jobs } = workflow("drift.yml");
  const steps = jobs.drift.steps ?? [];

  test("runs on a schedule for every environment, with the read-only preview role and only the permissions it needs", () => {
    expect(on.schedule).toEqual([{ cron: expect.any(String) }]);
    expect((jobs.drift as Job & { strategy?: { matrix?: { environment?: string[] } } }).strategy?.matrix?.environment).toEqual(["dev", "prod"]);
    expect(jobs.drift.permissions).toEqual({ "id-token": "write", contents: "read", issues: "write" });
    expect(steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))?.with?.["role-to-assume"]).toBe("${{ vars.PULUMI_PREVIEW_ROLE_ARN }}");
    expect(steps.find((s) => s.id === "drift")?.run).toContain('npx platform drift --env "$PLATFORM_ENV" --output drift.md');
    expect(steps.some((s) => s.uses === "./.github/actions/setup-pulumi")).toBe(true);
  });

  describe("the issue step, run as bash with a fake gh", () => {
    const script = steps.find((s) => s.id === "issue")?.run ?? "";
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-drift-issue-"));
      fs.writeFileSync(path.join(dir, "drift.md"), "## Drift (dev)\n");
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    /** `open` is the number of the open "Drift in dev" issue, if any; returns the gh calls made. */
    const runStep = (code: string, open?: number) => {
      const log = path.join(dir, `gh-${process.hrtime.bigint()}.log`);
      // The fake answers `gh issue list` with what --jq would print, and records every call.
      fs.writeFileSync(path.join(dir, "gh"), `#!/bin/sh\necho "$*" >> "${log}"\nif [ "$1 $2" = "issue list" ]; then ${open ? `echo ${open}` : "true"}; fi\n`, { mode: 0o755 });
      const result = spawnSync("bash", ["-e", "-c", script], { cwd: dir, encoding: "utf8", env: { PATH: `${dir}:${process.env.PATH}`, CODE: code, PLATFORM_ENV: "dev", RUN_URL: "https://run" } });
      const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").slice(1) : [];
      return { status: result.status, calls };
    };

    test("drift opens the issue when there is none, and replaces the body of the open one", () => {
      expect(runStep("3")).toEqual({ status: 0, calls: [expect.stringMatching(/^label create drift /), "issue create --title Drift in dev --label drift --body-file drift.md"] });
      expect(runStep("3", 42)).toEqual({ status: 0, calls: ["issue edit 42 --body-file drift.md"] });
    });

    test("no drift closes the open issue, and does nothing when there is none", () => {
      expect(runStep("0", 42)).toEqual({ status: 0, calls: ["issue close 42 --comment No drift in dev any more: https://run"] });
      expect(runStep("0")).toEqual({ status: 0, calls: [] });
    });

    test("a failed refresh leaves the issue alone and fails the job", () => {
      expect(runStep("1", 42)).toEqual({ status: 1, calls: [] });
    });
  });
});

describe("the Node code cache in CI", () => {
  const CACHE_ACTION = path.resolve(__dirname, "../../../.github/actions/node-compile-cache/action.yml");

  test("its action is valid against the GitHub action schema", () => {
    expect(validateAction(fs.readFileSync(CACHE_ACTION, "utf8")).errors).toEqual([]);
  });

  test("every job that sets up Node restores the cache before npm ci, so the tests, the pack and the programs use it", () => {
    const jobs = files.flatMap((file) => Object.entries(workflow(file).jobs).map(([name, job]) => [`${file} ${name}`, job.steps ?? []] as const));
    const withNode = jobs.filter(([, steps]) => steps.some((s) => s.uses?.startsWith("actions/setup-node@")));
    expect(withNode.length).toBeGreaterThanOrEqual(4);
    for (const [, steps] of withNode) {
      const uses = steps.map((s) => s.uses ?? s.run ?? "");
      const node = uses.findIndex((u) => u.startsWith("actions/setup-node@"));
      expect(uses[node + 1]).toBe("./.github/actions/node-compile-cache");
      expect(uses.findIndex((u) => u.startsWith("npm ci"))).toBeGreaterThan(node + 1);
    }
  });

  test("the folder it restores is the one NODE_COMPILE_CACHE names", () => {
    const steps = (parseYaml(fs.readFileSync(CACHE_ACTION, "utf8")) as { runs: { steps: Step[] } }).runs.steps;
    const exported = /NODE_COMPILE_CACHE=\$\{RUNNER_TEMP\}\/(\S+)" >> "\$GITHUB_ENV"/.exec(steps.map((s) => s.run ?? "").join("\n"));
    expect(exported).not.toBeNull();
    expect(steps.find((s) => s.uses?.startsWith("actions/cache@"))?.with?.path).toBe(`\${{ runner.temp }}/${exported?.[1]}`);
  });
});
