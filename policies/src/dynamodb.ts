import { FSBP, PLATFORM, resourcePolicy, stackPolicy, type StackFinding } from "./lib/define";
import type { StackResource, StackView } from "./lib/relations";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
import { asRecord, at, bool, isUnknown, str } from "./lib/values";

/** DynamoDB: customer-visible encryption, recovery and deletion protection. */

const DIMENSIONS = ["dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits"];

/** Application Auto Scaling targets of a table: by property dependency on the table, or resourceId "table/<name>". */
function scalingDimensions(stack: StackView, table: StackResource): Set<string> | "unknown" {
  const dims = new Set<string>();
  for (const target of stack.ofType(T.autoscalingTarget)) {
    const linked = stack.refersTo(target, "resourceId", table, []) || target.props.resourceId === `table/${String(table.props.name)}`;
    if (!linked) continue;
    const dim = target.props.scalableDimension;
    if (isUnknown(dim)) return "unknown";
    dims.add(String(dim));
  }
  return dims;
}

/** DynamoDB.1: on-demand capacity, or provisioned capacity (billingMode's default) with read and write auto scaling. */
export function checkAutoscaling(stack: StackView): StackFinding[] {
  return stack.ofType(T.dynamoTable).flatMap((t) => {
    const mode = str(t.props.billingMode) ?? "PROVISIONED";
    if (mode === "PAY_PER_REQUEST" || mode === "unknown") return [];
    const dims = scalingDimensions(stack, t);
    if (dims === "unknown") return [];
    const missing = DIMENSIONS.filter((d) => !dims.has(d));
    return missing.length === 0 ? [] : [{ urn: t.urn, message: finding(`${where(t.name, t.type)} has provisioned capacity without auto scaling of ${missing.map((d) => d.split(":").pop()).join(" and ")}`, "set billingMode: \"PAY_PER_REQUEST\" or add aws.appautoscaling.Target and Policy for read and write capacity") }];
  });
}

export const dynamodbPolicies = [
  stackPolicy({
    name: "dynamodb-capacity-scales",
    description: "DynamoDB tables use on-demand capacity (billingMode PAY_PER_REQUEST) or scale provisioned capacity (billingMode's default) with Application Auto Scaling targets for reads and writes.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "DynamoDB.1", title: "DynamoDB tables should automatically scale capacity with demand" },
    remediationSteps: "Set billingMode: \"PAY_PER_REQUEST\", or add aws.appautoscaling.Target (serviceNamespace dynamodb, resourceId table/<name>) for ReadCapacityUnits and WriteCapacityUnits with target-tracking policies.",
    prevents: "Throttled requests when load grows past fixed capacity.",
    check: checkAutoscaling,
  }),
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
