import { z } from "zod";
import { defineContract } from "../contract";

export const edgeContract = defineContract("edge", {
  distributionId: z.string(),
  distributionArn: z.string(),
  distributionDomainName: z.string(),
  webAclArn: z.string(),
  /** The custom domain viewers use, when one is configured. */
  customDomainName: z.string().optional(),
  /** Bucket receiving CloudFront standard logs (v2), in us-east-1. */
  accessLogBucketName: z.string(),
  dashboardName: z.string(),
  /**
   * What the web client needs to install the CloudWatch RUM snippet. No guest role: the snippet
   * must not name one, or aws-rum-web uses Cognito's basic flow, which the pool refuses.
   */
  rumAppMonitorId: z.string(),
  rumIdentityPoolId: z.string(),
  rumRegion: z.string(),
  rumSessionSampleRate: z.number().min(0).max(1),
  rumTelemetries: z.array(z.string()),
  /** Whether read-only behaviors fail over to a second region's app stack. */
  failoverEnabled: z.boolean(),
});
