import { FSBP, resourcePolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
import { bool, isSet } from "./lib/values";

/** SQS and SNS: encryption at rest. */

export const messagingPolicies = [
  resourcePolicy({
    name: "sqs-queue-encrypted",
    description: "SQS queues are encrypted at rest (SSE-SQS or a KMS key); SSE-SQS is on unless sqsManagedSseEnabled is false.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "SQS.1", title: "Amazon SQS queues should be encrypted at rest" },
    remediationSteps: "Set kmsMasterKeyId to the data class key, or leave sqsManagedSseEnabled at its default true.",
    prevents: "Messages stored in clear.",
    types: T.sqsQueue,
    check: (r) =>
      !isSet(r.props.kmsMasterKeyId) && bool(r.props.sqsManagedSseEnabled) === false
        ? [finding(`${where(r.name, r.type)} turns SSE-SQS off without a KMS key`, "set kmsMasterKeyId (or sqsManagedSseEnabled: true)")]
        : [],
  }),
  resourcePolicy({
    name: "sns-topic-encrypted",
    description: "SNS topics are encrypted at rest with AWS KMS.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "SNS.1", title: "SNS topics should be encrypted at-rest using AWS KMS" },
    remediationSteps: "Set kmsMasterKeyId (e.g. alias/aws/sns or the data class key).",
    prevents: "Notifications stored in clear.",
    types: T.snsTopic,
    check: (r) => (isSet(r.props.kmsMasterKeyId) ? [] : [finding(`${where(r.name, r.type)} is not encrypted`, "set kmsMasterKeyId")]),
  }),
];
