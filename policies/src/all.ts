import { awsxPolicies } from "./awsx";
import { cloudfrontStackPolicies } from "./cloudfront/cache-policies";
import { cloudfrontTransitPolicies } from "./cloudfront/transit-policies";
import { cloudtrailPolicies } from "./cloudtrail";
import { dynamodbPolicies } from "./dynamodb";
import { ec2Policies } from "./ec2";
import { ecrPolicies } from "./ecr";
import { ecsPolicies } from "./ecs";
import { efsPolicies } from "./efs";
import { iamPolicies } from "./iam";
import { kmsPolicies } from "./kms";
import type { PlatformPolicy } from "./lib/define";
import { loadBalancerPolicies } from "./load-balancers";
import { logsPolicies } from "./logs";
import { messagingPolicies } from "./messaging";
import { networkPolicies } from "./network";
import { rdsPolicies } from "./rds";
import { s3Policies } from "./s3";
import { secretsManagerPolicies } from "./secrets-manager";
import { taskEgressPolicies } from "./task-egress";

/** The policies one file defines, named by its path relative to policies/ (the README's source column). */
export interface PolicySource {
  readonly source: string;
  readonly policies: readonly PlatformPolicy[];
}

/** Every policy of the pack, grouped by the file that defines it. Kept apart from pack.ts, which starts serving. */
export const policySources: readonly PolicySource[] = [
  { source: "src/s3.ts", policies: s3Policies },
  { source: "src/rds.ts", policies: rdsPolicies },
  { source: "src/ec2.ts", policies: ec2Policies },
  { source: "src/efs.ts", policies: efsPolicies },
  { source: "src/dynamodb.ts", policies: dynamodbPolicies },
  { source: "src/messaging.ts", policies: messagingPolicies },
  { source: "src/ecr.ts", policies: ecrPolicies },
  { source: "src/logs.ts", policies: logsPolicies },
  { source: "src/kms.ts", policies: kmsPolicies },
  { source: "src/network.ts", policies: networkPolicies },
  { source: "src/load-balancers.ts", policies: loadBalancerPolicies },
  { source: "src/ecs.ts", policies: ecsPolicies },
  { source: "src/task-egress.ts", policies: taskEgressPolicies },
  { source: "src/iam.ts", policies: iamPolicies },
  { source: "src/cloudtrail.ts", policies: cloudtrailPolicies },
  { source: "src/secrets-manager.ts", policies: secretsManagerPolicies },
  { source: "src/awsx.ts", policies: awsxPolicies },
  { source: "src/cloudfront/transit-policies.ts", policies: cloudfrontTransitPolicies },
  { source: "src/cloudfront/cache-policies.ts", policies: cloudfrontStackPolicies },
];

export const policies: readonly PlatformPolicy[] = policySources.flatMap((group) => group.policies);

export const PACK_NAME = "aws-platform";
