import { networkContract } from "@platform/wiring";
import { oneOf, plain, resourcesOf, runStacks, type RecordedResource, type StackRun } from "@platform/offline";

const runs: Record<string, StackRun> = {};

beforeAll(async () => {
  for (const env of ["dev", "prod"]) runs[env] = (await runStacks({ env, stacks: ["network"] })).network as StackRun;
});

const inputs = (r: RecordedResource) => plain<Record<string, unknown>>(r.inputs);
const expectedAzs = { dev: 2, prod: 3 } as const;

describe.each(["dev", "prod"] as const)("network stack (%s)", (env) => {
  const run = () => runs[env];

  it("has one app and one data subnet per configured AZ, none of them public", () => {
    const subnets = resourcesOf(run(), "aws:ec2/subnet:Subnet").map(inputs);
    expect(subnets.filter((s) => (s.tags as Record<string, string>).Tier === "app")).toHaveLength(expectedAzs[env]);
    expect(subnets.filter((s) => (s.tags as Record<string, string>).Tier === "data")).toHaveLength(expectedAzs[env]);
    for (const s of subnets) expect(s.mapPublicIpOnLaunch).toBe(false);
    expect(new Set(subnets.map((s) => s.availabilityZone)).size).toBe(expectedAzs[env]);
  });

  it("attaches an internet gateway but routes nothing to it, and has no NAT gateway", () => {
    const igw = oneOf(run(), "aws:ec2/internetGateway:InternetGateway");
    const vpc = oneOf(run(), "aws:ec2/vpc:Vpc");
    expect(igw.propertyDependencies.vpcId).toEqual([vpc.urn]);
    expect(resourcesOf(run(), "aws:ec2/route:Route")).toHaveLength(0);
    expect(resourcesOf(run(), "aws:ec2/natGateway:NatGateway")).toHaveLength(0);
    for (const table of [...resourcesOf(run(), "aws:ec2/routeTable:RouteTable"), ...resourcesOf(run(), "aws:ec2/defaultRouteTable:DefaultRouteTable")]) {
      expect(inputs(table).routes ?? []).toEqual([]);
      expect(table.dependencies).not.toContain(igw.urn);
    }
  });

  it("manages the default security group with no rules", () => {
    const sg = inputs(oneOf(run(), "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"));
    expect(sg.ingress).toEqual([]);
    expect(sg.egress).toEqual([]);
  });

  it("reaches AWS APIs through private interface endpoints admitting HTTPS from the VPC only", () => {
    const endpoints = resourcesOf(run(), "aws:ec2/vpcEndpoint:VpcEndpoint").map(inputs);
    const services = endpoints.filter((e) => e.vpcEndpointType === "Interface").map((e) => String(e.serviceName).split(".").slice(3).join("."));
    expect(services.sort()).toEqual(["ecr.api", "ecr.dkr", "kms", "logs", "secretsmanager", "ssm", "sts"]);
    for (const e of endpoints.filter((x) => x.vpcEndpointType === "Interface")) expect(e.privateDnsEnabled).toBe(true);
    const sg = inputs(oneOf(run(), "aws:ec2/securityGroup:SecurityGroup", "endpoints-sg"));
    expect(sg.ingress).toEqual([expect.objectContaining({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [inputs(oneOf(run(), "aws:ec2/vpc:Vpc")).cidrBlock] })]);
  });

  it("puts the S3 gateway endpoint on the app route tables", () => {
    const s3 = resourcesOf(run(), "aws:ec2/vpcEndpoint:VpcEndpoint").find((e) => inputs(e).vpcEndpointType === "Gateway") as RecordedResource;
    const appTables = resourcesOf(run(), "aws:ec2/routeTable:RouteTable").filter((t) => (inputs(t).tags as Record<string, string>).Tier === "app");
    expect([...s3.propertyDependencies.routeTableIds].sort()).toEqual(appTables.map((t) => t.urn).sort());
  });

  it("logs ALL traffic to a KMS-encrypted log group with the configured retention", () => {
    const flowLog = oneOf(run(), "aws:ec2/flowLog:FlowLog");
    const group = oneOf(run(), "aws:cloudwatch/logGroup:LogGroup");
    expect(inputs(flowLog)).toMatchObject({ trafficType: "ALL", logDestinationType: "cloud-watch-logs" });
    expect(flowLog.propertyDependencies.logDestination).toEqual([group.urn]);
    expect(inputs(group).retentionInDays).toBe(env === "dev" ? 30 : 365);
    expect(inputs(group).kmsKeyId).toMatch(/^arn:aws:kms:ap-northeast-1:\d{12}:key\//);
  });

  it("exports every key of the network contract", () => {
    const outputs = networkContract.schema.parse(plain(run().outputs));
    expect(outputs.appSubnetIds).toHaveLength(expectedAzs[env]);
    expect(outputs.availabilityZones).toHaveLength(expectedAzs[env]);
  });
});

describe("network config mistakes stop before anything is created", () => {
  it.each([
    ["an invalid CIDR", { vpcCidr: "10.0.0/16" }, /platform-network:vpcCidr: must be an IPv4 network/],
    ["a CIDR too small for the subnets", { vpcCidr: "10.0.0.0/25" }, /platform-network:vpcCidr: prefix must be \/16 to \/24/],
    ["a public CIDR", { vpcCidr: "8.8.0.0/16" }, /platform-network:vpcCidr: must be inside an RFC 1918/],
    ["zero AZs", { azCount: 0 }, /platform-network:azCount: .*>=1/],
    ["too many AZs", { azCount: 7 }, /platform-network:azCount: .*<=6/],
    ["a wrong type", { azCount: "two" }, /platform-network:azCount: .*expected number/],
    ["an unknown key", { vpcCidrr: "10.0.0.0/16" }, /platform-network:vpcCidrr: not a setting of the network stack\. Did you mean platform-network:vpcCidr\?/],
    ["a missing key", { vpcCidr: undefined }, /platform-network:vpcCidr: required, not set\n\s+e\.g\. platform-network:vpcCidr: 10\.20\.0\.0\/16/],
    ["a retention CloudWatch refuses", { flowLogRetentionDays: 31 }, /platform-network:flowLogRetentionDays: CloudWatch Logs accepts only/],
    ["a boundary that is not a policy ARN", { rolePermissionsBoundaryArn: "platform-workload-boundary" }, /platform-network:rolePermissionsBoundaryArn: must be an IAM policy ARN/],
  ])("%s", async (_case, config, message) => {
    const attempt = runStacks({ env: "dev", stacks: ["network"], config: { network: config } });
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toThrow(/nothing was created/);
  });
});

describe("the flow-log KMS key", () => {
  it("is the security stack's logs key when logsKeySource is security", async () => {
    const both = await runStacks({ env: "dev", stacks: ["network"], config: { network: { logsKeySource: "security" } } });
    const securityLogsKey = plain<Record<string, string>>(both.security?.outputs).logsKeyArn;
    expect(securityLogsKey).toMatch(/^arn:aws:kms:/);
    expect(plain<Record<string, unknown>>(oneOf(both.network, "aws:cloudwatch/logGroup:LogGroup").inputs).kmsKeyId).toBe(securityLogsKey);
    expect(resourcesOf(both.network, "aws:kms/key:Key")).toHaveLength(0);
  });

  it("is the network stack's own rotating key when logsKeySource is own", async () => {
    const own = (await runStacks({ env: "dev", stacks: ["network"], config: { network: { logsKeySource: "own" } } })).network;
    const key = oneOf(own, "aws:kms/key:Key");
    expect(plain<Record<string, unknown>>(key.inputs).enableKeyRotation).toBe(true);
    expect(oneOf(own, "aws:cloudwatch/logGroup:LogGroup").propertyDependencies.kmsKeyId).toEqual([key.urn]);
  });
});

describe("the flow-log role's permissions boundary", () => {
  it("is the configured boundary, which the bootstrap's deploy role requires on every role it creates", async () => {
    const boundary = "arn:aws:iam::123456789012:policy/platform-workload-boundary";
    const network = (await runStacks({ env: "dev", stacks: ["network"], config: { network: { rolePermissionsBoundaryArn: boundary } } })).network;
    expect(plain<Record<string, unknown>>(oneOf(network, "aws:iam/role:Role").inputs).permissionsBoundary).toBe(boundary);
  });

  it("is absent when none is configured", async () => {
    const network = (await runStacks({ env: "dev", stacks: ["network"] })).network;
    expect(plain<Record<string, unknown>>(oneOf(network, "aws:iam/role:Role").inputs).permissionsBoundary).toBeUndefined();
  });
});

describe("upstream naming", () => {
  it("reads the security stack under a configured StackReference name", async () => {
    const runs = await runStacks({ env: "dev", stacks: ["network"], config: { network: { upstreamOrg: "acme", upstreamStackName: "{org}/{project}-{env}" } } });
    const reference = oneOf(runs.network, "pulumi:pulumi:StackReference");
    expect(plain<Record<string, unknown>>(reference.inputs).name).toBe("acme/platform-security-dev");
  });
});
