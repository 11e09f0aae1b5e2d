import { FSBP, stackPolicy, type StackFinding } from "./lib/define";
import { finding, where } from "./lib/messages";
import { IDENTIFYING, type StackResource, type StackView } from "./lib/relations";
import { T } from "./lib/types";
import { asRecord, isUnknown, num, str } from "./lib/values";

/** Secrets Manager: automatic rotation, often enough. Controls: https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html */

const rotationsOf = (stack: StackView, secret: StackResource) => stack.referencing(secret, T.secretRotation, "secretId", IDENTIFYING.generic);

/**
 * Days between rotations from rotationRules: automaticallyAfterDays, or a scheduleExpression
 * rate(N days) / rate(N hours); a cron expression runs at least monthly. "unknown" when not given.
 */
export function rotationDays(rules: unknown): number | "unknown" | undefined {
  if (isUnknown(rules)) return "unknown";
  const r = asRecord(rules);
  if (!r) return undefined;
  const days = num(r.automaticallyAfterDays);
  if (days !== undefined) return days;
  const schedule = str(r.scheduleExpression);
  if (schedule === "unknown") return "unknown";
  if (schedule === undefined) return undefined;
  const rate = /^rate\((\d+)\s+(day|days|hour|hours)\)$/.exec(schedule);
  if (rate) return rate[2].startsWith("hour") ? Number(rate[1]) / 24 : Number(rate[1]);
  return schedule.startsWith("cron(") ? 31 : undefined;
}

export interface RotationConfig {
  readonly maxDaysSinceRotation: number;
}

export function checkRotationEnabled(stack: StackView): StackFinding[] {
  return stack.ofType(T.secret).flatMap((s) =>
    rotationsOf(stack, s).length > 0 ? [] : [{ urn: s.urn, message: finding(`${where(s.name, s.type)} has no automatic rotation`, "add an aws.secretsmanager.SecretRotation { secretId, rotationLambdaArn, rotationRules }") }],
  );
}

export function checkRotationPeriod(stack: StackView, config: RotationConfig): StackFinding[] {
  return stack.ofType(T.secretRotation).flatMap((r) => {
    const days = rotationDays(r.props.rotationRules);
    if (days === "unknown" || days === undefined || days <= config.maxDaysSinceRotation) return [];
    return [{ urn: r.urn, message: finding(`${where(r.name, r.type)} rotates every ${days} days, more than ${config.maxDaysSinceRotation}`, `set rotationRules.automaticallyAfterDays to at most ${config.maxDaysSinceRotation}`) }];
  });
}

export const secretsManagerPolicies = [
  stackPolicy({
    name: "secret-rotation-enabled",
    description: "Secrets Manager secrets have automatic rotation (an aws.secretsmanager.SecretRotation whose secretId is the secret).",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "SecretsManager.1", title: "Secrets Manager secrets should have automatic rotation enabled" },
    remediationSteps: "Add aws.secretsmanager.SecretRotation with a rotation Lambda (or use RDS-managed master passwords, which RDS rotates).",
    prevents: "A leaked secret staying valid indefinitely.",
    check: checkRotationEnabled,
  }),
  stackPolicy<RotationConfig>({
    name: "secret-rotation-period",
    description: "Secrets rotate at least every configured number of days (Security Hub's maxDaysSinceRotation, default 90).",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "SecretsManager.4", title: "Secrets Manager secrets should be rotated within a specified number of days" },
    remediationSteps: "Set rotationRules.automaticallyAfterDays (or a rate()/cron() scheduleExpression) to 90 days or less.",
    prevents: "A leaked secret staying valid for months.",
    config: {
      schema: { maxDaysSinceRotation: { type: "integer", minimum: 1, default: 90, description: "Most days between rotations (Security Hub's default 90)." } },
      defaults: { maxDaysSinceRotation: 90 },
    },
    check: checkRotationPeriod,
  }),
];
