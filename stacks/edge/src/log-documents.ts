/**
 * Policy documents for the access-log bucket and its KMS key, as plain data so they can be
 * unit-tested. CloudFront standard logging v2 writes through CloudWatch Logs vended-log delivery:
 * the writer is the `delivery.logs.amazonaws.com` service principal, acting for a delivery
 * source in us-east-1 (CloudWatch Logs User Guide, "Logs sent to Amazon S3").
 */

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly Record<string, unknown>[];
}

export interface LogWriter {
  readonly accountId: string;
  readonly partition: string;
}

function deliverySourceArn(w: LogWriter): string {
  return `arn:${w.partition}:logs:us-east-1:${w.accountId}:delivery-source:*`;
}

/** TLS-only access, and log delivery may write objects (owned by the bucket owner) for this account's sources only. */
export function logBucketPolicy(bucketArn: string, w: LogWriter): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "AWSLogDeliveryWrite",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${bucketArn}/*`,
        Condition: {
          StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": w.accountId },
          ArnLike: { "aws:SourceArn": deliverySourceArn(w) },
        },
      },
    ],
  };
}

/** The account administers the key; log delivery may only generate data keys for its writes. */
export function logKeyPolicy(w: LogWriter): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${w.partition}:iam::${w.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "AllowLogDeliveryToEncrypt",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceAccount": w.accountId },
          ArnLike: { "aws:SourceArn": deliverySourceArn(w) },
        },
      },
    ],
  };
}
