import { z } from "zod";
import { defineContract } from "../contract";

export const appContract = defineContract(
  "app",
  {
    region: z.string(),
    loadBalancerArn: z.string(),
    loadBalancerDnsName: z.string(),
    loadBalancerSecurityGroupId: z.string(),
    listenerArn: z.string(),
    /** HTTPS when the app stack has a certificate; HTTP only ever travels over the VPC origin. */
    listenerProtocol: z.enum(["HTTP", "HTTPS"]),
    listenerPort: z.number().int().min(1).max(65535),
    originVerifyHeaderName: z.string(),
    /** Value CloudFront must send in the origin-verify header; the listener 403s without it. */
    originVerifySecret: z.string(),
    accessLogBucketName: z.string(),
    repositoryUrl: z.string(),
    clusterName: z.string(),
    serviceName: z.string(),
    serviceSecurityGroupId: z.string(),
    dataBucketName: z.string(),
    exportBucketName: z.string(),
    erasureScheduleName: z.string(),
    /** null when the stack runs without Aurora (databaseEnabled false). */
    databaseEndpoint: z.string().nullable(),
    databaseSecretArn: z.string().nullable(),
    databaseSecurityGroupId: z.string().nullable(),
  },
  ["originVerifySecret"],
);
