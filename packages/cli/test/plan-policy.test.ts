import * as fs from "node:fs";
import type { PackConfig, PolicyPackClient } from "@platform/analyzer";
import { readStackConfig, stackFiles, type RecordedResource, type StackRun } from "@platform/offline";
import { mandatoryViolations, planFailed, type PlanResult } from "../src/plan/model";
import { renderPlanMarkdown } from "../src/plan/diff-report";
import { checkExemptions, packConfigFile } from "../src/plan/pack-config";
import { checkStack, defaultProviderConfig, startPackForEnv } from "../src/plan/policy-check";
import { renderPlanText } from "../src/plan/render-text";
import { UserError } from "../src/errors";
import { REPO_ROOT } from "../src/repo";

// The offline plan's policy step, through the real pack over its Analyzer gRPC service.
let pack: PolicyPackClient;
beforeAll(async () => {
  pack = await startPackForEnv(REPO_ROOT, "dev");
}, 240_000); // a cold start type-checks the pack, slow on a shared machine
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

describe("exemptions in the plan (policies/config/<env>.json, policy-exemptions)", () => {
  const devConfig = (): PackConfig => JSON.parse(fs.readFileSync(packConfigFile(REPO_ROOT, "dev"), "utf8")) as PackConfig;
  const subnetExemption = { policy: "subnet-no-public-ip-on-launch", stack: "dev", project: "platform-network", type: "aws:ec2/subnet:Subnet", name: "app-*", reason: "bastion subnet until the SSM migration", owner: "network-team", expires: "2999-12-31" };
  afterAll(async () => {
    await pack.configure(devConfig());
  });

  it("shows an exempted violation as exempted, with its reason, in the text plan and the PR comment, and not as mandatory", async () => {
    await pack.configure({ ...devConfig(), "policy-exemptions": { exemptions: [subnetExemption] } });
    const run = runWithSubnet(true);
    const violations = await checkStack(pack, "network", run);
    const plan = planOf(run, violations);
    expect(violations.find((v) => v.policyName === "subnet-no-public-ip-on-launch")?.enforcementLevel).toBe("advisory");
    expect(mandatoryViolations(plan).map((v) => v.policyName)).not.toContain("subnet-no-public-ip-on-launch");
    const text = renderPlanText(plan);
    expect(text).toMatch(/^ {2}exempted {2}subnet-no-public-ip-on-launch \[high, EC2\.15\] {2}\(aws:ec2\/subnet:Subnet app-1\) {2}\[bastion subnet until the SSM migration; owner network-team; expires 2999-12-31; exemptions\[0\]\]$/m);
    expect(text).toMatch(/Policy violations: \d+ mandatory, \d+ advisory, 1 exempted/);
    const markdown = renderPlanMarkdown(plan);
    expect(markdown).toContain("exempted (bastion subnet until the SSM migration; owner network-team; expires 2999-12-31; exemptions[0])");
    expect(markdown).toMatch(/\(\+1 exempted\)/);
  });

  it("stops on an invalid exemption, naming the file, the entry and the fix", () => {
    const config = { ...devConfig(), "policy-exemptions": { exemptions: [subnetExemption, { ...subnetExemption, expires: "31.12.2999" }] } };
    expect(() => checkExemptions(config, "policies/config/dev.json")).toThrow(UserError);
    expect(() => checkExemptions(config, "policies/config/dev.json")).toThrow(
      /^policies\/config\/dev\.json: invalid exemptions under "policy-exemptions":\n {2}- exemptions\[1\] \(policy "subnet-no-public-ip-on-launch"\): "expires" is "31\.12\.2999", not a date\. Fix: write YYYY-MM-DD/,
    );
    expect(() => checkExemptions(config, "policies/config/dev.json", ["vpc-flow-logs"])).toThrow(/exemptions\[0\] .*is not a policy of this pack/);
  });
});

describe("tag-reading policies see the default provider's aws:defaultTags, as the engine hands them over", () => {
  // The GDPR export bucket carries no tags of its own: its DataClassification comes from
  // aws:defaultTags in stacks/app/Pulumi.dev.yaml, which the engine configures the default aws
  // provider with and sends with every resource (pulumi/pulumi docs/architecture/providers/default.md).
  const appConfig = readStackConfig(stackFiles(REPO_ROOT, "app", "dev"), REPO_ROOT);
  const bucketUrn = "urn:pulumi:dev::platform-app::platform:components:SecureBucket$aws:s3/bucket:Bucket::data-exports";
  const exportsRun = (sseAlgorithm: string): StackRun => {
    const resource = (type: string, name: string, urn: string, inputs: Record<string, unknown>, deps: Record<string, string[]> = {}): RecordedResource => ({
      urn, type, name, custom: true, inputs, outputs: {}, dependencies: Object.values(deps).flat(), propertyDependencies: deps,
    });
    return {
      stack: "app", env: "dev", project: "platform-app", outputs: {},
      resources: [
        resource("aws:s3/bucket:Bucket", "data-exports", bucketUrn, { forceDestroy: false }),
        resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "data-exports", "urn:pulumi:dev::platform-app::aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration::data-exports", {
          bucket: "data-exports-000b068",
          rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm, ...(sseAlgorithm === "aws:kms" ? { kmsMasterKeyId: "arn:aws:kms:ap-northeast-1:123456789012:key/1" } : {}) }, bucketKeyEnabled: true }],
        }, { bucket: [bucketUrn] }),
      ],
    };
  };
  const kmsFindings = (violations: Awaited<ReturnType<typeof checkStack>>) => violations.filter((v) => v.policyName === "s3-bucket-kms-for-classified-data");

  it("reports the export bucket switched from KMS to S3-managed keys (AES256), with its severity (a platform rule, so no Security Hub control)", async () => {
    const violations = kmsFindings(await checkStack(pack, "app", exportsRun("AES256"), defaultProviderConfig(appConfig.values)));
    expect(violations).toEqual([expect.objectContaining({ urn: bucketUrn, enforcementLevel: "mandatory", severity: "high" })]);
    expect(violations[0].control).toBeUndefined();
    expect(violations[0].message).toMatch(/DataClassification=confidential/);
  });

  it("passes the same bucket encrypted with KMS", async () => {
    expect(kmsFindings(await checkStack(pack, "app", exportsRun("aws:kms"), defaultProviderConfig(appConfig.values)))).toEqual([]);
  });
});
