import type { StackName } from "@platform/wiring";
import { policyDocument, workloadRoleArnPattern, type AccountScope, type PolicyDocument, type PolicyStatement } from "@platform/components";

/** Stacks that CI deploys; the bootstrap itself is applied by a person, once per account. */
export type DeployedStack = Exclude<StackName, "bootstrap">;

/** IAM path of the CI roles; deploy roles may not touch anything under it. */
export const CI_ROLE_PATH = "/platform-ci/";

/** Bucket configuration without object access: deploying a bucket never needs its contents. */
const BUCKET_ACTIONS = [
  "s3:CreateBucket",
  "s3:DeleteBucket",
  "s3:ListBucket",
  "s3:GetBucket*",
  "s3:PutBucket*",
  "s3:DeleteBucket*",
  "s3:GetEncryptionConfiguration",
  "s3:PutEncryptionConfiguration",
  "s3:GetLifecycleConfiguration",
  "s3:PutLifecycleConfiguration",
  "s3:GetAccelerateConfiguration",
  "s3:GetReplicationConfiguration",
];

const LOG_GROUP_ACTIONS = [
  "logs:CreateLogGroup",
  "logs:DeleteLogGroup",
  "logs:DescribeLogGroups",
  "logs:PutRetentionPolicy",
  "logs:DeleteRetentionPolicy",
  "logs:AssociateKmsKey",
  "logs:DisassociateKmsKey",
  "logs:TagResource",
  "logs:UntagResource",
  "logs:ListTagsForResource",
  "logs:TagLogGroup",
  "logs:UntagLogGroup",
  "logs:ListTagsLogGroup",
];

/**
 * Administering the customer-managed KMS keys a stack creates (not their use by services):
 * what the provider calls to create, read, tag, rotate, re-policy and schedule deletion of a key.
 */
export const KEY_ADMINISTRATION_ACTIONS = [
  "kms:DescribeKey",
  "kms:GetKeyPolicy",
  "kms:PutKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:EnableKeyRotation",
  "kms:ListResourceTags",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateKeyDescription",
  "kms:ScheduleKeyDeletion",
];

/** CloudWatch dashboards and alarms a stack creates itself (Dashboard, MetricAlarm). */
const DASHBOARD_AND_ALARM_ACTIONS = [
  "cloudwatch:PutDashboard",
  "cloudwatch:GetDashboard",
  "cloudwatch:DeleteDashboards",
  "cloudwatch:ListDashboards",
  "cloudwatch:PutMetricAlarm",
  "cloudwatch:DescribeAlarms",
  "cloudwatch:DeleteAlarms",
  "cloudwatch:TagResource",
  "cloudwatch:UntagResource",
  "cloudwatch:ListTagsForResource",
];

/** Where a stack's own KMS keys live: its stack's region, or us-east-1 beside CloudFront. */
export type KeyRegion = "stack" | "us-east-1";

interface StackPermissions {
  /** Actions on `*` (whole services only where the stack owns that service outright). */
  readonly actions: readonly string[];
  /** Regions in which the stack creates and administers KMS keys of its own. */
  readonly createsKeysIn: readonly KeyRegion[];
  /** Statements on named resources, beyond the actions on `*`. */
  readonly scopedStatements?: (scope: AccountScope) => readonly PolicyStatement[];
  /** Whether the stack creates IAM roles for its workloads (always under WORKLOAD_ROLE_PATH). */
  readonly managesRoles: boolean;
  /** Services the stack's roles are handed to (iam:PassedToService). */
  readonly passRoleTo: readonly string[];
  /** Service-linked roles AWS creates on first use of a service (iam:AWSServiceName values). */
  readonly serviceLinkedRoles: readonly string[];
  /**
   * Service-linked roles the stack manages as a resource (aws.iam.ServiceLinkedRole): tagged
   * through aws:defaultTags, deleted on destroy, and passed to their service. Keyed by service
   * name, valued by role name.
   */
  readonly managedServiceLinkedRoles?: Readonly<Record<string, string>>;
  /** Whether the stack attaches customer-managed KMS keys to resources it creates. */
  readonly usesKeys: boolean;
}

/** What each stack manages, and so exactly what its deploy role may do. */
export const STACK_PERMISSIONS: { readonly [S in DeployedStack]: StackPermissions } = {
  security: {
    // The Config recorder reads the account's EC2 attributes (pike, aws_config_configuration_recorder).
    // Keys are administered, never used: no kms:Decrypt or kms:ReEncrypt* on every key, which
    // Security Hub KMS.2 flags (the data-class keys' own policies let the services use them).
    actions: ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias", "kms:ListAliases", "securityhub:*", "guardduty:*", "config:*", "cloudtrail:*", "access-analyzer:*", ...BUCKET_ACTIONS, "iam:GetRole", "ec2:DescribeAccountAttributes"],
    // The data-class keys and the logs key, in the stack's region.
    createsKeysIn: ["stack"],
    managesRoles: false,
    passRoleTo: [],
    serviceLinkedRoles: ["config.amazonaws.com", "securityhub.amazonaws.com", "guardduty.amazonaws.com", "malware-protection.guardduty.amazonaws.com", "access-analyzer.amazonaws.com"],
    managedServiceLinkedRoles: { "config.amazonaws.com": "AWSServiceRoleForConfig" },
    usesKeys: false,
  },
  network: {
    actions: [
      "ec2:Describe*",
      "ec2:*Vpc*",
      "ec2:*Subnet*",
      "ec2:*RouteTable*",
      "ec2:CreateRoute",
      "ec2:DeleteRoute",
      "ec2:ReplaceRoute",
      "ec2:*InternetGateway*",
      "ec2:*SecurityGroup*",
      "ec2:*NetworkAcl*",
      "ec2:*FlowLogs*",
      "ec2:CreateTags",
      "ec2:DeleteTags",
      // Interface endpoints with private DNS associate the VPC with the AWS-managed private
      // hosted zone of the service (a dependent action of ec2:CreateVpcEndpoint).
      "route53:AssociateVPCWithHostedZone",
      "route53:DisassociateVPCFromHostedZone",
      // Permission-only actions ec2:CreateVpcEndpoint is checked against (pike, aws_vpc_endpoint).
      "vpce:AllowMultiRegion",
      "vpc-lattice:CreateServiceNetworkVpcEndpointAssociation",
      // Flow-log delivery is set up by the caller (pike, aws_flow_log).
      "logs:CreateLogDelivery",
      ...LOG_GROUP_ACTIONS,
    ],
    // logsKeySource: own creates the flow-log key in the stack's region.
    createsKeysIn: ["stack"],
    managesRoles: true,
    passRoleTo: ["vpc-flow-logs.amazonaws.com"],
    serviceLinkedRoles: [],
    usesKeys: true,
  },
  app: {
    actions: [
      "ecr:*",
      "ecs:*",
      "elasticloadbalancing:*",
      "rds:*",
      "secretsmanager:*",
      "application-autoscaling:*",
      "scheduler:*",
      "cloudwatch:DescribeAlarms",
      "ec2:Describe*",
      // aws.ec2.getManagedPrefixList reads the entries; ec2:Describe* does not cover Get*.
      "ec2:GetManagedPrefixListEntries",
      "ec2:*SecurityGroup*",
      "ec2:CreateTags",
      "ec2:DeleteTags",
      // Deleting a load balancer removes the network interfaces it leaves behind (pike, aws_lb).
      "ec2:DetachNetworkInterface",
      "ec2:DeleteNetworkInterface",
      // Target tracking reads its metric (pike, aws_appautoscaling_policy).
      "cloudwatch:GetMetricData",
      ...BUCKET_ACTIONS,
      ...LOG_GROUP_ACTIONS,
    ],
    createsKeysIn: [],
    // PutScalingPolicy for a target-tracking policy creates and deletes its CloudWatch alarms
    // with the caller's permissions (Application Auto Scaling identity-based policy examples,
    // "ECS services"); those alarms are always named TargetTracking-<resource>-...
    scopedStatements: (scope) => [
      {
        Sid: "TargetTrackingAlarms",
        Effect: "Allow",
        Action: ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms"],
        Resource: `arn:${scope.partition}:cloudwatch:${scope.region}:${scope.accountId}:alarm:TargetTracking-*`,
      },
    ],
    managesRoles: true,
    passRoleTo: ["ecs-tasks.amazonaws.com", "scheduler.amazonaws.com", "monitoring.rds.amazonaws.com"],
    serviceLinkedRoles: ["ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com", "rds.amazonaws.com", "ecs.application-autoscaling.amazonaws.com"],
    usesKeys: true,
  },
  edge: {
    actions: [
      "cloudfront:*",
      "wafv2:*",
      "acm:*",
      "rum:*",
      "cognito-identity:*",
      "route53:GetHostedZone",
      "route53:ListHostedZones",
      "route53:ListHostedZonesByName",
      "route53:ListResourceRecordSets",
      // aws.route53.getZone reads the zone's tags (internal/service/route53/zone_data_source.go).
      "route53:ListTagsForResource",
      "route53:ChangeResourceRecordSets",
      "route53:GetChange",
      "ec2:Describe*",
      "elasticloadbalancing:Describe*",
      "logs:*Deliver*",
      "logs:PutResourcePolicy",
      "logs:DeleteResourcePolicy",
      "logs:DescribeResourcePolicies",
      ...DASHBOARD_AND_ALARM_ACTIONS,
      ...BUCKET_ACTIONS,
      ...LOG_GROUP_ACTIONS,
    ],
    // The access-log bucket's key sits in us-east-1 beside CloudFront's delivery source.
    createsKeysIn: ["us-east-1"],
    managesRoles: true,
    passRoleTo: ["cognito-identity.amazonaws.com"],
    serviceLinkedRoles: ["vpcorigin.cloudfront.amazonaws.com", "wafv2.amazonaws.com", "delivery.logs.amazonaws.com", "rum.amazonaws.com"],
    usesKeys: true,
  },
};

/** SCP management, for a security stack run in the organization's management account. */
export const ORGANIZATION_POLICY_ACTIONS = [
  "organizations:DescribeOrganization",
  "organizations:ListRoots",
  "organizations:CreatePolicy",
  "organizations:UpdatePolicy",
  "organizations:DeletePolicy",
  "organizations:DescribePolicy",
  "organizations:ListPolicies",
  "organizations:AttachPolicy",
  "organizations:DetachPolicy",
  "organizations:ListTargetsForPolicy",
  "organizations:ListPoliciesForTarget",
  "organizations:TagResource",
  "organizations:UntagResource",
  "organizations:ListTagsForResource",
];

/**
 * Role actions for which IAM sets the iam:PermissionsBoundary condition key (IAM's condition
 * key reference): with a boundary configured, these are allowed only when the request carries it.
 */
export const BOUNDARY_CONDITIONED_ROLE_ACTIONS = [
  "iam:CreateRole",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:AttachRolePolicy",
  "iam:DetachRolePolicy",
  "iam:PutRolePermissionsBoundary",
];

/**
 * Role actions whose requests never carry iam:PermissionsBoundary, so a condition on it would
 * deny them always: reading, tagging (CreateRole with tags also needs iam:TagRole), updating
 * and deleting a role.
 */
export const UNCONDITIONED_ROLE_ACTIONS = [
  "iam:GetRole",
  "iam:DeleteRole",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:UpdateAssumeRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:ListRoleTags",
  "iam:GetRolePolicy",
  "iam:ListRolePolicies",
  "iam:ListAttachedRolePolicies",
  "iam:ListInstanceProfilesForRole",
];

/** AWS-managed policies that would turn a workload role into an administrator. */
const ADMIN_POLICIES = ["AdministratorAccess", "IAMFullAccess", "PowerUserAccess"];

export interface DeployPermissionOptions {
  /** Add SCP management to the security stack's role. */
  readonly organizationGuardrails: boolean;
  /** When set, roles the stacks create must carry this permissions boundary. */
  readonly permissionsBoundaryArn?: string;
}

function workloadRoleStatements(roles: string, boundary: string | undefined): PolicyStatement[] {
  if (boundary === undefined) {
    return [{ Sid: "ManageWorkloadRoles", Effect: "Allow", Action: [...BOUNDARY_CONDITIONED_ROLE_ACTIONS, ...UNCONDITIONED_ROLE_ACTIONS], Resource: roles }];
  }
  return [
    {
      Sid: "ManageWorkloadRoles",
      Effect: "Allow",
      Action: BOUNDARY_CONDITIONED_ROLE_ACTIONS,
      Resource: roles,
      Condition: { StringEquals: { "iam:PermissionsBoundary": boundary } },
    },
    { Sid: "ReadTagUpdateWorkloadRoles", Effect: "Allow", Action: UNCONDITIONED_ROLE_ACTIONS, Resource: roles },
    // Removing the boundary would free the role from it; no deploy role may.
    { Sid: "KeepPermissionsBoundary", Effect: "Deny", Action: "iam:DeleteRolePermissionsBoundary", Resource: roles },
  ];
}

function serviceLinkedRoleStatements(scope: AccountScope, permissions: StackPermissions): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  if (permissions.serviceLinkedRoles.length > 0) {
    statements.push({
      Sid: "CreateServiceLinkedRoles",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: `arn:${scope.partition}:iam::${scope.accountId}:role/aws-service-role/*`,
      Condition: { StringEquals: { "iam:AWSServiceName": [...permissions.serviceLinkedRoles] } },
    });
  }
  const managed = Object.entries(permissions.managedServiceLinkedRoles ?? {});
  if (managed.length > 0) {
    const arns = managed.map(([service, role]) => `arn:${scope.partition}:iam::${scope.accountId}:role/aws-service-role/${service}/${role}`);
    statements.push(
      {
        Sid: "ManageOwnServiceLinkedRoles",
        Effect: "Allow",
        Action: ["iam:TagRole", "iam:UntagRole", "iam:ListRoleTags", "iam:UpdateRoleDescription", "iam:DeleteServiceLinkedRole", "iam:GetServiceLinkedRoleDeletionStatus"],
        Resource: arns,
      },
      {
        Sid: "PassOwnServiceLinkedRoles",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: arns,
        Condition: { StringEquals: { "iam:PassedToService": managed.map(([service]) => service) } },
      },
    );
  }
  return statements;
}

function roleStatements(scope: AccountScope, permissions: StackPermissions, options: DeployPermissionOptions): PolicyStatement[] {
  // Only roles under the workload path: with role/* a deploy role could rewrite the trust policy
  // of any other role in the account (an administrator's) and assume it.
  const roles = workloadRoleArnPattern(scope);
  const statements: PolicyStatement[] = [];
  if (permissions.managesRoles) {
    statements.push(...workloadRoleStatements(roles, options.permissionsBoundaryArn), {
      Sid: "NoAdministratorPolicies",
      Effect: "Deny",
      Action: "iam:AttachRolePolicy",
      Resource: "*",
      Condition: { ArnLike: { "iam:PolicyARN": ADMIN_POLICIES.map((p) => `arn:${scope.partition}:iam::aws:policy/${p}`) } },
    });
  }
  if (permissions.passRoleTo.length > 0) {
    statements.push({
      Sid: "PassWorkloadRoles",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: roles,
      Condition: { StringEquals: { "iam:PassedToService": [...permissions.passRoleTo] } },
    });
  }
  statements.push(...serviceLinkedRoleStatements(scope, permissions));
  // No deploy role may change the CI roles, including its own.
  statements.push({
    Sid: "ProtectCiRoles",
    Effect: "Deny",
    Action: ["iam:Create*", "iam:Update*", "iam:Put*", "iam:Attach*", "iam:Detach*", "iam:Delete*", "iam:Tag*", "iam:Untag*", "iam:PassRole"],
    Resource: `arn:${scope.partition}:iam::${scope.accountId}:role${CI_ROLE_PATH}*`,
  });
  return statements;
}

/** Creating keys (kms:CreateKey has no resource) and administering them where the stack keeps them. */
function keyAdministrationStatements(scope: AccountScope, regions: readonly KeyRegion[]): PolicyStatement[] {
  if (regions.length === 0) return [];
  const keyArns = regions.map((r) => `arn:${scope.partition}:kms:${r === "stack" ? scope.region : "us-east-1"}:${scope.accountId}:key/*`);
  // Keys outside the stack's region are not covered by UsePlatformKeys; the services writing
  // into them (S3 with SSE-KMS, log delivery) need the deployer to generate and read data keys.
  const outsideStackRegion = regions.some((r) => r === "us-east-1" && scope.region !== "us-east-1");
  return [
    { Sid: "CreateStackKeys", Effect: "Allow", Action: "kms:CreateKey", Resource: "*" },
    {
      Sid: "AdministerStackKeys",
      Effect: "Allow",
      Action: outsideStackRegion ? [...KEY_ADMINISTRATION_ACTIONS, "kms:GenerateDataKey*", "kms:Decrypt"] : KEY_ADMINISTRATION_ACTIONS,
      Resource: [...new Set(keyArns)],
    },
  ];
}

/** The permission policy of one stack's deploy role. */
export function deployPermissionsPolicy(stack: DeployedStack, scope: AccountScope, options: DeployPermissionOptions): PolicyDocument {
  const permissions = STACK_PERMISSIONS[stack];
  const actions = [...permissions.actions];
  if (stack === "security" && options.organizationGuardrails) actions.push(...ORGANIZATION_POLICY_ACTIONS);
  const statements: PolicyStatement[] = [{ Sid: "ManageStackServices", Effect: "Allow", Action: actions, Resource: "*" }];
  if (permissions.usesKeys) {
    statements.push({
      Sid: "UsePlatformKeys",
      Effect: "Allow",
      Action: ["kms:DescribeKey", "kms:CreateGrant", "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
      Resource: `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:key/*`,
    });
  }
  statements.push(...keyAdministrationStatements(scope, permissions.createsKeysIn));
  statements.push(...(permissions.scopedStatements?.(scope) ?? []));
  statements.push(...roleStatements(scope, permissions, options));
  return policyDocument(statements);
}
