import { FSBP, PLATFORM, resourcePolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
import { asRecord, at, bool } from "./lib/values";

/** DynamoDB: customer-visible encryption, recovery and deletion protection. */

export const dynamodbPolicies = [
  resourcePolicy({
    name: "dynamodb-sse-kms",
    description: "DynamoDB tables do not turn server-side encryption with AWS KMS off.",
    enforcementLevel: "mandatory",
    severity: "medium",
    // DynamoDB always encrypts; no Security Hub control asks for KMS on tables, so this is a platform rule.
    framework: { ...PLATFORM, reference: "PLAT.DDB.1", title: "DynamoDB tables should be encrypted with an AWS KMS key" },
    remediationSteps: "Set serverSideEncryption: { enabled: true, kmsKeyArn: <data class key> } (or omit it entirely for the AWS owned key).",
    prevents: "Tables whose encryption was explicitly disabled, leaving data under an AWS owned key outside key policies and audit.",
    types: T.dynamoTable,
    check: (r) => {
      const sse = asRecord(r.props.serverSideEncryption);
      return sse && bool(sse.enabled) === false
        ? [finding(`${where(r.name, r.type)} sets serverSideEncryption.enabled to false`, "set serverSideEncryption.enabled: true with kmsKeyArn")]
        : [];
    },
  }),
  resourcePolicy({
    name: "dynamodb-point-in-time-recovery",
    description: "DynamoDB tables have point-in-time recovery enabled.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "DynamoDB.2", title: "DynamoDB tables should have point-in-time recovery enabled" },
    remediationSteps: "Set pointInTimeRecovery: { enabled: true }.",
    prevents: "Losing data to a bad write with no way back.",
    types: T.dynamoTable,
    check: (r) => {
      const enabled = bool(at(r.props, "pointInTimeRecovery", "enabled"));
      return enabled === true || enabled === "unknown" ? [] : [finding(`${where(r.name, r.type)} has no point-in-time recovery`, "set pointInTimeRecovery.enabled: true")];
    },
  }),
  resourcePolicy({
    name: "dynamodb-deletion-protection",
    description: "DynamoDB tables have deletion protection enabled.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "DynamoDB.6", title: "DynamoDB tables should have deletion protection enabled" },
    remediationSteps: "Set deletionProtectionEnabled: true.",
    prevents: "A refactor or destroy deleting a table.",
    types: T.dynamoTable,
    check: (r) => {
      const enabled = bool(r.props.deletionProtectionEnabled);
      return enabled === true || enabled === "unknown" ? [] : [finding(`${where(r.name, r.type)} has no deletion protection`, "set deletionProtectionEnabled: true")];
    },
  }),
];
