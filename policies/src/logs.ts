import { FSBP, PLATFORM, resourcePolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
import { isSet, num } from "./lib/values";

/** CloudWatch Logs: customer-managed encryption and bounded retention. */

export interface RetentionConfig {
  readonly minRetentionDays: number;
}

export const logsPolicies = [
  resourcePolicy({
    name: "log-group-kms",
    description: "CloudWatch log groups are encrypted with an AWS KMS key.",
    enforcementLevel: "mandatory",
    severity: "medium",
    // Security Hub has no FSBP control for this (AWS Config rule cloudwatch-log-group-encrypted).
    framework: { ...PLATFORM, reference: "PLAT.LOGS.1", title: "CloudWatch log groups should be encrypted with AWS KMS (AWS Config cloudwatch-log-group-encrypted)" },
    remediationSteps: "Set kmsKeyId to a key whose policy allows logs.<region>.amazonaws.com to use it.",
    prevents: "Logs that may contain personal data encrypted only with service keys outside key policies.",
    types: T.logGroup,
    check: (r) => (isSet(r.props.kmsKeyId) ? [] : [finding(`${where(r.name, r.type)} has no KMS key`, "set kmsKeyId to the logs key")]),
  }),
  resourcePolicy<RetentionConfig>({
    name: "log-group-retention",
    description: "CloudWatch log groups have a retention period of at least the configured number of days (never-expire is not allowed).",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "CloudWatch.16", title: "CloudWatch log groups should be retained for a specified time period" },
    remediationSteps: "Set retentionInDays to an allowed value at or above the configured minimum.",
    prevents: "Logs kept forever (privacy law) or deleted too early (incident response).",
    config: {
      schema: { minRetentionDays: { type: "integer", minimum: 1, default: 1, description: "Smallest allowed retentionInDays (Security Hub's default is 365)." } },
      defaults: { minRetentionDays: 1 },
    },
    types: T.logGroup,
    check: (r, config) => {
      const days = num(r.props.retentionInDays);
      if (days === "unknown") return [];
      if (days === undefined || days === 0) return [finding(`${where(r.name, r.type)} never expires its logs`, `set retentionInDays (at least ${config.minRetentionDays})`)];
      return days < config.minRetentionDays ? [finding(`${where(r.name, r.type)} keeps logs ${days} days, less than the required ${config.minRetentionDays}`, `set retentionInDays to at least ${config.minRetentionDays}`)] : [];
    },
  }),
];
