import { policyDocument, type AccountScope, type PolicyDocument, type PolicyStatement } from "@platform/components";

/** The data classes the platform encrypts separately, each with its own key. */
export const DATA_CLASSES = ["logs", "data", "personalData"] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

/**
 * AWS services whose callers (IAM principals of this account) may use each key, always through
 * the service (kms:ViaService), never directly. Services that attach a key to a resource they
 * manage (RDS, ECR, Secrets Manager) also get grants, limited to AWS resources.
 */
export const VIA_SERVICES: { readonly [C in DataClass]: readonly string[] } = {
  // Log buckets (audit logs, access logs) are read through S3.
  logs: ["s3"],
  data: ["s3", "sqs", "rds", "ecr", "secretsmanager"],
  personalData: ["s3", "sqs", "rds", "secretsmanager"],
};

/** Key management without cryptographic use: who administers is not who decrypts. */
export const KEY_ADMIN_ACTIONS = [
  "kms:CreateAlias",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
] as const;

const CRYPTO_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

export interface KeyPolicyOptions {
  readonly dataClass: DataClass;
  /** ARN of the platform trail, when CloudTrail writes with this key (logs key only). */
  readonly cloudTrailArn?: string;
  /** Whether AWS Config delivers snapshots encrypted with this key (logs key only). */
  readonly configDelivery?: boolean;
}

function rootArn(scope: AccountScope): string {
  return `arn:${scope.partition}:iam::${scope.accountId}:root`;
}

export function viaServiceEndpoints(dataClass: DataClass, region: string): string[] {
  return VIA_SERVICES[dataClass].map((service) => `${service}.${region}.amazonaws.com`);
}

function accountStatements(scope: AccountScope, dataClass: DataClass): PolicyStatement[] {
  const root = rootArn(scope);
  const viaService = viaServiceEndpoints(dataClass, scope.region);
  return [
    { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: root }, Action: [...KEY_ADMIN_ACTIONS], Resource: "*" },
    {
      Sid: "UseThroughServices",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: CRYPTO_ACTIONS,
      Resource: "*",
      Condition: { StringEquals: { "kms:CallerAccount": scope.accountId, "kms:ViaService": viaService } },
    },
    {
      Sid: "GrantsForServiceResources",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RetireGrant", "kms:RevokeGrant"],
      Resource: "*",
      Condition: {
        StringEquals: { "kms:CallerAccount": scope.accountId, "kms:ViaService": viaService },
        Bool: { "kms:GrantIsForAWSResource": "true" },
      },
    },
  ];
}

/** CloudWatch Logs encrypts log groups of this account and region only. */
function cloudWatchLogsStatement(scope: AccountScope): PolicyStatement {
  return {
    Sid: "CloudWatchLogs",
    Effect: "Allow",
    Principal: { Service: `logs.${scope.region}.amazonaws.com` },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    Resource: "*",
    Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${scope.partition}:logs:${scope.region}:${scope.accountId}:log-group:*` } },
  };
}

/** Vended log delivery (CloudFront standard logging v2, WAF) writing to encrypted buckets. */
function logDeliveryStatement(scope: AccountScope): PolicyStatement {
  return {
    Sid: "LogDelivery",
    Effect: "Allow",
    Principal: { Service: "delivery.logs.amazonaws.com" },
    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
    Resource: "*",
    Condition: {
      StringEquals: { "aws:SourceAccount": scope.accountId },
      ArnLike: { "aws:SourceArn": `arn:${scope.partition}:logs:*:${scope.accountId}:delivery-source:*` },
    },
  };
}

/** CloudTrail's documented key policy, limited to the platform trail. */
function cloudTrailStatements(scope: AccountScope, trailArn: string): PolicyStatement[] {
  return [
    {
      Sid: "CloudTrailEncrypt",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceArn": trailArn },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${scope.partition}:cloudtrail:*:${scope.accountId}:trail/*` },
      },
    },
    {
      // The guide's "Enable CloudTrail log decrypt permissions" statement: with SSE-KMS into a bucket
      // that uses an S3 Bucket Key, creating or updating the trail needs kms:Decrypt outside S3
      // (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html,
      // "Required KMS key policy elements for trails", item 2). Limited to this account's callers
      // and to data CloudTrail encrypted for this account's trails.
      Sid: "CloudTrailLogDecrypt",
      Effect: "Allow",
      Principal: { AWS: rootArn(scope) },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: {
        StringEquals: { "kms:CallerAccount": scope.accountId },
        Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${scope.partition}:cloudtrail:*:${scope.accountId}:trail/*` },
      },
    },
    {
      Sid: "CloudTrailDescribeKey",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceArn": trailArn } },
    },
  ];
}

/** AWS Config (service-linked role) writing encrypted snapshots and history. */
function configStatement(scope: AccountScope): PolicyStatement {
  return {
    Sid: "ConfigDelivery",
    Effect: "Allow",
    Principal: { Service: "config.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: { StringEquals: { "AWS:SourceAccount": scope.accountId } },
  };
}

/**
 * The key policy for one data class: account administration, use through the services that
 * hold that class of data, and, for the logs key, the AWS services that write logs themselves.
 * Nothing else can use the key, not even an IAM policy granting kms:Decrypt on `*`.
 */
export function keyPolicy(scope: AccountScope, options: KeyPolicyOptions): PolicyDocument {
  const statements = accountStatements(scope, options.dataClass);
  if (options.dataClass === "logs") {
    statements.push(cloudWatchLogsStatement(scope), logDeliveryStatement(scope));
    if (options.cloudTrailArn !== undefined) statements.push(...cloudTrailStatements(scope, options.cloudTrailArn));
    if (options.configDelivery === true) statements.push(configStatement(scope));
  }
  return policyDocument(statements);
}
