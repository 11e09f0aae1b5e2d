import { FSBP, PLATFORM, resourcePolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
import { asRecord, at, bool, isUnknown, str } from "./lib/values";

/** DynamoDB: customer-visible encryption, recovery and deletion protection. */

export const dynamodbPolicies = [
  resourcePolicy({
    name: "dynamodb-sse-kms",
    description:
      "DynamoDB tables are encrypted with an AWS KMS key (serverSideEncryption.enabled true). An omitted serverSideEncryption and enabled: false " +
      "both mean the AWS owned key, so both fail. No Security Hub control asks for this: DynamoDB always encrypts, but only a KMS key puts " +
      "table access under a key policy and CloudTrail key-use audit, which the platform's data classes require.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...PLATFORM, reference: "PLAT.DDB.1", title: "DynamoDB tables should be encrypted with an AWS KMS key" },
    remediationSteps: "Set serverSideEncryption: { enabled: true, kmsKeyArn: <data class key> } (enabled alone uses the AWS managed key aws/dynamodb).",
    prevents: "Tables under an AWS owned key, outside key policies and key-use audit.",
    types: T.dynamoTable,
    check: (r) => {
      const sse = r.props.serverSideEncryption;
      const enabled = isUnknown(sse) ? "unknown" : bool(asRecord(sse)?.enabled);
      return enabled === true || enabled === "unknown"
        ? []
        : [finding(`${where(r.name, r.type)} uses the AWS owned key (serverSideEncryption ${sse === undefined ? "omitted" : "enabled is not true"})`, "set serverSideEncryption.enabled: true with kmsKeyArn")];
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
  resourcePolicy({
    name: "dax-encrypted-at-rest",
    description: "DAX clusters encrypt data at rest (serverSideEncryption.enabled defaults to false).",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "DynamoDB.3", title: "DynamoDB Accelerator (DAX) clusters should be encrypted at rest" },
    remediationSteps: "Set serverSideEncryption: { enabled: true } (only at creation).",
    prevents: "Cached table items stored in clear on the cluster nodes.",
    types: T.daxCluster,
    check: (r) => {
      const on = bool(at(r.props, "serverSideEncryption", "enabled"));
      return on === true || on === "unknown" ? [] : [finding(`${where(r.name, r.type)} is not encrypted at rest`, "set serverSideEncryption.enabled: true")];
    },
  }),
  resourcePolicy({
    name: "dax-endpoint-tls",
    description: "DAX clusters encrypt connections (clusterEndpointEncryptionType TLS; it defaults to NONE).",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "DynamoDB.7", title: "DynamoDB Accelerator clusters should be encrypted in transit" },
    remediationSteps: "Set clusterEndpointEncryptionType: \"TLS\" (only at creation).",
    prevents: "Table items crossing the VPC in clear between clients and the cache.",
    types: T.daxCluster,
    check: (r) => {
      const type = str(r.props.clusterEndpointEncryptionType) ?? "NONE";
      return type === "TLS" || type === "unknown" ? [] : [finding(`${where(r.name, r.type)} accepts unencrypted connections (clusterEndpointEncryptionType ${type})`, "set clusterEndpointEncryptionType: \"TLS\"")];
    },
  }),
];
