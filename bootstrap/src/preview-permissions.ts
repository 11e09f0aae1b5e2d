import { policyDocument, type PolicyDocument } from "@platform/components";

/**
 * Reads a preview (with refresh) makes that the AWS-managed ReadOnlyAccess policy lacks: the
 * provider's read of a CloudWatch RUM app monitor (pike, aws_rum_app_monitor), checked against
 * the latest ReadOnlyAccess by bootstrap/test/stack-resource-permissions.test.ts.
 */
export const READS_BEYOND_READ_ONLY_ACCESS = ["rum:ListTagsForResource", "rum:ListRumMetricsDestinations", "rum:BatchGetRumMetricDefinitions", "rum:GetResourcePolicy"];

export function previewReadsPolicy(): PolicyDocument {
  return policyDocument([{ Sid: "ReadsBeyondReadOnlyAccess", Effect: "Allow", Action: READS_BEYOND_READ_ONLY_ACCESS, Resource: "*" }]);
}
