import { z } from "zod";
import { defineContract } from "../contract";

export const securityContract = defineContract("security", {
  /** KMS key for CloudWatch Logs, flow logs, access-log buckets and CloudTrail. */
  logsKeyArn: z.string(),
  /** KMS key for application data: buckets, queues, database, images. */
  dataKeyArn: z.string(),
  /** KMS key for personal data (GDPR): exports and tables that hold it. */
  personalDataKeyArn: z.string(),
});
