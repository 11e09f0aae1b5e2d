import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PlanResult } from "../src/plan/model";
import { linkDependencies } from "../src/plan/base-worktree";
import { REPO_ROOT } from "../src/repo";
import { scaffoldStack } from "../src/scaffold/new-stack";

/**
 * `platform new stack` end to end, in a copy of this working tree (tracked and untracked files,
 * node_modules linked with the workspace packages pointing into the copy): the scaffold is
 * written by the real command, then planned offline by the real `platform plan` with the policy
 * pack, as a user would right after running it.
 */
let copy: string;

function platform(...args: string[]) {
  const child = spawnSync(process.execPath, [path.join(copy, "packages/cli/bin/platform.js"), ...args], { cwd: copy, encoding: "utf8", timeout: 180_000 });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), "platform-new-stack-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO_ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    const from = path.join(REPO_ROOT, file);
    if (!fs.existsSync(from)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(from, path.join(copy, file));
  }
  linkDependencies(REPO_ROOT, copy);
});

afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

describe("platform new stack", () => {
  let created: ReturnType<typeof platform>;
  beforeAll(() => {
    created = platform("new", "stack", "data", "--reads", "network:vpcId,dataSubnetIds", "security", "--description", "Analytics data lake");
  });

  it("writes the stack, its contract and its graph entry, and redraws the README graph and the deploy workflow", () => {
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    for (const f of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "tsconfig.json", "package.json", "index.ts", "src/config.ts", "test/data.test.ts", "README.md"]) {
      expect(fs.existsSync(path.join(copy, "stacks/data", f))).toBe(true);
    }
    const graph = fs.readFileSync(path.join(copy, "packages/wiring/src/graph.ts"), "utf8");
    expect(graph).toContain('"edge", "data"] as const');
    expect(graph).toMatch(/data: \{\n\s+name: "data",\n\s+dir: "stacks\/data",[\s\S]+network: \["vpcId", "dataSubnetIds"\],\n\s+security: \["logsKeyArn", /);
    expect(fs.readFileSync(path.join(copy, "README.md"), "utf8")).toMatch(/data\["data<br\/><small>stacks\/data<\/small>"\]/);
    expect(fs.readFileSync(path.join(copy, ".github/workflows/deploy-environment.yml"), "utf8")).toContain("vars.DEPLOY_ROLE_ARN_DATA");
  });

  it("plans offline right away, after its upstreams, and passes the policy pack", () => {
    const { code, stdout, stderr } = platform("plan", "--stack", "data", "--format", "json");
    expect(stderr).toMatch(/✓ data: 0 resources, 0 mandatory violations/);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as PlanResult;
    expect(plan.stacks.map((s) => [s.stack, s.status])).toEqual([
      ["security", "planned"],
      ["network", "planned"],
      ["data", "planned"],
    ]);
    const data = plan.stacks[2];
    if (data.status !== "planned") throw new Error("data was not planned");
    expect(data.violations).toEqual([]);
    expect(data.run.outputs).toEqual({ owner: "platform-team" });
    // The StackReferences the program made are the ones the graph declares.
    expect(data.run.resources.filter((r) => r.type === "pulumi:pulumi:StackReference").map((r) => r.name).sort()).toEqual(["network", "security"]);
  });
});

describe("platform new stack refuses, writing nothing", () => {
  const refuse = (name: string, reads: string[]) => () => scaffoldStack({ repoRoot: copy, name, reads, description: "Metrics and traces" });
  const unchanged = () => fs.readFileSync(path.join(copy, "packages/wiring/src/graph.ts"), "utf8");

  it.each([
    ["a name that cannot be an identifier and a folder", "Data-Lake", [], /"Data-Lake" cannot be a stack name: use 2 to 24 lowercase letters/],
    ["an existing stack", "network", [], /the network stack already exists in packages\/wiring\/src\/graph.ts \(stacks\/network\)/],
    ["an unknown upstream", "observability", ["monitoring"], /--reads monitoring: "monitoring" is not a stack in packages\/wiring\/src\/graph.ts \(stacks: bootstrap, security, network, app, edge/],
    ["a key the upstream's contract does not export", "observability", ["network:vpcid"], /the network contract \(packages\/wiring\/src\/contracts\/network.ts\) has no vpcid; it exports vpcId, /],
  ])("%s", (_what, name, reads, message) => {
    const before = unchanged();
    expect(refuse(name, reads)).toThrow(message);
    expect(unchanged()).toBe(before);
    expect(fs.existsSync(path.join(copy, "stacks/observability"))).toBe(false);
  });
});
