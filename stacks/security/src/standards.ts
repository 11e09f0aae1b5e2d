/** Security Hub standards the stack can subscribe to, and their ARNs per AWS docs. */
export const FSBP_VERSIONS = ["1.0.0"] as const;
export const CIS_VERSIONS = ["1.2.0", "1.4.0", "3.0.0", "5.0.0"] as const;
export type FsbpVersion = (typeof FSBP_VERSIONS)[number];
export type CisVersion = (typeof CIS_VERSIONS)[number];

export function fsbpStandardArn(partition: string, region: string, version: FsbpVersion): string {
  return `arn:${partition}:securityhub:${region}::standards/aws-foundational-security-best-practices/v/${version}`;
}

/** CIS 1.2.0 predates regional standards and keeps its global `ruleset` ARN. */
export function cisStandardArn(partition: string, region: string, version: CisVersion): string {
  return version === "1.2.0"
    ? `arn:${partition}:securityhub:::ruleset/cis-aws-foundations-benchmark/v/${version}`
    : `arn:${partition}:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/${version}`;
}
