import { FSBP, resourcePolicy, stackPolicy, type StackFinding } from "./lib/define";
import { finding, where } from "./lib/messages";
import type { StackResource, StackView } from "./lib/relations";
import { T } from "./lib/types";
import { asRecord, at, bool, isSet, isUnknown, list, type Props } from "./lib/values";

/**
 * CloudTrail: a multi-region trail with all management events, KMS encryption, log file
 * validation, CloudWatch Logs delivery. Controls: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html
 */

/** Whether classic eventSelectors record read and write management events (no selectors: all management events). */
function classicSelectorsRecordAll(props: Props): boolean | "unknown" {
  const selectors = list(props.eventSelectors);
  if (selectors === "unknown") return "unknown";
  if (selectors.length === 0) return true;
  return selectors.some((s) => {
    const rw = at(s, "readWriteType");
    if (isUnknown(rw) || bool(at(s, "includeManagementEvents")) === "unknown") return true;
    return bool(at(s, "includeManagementEvents")) !== false && (rw === undefined || rw === "All");
  });
}

/**
 * Advanced event selectors replace eventSelectors: management events are recorded by a selector
 * with eventCategory = Management, for reads and writes when it has no readOnly field selector.
 */
function advancedSelectorsRecordAll(selectors: readonly unknown[]): boolean | "unknown" {
  let unknown = false;
  for (const s of selectors) {
    const fields = list(at(s, "fieldSelectors"));
    if (isUnknown(s) || fields === "unknown") { unknown = true; continue; }
    const field = (name: string) => fields.map((f) => asRecord(f) ?? {}).find((f) => f.field === name);
    const category = field("eventCategory");
    if (!category) continue;
    const equals = list(category.equals);
    if (equals === "unknown") { unknown = true; continue; }
    if (!equals.includes("Management")) continue;
    const readOnly = field("readOnly");
    if (!readOnly) return true;
    if (containsUnknownList(readOnly.equals)) unknown = true;
  }
  return unknown ? "unknown" : false;
}
const containsUnknownList = (v: unknown) => isUnknown(v) || (Array.isArray(v) && v.some(isUnknown));

/** What keeps a trail from satisfying CloudTrail.1; empty when it does, "unknown" when not decidable. */
export function trailGaps(trail: StackResource): string[] | "unknown" {
  const p = trail.props;
  const gaps: string[] = [];
  const multi = bool(p.isMultiRegionTrail);
  if (multi === "unknown") return "unknown";
  if (multi !== true) gaps.push("is single-region");
  const advanced = list(p.advancedEventSelectors);
  const all = advanced === "unknown" ? "unknown" : advanced.length > 0 ? advancedSelectorsRecordAll(advanced) : classicSelectorsRecordAll(p);
  if (all === "unknown") return "unknown";
  if (!all) gaps.push("does not record all read and write management events");
  const logging = bool(p.enableLogging);
  if (logging === "unknown") return "unknown";
  if (logging === false) gaps.push("has logging turned off");
  const excluded = list(p.excludeManagementEventSources);
  if (excluded !== "unknown" && excluded.length > 0) gaps.push(`excludes management events of ${excluded.map(String).join(", ")}`);
  return gaps;
}

/**
 * CloudTrail.1 is an account-level control: it passes when at least one trail is multi-region and
 * records all read and write management events. The stack fails it when it defines trails and
 * none of them qualifies (a stack without a trail may rely on an organization trail elsewhere).
 */
export function checkMultiRegionTrail(stack: StackView): StackFinding[] {
  const trails = stack.ofType(T.cloudTrail);
  const gaps = trails.map((t) => ({ t, gaps: trailGaps(t) }));
  if (gaps.some((g) => g.gaps === "unknown" || g.gaps.length === 0)) return [];
  return gaps.map(({ t, gaps: g }) => ({
    urn: t.urn,
    message: finding(`${where(t.name, t.type)} ${(g as string[]).join(", ")}, and no other trail of the stack is a multi-region trail with all management events`, "set isMultiRegionTrail: true, enableLogging: true and record readWriteType All management events (or an advanced selector eventCategory = Management without readOnly)"),
  }));
}

export const cloudtrailPolicies = [
  stackPolicy({
    name: "cloudtrail-multi-region-management-events",
    description: "At least one CloudTrail trail of the stack is multi-region, logging, and records read and write management events (classic or advanced event selectors, no excluded event sources).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "CloudTrail.1", title: "CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events" },
    remediationSteps: "Set isMultiRegionTrail: true and do not exclude management events (eventSelectors readWriteType All, includeManagementEvents true).",
    prevents: "API activity in other regions or read-only calls going unrecorded.",
    check: checkMultiRegionTrail,
  }),
  resourcePolicy({
    name: "cloudtrail-kms-encryption",
    description: "CloudTrail trails encrypt log files with an AWS KMS key.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "CloudTrail.2", title: "CloudTrail should have encryption at-rest enabled" },
    remediationSteps: "Set kmsKeyId to a key whose policy allows cloudtrail.amazonaws.com to encrypt.",
    prevents: "Audit logs readable by anyone with read access to the bucket.",
    types: T.cloudTrail,
    check: (r) => (isSet(r.props.kmsKeyId) ? [] : [finding(`${where(r.name, r.type)} does not encrypt its logs with KMS`, "set kmsKeyId")]),
  }),
  resourcePolicy({
    name: "cloudtrail-log-file-validation",
    description: "CloudTrail trails have log file integrity validation enabled.",
    enforcementLevel: "mandatory",
    severity: "low",
    framework: { ...FSBP, reference: "CloudTrail.4", title: "CloudTrail log file validation should be enabled" },
    remediationSteps: "Set enableLogFileValidation: true.",
    prevents: "Tampered audit logs going undetected.",
    types: T.cloudTrail,
    check: (r) => {
      const on = bool(r.props.enableLogFileValidation);
      return on === true || on === "unknown" ? [] : [finding(`${where(r.name, r.type)} does not validate log files`, "set enableLogFileValidation: true")];
    },
  }),
  resourcePolicy({
    name: "cloudtrail-cloudwatch-logs",
    description: "CloudTrail trails deliver events to CloudWatch Logs (cloudWatchLogsGroupArn and cloudWatchLogsRoleArn).",
    enforcementLevel: "advisory",
    severity: "low",
    framework: { ...FSBP, reference: "CloudTrail.5", title: "CloudTrail trails should be integrated with Amazon CloudWatch Logs" },
    remediationSteps: "Set cloudWatchLogsGroupArn (\"<log group arn>:*\") and cloudWatchLogsRoleArn to a role CloudTrail can assume.",
    prevents: "API activity that no metric filter or alarm sees until someone reads the bucket.",
    types: T.cloudTrail,
    check: (r) => (isSet(r.props.cloudWatchLogsGroupArn) ? [] : [finding(`${where(r.name, r.type)} does not deliver to CloudWatch Logs`, "set cloudWatchLogsGroupArn and cloudWatchLogsRoleArn")]),
  }),
];
