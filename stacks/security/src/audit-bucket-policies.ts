import type { PolicyStatement } from "@platform/components";

/** Key prefixes the writers use inside the shared audit-log bucket. */
export const TRAIL_PREFIX = "cloudtrail";
export const CONFIG_PREFIX = "config";

const OWNER_FULL_CONTROL = { "s3:x-amz-acl": "bucket-owner-full-control" };

/** CloudTrail's documented bucket policy, limited to the one trail (aws:SourceArn). */
export function cloudTrailWriteStatements(bucketArn: string, accountId: string, trailArn: string): PolicyStatement[] {
  const principal = { Service: "cloudtrail.amazonaws.com" };
  return [
    {
      Sid: "CloudTrailAclCheck",
      Effect: "Allow",
      Principal: principal,
      Action: "s3:GetBucketAcl",
      Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceArn": trailArn } },
    },
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: principal,
      Action: "s3:PutObject",
      Resource: `${bucketArn}/${TRAIL_PREFIX}/AWSLogs/${accountId}/*`,
      Condition: { StringEquals: { ...OWNER_FULL_CONTROL, "aws:SourceArn": trailArn } },
    },
  ];
}

/** AWS Config's documented delivery-bucket policy, limited to this account. */
export function configWriteStatements(bucketArn: string, accountId: string): PolicyStatement[] {
  const principal = { Service: "config.amazonaws.com" };
  const sameAccount = { "AWS:SourceAccount": accountId };
  return [
    { Sid: "ConfigAclCheck", Effect: "Allow", Principal: principal, Action: "s3:GetBucketAcl", Resource: bucketArn, Condition: { StringEquals: sameAccount } },
    { Sid: "ConfigExistenceCheck", Effect: "Allow", Principal: principal, Action: "s3:ListBucket", Resource: bucketArn, Condition: { StringEquals: sameAccount } },
    {
      Sid: "ConfigDelivery",
      Effect: "Allow",
      Principal: principal,
      Action: "s3:PutObject",
      Resource: `${bucketArn}/${CONFIG_PREFIX}/AWSLogs/${accountId}/Config/*`,
      Condition: { StringEquals: { ...OWNER_FULL_CONTROL, ...sameAccount } },
    },
  ];
}
