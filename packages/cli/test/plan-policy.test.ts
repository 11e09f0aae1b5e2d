import type { PolicyPackClient } from "@platform/analyzer";
import type { RecordedResource, StackRun } from "@platform/offline";
import { planFailed, type PlanResult } from "../src/plan/model";
import { checkStack, startPackForEnv } from "../src/plan/policy-check";
import { REPO_ROOT } from "../src/repo";

// The offline plan's policy step, through the real pack over its Analyzer gRPC service.
let pack: PolicyPackClient;
beforeAll(async () => {
  pack = await startPackForEnv(REPO_ROOT, "dev");
});
afterAll(() => pack?.close());

const stackUrn = "urn:pulumi:dev::platform-network::pulumi:pulumi:Stack::platform-network-dev";
const vpcUrn = "urn:pulumi:dev::platform-network::aws:ec2/vpc:Vpc::vpc";

function runWithSubnet(mapPublicIpOnLaunch: boolean): StackRun {
  const resource = (type: string, name: string, urn: string, inputs: Record<string, unknown>, deps: Record<string, string[]> = {}): RecordedResource => ({
    urn, type, name, custom: type !== "pulumi:pulumi:Stack", parent: type === "pulumi:pulumi:Stack" ? undefined : stackUrn,
    inputs, outputs: {}, dependencies: Object.values(deps).flat(), propertyDependencies: deps,
  });
  return {
    stack: "network",
    env: "dev",
    project: "platform-network",
    outputs: {},
    resources: [
      resource("pulumi:pulumi:Stack", "platform-network-dev", stackUrn, {}),
      resource("aws:ec2/vpc:Vpc", "vpc", vpcUrn, { cidrBlock: "10.0.0.0/16" }),
      resource("aws:ec2/subnet:Subnet", "app-1", "urn:pulumi:dev::platform-network::aws:ec2/subnet:Subnet::app-1", { vpcId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", cidrBlock: "10.0.0.0/20", mapPublicIpOnLaunch }, { vpcId: [vpcUrn] }),
    ],
  };
}

const planOf = (run: StackRun, violations: Awaited<ReturnType<typeof checkStack>>): PlanResult => ({
  env: "dev", policyChecked: true, durationMs: 1, stacks: [{ stack: "network", status: "planned", run, durationMs: 1, violations }],
});

describe("the offline plan's policy check", () => {
  it("reports a subnet that auto-assigns public IPs as a mandatory violation on that subnet, and fails the plan", async () => {
    const run = runWithSubnet(true);
    const violations = await checkStack(pack, "network", run);
    const publicIp = violations.find((v) => v.policyName === "subnet-no-public-ip-on-launch");
    expect(publicIp).toMatchObject({ enforcementLevel: "mandatory", urn: run.resources[2].urn, stack: "network" });
    expect(planFailed(planOf(run, violations))).toBe(true);
  });

  it("passes the same subnet without public IPs", async () => {
    const run = runWithSubnet(false);
    const violations = await checkStack(pack, "network", run);
    expect(violations.filter((v) => v.policyName === "subnet-no-public-ip-on-launch")).toEqual([]);
  });

  it("checks the stack as a whole: a VPC without flow logs is reported by analyzeStack", async () => {
    const violations = await checkStack(pack, "network", runWithSubnet(false));
    expect(violations.map((v) => v.policyName)).toContain("vpc-flow-logs");
  });
});
