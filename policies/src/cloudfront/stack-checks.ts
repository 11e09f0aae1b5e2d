/**
 * Distribution checks that need other resources of the stack: logging (legacy loggingConfig or
 * standard logging v2 through CloudWatch Logs delivery resources) and WAF in front of dynamic
 * origins (a VPC origin, or a load balancer the origins refer to).
 */
import type { StackResource, StackView } from "../lib/relations";
import { asRecord, isUnknown, str } from "../lib/values";
import { isDynamicOrigin, originsOf } from "./distribution";
import { CF, LOAD_BALANCERS } from "./types";

export interface DistributionFinding {
  readonly urn: string;
  readonly message: string;
}

/** Standard logging v2: a delivery source for this distribution's ACCESS_LOGS with a delivery attached. */
function hasLoggingV2(view: StackView, dist: StackResource): boolean {
  const sources = view
    .referencing(dist, CF.logDeliverySource, "resourceArn", ["arn"])
    .filter((s) => {
      const t = str(s.props.logType);
      return t === undefined || t === "unknown" || t === "ACCESS_LOGS";
    });
  return sources.some((source) => view.referencing(source, CF.logDelivery, "deliverySourceName", ["name"]).length > 0);
}

function hasLegacyLogging(dist: StackResource): boolean {
  const cfg = dist.props.loggingConfig;
  if (isUnknown(cfg)) return true;
  const bucket = str(asRecord(cfg)?.bucket);
  return bucket !== undefined;
}

/** CloudFront.5: every distribution logs access (either logging generation counts). */
export function loggingFindings(view: StackView): DistributionFinding[] {
  return view.ofType(CF.distribution).flatMap((dist) =>
    hasLegacyLogging(dist) || hasLoggingV2(view, dist)
      ? []
      : [
          {
            urn: dist.urn,
            message:
              `distribution "${dist.name}" has no access logging: neither loggingConfig nor a CloudWatch Logs delivery ` +
              `(aws.cloudwatch.LogDeliverySource with logType "ACCESS_LOGS" and resourceArn = the distribution's arn, plus ` +
              `an aws.cloudwatch.LogDelivery from it). Fix: add standard logging v2 delivery to an encrypted S3 bucket or ` +
              `CloudWatch Logs, or set loggingConfig.bucket.`,
          },
        ],
  );
}

function fronted(view: StackView, dist: StackResource): string | undefined {
  const origins = originsOf(dist.props);
  if (origins !== "unknown") {
    const d = origins.find(isDynamicOrigin);
    if (d) return `origin "${String(d.originId)}" (${d.vpcOriginId !== undefined ? "VPC origin" : "load balancer"})`;
  }
  const lb = (dist.propertyDependencies.origins ?? []).map((u) => view.byUrn(u)).find((r) => r && LOAD_BALANCERS.includes(r.type));
  return lb ? `load balancer "${lb.name}"` : undefined;
}

/** CloudFront.6: a distribution in front of a dynamic origin has a WAF web ACL. */
export function wafFindings(view: StackView): DistributionFinding[] {
  return view.ofType(CF.distribution).flatMap((dist) => {
    const origin = fronted(view, dist);
    if (!origin) return [];
    const acl = dist.props.webAclId;
    if (isUnknown(acl) || (typeof acl === "string" && acl.length > 0)) return [];
    return [
      {
        urn: dist.urn,
        message:
          `distribution "${dist.name}" fronts ${origin} without a WAF web ACL, so requests reach the application ` +
          `unfiltered and unthrottled. Fix: create an aws.wafv2.WebAcl with scope "CLOUDFRONT" in us-east-1 (managed ` +
          `common, known-bad-inputs and IP reputation rule groups plus a rate-based rule) and set webAclId to its arn.`,
      },
    ];
  });
}
