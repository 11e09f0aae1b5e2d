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
    description: "CloudWatch log groups are encrypted with an AWS KMS key. No Security Hub control evaluates this (AWS Config cloudwatch-log-group-encrypted does); logs may hold personal data.",
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
    description: "CloudWatch log groups keep logs at least the configured number of days (Security Hub's default 365); never-expire counts as compliant, as in Security Hub.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "CloudWatch.16", title: "CloudWatch log groups should be retained for a specified time period" },
    remediationSteps: "Set retentionInDays to an allowed value at or above the configured minimum.",
    prevents: "Logs deleted before an incident is investigated.",
    config: {
      schema: { minRetentionDays: { type: "integer", minimum: 1, default: 365, description: "Smallest allowed retentionInDays (Security Hub's minRetentionTime, default 365)." } },
      defaults: { minRetentionDays: 365 },
    },
    types: T.logGroup,
    check: (r, config) => {
      const days = num(r.props.retentionInDays);
      // cw-loggroup-retention-period-check: "If the retention setting is 'Never expire' for a log group, the rule is marked as COMPLIANT."
      if (days === "unknown" || days === undefined || days === 0) return [];
      return days < config.minRetentionDays ? [finding(`${where(r.name, r.type)} keeps logs ${days} days, less than the required ${config.minRetentionDays}`, `set retentionInDays to at least ${config.minRetentionDays}`)] : [];
    },
  }),
  resourcePolicy({
    name: "log-group-expires",
    description:
      "CloudWatch log groups expire their logs (retentionInDays set, not 0). Stricter than Security Hub's CloudWatch.16, which accepts never-expire: " +
      "logs carry personal data, and data protection law requires deleting it once its purpose is served.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...PLATFORM, reference: "PLAT.LOGS.2", title: "CloudWatch log groups should expire their logs" },
    remediationSteps: "Set retentionInDays to the retention the data's purpose needs.",
    prevents: "Logs with personal data kept forever.",
    types: T.logGroup,
    check: (r) => {
      const days = num(r.props.retentionInDays);
      return days === undefined || days === 0 ? [finding(`${where(r.name, r.type)} never expires its logs`, "set retentionInDays")] : [];
    },
  }),
];
