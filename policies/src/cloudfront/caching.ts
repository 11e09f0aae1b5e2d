/**
 * Cache decisions for each distribution of a stack: behavior ordering, cache key vs what reaches
 * the origin, and the default behavior in front of a dynamic origin.
 *
 * Why a stack policy: whether a behavior caches depends on its cache policy, and a custom cache
 * policy is another resource. A per-resource validation sees only the distribution (and during
 * preview only an unknown id for a new policy), so it could judge managed ids alone. In
 * analyzeStack the engine gives every resource with its property dependencies; a behavior's
 * cachePolicyId is resolved (1) as an AWS managed id, (2) as a CachePolicy of the stack whose id
 * or ARN equals the known value, (3) through the property dependencies the engine recorded for
 * defaultCacheBehavior / orderedCacheBehaviors (several candidates count only when they agree).
 * What stays unresolved never yields a mandatory finding, only an advisory.
 */
import type { StackResource, StackView } from "../lib/relations";
import { isUnknown } from "../lib/values";
import {
  cacheKeyFromCachePolicy,
  cacheKeyFromLegacy,
  originRequestFromLegacy,
  originRequestFromPolicy,
  uncoveredSensitive,
  type CacheKey,
} from "./cache-settings";
import { behaviorName, behaviorsOf, isDynamicOrigin, originsOf, type BehaviorFacts } from "./distribution";
import { managedCachePolicy, managedOriginRequestPolicy, type OriginRequestSettings } from "./managed-policies";
import { analyzeBehaviorOrder, type Caching, type FindingKind, type FindingLevel } from "./ordering";
import { CF, LOAD_BALANCERS } from "./types";

export interface CachingFinding {
  readonly urn: string;
  readonly level: FindingLevel;
  readonly topic: "ordering" | "cache-key" | "default-cache";
  readonly message: string;
}

export interface CachingConfig {
  readonly privatePathPatterns: readonly string[];
}

interface Resolved<T> {
  readonly value: T | "unknown";
  /** How the reader recognises it: managed name, resource name, or legacy. */
  readonly label: string;
}

const behaviorProperty = (b: BehaviorFacts) => (b.index === "default" ? "defaultCacheBehavior" : "orderedCacheBehaviors");

function candidates(view: StackView, dist: StackResource, b: BehaviorFacts, family: readonly string[]): StackResource[] {
  return (dist.propertyDependencies[behaviorProperty(b)] ?? [])
    .map((urn) => view.byUrn(urn))
    .filter((r): r is StackResource => r !== undefined && family.includes(r.type));
}

/** A custom policy whose id (or ARN suffix) is the given known id. */
function byId(view: StackView, family: readonly string[], id: string): StackResource | undefined {
  return view.ofType(family).find((r) => {
    const rid = r.props.id;
    const arn = r.props.arn;
    return (typeof rid === "string" && rid === id) || (typeof arn === "string" && !isUnknown(arn) && arn.endsWith(`/${id}`));
  });
}

function resolveCustom<T>(
  view: StackView,
  dist: StackResource,
  b: BehaviorFacts,
  id: string | "unknown",
  family: readonly string[],
  read: (r: StackResource) => T | "unknown",
  agree: (values: T[]) => T | "unknown",
): Resolved<T> {
  if (id !== "unknown") {
    const match = byId(view, family, id);
    if (match) return { value: read(match), label: match.name };
  }
  const cands = candidates(view, dist, b, family);
  if (cands.length === 0) return { value: "unknown", label: id === "unknown" ? "unresolved policy" : `policy ${id}` };
  const values = cands.map(read);
  if (values.some((v) => v === "unknown")) return { value: "unknown", label: cands.map((c) => c.name).join(" or ") };
  return { value: agree(values as T[]), label: cands.map((c) => c.name).join(" or ") };
}

function resolveCacheKey(view: StackView, dist: StackResource, b: BehaviorFacts): Resolved<CacheKey> {
  const id = b.cachePolicyId;
  if (id === undefined) return { value: cacheKeyFromLegacy(b.legacy.forwardedValues, b.legacy), label: "legacy forwardedValues" };
  if (id !== "unknown") {
    const managed = managedCachePolicy(id);
    if (managed) return { value: { ...managed, caches: managed.minTtl > 0 || managed.defaultTtl > 0 || managed.maxTtl > 0 }, label: managed.name };
  }
  return resolveCustom(view, dist, b, id, CF.cachePolicy, (r) => cacheKeyFromCachePolicy(r.props), (keys) =>
    keys.every((k) => JSON.stringify(k) === JSON.stringify(keys[0]))
      ? keys[0]
      : keys.every((k) => k.caches === keys[0].caches)
        ? { ...keys[0], caches: keys[0].caches }
        : "unknown",
  );
}

function resolveOriginRequest(view: StackView, dist: StackResource, b: BehaviorFacts): Resolved<OriginRequestSettings | undefined> {
  const id = b.originRequestPolicyId;
  if (id === undefined) return { value: undefined, label: "no origin request policy" };
  if (id !== "unknown") {
    const managed = managedOriginRequestPolicy(id);
    if (managed) return { value: managed, label: managed.name };
  }
  return resolveCustom(view, dist, b, id, CF.originRequestPolicy, (r) => originRequestFromPolicy(r.props), (all) =>
    all.every((x) => JSON.stringify(x) === JSON.stringify(all[0])) ? all[0] : "unknown",
  );
}

function cachingOf(key: Resolved<CacheKey>): Caching {
  return key.value === "unknown" ? "unknown" : key.value.caches;
}

/** The default behavior's origin is dynamic (VPC origin or load balancer, by name or dependency). */
function defaultOriginDynamic(view: StackView, dist: StackResource, def: BehaviorFacts | undefined): boolean {
  const origins = originsOf(dist.props);
  if (!def || origins === "unknown") return false;
  const target = origins.find((o) => o.originId === def.targetOriginId);
  if (target && isDynamicOrigin(target)) return true;
  const lbDeps = (dist.propertyDependencies.origins ?? []).map((u) => view.byUrn(u)).filter((r) => r && LOAD_BALANCERS.includes(r.type));
  // With one origin, a load balancer the origins depend on is the default behavior's origin.
  return lbDeps.length > 0 && origins.length === 1;
}

const ORDERING_KINDS: readonly FindingKind[] = [
  "invalid-pattern",
  "invalid-private-pattern",
  "duplicate-pattern",
  "shadowed",
  "unsafe-overlap",
  "lost-hits",
  "private-path-cached",
];

export function analyzeDistributionCaching(view: StackView, dist: StackResource, config: CachingConfig): CachingFinding[] {
  const { list: behaviors } = behaviorsOf(dist.props);
  const def = behaviors.find((b) => b.index === "default");
  const ordered = behaviors.filter((b) => b.index !== "default");
  const keys = new Map(behaviors.map((b) => [b, resolveCacheKey(view, dist, b)]));
  const findings: CachingFinding[] = [];
  const push = (level: FindingLevel, topic: CachingFinding["topic"], message: string) =>
    findings.push({ urn: dist.urn, level, topic, message: `distribution "${dist.name}": ${message}` });

  // An unknown path pattern cannot be analysed; the ordering of the others still can.
  const rows = ordered
    .filter((b) => typeof b.pathPattern === "string" && b.pathPattern !== "unknown")
    .map((b) => ({ pathPattern: b.pathPattern as string, caches: cachingOf(keys.get(b)!), label: keys.get(b)!.label }));
  const dynamic = defaultOriginDynamic(view, dist, def);
  const orderFindings = analyzeBehaviorOrder(rows, {
    privatePathPatterns: config.privatePathPatterns,
    defaultBehavior: def ? { caches: cachingOf(keys.get(def)!), label: keys.get(def)!.label, dynamicOrigin: dynamic } : undefined,
  });
  for (const f of orderFindings) {
    push(f.level, ORDERING_KINDS.includes(f.kind) ? "ordering" : "default-cache", f.message);
  }

  for (const b of behaviors) {
    const key = keys.get(b)!;
    if (key.value === "unknown" || key.value.caches === false) continue;
    const sent = b.cachePolicyId === undefined ? { value: originRequestFromLegacy(key.value), label: key.label } : resolveOriginRequest(view, dist, b);
    if (sent.value === undefined) continue;
    if (sent.value === "unknown") {
      push(
        "advisory",
        "cache-key",
        `${behaviorName(b)} caches (${key.label}) and its origin request policy (${sent.label}) could not be resolved, so ` +
          `whether it forwards cookies or Authorization outside the cache key is not verified.`,
      );
      continue;
    }
    const gaps = uncoveredSensitive(key.value, sent.value);
    if (gaps.length === 0) continue;
    push(
      key.value.caches === true ? "mandatory" : "advisory",
      "cache-key",
      `${behaviorName(b)} caches (${key.label}) but its origin request policy (${sent.label}) sends ${gaps.join(" and ")} ` +
        `to the origin without putting them in the cache key, so one user's response can be served to another. ` +
        `Fix: forward only what the cache key contains on cacheable behaviors (or add those values to the cache policy), ` +
        `or use CachingDisabled on this behavior.`,
    );
  }
  return findings;
}
