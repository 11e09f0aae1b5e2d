/**
 * Where a policy decides more strictly than the Security Hub control it stands beside, and why a
 * platform engineer keeps it. Each such policy claims a platform rule id (PLATFORM framework);
 * the README's last column is generated from here. Platform rules not listed cover what no
 * Security Hub control evaluates (this platform's topology).
 */
export const STRICTER_THAN_SECURITY_HUB: Readonly<Record<string, string>> = {
  "s3-bucket-encryption-configured": "Security Hub retired S3.4 once S3 encrypted every bucket with SSE-S3 by default; the platform wants the key choice declared with the bucket and reviewed.",
  "s3-bucket-kms-for-classified-data": "A mandatory part of S3.17 (advisory here): buckets tagged with a personal or confidential classification must use KMS, so access stays under key policies and key-use audit.",
  "iam-no-admin-inline-policy": "IAM.1 evaluates customer managed policies only; an inline administrator grant is the same risk and escapes policy review.",
  "log-group-expires": "CloudWatch.16 accepts never-expire; logs carry personal data, which must be deleted once its purpose is served.",
  "dynamodb-sse-kms": "No Security Hub control asks for KMS on tables (DynamoDB always encrypts with an AWS owned key); the platform's data classes need key policies and key-use audit.",
  "log-group-kms": "Security Hub has no FSBP control for log group encryption (AWS Config cloudwatch-log-group-encrypted); logs may hold personal data.",
};
