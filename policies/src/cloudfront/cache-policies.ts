/**
 * CrossGuard glue for the stack-level CloudFront checks (decisions in caching.ts and
 * stack-checks.ts). CrossGuard fixes the enforcement level per policy, so the mandatory findings
 * of each concern and all advisory ones (lost cache hits, anything undecidable during preview)
 * are separate policies.
 */
import { FSBP, PLATFORM, stackPolicy, type StackFinding } from "../lib/define";
import type { StackView } from "../lib/relations";
import { analyzeDistributionCaching, type CachingConfig, type CachingFinding } from "./caching";
import { loggingFindings, wafFindings } from "./stack-checks";
import { CF } from "./types";

/**
 * No private paths unless declared: which paths of an application are per-user is that
 * application's knowledge, and a guess must never make a compliant distribution fail.
 */
export const DEFAULT_PRIVATE_PATH_PATTERNS: readonly string[] = [];
/** Common shapes of per-user paths; they power an advisory only, while none are declared. */
export const SUSPECTED_PRIVATE_PATH_PATTERNS: readonly string[] = ["/api/*/me*", "/api/*/sessions/*"];

const privatePathPatterns = {
  type: "array" as const,
  items: { type: "string" as const, maxLength: 255 },
  default: [...DEFAULT_PRIVATE_PATH_PATTERNS],
  description: "CloudFront path patterns whose responses belong to one user; no caching behavior may serve them. Empty unless declared.",
};

const privateConfig = {
  schema: { privatePathPatterns },
  defaults: { privatePathPatterns: DEFAULT_PRIVATE_PATH_PATTERNS },
};

const advisoryConfig = {
  schema: {
    privatePathPatterns,
    suspectedPrivatePathPatterns: {
      type: "array" as const,
      items: { type: "string" as const, maxLength: 255 },
      default: [...SUSPECTED_PRIVATE_PATH_PATTERNS],
      description: "Guessed per-user path shapes, reported as advisories only while privatePathPatterns is empty; [] silences the guess.",
    },
  },
  defaults: { privatePathPatterns: DEFAULT_PRIVATE_PATH_PATTERNS, suspectedPrivatePathPatterns: SUSPECTED_PRIVATE_PATH_PATTERNS },
};

function cachingFindings(view: StackView, config: CachingConfig, keep: (f: CachingFinding) => boolean): StackFinding[] {
  return view
    .ofType(CF.distribution)
    .flatMap((d) => analyzeDistributionCaching(view, d, config))
    .filter(keep)
    .map((f) => ({ urn: f.urn, message: f.message }));
}

export const cloudfrontStackPolicies = [
  stackPolicy<CachingConfig>({
    name: "cloudfront-cache-behavior-order",
    description:
      "Ordered cache behaviors are valid, unique and reachable; no caching behavior takes paths of a later non-caching one " +
      "or serves a configured private path (decided exactly on the path-pattern languages).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...PLATFORM, reference: "CF-CACHE-1", title: "CloudFront cache behaviors are ordered so that private responses are never cached" },
    remediationSteps:
      "Put specific behaviors before general ones, remove shadowed or duplicate behaviors, add a non-caching behavior for private paths before any caching behavior that can match them.",
    prevents: "One user's private response cached at the edge and served to others; behaviors that silently never apply.",
    config: privateConfig,
    check: (view, config) => cachingFindings(view, config, (f) => f.topic === "ordering" && f.level === "mandatory"),
  }),
  stackPolicy({
    name: "cloudfront-cache-key-covers-forwarded",
    description:
      "A caching behavior does not send cookies, the Authorization header or all viewer headers to the origin unless they are in its cache key.",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...PLATFORM, reference: "CF-CACHE-2", title: "What reaches the origin of a cached response is part of its cache key" },
    remediationSteps:
      "On cacheable behaviors use an origin request policy that forwards only values in the cache key (or none); keep AllViewer-style policies on behaviors with CachingDisabled.",
    prevents: "A response personalised by a cookie or token cached under a key without it and served to another user.",
    check: (view) => cachingFindings(view, { privatePathPatterns: [] }, (f) => f.topic === "cache-key" && f.level === "mandatory"),
  }),
  stackPolicy({
    name: "cloudfront-default-behavior-no-cache",
    description: "The default (*) behavior in front of a dynamic origin (load balancer or VPC origin) does not cache.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...PLATFORM, reference: "CF-CACHE-3", title: "The catch-all behavior in front of an application does not cache" },
    remediationSteps: "Attach the managed CachingDisabled cache policy (4135ea2d-6df8-44a3-9df3-4b5a84be39ad) to defaultCacheBehavior; add ordered behaviors for cacheable paths.",
    prevents: "Every path nobody listed, including new personalised endpoints, being cached by default.",
    check: (view) => cachingFindings(view, { privatePathPatterns: [] }, (f) => f.topic === "default-cache" && f.level === "mandatory"),
  }),
  stackPolicy<CachingConfig>({
    name: "cloudfront-cache-advisories",
    description:
      "Advisory cache findings: non-caching behaviors that take paths of later caching ones outside declared private paths (lost hits), " +
      "an unreachable default behavior, caching behaviors on paths that look per-user while none are declared, and checks that cannot be " +
      "decided while a cache or origin request policy id is unknown.",
    enforcementLevel: "advisory",
    severity: "low",
    framework: { ...PLATFORM, reference: "CF-CACHE-4", title: "Cache behavior findings that need a human look" },
    remediationSteps: "Read each message: reorder or narrow behaviors to recover cache hits; an unresolved case names the custom policies it could not tell apart (analyzers receive no resource ids).",
    prevents: "Lost cache hits and unverified cache settings going unnoticed.",
    config: advisoryConfig,
    check: (view, config) => cachingFindings(view, config, (f) => f.level === "advisory"),
  }),
  stackPolicy({
    name: "cloudfront-access-logging",
    description: "Every distribution logs access: legacy loggingConfig or standard logging v2 (CloudWatch Logs delivery source + delivery).",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "CloudFront.5", title: "CloudFront distributions should have logging enabled" },
    remediationSteps:
      'Add aws.cloudwatch.LogDeliverySource { logType: "ACCESS_LOGS", resourceArn: distribution.arn } (us-east-1), a LogDeliveryDestination and a LogDelivery; or set loggingConfig.bucket.',
    prevents: "Incidents at the edge with no record of who requested what.",
    check: loggingFindings,
  }),
  stackPolicy({
    name: "cloudfront-waf-dynamic-origin",
    description: "A distribution in front of a dynamic origin (load balancer or VPC origin) has a WAF web ACL.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "CloudFront.6", title: "CloudFront distributions should have AWS WAF enabled" },
    remediationSteps: 'Create an aws.wafv2.WebAcl with scope "CLOUDFRONT" in us-east-1 and set the distribution\'s webAclId to its arn.',
    prevents: "Injection, bad bots and request floods reaching the application unfiltered.",
    check: wafFindings,
  }),
];
