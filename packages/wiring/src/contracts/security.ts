import { z } from "zod";
import { defineContract } from "../contract";

export const securityContract = defineContract("security", {
  /** KMS key for CloudWatch Logs, flow logs, access-log buckets, CloudTrail and Config. */
  logsKeyArn: z.string(),
  /** KMS key for application data: buckets, queues, database, images, secrets. */
  dataKeyArn: z.string(),
  /** KMS key for personal data (GDPR): exports and tables that hold it. */
  personalDataKeyArn: z.string(),
  /** `alias/...` names of the same keys, for people and CLIs. */
  logsKeyAlias: z.string(),
  dataKeyAlias: z.string(),
  personalDataKeyAlias: z.string(),
  /** Bucket holding CloudTrail and Config files, when either is managed by this stack. */
  auditLogBucketName: z.string().optional(),
  trailArn: z.string().optional(),
  guardDutyDetectorId: z.string().optional(),
});
