/**
 * A CloudFront distribution's properties (camelCase, as the engine sends them) read into the few
 * facts the CloudFront policies decide on. Unknown values stay "unknown"; nothing here throws.
 */
import { asRecord, at, bool, isUnknown, list, num, str, type Props } from "../lib/values";

export type Known<T> = T | "unknown" | undefined;

export interface BehaviorFacts {
  /** Position in orderedCacheBehaviors, or "default". */
  readonly index: number | "default";
  /** `*` for the default behavior. */
  readonly pathPattern: Known<string>;
  readonly viewerProtocolPolicy: Known<string>;
  readonly cachePolicyId: Known<string>;
  readonly originRequestPolicyId: Known<string>;
  readonly targetOriginId: Known<string>;
  /** Legacy cache settings, used when no cache policy is attached. */
  readonly legacy: {
    readonly forwardedValues: Props | "unknown" | undefined;
    readonly minTtl: Known<number>;
    readonly defaultTtl: Known<number>;
    readonly maxTtl: Known<number>;
  };
}

export interface OriginFacts {
  readonly originId: Known<string>;
  readonly domainName: Known<string>;
  readonly custom: { readonly protocolPolicy: Known<string>; readonly sslProtocols: readonly string[] | "unknown" } | undefined;
  readonly vpcOriginId: Known<string> | undefined;
  /** An S3 (REST) origin; "unknown" while the origin's config blocks are unknown. */
  readonly s3: boolean | "unknown";
  readonly originAccessControlId: Known<string>;
}

export function behaviorsOf(props: Props): { list: BehaviorFacts[]; unknown: boolean } {
  const result: BehaviorFacts[] = [];
  const def = asRecord(props.defaultCacheBehavior);
  if (def) result.push(behavior(def, "default"));
  const ordered = list(props.orderedCacheBehaviors);
  if (ordered !== "unknown") {
    ordered.forEach((b, index) => {
      const r = asRecord(b);
      if (r) result.push(behavior(r, index));
    });
  }
  return { list: result, unknown: ordered === "unknown" || isUnknown(props.defaultCacheBehavior) };
}

function behavior(b: Props, index: number | "default"): BehaviorFacts {
  const fv = b.forwardedValues;
  return {
    index,
    pathPattern: index === "default" ? "*" : str(b.pathPattern),
    viewerProtocolPolicy: str(b.viewerProtocolPolicy),
    cachePolicyId: str(b.cachePolicyId),
    originRequestPolicyId: str(b.originRequestPolicyId),
    targetOriginId: str(b.targetOriginId),
    legacy: {
      forwardedValues: isUnknown(fv) ? "unknown" : asRecord(fv),
      minTtl: num(b.minTtl),
      defaultTtl: num(b.defaultTtl),
      maxTtl: num(b.maxTtl),
    },
  };
}

export function originsOf(props: Props): OriginFacts[] | "unknown" {
  const origins = list(props.origins);
  if (origins === "unknown") return "unknown";
  return origins.flatMap((o) => {
    const r = asRecord(o);
    if (!r) return [];
    const custom = asRecord(r.customOriginConfig);
    const vpc = asRecord(r.vpcOriginConfig);
    const ssl = list(custom?.originSslProtocols);
    return [
      {
        originId: str(r.originId),
        domainName: str(r.domainName),
        custom: custom
          ? {
              protocolPolicy: str(custom.originProtocolPolicy),
              sslProtocols: ssl === "unknown" ? "unknown" : ssl.filter((x): x is string => typeof x === "string"),
            }
          : undefined,
        vpcOriginId: vpc ? str(vpc.vpcOriginId) ?? "unknown" : undefined,
        s3: s3Origin(r),
        originAccessControlId: str(r.originAccessControlId),
      },
    ];
  });
}

/**
 * Whether an origin is an S3 origin, decided by its shape rather than its domain (which is unknown
 * during a first preview when it comes from a bucket of the same program): the provider sends an
 * origin with neither customOriginConfig nor vpcOriginConfig as an S3 origin with an empty
 * S3OriginConfig (hashicorp/terraform-provider-aws internal/service/cloudfront/
 * distribution_configuration_structure.go, expandOrigin: "if both custom and s3 origin are missing,
 * add an empty s3 origin"), and CloudFront requires one of the three configs.
 */
function s3Origin(r: Props): boolean | "unknown" {
  if (asRecord(r.s3OriginConfig) !== undefined || isS3Domain(str(r.domainName))) return true;
  if (isUnknown(r.s3OriginConfig) || isUnknown(r.customOriginConfig) || isUnknown(r.vpcOriginConfig)) return "unknown";
  return asRecord(r.customOriginConfig) === undefined && asRecord(r.vpcOriginConfig) === undefined;
}

/** S3 REST endpoints: bucket.s3.amazonaws.com, bucket.s3.<region>.amazonaws.com (not website endpoints). */
function isS3Domain(domain: Known<string>): boolean {
  return typeof domain === "string" && domain !== "unknown" && /\.s3(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/.test(domain);
}

/** An origin that computes responses: a VPC origin, or a custom origin on an Elastic Load Balancer. */
export function isDynamicOrigin(origin: OriginFacts): boolean {
  if (origin.vpcOriginId !== undefined) return true;
  const d = origin.domainName;
  return origin.custom !== undefined && typeof d === "string" && d !== "unknown" && /\.elb\.amazonaws\.com(\.cn)?$/.test(d);
}

export function behaviorName(b: BehaviorFacts): string {
  return b.index === "default" ? "defaultCacheBehavior" : `orderedCacheBehaviors[${b.index}] \`${String(b.pathPattern)}\``;
}

/** The viewer certificate facts; `defaultCertificate` is true when no custom certificate is used. */
export function viewerCertificateOf(props: Props) {
  const vc = asRecord(props.viewerCertificate);
  const defaultFlag = bool(at(vc, "cloudfrontDefaultCertificate"));
  const acm = str(at(vc, "acmCertificateArn"));
  const iam = str(at(vc, "iamCertificateId"));
  const custom = acm !== undefined || iam !== undefined;
  return {
    unknown: isUnknown(props.viewerCertificate),
    defaultCertificate: defaultFlag === true || (defaultFlag !== "unknown" && !custom),
    minimumProtocolVersion: str(at(vc, "minimumProtocolVersion")),
    sslSupportMethod: str(at(vc, "sslSupportMethod")),
  };
}
