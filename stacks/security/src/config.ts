import { configBool, configInt, defineConfig, type ConfigOf } from "@platform/wiring";
import { z } from "zod";
import { CIS_VERSIONS, FSBP_VERSIONS } from "./standards";

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
/** An organization root, an OU or a member account: the targets an SCP can be attached to. */
const SCP_TARGET = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/;
const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;

const organization = z
  .strictObject({
    /** Must be true: SCPs can only be managed from the organization's management account. */
    managementAccount: z.literal(true, { error: "SCPs are created only from the organization's management account; set managementAccount: true there, or remove organization" }),
    /** Roots, OUs or accounts the guardrail SCPs are attached to. */
    targetIds: z.array(z.string().regex(SCP_TARGET, "must be a root (r-...), an OU (ou-...-...) or a 12-digit account id")).min(1),
    /** Regions where member accounts may act; global services stay usable everywhere. */
    allowedRegions: z.array(z.string().regex(REGION, "must be a region code such as eu-central-1")).min(1),
    /** More global-service actions to exempt from the region guardrail, e.g. "sso:*". */
    extraGlobalActions: z.array(z.string().regex(IAM_ACTION, "must be an IAM action such as sso:* or ec2:DescribeRegions")).default([]),
    /** Principals exempt from the guardrails (break-glass and the security stack's deploy role). */
    exemptPrincipalArns: z.array(z.string().startsWith("arn:", "must be an IAM principal ARN (wildcards allowed)")).default([]),
  })
  .refine((o) => new Set(o.targetIds).size === o.targetIds.length, { message: "targetIds lists the same target twice", path: ["targetIds"] });

export const securityConfig = defineConfig(
  "security",
  {
    /** How often KMS rotates each data-class key (90..2560 days). */
    keyRotationDays: configInt(90, 2560).default(365),
    /** Waiting period before a deleted key is gone (7..30 days). */
    keyDeletionWindowDays: configInt(7, 30).default(30),
    securityHub: configBool().default(true),
    fsbpVersion: z.enum(FSBP_VERSIONS).default("1.0.0"),
    /** CIS AWS Foundations Benchmark version, or "none" to leave it unsubscribed. */
    cisVersion: z.enum([...CIS_VERSIONS, "none"]).default("3.0.0"),
    awsConfig: configBool().default(true),
    /** Create AWS Config's service-linked role, or use the one the account already has. */
    configServiceLinkedRole: z.enum(["create", "existing"]).default("create"),
    /** Record IAM and other global resources; turn off in every region but one. */
    configRecordGlobalResources: configBool().default(true),
    guardDuty: configBool().default(true),
    cloudTrail: configBool().default(true),
    /** Physical trail name; the bucket and key policies name the trail before it exists. */
    trailName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/, "3-128 letters, digits, '.', '_' or '-'").optional(),
    accessAnalyzer: configBool().default(true),
    /** Days CloudTrail and Config files stay in the audit-log bucket. */
    auditLogRetentionDays: configInt(90, 3653).default(365),
    organization: organization.optional(),
  },
  {
    keyRotationDays: "365",
    keyDeletionWindowDays: "30",
    securityHub: "true",
    fsbpVersion: "1.0.0",
    cisVersion: "3.0.0",
    awsConfig: "true",
    configServiceLinkedRole: "existing",
    configRecordGlobalResources: "true",
    guardDuty: "true",
    cloudTrail: "true",
    trailName: "platform-prod",
    accessAnalyzer: "true",
    auditLogRetentionDays: "400",
    organization: '{"managementAccount": true, "targetIds": ["ou-ab12-cdef3456"], "allowedRegions": ["ap-northeast-1", "us-east-1"]}',
  },
);

export type SecurityConfig = ConfigOf<typeof securityConfig>;
