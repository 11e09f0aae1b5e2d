import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { MockCallArgs, MockResourceArgs } from "@pulumi/pulumi/runtime";

interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly provider?: string;
}

const registered: Registered[] = [];
const calls: MockCallArgs[] = [];

pulumi.runtime.setMocks(
  {
    newResource: (args: MockResourceArgs) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider });
      const state = args.type === "aws:s3/bucket:Bucket" ? { ...args.inputs, arn: `arn:aws:s3:::${args.name}-bucket`, bucket: `${args.name}-bucket` } : args.inputs;
      return { id: `${args.name}-id`, state };
    },
    call: (args: MockCallArgs) => {
      calls.push(args);
      return args.token === "aws:index/getPartition:getPartition" ? { partition: "aws" } : args.token === "aws:index/getRegion:getRegion" ? { region: "us-east-1" } : { accountId: "111122223333" };
    },
  },
  "components",
  "test",
  true,
);

// Imported after setMocks so the resources register with the mock monitor.
const { SecureBucket, accountScope } = require("../src") as typeof import("../src");

const settled = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply(resolve));
const of = (name: string, type: string): Registered => {
  const found = registered.find((r) => r.name === name && r.type === `aws:s3/${type}`);
  if (found === undefined) throw new Error(`no ${type} named ${name}`);
  return found;
};

describe("SecureBucket", () => {
  beforeAll(async () => {
    const kms = new SecureBucket("audit", {
      encryption: { kind: "kms", keyArn: "arn:aws:kms:eu-west-1:111122223333:key/k" },
      lifecycleRules: [{ id: "expire-noncurrent-versions", noncurrentVersionDays: 30 }],
      statements: (arn) => [{ Sid: "TrailWrite", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: `${arn}/*` }],
    });
    const sse = new SecureBucket("alb-logs", {
      encryption: { kind: "s3-managed", because: "ALB access logs accept only SSE-S3" },
      lifecycleRules: [{ id: "expire", expireAfterDays: 30 }],
      statements: (arn) => pulumi.output([{ Sid: "Later", Effect: "Allow" as const, Action: "s3:PutObject", Resource: `${arn}/*` }]),
    });
    await Promise.all([settled(kms.policy.policy), settled(sse.policy.policy)]);
  });

  it("creates the bucket and each setting as its own resource, all named like the component", () => {
    const types = registered.filter((r) => r.name === "audit" && r.type.startsWith("aws:s3/")).map((r) => r.type.split(":")[2]);
    expect(types.sort()).toEqual(
      ["Bucket", "BucketLifecycleConfiguration", "BucketOwnershipControls", "BucketPolicy", "BucketPublicAccessBlock", "BucketServerSideEncryptionConfiguration", "BucketVersioning"].sort(),
    );
  });

  it("blocks every form of public access, enforces bucket ownership and keeps versions", () => {
    expect(of("audit", "bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    expect(of("audit", "bucketOwnershipControls:BucketOwnershipControls").inputs).toMatchObject({ rule: { objectOwnership: "BucketOwnerEnforced" } });
    expect(of("audit", "bucketVersioning:BucketVersioning").inputs).toMatchObject({ versioningConfiguration: { status: "Enabled" } });
  });

  it("encrypts with the given KMS key and a bucket key, or with SSE-S3 only when asked", () => {
    expect(of("audit", "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs.rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:key/k" }, bucketKeyEnabled: true },
    ]);
    expect(of("alb-logs", "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs.rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
    ]);
  });

  it("puts the TLS-only deny first in the policy, then the caller's statements, given the bucket ARN", () => {
    const audit = JSON.parse(of("audit", "bucketPolicy:BucketPolicy").inputs.policy as string) as { Statement: { Sid: string; Resource: unknown }[] };
    expect(audit.Statement.map((s) => s.Sid)).toEqual(["DenyInsecureTransport", "TrailWrite"]);
    expect(audit.Statement[1].Resource).toBe("arn:aws:s3:::audit-bucket/*");
    const alb = JSON.parse(of("alb-logs", "bucketPolicy:BucketPolicy").inputs.policy as string) as { Statement: { Sid: string }[] };
    expect(alb.Statement.map((s) => s.Sid)).toEqual(["DenyInsecureTransport", "Later"]);
  });

  it("applies the lifecycle rules it was given", () => {
    expect(of("alb-logs", "bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules).toEqual([{ id: "expire", status: "Enabled", filter: {}, expiration: { days: 30 } }]);
  });

  it("refuses to build a bucket without lifecycle rules", () => {
    expect(() => new SecureBucket("forever", { encryption: { kind: "s3-managed", because: "test" }, lifecycleRules: [] })).toThrow(/Bucket forever has no lifecycle rules/);
  });
});

describe("accountScope", () => {
  it("asks the provider it is given, not the parent's default provider", async () => {
    const east = new aws.Provider("east", { region: "us-east-1" });
    const parent = new pulumi.ComponentResource("test:index:Parent", "logs");
    await settled(accountScope(parent, east));
    const tokens = calls.filter((c) => c.provider?.includes("::east::")).map((c) => c.token);
    expect(tokens.sort()).toEqual(["aws:index/getCallerIdentity:getCallerIdentity", "aws:index/getPartition:getPartition", "aws:index/getRegion:getRegion"]);
  });
});
