import { spawnSync } from "node:child_process";
import * as path from "node:path";
import type { StackRun } from "@platform/offline";
import { parseOverrides } from "../src/commands/plan";
import type { PlanResult } from "../src/plan/model";
import { planDiffModel, renderPlanMarkdown } from "../src/plan/diff-report";
import { renderPlanDiffText } from "../src/plan/render-diff-text";
import { countsByType, renderTree } from "../src/plan/render-text";

const BIN = path.resolve(__dirname, "../bin/platform.js");

function platform(...args: string[]) {
  const child = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe("platform plan", () => {
  it("plans a stack after its upstreams, feeding it their real outputs, and writes JSON", () => {
    const { code, stdout, stderr } = platform("plan", "--stack", "network", "--format", "json", "--no-policy");
    expect(stderr).toMatch(/✓ network: \d+ resources/);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as PlanResult;
    expect(plan.stacks.map((s) => [s.stack, s.status, s.quiet ?? false])).toEqual([
      ["security", "planned", true],
      ["network", "planned", false],
    ]);
    const [security, network] = plan.stacks.map((s) => (s.status === "planned" ? s.run : undefined)) as StackRun[];
    const logsKeyArn = (security.outputs as Record<string, string>).logsKeyArn;
    const logGroup = network.resources.find((r) => r.type === "aws:cloudwatch/logGroup:LogGroup");
    expect(logGroup?.inputs.kmsKeyId).toBe(logsKeyArn);
  });

  it("exits non-zero naming the stack and the user's mistake, without a stack trace", () => {
    const { code, stdout, stderr } = platform("plan", "--stack", "security", "--set", "security.auditLogRetentionDays=0", "--no-policy");
    expect(code).toBe(1);
    expect(stderr).toMatch(/✗ security: failed/);
    expect(stdout).toMatch(/== security: FAILED\n\s+Invalid config for the security stack/);
    expect(stdout).toMatch(/platform-security:auditLogRetentionDays: .* \[from --set security\.auditLogRetentionDays=0\]/);
    // The value came from the command line, not from the stack's config file.
    expect(stdout).not.toMatch(/Pulumi\.dev\.yaml/);
    expect(`${stdout}${stderr}`).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });

  it("stops everything downstream of a failed stack, through the stacks skipped on its account, and shows the failed upstream of --stack with its error", () => {
    const { code, stdout, stderr } = platform("plan", "--stack", "edge", "--set", "network.azCount=abc", "--no-policy", "--format", "json");
    expect(code).toBe(1);
    const plan = JSON.parse(stdout) as PlanResult;
    expect(plan.stacks.map((s) => [s.stack, s.status, s.status === "skipped" ? s.reason : undefined, s.quiet ?? false])).toEqual([
      ["security", "planned", undefined, true],
      ["network", "failed", undefined, false],
      ["app", "skipped", "its upstream network failed", true],
      ["edge", "skipped", "its upstream app was skipped (network failed)", false],
    ]);
    expect(stderr).toMatch(/✗ network: failed/);
    const text = platform("plan", "--stack", "edge", "--set", "network.azCount=abc", "--no-policy").stdout;
    expect(text).toMatch(/== network: FAILED\n\s+Invalid config for the network stack/);
    expect(text).toMatch(/FAILED: network/);
    expect(text).toMatch(/^Offline plan of dev: 0 of 2 stacks planned \(1 skipped\), 2 upstreams not shown, 0 resources/m);
  });

  it("refuses a --set for a stack the plan does not cover, instead of ignoring it, and records the ones it used in every format", () => {
    const refused = platform("plan", "--stack", "network", "--set", "edge.nokey=1", "--no-policy");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--set for edge: not planned here (this plan covers security, network), so the value would be ignored. Add --stack edge, or drop that --set.");
    const applied = platform("plan", "--stack", "security", "--set", "security.auditLogRetentionDays=400", "--no-policy");
    expect(applied.stderr).toContain("… --set security.auditLogRetentionDays=400: for this plan only");
    const json = JSON.parse(platform("plan", "--stack", "security", "--set", "security.auditLogRetentionDays=400", "--no-policy", "--format", "json").stdout) as PlanResult;
    expect(json.overrides).toEqual(["security.auditLogRetentionDays=400"]);
    expect(platform("plan", "--stack", "security", "--set", "security.auditLogRetentionDays=400", "--no-policy", "--format", "markdown").stdout).toContain(
      "> planned with --set security.auditLogRetentionDays=400 (not in the stacks' config files)",
    );
  });

  it("refuses an unknown environment before running anything", () => {
    const { code, stderr } = platform("plan", "--env", "staging");
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown environment "staging"/);
  });
});

describe("platform plan --base", () => {
  it("refuses a base ref that does not exist, before planning anything", () => {
    const { code, stderr } = platform("plan", "--base", "no-such-ref-anywhere", "--no-policy");
    expect(code).toBe(2);
    expect(stderr).toMatch(/--base "no-such-ref-anywhere" is not a commit/);
  });
});

describe("plan markdown", () => {
  const resource = (name: string, inputs: Record<string, unknown>) => ({
    urn: `urn:pulumi:dev::platform-network::aws:ec2/subnet:Subnet::${name}`, type: "aws:ec2/subnet:Subnet", name, custom: true, inputs, outputs: {}, dependencies: [], propertyDependencies: {},
  });
  const planWith = (resources: ReturnType<typeof resource>[]): PlanResult => ({
    env: "dev",
    policyChecked: true,
    durationMs: 1,
    stacks: [{ stack: "network", status: "planned", durationMs: 1, violations: [], run: { stack: "network", env: "dev", project: "platform-network", outputs: {}, resources } }],
  });

  it("lists created, deleted, updated and replaced resources with old and new values", () => {
    const base = planWith([resource("a", { cidrBlock: "10.0.0.0/20" }), resource("b", { mapPublicIpOnLaunch: true }), resource("gone", {})]);
    const head = planWith([resource("a", { cidrBlock: "10.0.16.0/20" }), resource("b", { mapPublicIpOnLaunch: false }), resource("new", {})]);
    const markdown = renderPlanMarkdown(head, base, { baseRef: "main" });
    expect(markdown).toMatch(/\| network \| plan diff \| \*\*1\*\* \| \*\*1\*\* \| \*\*1\*\* \| \*\*1\*\* \|/);
    expect(markdown).toContain("forces replacement: `cidrBlock`<br>`cidrBlock`: `\"10.0.0.0/20\"` → `\"10.0.16.0/20\"`");
    expect(renderPlanDiffText(planDiffModel(head, base, { baseRef: "main" })).split("\n")).toEqual([
      "Offline plan (dev): this change against main:",
      "  network:",
      "    +- aws:ec2/subnet:Subnet a  forces replacement: cidrBlock",
      "         cidrBlock: \"10.0.0.0/20\" → \"10.0.16.0/20\"",
      "    -  aws:ec2/subnet:Subnet gone",
      "    ~  aws:ec2/subnet:Subnet b",
      "         mapPublicIpOnLaunch: true → false",
      "    +  aws:ec2/subnet:Subnet new",
      "",
    ]);
  });

  it("shows a stack that failed in the head as failed, first, with the base's resources unknown and none deleted", () => {
    const head: PlanResult = { env: "dev", policyChecked: false, durationMs: 1, stacks: [{ stack: "network", status: "failed", durationMs: 1, userError: true, message: "Invalid config for the network stack in stacks/network/Pulumi.dev.yaml\n  - platform-network:azCount: too big" }] };
    const base = planWith([resource("a", {}), resource("b", {})]);
    const model = planDiffModel(head, base, { baseRef: "main" });
    expect(model.stacks[0]).toMatchObject({ failure: "Invalid config for the network stack in stacks/network/Pulumi.dev.yaml", unknownResources: 2, resources: [] });
    const markdown = renderPlanMarkdown(head, base, { baseRef: "main" });
    expect(markdown).not.toMatch(/\*\*delete\*\*|to delete|hold data/);
    expect(markdown).toMatch(/\| network \| ❌ failed \| \? \| \? \| \? \| \? \| \? \(2 unknown\) \|/);
    // The failure is the first thing under the summary, before anything else is said.
    expect(markdown.split("\n").find((l) => l.startsWith("> ") && !l.startsWith("> [!"))).toBe("> **network** failed: Invalid config for the network stack in stacks/network/Pulumi.dev.yaml. Its 2 resources are unknown, not deleted.");
    expect(renderPlanDiffText(model)).toContain("  network: failed: Invalid config for the network stack in stacks/network/Pulumi.dev.yaml  (2 resources of the base: unknown)");
  });

  it("shows a stack skipped because its upstream failed as not planned, its resources unknown rather than deleted", () => {
    const base: PlanResult = { ...planWith([resource("a", {})]), stacks: [{ ...planWith([resource("a", {})]).stacks[0], stack: "app" }] };
    const head: PlanResult = { env: "dev", policyChecked: false, durationMs: 1, stacks: [{ stack: "app", status: "skipped", reason: "its upstream network failed", upstreamFailed: "network" }] };
    expect(planDiffModel(head, base).stacks[0]).toMatchObject({ stack: "app", failure: "not planned: its upstream network failed", unknownResources: 1, resources: [] });
  });
});

describe("--set overrides", () => {
  it("groups values by stack and keeps them as strings", () => {
    expect(parseOverrides(["network.azCount=3", "network.vpcCidr=10.9.0.0/16", "app.image=a=b"])).toEqual({
      network: { azCount: "3", vpcCidr: "10.9.0.0/16" },
      app: { image: "a=b" },
    });
  });

  it.each(["azCount=3", "network.=3", "nope.key=1"])("refuses %s", (set) => {
    expect(() => parseOverrides([set])).toThrow(/--set|unknown stack/);
  });
});

describe("plan rendering", () => {
  const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
  const stackUrn = urn("pulumi:pulumi:Stack", "p-dev");
  const componentUrn = urn("platform:x:C", "c");
  const resource = (type: string, name: string, parent?: string, custom = true) => ({
    urn: urn(type, name), type, name, custom, parent, inputs: {}, outputs: {}, dependencies: [], propertyDependencies: {},
  });
  const run: StackRun = {
    stack: "network",
    env: "dev",
    project: "p",
    outputs: {},
    resources: [
      { ...resource("pulumi:pulumi:Stack", "p-dev", undefined, false), urn: stackUrn },
      { ...resource("platform:x:C", "c", stackUrn, false), urn: componentUrn },
      resource("aws:ec2/vpc:Vpc", "vpc", componentUrn),
      resource("aws:ec2/subnet:Subnet", "a", componentUrn),
      resource("aws:ec2/subnet:Subnet", "b", stackUrn),
    ],
  };

  it("draws children under their parents", () => {
    expect(renderTree(run).map((l) => l.trimEnd())).toEqual([
      "pulumi:pulumi:Stack          p-dev",
      "├─ platform:x:C              c",
      "│  ├─ aws:ec2/vpc:Vpc        vpc",
      "│  └─ aws:ec2/subnet:Subnet  a",
      "└─ aws:ec2/subnet:Subnet     b",
    ]);
  });

  it("counts only real resources, most frequent first", () => {
    expect(countsByType(run)).toEqual([
      ["aws:ec2/subnet:Subnet", 2],
      ["aws:ec2/vpc:Vpc", 1],
    ]);
  });
});
