import { oneOf, plain, resourcesOf, runStacks, type RecordedResource, type StackRun } from "@platform/offline";

const runs: Record<string, StackRun> = {};
const inputs = (r: RecordedResource) => plain<Record<string, unknown>>(r.inputs);
const run = (env: string) => runs[env];

beforeAll(async () => {
  for (const env of ["dev", "prod"]) runs[env] = (await runStacks({ env, stacks: ["security"] })).security as StackRun;
});

const retention = { dev: 90, prod: 400 } as const;
const deletionWindow = { dev: 7, prod: 30 } as const;

describe.each(["dev", "prod"] as const)("security stack (%s)", (env) => {
  it("creates one rotating key per data class with the configured deletion window", () => {
    const keys = resourcesOf(run(env), "aws:kms/key:Key");
    expect(keys.map((k) => k.name).sort()).toEqual(["data", "logs", "personal-data"]);
    for (const key of keys.map(inputs)) {
      expect(key.enableKeyRotation).toBe(true);
      expect(key.rotationPeriodInDays).toBe(365);
      expect(key.deletionWindowInDays).toBe(deletionWindow[env]);
    }
    const aliases = resourcesOf(run(env), "aws:kms/alias:Alias").map((a) => inputs(a).name).sort();
    expect(aliases).toEqual([`alias/platform-${env}-data`, `alias/platform-${env}-logs`, `alias/platform-${env}-personal-data`]);
  });

  it("writes the logs key policy for the trail it creates and for Config", () => {
    const policy = JSON.parse(inputs(oneOf(run(env), "aws:kms/key:Key", "logs")).policy as string) as { Statement: { Sid: string; Condition?: Record<string, Record<string, unknown>> }[] };
    const trail = inputs(oneOf(run(env), "aws:cloudtrail/trail:Trail"));
    const encrypt = policy.Statement.find((s) => s.Sid === "CloudTrailEncrypt");
    expect(encrypt?.Condition?.StringEquals["aws:SourceArn"]).toBe(`arn:aws:cloudtrail:ap-northeast-1:123456789012:trail/${trail.name}`);
    expect(policy.Statement.map((s) => s.Sid)).toContain("ConfigDelivery");
  });

  it("runs a multi-region, validated, KMS-encrypted trail into the audit bucket after its policy exists", () => {
    const trail = oneOf(run(env), "aws:cloudtrail/trail:Trail");
    const args = inputs(trail);
    expect(args).toMatchObject({ name: `platform-${env}`, isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: true, enableLogging: true, s3KeyPrefix: "cloudtrail" });
    expect(trail.propertyDependencies.kmsKeyId).toEqual([oneOf(run(env), "aws:kms/key:Key", "logs").urn]);
    expect(trail.propertyDependencies.s3BucketName).toEqual([oneOf(run(env), "aws:s3/bucket:Bucket", "audit-logs").urn]);
    expect(trail.dependencies).toContain(oneOf(run(env), "aws:s3/bucketPolicy:BucketPolicy", "audit-logs").urn);
  });

  it("keeps the audit bucket private, KMS-encrypted with the logs key, TLS-only and expiring after the configured days", () => {
    const bucket = oneOf(run(env), "aws:s3/bucket:Bucket", "audit-logs");
    const sse = oneOf(run(env), "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "audit-logs");
    const rule = (inputs(sse).rules as { applyServerSideEncryptionByDefault: { sseAlgorithm: string } }[])[0];
    expect(rule.applyServerSideEncryptionByDefault.sseAlgorithm).toBe("aws:kms");
    expect(sse.propertyDependencies.rules).toContain(oneOf(run(env), "aws:kms/key:Key", "logs").urn);
    expect(inputs(oneOf(run(env), "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "audit-logs"))).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const rules = inputs(oneOf(run(env), "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "audit-logs")).rules as { id: string; expiration?: { days: number } }[];
    expect(rules.find((r) => r.id === "expire-objects")?.expiration?.days).toBe(retention[env]);
    const policy = JSON.parse(inputs(oneOf(run(env), "aws:s3/bucketPolicy:BucketPolicy", "audit-logs")).policy as string) as { Statement: { Sid: string }[] };
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["DenyInsecureTransport", "CloudTrailAclCheck", "CloudTrailWrite", "ConfigAclCheck", "ConfigExistenceCheck", "ConfigDelivery"]);
    expect(bucket.dependencies).toEqual([]);
  });

  it("records every resource type with Config through its service-linked role, delivering KMS-encrypted snapshots", () => {
    const recorder = oneOf(run(env), "aws:cfg/recorder:Recorder");
    expect(inputs(recorder).recordingGroup).toEqual({ allSupported: true, includeGlobalResourceTypes: true });
    expect(recorder.propertyDependencies.roleArn).toEqual([oneOf(run(env), "aws:iam/serviceLinkedRole:ServiceLinkedRole").urn]);
    expect(inputs(oneOf(run(env), "aws:iam/serviceLinkedRole:ServiceLinkedRole")).awsServiceName).toBe("config.amazonaws.com");
    const channel = oneOf(run(env), "aws:cfg/deliveryChannel:DeliveryChannel");
    expect(channel.propertyDependencies.s3KmsKeyArn).toEqual([oneOf(run(env), "aws:kms/key:Key", "logs").urn]);
    expect(inputs(oneOf(run(env), "aws:cfg/recorderStatus:RecorderStatus")).isEnabled).toBe(true);
  });

  it("subscribes Security Hub to FSBP and the configured CIS version only, after Config records", () => {
    const account = oneOf(run(env), "aws:securityhub/account:Account");
    expect(inputs(account).enableDefaultStandards).toBe(false);
    expect(account.dependencies).toContain(oneOf(run(env), "aws:cfg/recorderStatus:RecorderStatus").urn);
    const arns = resourcesOf(run(env), "aws:securityhub/standardsSubscription:StandardsSubscription").map((s) => inputs(s).standardsArn).sort();
    expect(arns).toEqual([
      "arn:aws:securityhub:ap-northeast-1::standards/aws-foundational-security-best-practices/v/1.0.0",
      "arn:aws:securityhub:ap-northeast-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
    ]);
  });

  it("enables GuardDuty runtime monitoring with the managed ECS Fargate agent", () => {
    const runtime = inputs(oneOf(run(env), "aws:guardduty/detectorFeature:DetectorFeature", "runtime-monitoring"));
    expect(runtime).toMatchObject({ name: "RUNTIME_MONITORING", status: "ENABLED", additionalConfigurations: [{ name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" }] });
    expect(inputs(oneOf(run(env), "aws:accessanalyzer/analyzer:Analyzer")).type).toBe("ACCOUNT");
  });

  it("creates no service control policy unless the organization is configured", () => {
    expect(resourcesOf(run(env), "aws:organizations/policy:Policy")).toHaveLength(0);
  });

  it("exports the key ARNs and aliases named in its contract", () => {
    const outputs = plain<Record<string, unknown>>(run(env).outputs);
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(["logsKeyArn", "dataKeyArn", "personalDataKeyArn", "logsKeyAlias", "auditLogBucketName", "trailArn"]));
    expect(outputs.logsKeyAlias).toBe(`alias/platform-${env}-logs`);
  });
});

describe("security stack with pieces managed centrally", () => {
  let central: StackRun;
  beforeAll(async () => {
    central = (await runStacks({
      env: "dev",
      stacks: ["security"],
      config: { security: { securityHub: "false", awsConfig: "false", guardDuty: "false", cloudTrail: "false", accessAnalyzer: "false" } },
    })).security as StackRun;
  });

  it("keeps only the KMS keys and their aliases", () => {
    const types = new Set(central.resources.filter((r) => r.custom).map((r) => r.type));
    expect([...types].sort()).toEqual(["aws:kms/alias:Alias", "aws:kms/key:Key"]);
  });

  it("leaves CloudTrail and Config out of the logs key policy", () => {
    const sids = (JSON.parse(inputs(oneOf(central, "aws:kms/key:Key", "logs")).policy as string) as { Statement: { Sid: string }[] }).Statement.map((s) => s.Sid);
    expect(sids).not.toContain("CloudTrailEncrypt");
    expect(sids).not.toContain("ConfigDelivery");
  });
});

describe("security stack options", () => {
  it("uses an existing Config service-linked role and subscribes CIS 1.2.0 by its ruleset ARN", async () => {
    const r = (await runStacks({ env: "dev", stacks: ["security"], config: { security: { configServiceLinkedRole: "existing", cisVersion: "1.2.0" } } })).security as StackRun;
    expect(resourcesOf(r, "aws:iam/serviceLinkedRole:ServiceLinkedRole")).toHaveLength(0);
    expect(inputs(oneOf(r, "aws:cfg/recorder:Recorder")).roleArn).toBe("arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig");
    expect(resourcesOf(r, "aws:securityhub/standardsSubscription:StandardsSubscription").map((s) => inputs(s).standardsArn)).toContain(
      "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0",
    );
  });

  it("attaches both guardrail SCPs to every configured target in the management account", async () => {
    const organization = { managementAccount: true, targetIds: ["ou-ab12-cdef3456", "210987654321"], allowedRegions: ["eu-central-1", "us-east-1"] };
    const r = (await runStacks({ env: "prod", stacks: ["security"], config: { security: { organization } } })).security as StackRun;
    const policies = resourcesOf(r, "aws:organizations/policy:Policy");
    expect(policies.map((p) => p.name).sort()).toEqual(["region-guardrail", "security-baseline"]);
    for (const p of policies) expect(inputs(p).type).toBe("SERVICE_CONTROL_POLICY");
    const region = JSON.parse(inputs(policies.find((p) => p.name === "region-guardrail") as RecordedResource).content as string);
    expect(region.Statement[0].Condition.StringNotEquals["aws:RequestedRegion"]).toEqual(["eu-central-1", "us-east-1"]);
    const attachments = resourcesOf(r, "aws:organizations/policyAttachment:PolicyAttachment").map((a) => inputs(a).targetId).sort();
    expect(attachments).toEqual(["210987654321", "210987654321", "ou-ab12-cdef3456", "ou-ab12-cdef3456"]);
  });

  it("exempts the platform CI roles, and the configured principals, from the security baseline it attaches", async () => {
    const exemptPrincipalArns = ["arn:aws:iam::*:role/BreakGlass"];
    const organization = { managementAccount: true, targetIds: ["ou-ab12-cdef3456"], allowedRegions: ["ap-northeast-1", "us-east-1"], exemptPrincipalArns };
    const r = (await runStacks({ env: "prod", stacks: ["security"], config: { security: { organization } } })).security as StackRun;
    const content = inputs(oneOf(r, "aws:organizations/policy:Policy", "security-baseline")).content as string;
    const guardDuty = (JSON.parse(content) as { Statement: { Sid: string; Condition?: unknown }[] }).Statement.find((s) => s.Sid === "ProtectGuardDuty");
    expect(guardDuty?.Condition).toEqual({ ArnNotLike: { "aws:PrincipalARN": ["arn:aws:iam::*:role/platform-ci/*", "arn:aws:iam::*:role/BreakGlass"] } });
    expect(content.length).toBeLessThanOrEqual(5120);
  });
});

describe("security stack config mistakes", () => {
  const attempt = (config: Record<string, unknown>) => runStacks({ env: "dev", stacks: ["security"], config: { security: config } });

  it("names an SCP target that is neither a root, an OU nor an account", async () => {
    await expect(attempt({ organization: { managementAccount: true, targetIds: ["engineering"], allowedRegions: ["eu-central-1"] } })).rejects.toThrow(
      /platform-security:organization\.targetIds\[0\]: must be a root/,
    );
  });

  it("refuses SCPs outside the management account", async () => {
    await expect(attempt({ organization: { managementAccount: false, targetIds: ["ou-ab12-cdef3456"], allowedRegions: ["eu-central-1"] } })).rejects.toThrow(
      /platform-security:organization\.managementAccount: SCPs are created only from the organization's management account/,
    );
  });

  it("names an oversized region guardrail before anything is created", async () => {
    const extraGlobalActions = Array.from({ length: 300 }, (_, i) => `service${i}:DescribeSomething`);
    await expect(attempt({ organization: { managementAccount: true, targetIds: ["ou-ab12-cdef3456"], allowedRegions: ["eu-central-1"], extraGlobalActions } })).rejects.toThrow(
      /region-guardrail service control policy would be .*platform-security:organization\.allowedRegions, extraGlobalActions/,
    );
  });

  it("names an unknown CIS version and a rotation period KMS does not accept, with examples", async () => {
    const message = await attempt({ cisVersion: "2.0.0", keyRotationDays: "30" }).then(
      () => "no error",
      (err: Error) => err.message,
    );
    expect(message).toMatch(/platform-security:cisVersion: .*\(got "2\.0\.0"\)\s+e\.g\. platform-security:cisVersion: 3\.0\.0/);
    expect(message).toMatch(/platform-security:keyRotationDays: .*>=90 \(got "30"\)/);
  });
});
