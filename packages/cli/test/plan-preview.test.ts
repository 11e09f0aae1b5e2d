import type { PolicyPackClient } from "@platform/analyzer";
import { isUnknown, oneOf, plain, referenceOutputs, resourcesOf, runStacks, type StackRun } from "@platform/offline";
import { STACKS, type StackName } from "@platform/wiring";
import type { PlanViolation } from "../src/plan/model";
import { checkStack, startPackForEnv } from "../src/plan/policy-check";
import { REPO_ROOT } from "../src/repo";

const ALL = Object.keys(STACKS) as StackName[];

// The dev environment planned as an `up` and as a first `pulumi preview` (platform plan --preview).
let up: Partial<Record<StackName, StackRun>>;
let preview: Partial<Record<StackName, StackRun>>;
let pack: PolicyPackClient;
beforeAll(async () => {
  const packStarting = startPackForEnv(REPO_ROOT, "dev");
  up = await runStacks({ env: "dev", stacks: ALL });
  preview = await runStacks({ env: "dev", stacks: ALL, preview: true });
  pack = await packStarting;
}, 120_000);
afterAll(() => pack?.close());

describe("a first preview, offline", () => {
  it("sees the id and computed outputs of every resource it would create as unknown", () => {
    for (const run of Object.values(preview)) {
      for (const r of run?.resources ?? []) if (r.custom && r.type !== "pulumi:pulumi:StackReference") expect([r.urn, isUnknown(r.id)]).toEqual([r.urn, true]);
    }
    const vpc = oneOf(preview.network, "aws:ec2/vpc:Vpc");
    expect(isUnknown(vpc.outputs.arn)).toBe(true);
    expect(vpc.inputs.cidrBlock).toBe(oneOf(up.network, "aws:ec2/vpc:Vpc").inputs.cidrBlock);
  });

  it("hands a dependent resource the unknown, and records where it came from", () => {
    const vpc = oneOf(preview.network, "aws:ec2/vpc:Vpc");
    const subnets = resourcesOf(preview.network, "aws:ec2/subnet:Subnet");
    expect(subnets.length).toBeGreaterThan(0);
    for (const subnet of subnets) {
      expect(isUnknown(subnet.inputs.vpcId)).toBe(true);
      expect(subnet.propertyDependencies.vpcId).toEqual([vpc.urn]);
    }
  });

  it("still reads StackReferences: downstream stacks see what their upstreams have deployed", () => {
    const reference = resourcesOf(preview.app, "pulumi:pulumi:StackReference").find((r) => String(plain(r.inputs.name)).endsWith("/network/dev"));
    expect(plain(reference?.outputs.outputs)).toEqual(referenceOutputs(up.network as StackRun).outputs);
    expect(Object.values(plain<Record<string, unknown>>(reference?.outputs.outputs)).some(isUnknown)).toBe(false);
  });

  it("gets the same policy decisions as an up, mandatory and advisory, on every stack", async () => {
    const decisions = (vs: PlanViolation[]) => vs.map((v) => `${v.enforcementLevel} ${v.policyName} ${v.urn} ${v.message}`).sort();
    for (const stack of ALL) {
      const [inUp, inPreview] = await Promise.all([checkStack(pack, stack, up[stack] as StackRun), checkStack(pack, stack, preview[stack] as StackRun)]);
      expect([stack, decisions(inPreview)]).toEqual([stack, decisions(inUp)]);
      expect(inPreview.filter((v) => /preview|unknown|could not be resolved/i.test(v.message))).toEqual([]);
    }
  });
});
