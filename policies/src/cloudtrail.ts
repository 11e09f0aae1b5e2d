import { FSBP, resourcePolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
import { at, bool, isSet, isUnknown, list } from "./lib/values";

/** CloudTrail: multi-region management events, KMS encryption, log file validation. */

export const cloudtrailPolicies = [
  resourcePolicy({
    name: "cloudtrail-multi-region-management-events",
    description: "CloudTrail trails are multi-region and record read and write management events.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "CloudTrail.1", title: "CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events" },
    remediationSteps: "Set isMultiRegionTrail: true and do not exclude management events (eventSelectors readWriteType All, includeManagementEvents true).",
    prevents: "API activity in other regions or read-only calls going unrecorded.",
    types: T.cloudTrail,
    check: (r) => {
      const problems: string[] = [];
      if (bool(r.props.isMultiRegionTrail) !== true && bool(r.props.isMultiRegionTrail) !== "unknown") problems.push("is single-region");
      const selectors = list(r.props.eventSelectors);
      if (selectors !== "unknown" && selectors.length > 0) {
        const full = selectors.some((s) => {
          const rw = at(s, "readWriteType");
          return bool(at(s, "includeManagementEvents")) !== false && (rw === undefined || rw === "All" || isUnknown(rw));
        });
        if (!full) problems.push("does not record all read and write management events");
      }
      if (bool(r.props.enableLogging) === false) problems.push("has logging turned off");
      return problems.length === 0 ? [] : [finding(`${where(r.name, r.type)} ${problems.join(", ")}`, "set isMultiRegionTrail: true, enableLogging: true and an event selector with readWriteType All and includeManagementEvents true")];
    },
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
];
