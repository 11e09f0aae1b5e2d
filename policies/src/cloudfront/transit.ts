/**
 * Encryption-in-transit decisions for one CloudFront distribution or VPC origin: pure functions
 * of the resource's properties returning messages (what, where, fix). Unknown values never
 * produce a message: the value may well be compliant once known.
 */
import { asRecord, at, list, str, type Props } from "../lib/values";
import { behaviorName, behaviorsOf, originsOf, viewerCertificateOf } from "./distribution";

/** Viewer security policies at or above TLSv1.2_2021 (CloudFront.15); newer ones are accepted. */
export const RECOMMENDED_VIEWER_TLS = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];
const DEPRECATED_ORIGIN_PROTOCOLS = ["SSLv3", "TLSv1", "TLSv1.1"];

/** CloudFront.3: no behavior may serve plain HTTP. */
export function viewerHttpsViolations(props: Props): string[] {
  return behaviorsOf(props).list.flatMap((b) =>
    b.viewerProtocolPolicy === "allow-all"
      ? [
          `${behaviorName(b)} has viewerProtocolPolicy "allow-all", so viewers can reach it over plain HTTP. ` +
            `Fix: set viewerProtocolPolicy to "redirect-to-https" (or "https-only").`,
        ]
      : [],
  );
}

/** CloudFront.15: with a custom certificate the viewer TLS minimum must be TLSv1.2_2021 or newer. */
export function viewerTlsViolations(props: Props, accepted: readonly string[] = RECOMMENDED_VIEWER_TLS): string[] {
  const vc = viewerCertificateOf(props);
  if (vc.unknown || vc.defaultCertificate) return []; // the default certificate is cloudfront-custom-certificate's finding
  const v = vc.minimumProtocolVersion;
  if (v === "unknown" || (v !== undefined && accepted.includes(v))) return [];
  return [
    `viewerCertificate.minimumProtocolVersion is ${v === undefined ? "not set (CloudFront then uses TLSv1)" : `"${v}"`}, ` +
      `which lets viewers negotiate TLS older than 1.2 or weak ciphers. Fix: set minimumProtocolVersion to "TLSv1.2_2021" ` +
      `(accepted: ${accepted.join(", ")}).`,
  ];
}

/**
 * CloudFront.7: the default *.cloudfront.net certificate keeps the viewer TLS minimum at TLSv1
 * (CloudFront ignores a higher minimumProtocolVersion with it). Separate from the TLS policy so
 * an environment without a domain can make it advisory in the pack config.
 */
export function customCertificateViolations(props: Props): string[] {
  const vc = viewerCertificateOf(props);
  if (vc.unknown || !vc.defaultCertificate) return [];
  return [
    "viewerCertificate uses the default CloudFront certificate (cloudfrontDefaultCertificate), which cannot raise the " +
      "viewer TLS minimum above TLSv1. Fix: configure a custom domain with an ACM certificate in us-east-1 " +
      '(acmCertificateArn, sslSupportMethod "sni-only", minimumProtocolVersion "TLSv1.2_2021").',
  ];
}

/** CloudFront.8: a custom certificate is served with SNI, not dedicated IP addresses. */
export function sniViolations(props: Props): string[] {
  const vc = viewerCertificateOf(props);
  if (vc.unknown || vc.defaultCertificate) return [];
  const m = vc.sslSupportMethod;
  if (m === "sni-only" || m === "unknown") return [];
  return [
    `viewerCertificate.sslSupportMethod is ${m === undefined ? "not set" : `"${m}"`}; dedicated-IP SSL serves legacy ` +
      `clients without SNI and costs a monthly fee. Fix: set sslSupportMethod to "sni-only".`,
  ];
}

/**
 * CloudFront.9 (cloudfront-traffic-to-origin-encrypted): a custom origin fails with
 * originProtocolPolicy http-only, or match-viewer when a behavior that can route to it lets
 * viewers in over HTTP (viewerProtocolPolicy allow-all); match-viewer behind behaviors that all
 * redirect to HTTPS or require it sends HTTPS only. VPC origins are judged on the VpcOrigin.
 */
export function originHttpsViolations(props: Props): string[] {
  const origins = originsOf(props);
  if (origins === "unknown") return [];
  const behaviors = behaviorsOf(props);
  const originIds = new Set(origins.map((o) => o.originId).filter((id): id is string => typeof id === "string" && id !== "unknown"));
  return origins.flatMap((o) => {
    if (!o.custom || o.vpcOriginId !== undefined) return [];
    const p = o.custom.protocolPolicy;
    if (p === "https-only" || p === "unknown") return [];
    if (p === "match-viewer") {
      if (behaviors.unknown) return [];
      // A behavior reaches this origin directly, or through an origin group / an id not known yet.
      const routing = behaviors.list.filter((b) => b.targetOriginId === o.originId || typeof b.targetOriginId !== "string" || b.targetOriginId === "unknown" || !originIds.has(b.targetOriginId));
      if (routing.some((b) => b.viewerProtocolPolicy === "unknown") || !routing.some((b) => b.viewerProtocolPolicy === "allow-all")) return [];
    }
    return [
      `origin "${String(o.originId)}" uses originProtocolPolicy ${p === undefined ? "(not set)" : `"${p}"`}${p === "match-viewer" ? " behind a behavior with viewerProtocolPolicy \"allow-all\"" : ""}, so ` +
        `CloudFront can send viewer requests to it unencrypted. Fix: set customOriginConfig.originProtocolPolicy to ` +
        `"https-only" (plain HTTP is acceptable only to a VPC origin, which keeps traffic on the AWS network).`,
    ];
  });
}

/** CloudFront.10: custom origins accept only TLSv1.2 from CloudFront. */
export function originTlsViolations(props: Props): string[] {
  const origins = originsOf(props);
  if (origins === "unknown") return [];
  return origins.flatMap((o) => {
    if (!o.custom || o.custom.sslProtocols === "unknown") return [];
    const bad = o.custom.sslProtocols.filter((p) => DEPRECATED_ORIGIN_PROTOCOLS.includes(p));
    return bad.length === 0
      ? []
      : [
          `origin "${String(o.originId)}" allows ${bad.join(", ")} in customOriginConfig.originSslProtocols. ` +
            `Fix: set originSslProtocols to ["TLSv1.2"].`,
        ];
  });
}

function vpcEndpoint(props: Props) {
  const cfg = asRecord(props.vpcOriginEndpointConfig);
  const items = list(at(cfg, "originSslProtocols", "items"));
  return {
    protocolPolicy: str(at(cfg, "originProtocolPolicy")),
    sslProtocols: items === "unknown" ? "unknown" : items.filter((x): x is string => typeof x === "string"),
    name: str(at(cfg, "name")),
  } as const;
}

/** VPC origin protocol: plain HTTP stays inside the VPC but is still unencrypted (advisory). */
export function vpcOriginHttpViolations(props: Props): string[] {
  const e = vpcEndpoint(props);
  if (e.protocolPolicy === "https-only" || e.protocolPolicy === "unknown" || e.protocolPolicy === undefined) return [];
  return [
    `vpcOriginEndpointConfig.originProtocolPolicy is "${e.protocolPolicy}": traffic from CloudFront's VPC origin ` +
      `ENIs to the load balancer is unencrypted inside the VPC. Fix: give the load balancer an HTTPS listener with ` +
      `an ACM certificate and set originProtocolPolicy to "https-only".`,
  ];
}

/** VPC origin TLS: only TLSv1.2 when HTTPS is used. */
export function vpcOriginTlsViolations(props: Props): string[] {
  const e = vpcEndpoint(props);
  if (e.sslProtocols === "unknown") return [];
  const bad = e.sslProtocols.filter((p) => DEPRECATED_ORIGIN_PROTOCOLS.includes(p));
  return bad.length === 0
    ? []
    : [`vpcOriginEndpointConfig.originSslProtocols allows ${bad.join(", ")}. Fix: set originSslProtocols.items to ["TLSv1.2"] (quantity 1).`];
}

/** CloudFront.1: a distribution with an S3 origin names a default root object. */
export function defaultRootObjectViolations(props: Props): string[] {
  const origins = originsOf(props);
  if (origins === "unknown" || !origins.some((o) => o.s3 === true)) return [];
  const root = str(props.defaultRootObject);
  return root === undefined
    ? ['the distribution serves an S3 origin but has no defaultRootObject, so a request for "/" can list or expose the bucket root. Fix: set defaultRootObject, e.g. "index.html".']
    : [];
}

/** CloudFront.13: S3 origins are reached through origin access control, not public buckets or legacy OAI. */
export function originAccessControlViolations(props: Props): string[] {
  const origins = originsOf(props);
  if (origins === "unknown") return [];
  return origins.flatMap((o) =>
    o.s3 === true && o.originAccessControlId === undefined
      ? [
          `S3 origin "${String(o.originId)}" has no originAccessControlId, so the bucket must be public or use the legacy ` +
            `origin access identity. Fix: create an aws.cloudfront.OriginAccessControl (signingBehavior "always", ` +
            `signingProtocol "sigv4") and set originAccessControlId; allow only cloudfront.amazonaws.com in the bucket policy.`,
        ]
      : [],
  );
}

/** CloudFront.4: an origin group provides failover. */
export function originFailoverViolations(props: Props): string[] {
  const groups = list(props.originGroups);
  if (groups === "unknown" || groups.length > 0) return [];
  return [
    "the distribution has no origin group, so an origin outage is served as errors. Fix: add an originGroups entry " +
      "with a primary and a secondary origin and failoverCriteria.statusCodes such as [500, 502, 503, 504].",
  ];
}
