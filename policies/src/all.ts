import { awsxPolicies } from "./awsx";
import { cloudfrontPolicies } from "./cloudfront";
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

/** Every policy of the pack, grouped by concern. Kept apart from index.ts, which starts serving. */
export const policies: readonly PlatformPolicy[] = [
  ...s3Policies,
  ...rdsPolicies,
  ...ec2Policies,
  ...efsPolicies,
  ...dynamodbPolicies,
  ...messagingPolicies,
  ...ecrPolicies,
  ...logsPolicies,
  ...kmsPolicies,
  ...networkPolicies,
  ...loadBalancerPolicies,
  ...ecsPolicies,
  ...iamPolicies,
  ...cloudtrailPolicies,
  ...awsxPolicies,
  ...cloudfrontPolicies,
];

export const PACK_NAME = "aws-platform";
