/**
 * Policy documents for the access-log bucket and its KMS key, as plain data so they can be
 * unit-tested. CloudFront standard logging v2 writes through CloudWatch Logs vended-log delivery:
 * the writer is the `delivery.logs.amazonaws.com` service principal, acting for a delivery
 * source in us-east-1 (CloudWatch Logs User Guide, "Logs sent to Amazon S3").
 */
import { policyDocument, type PolicyDocument, type PolicyStatement } from "@platform/components";

export interface LogWriter {
  readonly accountId: string;
  readonly partition: string;
}

function deliverySourceArn(w: LogWriter): string {
  return `arn:${w.partition}:logs:us-east-1:${w.accountId}:delivery-source:*`;
}

/**
 * Log delivery may write objects (owned by the bucket owner) for this account's sources only;
 * the bucket policy puts it after the TLS-only deny.
 */
export function logDeliveryWriteStatement(bucketArn: string, w: LogWriter): PolicyStatement {
  return {
    Sid: "AWSLogDeliveryWrite",
    Effect: "Allow",
    Principal: { Service: "delivery.logs.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `${bucketArn}/*`,
    Condition: {
      StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": w.accountId },
      ArnLike: { "aws:SourceArn": deliverySourceArn(w) },
    },
  };
}

/** The account administers the key; log delivery may only generate data keys for its writes. */
export function logKeyPolicy(w: LogWriter): PolicyDocument {
  return policyDocument([
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
  ]);
}
