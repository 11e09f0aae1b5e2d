/**
 * Where pike's lists and the Terraform provider disagree, each with the provider source or AWS
 * page that shows it. pike builds its lists partly from traces and documentation examples, so a
 * list can hold calls of a neighbouring feature; granting those would widen the roles for
 * nothing. Kept small: a correction needs a source.
 */

type Inputs = Readonly<Record<string, unknown>>;

interface NotCalled {
  readonly actions: readonly string[];
  readonly why: string;
  /** When given, the actions are called after all for a resource whose inputs satisfy it. */
  readonly calledWhen?: (inputs: Inputs) => boolean;
}

/** Actions pike lists for a type that the provider never calls for the way our stacks use it. */
export const NOT_CALLED: Readonly<Record<string, readonly NotCalled[]>> = {
  aws_s3_bucket: [{
    actions: ["s3:GetObject", "s3:GetObjectAcl"],
    why: "resourceBucketRead (internal/service/s3/bucket.go) reads bucket configuration, never an object",
  }],
  aws_rum_app_monitor: [
    {
      actions: ["dynamodb:*", "s3:*Object*", "s3:DoesObjectExist"],
      why: "internal/service/rum/app_monitor.go calls CloudWatch RUM (and Logs for cw_log_enabled) only; the DynamoDB and S3 calls are the RUM console's, not the API's",
    },
    {
      actions: ["iam:GetRole", "iam:PassRole"],
      why: "internal/service/rum/app_monitor.go hands CloudWatch RUM a role only as app_monitor_configuration.guest_role_arn",
      calledWhen: (inputs) => (inputs.appMonitorConfiguration as { guestRoleArn?: unknown } | undefined)?.guestRoleArn !== undefined,
    },
  ],
  aws_ecr_repository: [{
    actions: ["kms:RetireGrant"],
    why: "ECR retires the grant it created for a KMS-encrypted repository itself when the repository is deleted (ECR user guide, 'Encryption at rest')",
  }],
  aws_rds_cluster_instance: [{
    actions: ["iam:GetRole", "iam:PassRole", "iam:ListRoles"],
    why: "the instance passes a role only for Enhanced Monitoring (monitoring_role_arn, internal/service/rds/cluster_instance.go)",
    calledWhen: (inputs) => inputs.monitoringRoleArn !== undefined,
  }],
  aws_appautoscaling_target: [{
    actions: ["lambda:*", "cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms"],
    why: "Lambda calls are made only for the lambda namespace, and alarms only by PutScalingPolicy (aws_appautoscaling_policy), both per the Application Auto Scaling guide, 'Permissions for API actions'",
  }],
};

/**
 * Actions pike files under `plan` (read) that the provider calls only to delete: the preview role
 * is not asked for them, the deploy role still is.
 */
export const NOT_A_READ: Readonly<Record<string, readonly string[]>> = {
  // resourceSecurityGroupEgressRuleRead (internal/service/ec2/vpc_security_group_egress_rule.go)
  // describes the rule; RevokeSecurityGroupEgress is its delete.
  aws_vpc_security_group_egress_rule: ["ec2:RevokeSecurityGroupEgress"],
  aws_vpc_security_group_ingress_rule: ["ec2:RevokeSecurityGroupIngress"],
  // PutResourcePolicy writes; internal/service/rum/app_monitor.go reads with GetAppMonitor.
  aws_rum_app_monitor: ["rum:PutResourcePolicy"],
};

/**
 * Actions a role is denied on purpose although pike lists them: the permission test expects
 * these denied, so loosening one fails as surely as missing one.
 */
export const DELIBERATE_DENIALS: readonly { readonly action: string; readonly why: string }[] = [
  {
    action: "iam:DeleteRolePermissionsBoundary",
    why: "pike lists it for removing permissions_boundary from an aws_iam_role; a deploy role that could remove a boundary would free the role from it (bootstrap/src/deploy-permissions.ts, KeepPermissionsBoundary)",
  },
];

const matches = (pattern: string, action: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i").test(action);

export const isNotCalled = (type: string, action: string, inputs: Inputs): boolean =>
  (NOT_CALLED[type] ?? []).some((c) => !(c.calledWhen?.(inputs) ?? false) && c.actions.some((p) => matches(p, action)));
export const isNotARead = (type: string, action: string): boolean => (NOT_A_READ[type] ?? []).some((p) => matches(p, action));

/**
 * Actions pike lists that IAM's service reference does not have: nothing can grant or check
 * them, so the permission test skips them and lists them here so a refresh that adds one is seen.
 */
export const NOT_IN_IAM: readonly string[] = [
  "vpc-lattice:DescribeServiceNetworkVpcEndpointAssociation",
  "cloudfront:CreateDistributionWithTags",
];
