/**
 * The CloudFront half of the policy pack. `cloudfrontPolicies` goes into the PolicyPack's
 * `policies`; the ordering analysis is exported for programs (the edge stack) that refuse a bad
 * route table at program time with the same messages.
 */
import { cloudfrontStackPolicies } from "./cache-policies";
import { cloudfrontTransitPolicies } from "./transit-policies";

export const cloudfrontPolicies = [...cloudfrontTransitPolicies, ...cloudfrontStackPolicies];

export { DEFAULT_PRIVATE_PATH_PATTERNS, SUSPECTED_PRIVATE_PATH_PATTERNS } from "./cache-policies";
export { analyzeBehaviorOrder, describeBehavior, formatFinding } from "./ordering";
export type { BehaviorRow, Caching, DefaultBehaviorRow, Finding, FindingKind, FindingLevel, OrderingOptions } from "./ordering";
export { contains, intersects, matches, validate as validatePathPattern } from "./glob";
export { CACHING_DISABLED_ID, managedCachePolicy, managedOriginRequestPolicy, managedResponseHeadersPolicy } from "./managed-policies";
