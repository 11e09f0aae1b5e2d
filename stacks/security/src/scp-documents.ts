import { PlatformError } from "@platform/wiring";
import { policyDocument, type ConditionBlock, type PolicyDocument, type PolicyStatement } from "@platform/components";

/** AWS Organizations' maximum size of one service control policy, in characters. */
export const SCP_MAX_CHARS = 5120;

/**
 * Actions of global services (single endpoint, usually us-east-1) that the region guardrail must
 * not deny, after AWS's "deny based on the requested Region" example and Control Tower's region
 * deny control. CloudFront, WAF for CloudFront and ACM in us-east-1 are here because the edge
 * stack needs them wherever the rest of the platform runs.
 */
export const GLOBAL_SERVICE_ACTIONS = [
  "account:*",
  "acm:*",
  "aws-marketplace:*",
  "aws-portal:*",
  "billing:*",
  "budgets:*",
  "ce:*",
  "cloudfront:*",
  "cur:*",
  "directconnect:*",
  "ec2:DescribeRegions",
  "ec2:DescribeTransitGateways",
  "ec2:DescribeVpnGateways",
  "fms:*",
  "globalaccelerator:*",
  "health:*",
  "iam:*",
  "kms:*",
  "networkmanager:*",
  "organizations:*",
  "pricing:*",
  "route53:*",
  "route53domains:*",
  "s3:GetAccountPublic*",
  "s3:ListAllMyBuckets",
  "s3:PutAccountPublic*",
  "shield:*",
  "sts:*",
  "support:*",
  "trustedadvisor:*",
  "waf:*",
  "wafv2:*",
  "wellarchitected:*",
] as const;

/** Calls that would switch off a detective control, by service. */
export const PROTECTED_ACTIONS = {
  ProtectSecurityHub: [
    "securityhub:DisableSecurityHub",
    "securityhub:BatchDisableStandards",
    "securityhub:DisassociateFromAdministratorAccount",
    "securityhub:DisassociateFromMasterAccount",
  ],
  // UpdateDetector can set enable=false, so it is denied too; the platform CI roles are exempt.
  ProtectGuardDuty: [
    "guardduty:DeleteDetector",
    "guardduty:UpdateDetector",
    "guardduty:DisassociateFromAdministratorAccount",
    "guardduty:DisassociateFromMasterAccount",
  ],
  ProtectCloudTrail: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"],
  ProtectConfig: ["config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel"],
  // DeleteAccountPublicAccessBlock is authorized by s3:PutAccountPublicAccessBlock as well.
  ProtectAccountPublicAccessBlock: ["s3:PutAccountPublicAccessBlock"],
} as const;

export interface GuardrailOptions {
  readonly allowedRegions: readonly string[];
  readonly extraGlobalActions?: readonly string[];
  /** Principals the guardrails do not apply to (ArnNotLike aws:PrincipalARN). */
  readonly exemptPrincipalArns?: readonly string[];
}

/**
 * IAM path of the platform's CI roles, as the bootstrap creates them (CI_ROLE_PATH in
 * bootstrap/src/deploy-permissions.ts; a bootstrap test keeps the two equal).
 */
export const PLATFORM_CI_ROLE_PATH = "/platform-ci/";

/** The platform's CI roles in every member account: the security stack deploys with one of them. */
export function platformCiRolesPattern(partition: string): string {
  return `arn:${partition}:iam::*:role${PLATFORM_CI_ROLE_PATH}*`;
}

function exemption(arns: readonly string[]): ConditionBlock {
  return arns.length === 0 ? {} : { ArnNotLike: { "aws:PrincipalARN": [...new Set(arns)] } };
}

/** Denies every regional action outside the allowed regions. */
export function regionGuardrail(options: GuardrailOptions): PolicyDocument {
  const notAction = [...new Set([...GLOBAL_SERVICE_ACTIONS, ...(options.extraGlobalActions ?? [])])];
  return policyDocument([
    {
      Sid: "DenyOutsideAllowedRegions",
      Effect: "Deny",
      NotAction: notAction,
      Resource: "*",
      Condition: { StringNotEquals: { "aws:RequestedRegion": [...options.allowedRegions] }, ...exemption(options.exemptPrincipalArns ?? []) },
    },
  ]);
}

export interface BaselineOptions extends Pick<GuardrailOptions, "exemptPrincipalArns"> {
  /** Partition of the organization (aws, aws-cn, aws-us-gov): the CI-role exemption names it. */
  readonly partition: string;
}

/**
 * Keeps Security Hub, GuardDuty, CloudTrail and Config on, the account-level S3 public access
 * block unchanged, and the account in the organization. Leaving is denied to everyone. The
 * platform CI roles are always exempt from the service protections: the security stack itself
 * updates the detector, trail and recorder in member accounts with its deploy role.
 */
export function securityBaseline(options: BaselineOptions): PolicyDocument {
  const exempt = exemption([platformCiRolesPattern(options.partition), ...(options.exemptPrincipalArns ?? [])]);
  const protections: PolicyStatement[] = Object.entries(PROTECTED_ACTIONS).map(([sid, actions]) => ({
    Sid: sid,
    Effect: "Deny",
    Action: [...actions],
    Resource: "*",
    ...(Object.keys(exempt).length > 0 ? { Condition: exempt } : {}),
  }));
  return policyDocument([...protections, { Sid: "DenyLeavingOrganization", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }]);
}

/**
 * The SCP content as AWS Organizations stores it (compact JSON), refused with the config key
 * to shorten when it exceeds the 5,120-character limit.
 */
export function renderScp(name: string, document: PolicyDocument, configKeys: string): string {
  const content = JSON.stringify(document);
  if (content.length > SCP_MAX_CHARS) {
    throw new PlatformError(
      `The ${name} service control policy would be ${content.length} characters; AWS Organizations accepts at most ${SCP_MAX_CHARS}. ` +
        `Shorten ${configKeys} (fewer entries, or wildcards such as "sso:*").`,
    );
  }
  return content;
}
