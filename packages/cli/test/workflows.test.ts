import * as fs from "node:fs";
import * as path from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { parse as parseYaml } from "yaml";

const WORKFLOWS = path.resolve(__dirname, "../../../.github/workflows");
const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
const read = (file: string): string => fs.readFileSync(path.join(WORKFLOWS, file), "utf8");

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string> }
interface Job { if?: string; needs?: string | string[]; permissions?: Record<string, string>; environment?: string; steps?: Step[]; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Workflow { on: Record<string, unknown>; jobs: Record<string, Job> }
const workflow = (file: string): Workflow => parseYaml(read(file)) as Workflow;

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
    expect(runs.some((r) => r.includes('npx platform plan --base "origin/${GITHUB_BASE_REF}" --format markdown > plan.md'))).toBe(true);
    expect((jobs.verify.steps ?? []).filter((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment@")).map((s) => s.with?.header)).toEqual(["platform-plan"]);
  });

  test("preview runs only for same-repository pull requests, with OIDC and no more permissions than it needs", () => {
    expect(jobs.preview.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    expect(jobs.preview.permissions).toEqual({ "id-token": "write", contents: "read", "pull-requests": "write" });
  });

  test("preview assumes the preview role from a repository variable, installs Pulumi and previews affected stacks in dev", () => {
    const steps = jobs.preview.steps ?? [];
    const aws = steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    expect(aws?.with?.["role-to-assume"]).toBe("${{ vars.PULUMI_PREVIEW_ROLE_ARN }}");
    expect(steps.some((s) => s.uses?.startsWith("pulumi/actions@"))).toBe(true);
    expect(steps.some((s) => s.run?.includes("npx platform preview --affected --base") && s.run.includes("--env dev"))).toBe(true);
    expect(steps.some((s) => s.run?.includes("npx platform report --fail-on-mandatory"))).toBe(true);
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

  test("every deployed stack is preceded by assuming that stack's own deploy role", () => {
    const steps = workflow("deploy-environment.yml").jobs.up.steps ?? [];
    for (const stack of ["security", "network", "app", "edge"]) {
      const up = steps.findIndex((s) => s.run === `npx platform up --env "$PLATFORM_ENV" --stack ${stack}`);
      expect(up).toBeGreaterThan(0);
      expect(steps[up - 1].with?.["role-to-assume"]).toBe(`\${{ vars.DEPLOY_ROLE_ARN_${stack.toUpperCase()} }}`);
    }
  });
});
