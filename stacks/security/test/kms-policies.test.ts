import fc from "fast-check";
import { DATA_CLASSES, KEY_ADMIN_ACTIONS, keyPolicy, type DataClass } from "../src/kms-policies";
import type { AccountScope, PolicyStatement } from "@platform/components";

const scope: AccountScope = { accountId: "111122223333", region: "eu-central-1", partition: "aws" };
const trailArn = "arn:aws:cloudtrail:eu-central-1:111122223333:trail/platform-dev";
const bySid = (statements: readonly PolicyStatement[], sid: string) => statements.find((s) => s.Sid === sid);
const actionsOf = (s: PolicyStatement) => (Array.isArray(s.Action) ? s.Action : [s.Action]) as string[];
const isCrypto = (action: string) => /^kms:(Encrypt|Decrypt|ReEncrypt|GenerateDataKey|CreateGrant)/.test(action) || action === "kms:*";

describe("KMS key policies", () => {
  it("lets CloudWatch Logs of this region use the logs key only for this account's log groups", () => {
    const logs = bySid(keyPolicy(scope, { dataClass: "logs" }).Statement, "CloudWatchLogs");
    expect(logs?.Principal).toEqual({ Service: "logs.eu-central-1.amazonaws.com" });
    expect(logs?.Condition).toEqual({
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-central-1:111122223333:log-group:*" },
    });
  });

  it("admits CloudTrail to the logs key only for the platform trail", () => {
    const statements = keyPolicy(scope, { dataClass: "logs", cloudTrailArn: trailArn }).Statement;
    const encrypt = bySid(statements, "CloudTrailEncrypt");
    expect(encrypt?.Principal).toEqual({ Service: "cloudtrail.amazonaws.com" });
    expect(encrypt?.Condition?.StringEquals).toEqual({ "aws:SourceArn": trailArn });
    expect(bySid(keyPolicy(scope, { dataClass: "logs" }).Statement, "CloudTrailEncrypt")).toBeUndefined();
  });

  // CloudTrail guide, "Configure AWS KMS key policies for CloudTrail", required element 2 ("Enable
  // CloudTrail log decrypt permissions"): with an S3 Bucket Key on the bucket, creating or updating
  // an SSE-KMS trail needs kms:Decrypt on the key, which UseThroughServices (S3 only) does not give.
  // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
  it("carries CloudTrail's log decrypt statement when the trail writes with the logs key", () => {
    const decrypt = bySid(keyPolicy(scope, { dataClass: "logs", cloudTrailArn: trailArn }).Statement, "CloudTrailLogDecrypt");
    expect(decrypt).toMatchObject({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:Decrypt", Resource: "*" });
    expect(decrypt?.Condition).toEqual({
      StringEquals: { "kms:CallerAccount": "111122223333" },
      Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" },
      StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
    });
    expect(bySid(keyPolicy(scope, { dataClass: "logs" }).Statement, "CloudTrailLogDecrypt")).toBeUndefined();
    expect(bySid(keyPolicy(scope, { dataClass: "data", cloudTrailArn: trailArn }).Statement, "CloudTrailLogDecrypt")).toBeUndefined();
  });

  it("admits AWS Config to the logs key only when Config delivers with it, limited to this account", () => {
    const config = bySid(keyPolicy(scope, { dataClass: "logs", configDelivery: true }).Statement, "ConfigDelivery");
    expect(config?.Condition).toEqual({ StringEquals: { "AWS:SourceAccount": "111122223333" } });
    expect(bySid(keyPolicy(scope, { dataClass: "logs", configDelivery: false }).Statement, "ConfigDelivery")).toBeUndefined();
  });

  it("gives the data and personal-data keys no service principal at all", () => {
    for (const dataClass of ["data", "personalData"] as const) {
      const principals = keyPolicy(scope, { dataClass, cloudTrailArn: trailArn, configDelivery: true }).Statement.map((s) => s.Principal);
      expect(principals.every((p) => typeof p === "object" && p.Service === undefined)).toBe(true);
    }
  });

  it("lets account principals use the data key through S3, SQS, RDS, ECR and Secrets Manager only", () => {
    const use = bySid(keyPolicy(scope, { dataClass: "data" }).Statement, "UseThroughServices");
    expect(use?.Condition?.StringEquals).toEqual({
      "kms:CallerAccount": "111122223333",
      "kms:ViaService": ["s3.eu-central-1.amazonaws.com", "sqs.eu-central-1.amazonaws.com", "rds.eu-central-1.amazonaws.com", "ecr.eu-central-1.amazonaws.com", "secretsmanager.eu-central-1.amazonaws.com"],
    });
  });

  it("administers keys from the account root without any cryptographic action", () => {
    const admin = bySid(keyPolicy(scope, { dataClass: "personalData" }).Statement, "KeyAdministration");
    expect(admin?.Principal).toEqual({ AWS: "arn:aws:iam::111122223333:root" });
    expect(actionsOf(admin as PolicyStatement)).toEqual([...KEY_ADMIN_ACTIONS]);
    expect(actionsOf(admin as PolicyStatement).filter(isCrypto)).toEqual([]);
  });

  it("never allows cryptographic use by an account principal outside an AWS service, in any account or region, but CloudTrail log decryption", () => {
    const arb = fc.record({
      accountId: fc.stringMatching(/^\d{12}$/),
      region: fc.constantFrom("eu-central-1", "us-east-1", "ap-southeast-2", "us-gov-west-1"),
      partition: fc.constantFrom("aws", "aws-us-gov"),
      dataClass: fc.constantFrom<DataClass>(...DATA_CLASSES),
      trail: fc.boolean(),
      config: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ dataClass, trail, config, ...s }) => {
        const doc = keyPolicy(s, { dataClass, cloudTrailArn: trail ? `arn:${s.partition}:cloudtrail:${s.region}:${s.accountId}:trail/t` : undefined, configDelivery: config });
        for (const st of doc.Statement) {
          const accountPrincipal = typeof st.Principal === "object" && st.Principal.AWS !== undefined;
          if (!accountPrincipal || !actionsOf(st).some(isCrypto)) continue;
          const equals = st.Condition?.StringEquals ?? {};
          if (st.Sid === "CloudTrailLogDecrypt") {
            // Decrypt only, of data CloudTrail encrypted for this account's trails, by this account.
            expect(actionsOf(st)).toEqual(["kms:Decrypt"]);
            expect(equals["kms:CallerAccount"]).toBe(s.accountId);
            expect(st.Condition?.StringLike?.["kms:EncryptionContext:aws:cloudtrail:arn"]).toBe(`arn:${s.partition}:cloudtrail:*:${s.accountId}:trail/*`);
            continue;
          }
          expect(equals["kms:CallerAccount"]).toBe(s.accountId);
          expect((equals["kms:ViaService"] as string[]).every((v) => v.endsWith(`.${s.region}.amazonaws.com`))).toBe(true);
        }
        expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
      }),
    );
  });
});
