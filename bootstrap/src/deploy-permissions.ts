import type { StackName } from "@platform/wiring";
import { policyDocument, type AccountScope, type PolicyDocument, type PolicyStatement } from "@platform/components";

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
  "logs:ListTagsLogGroup",
];

interface StackPermissions {
  /** Actions on `*` (whole services only where the stack owns that service outright). */
  readonly actions: readonly string[];
  /** Whether the stack creates IAM roles for its workloads (never under CI_ROLE_PATH). */
  readonly managesRoles: boolean;
  /** Services the stack's roles are handed to (iam:PassedToService). */
  readonly passRoleTo: readonly string[];
  /** Service-linked roles AWS creates on first use of a service. */
  readonly serviceLinkedRoles: readonly string[];
  /** Whether the stack attaches customer-managed KMS keys to resources it creates. */
  readonly usesKeys: boolean;
}

/** What each stack manages, and so exactly what its deploy role may do. */
export const STACK_PERMISSIONS: { readonly [S in DeployedStack]: StackPermissions } = {
  security: {
    actions: ["kms:*", "securityhub:*", "guardduty:*", "config:*", "cloudtrail:*", "access-analyzer:*", ...BUCKET_ACTIONS, "iam:GetRole"],
    managesRoles: false,
    passRoleTo: [],
    serviceLinkedRoles: ["config.amazonaws.com", "securityhub.amazonaws.com", "guardduty.amazonaws.com", "malware-protection.guardduty.amazonaws.com", "access-analyzer.amazonaws.com"],
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
      ...LOG_GROUP_ACTIONS,
    ],
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
      "ec2:*SecurityGroup*",
      "ec2:CreateTags",
      "ec2:DeleteTags",
      ...BUCKET_ACTIONS,
      ...LOG_GROUP_ACTIONS,
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
      "route53:ChangeResourceRecordSets",
      "route53:GetChange",
      "ec2:Describe*",
      "elasticloadbalancing:Describe*",
      "logs:*Deliver*",
      "logs:PutResourcePolicy",
      "logs:DeleteResourcePolicy",
      "logs:DescribeResourcePolicies",
      ...BUCKET_ACTIONS,
      ...LOG_GROUP_ACTIONS,
    ],
    managesRoles: true,
    passRoleTo: ["cognito-identity.amazonaws.com"],
    serviceLinkedRoles: ["vpcorigin.cloudfront.amazonaws.com", "wafv2.amazonaws.com", "delivery.logs.amazonaws.com"],
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

const ROLE_ACTIONS = [
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:GetRole",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:UpdateAssumeRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:ListRoleTags",
  "iam:PutRolePolicy",
  "iam:GetRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:ListRolePolicies",
  "iam:AttachRolePolicy",
  "iam:DetachRolePolicy",
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

function roleStatements(scope: AccountScope, permissions: StackPermissions, options: DeployPermissionOptions): PolicyStatement[] {
  const roles = `arn:${scope.partition}:iam::${scope.accountId}:role/*`;
  const statements: PolicyStatement[] = [];
  if (permissions.managesRoles) {
    const boundary = options.permissionsBoundaryArn;
    statements.push({
      Sid: "ManageWorkloadRoles",
      Effect: "Allow",
      Action: boundary === undefined ? ROLE_ACTIONS : [...ROLE_ACTIONS, "iam:PutRolePermissionsBoundary"],
      Resource: roles,
      ...(boundary === undefined ? {} : { Condition: { StringEquals: { "iam:PermissionsBoundary": boundary } } }),
    });
    if (boundary !== undefined) {
      // Reading and removing a role needs no boundary condition (the request carries none).
      statements.push({
        Sid: "ReadAndDeleteWorkloadRoles",
        Effect: "Allow",
        Action: ["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListRoleTags", "iam:ListInstanceProfilesForRole", "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy"],
        Resource: roles,
      });
    }
    statements.push({
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
  if (permissions.serviceLinkedRoles.length > 0) {
    statements.push({
      Sid: "CreateServiceLinkedRoles",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: `arn:${scope.partition}:iam::${scope.accountId}:role/aws-service-role/*`,
      Condition: { StringEquals: { "iam:AWSServiceName": [...permissions.serviceLinkedRoles] } },
    });
  }
  // No deploy role may change the CI roles, including its own.
  statements.push({
    Sid: "ProtectCiRoles",
    Effect: "Deny",
    Action: ["iam:Create*", "iam:Update*", "iam:Put*", "iam:Attach*", "iam:Detach*", "iam:Delete*", "iam:Tag*", "iam:Untag*", "iam:PassRole"],
    Resource: `arn:${scope.partition}:iam::${scope.accountId}:role${CI_ROLE_PATH}*`,
  });
  return statements;
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
  statements.push(...roleStatements(scope, permissions, options));
  return policyDocument(statements);
}
