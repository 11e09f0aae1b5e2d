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
 * defaultCacheBehavior / orderedCacheBehaviors (with several candidates, a verdict every candidate
 * gives is the verdict).
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
  /** Declared private paths: enforced (mandatory) and excluded from lost-hit advisories. */
  readonly privatePathPatterns: readonly string[];
  /** Guessed private paths, advisory only and only while none are declared. */
  readonly suspectedPrivatePathPatterns?: readonly string[];
}

/**
 * What a behavior's policy id stands for: every candidate value (one when the id is managed,
 * legacy or matched by id; one per related resource when only property dependencies tell), or
 * "unknown" when a candidate's own settings are unknown or nothing relates to the id.
 */
interface Resolved<T> {
  readonly values: readonly T[] | "unknown";
  /** How the reader recognises it: managed name, resource name(s), or legacy. */
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

/**
 * A custom policy by its known id, else by the property dependencies the engine recorded for the
 * behavior's property (during a first preview the id of a policy created by the same program is
 * unknown). The engine records dependencies per top-level input, so every policy used anywhere in
 * orderedCacheBehaviors is a candidate for each ordered behavior; callers decide on all of them.
 */
function resolveCustom<T>(view: StackView, dist: StackResource, b: BehaviorFacts, id: string | "unknown", family: readonly string[], read: (r: StackResource) => T | "unknown"): Resolved<T> {
  if (id !== "unknown") {
    const match = byId(view, family, id);
    if (match) {
      const value = read(match);
      return { values: value === "unknown" ? "unknown" : [value], label: match.name };
    }
  }
  const cands = candidates(view, dist, b, family);
  if (cands.length === 0) return { values: "unknown", label: id === "unknown" ? "unresolved policy" : `policy ${id}` };
  const values = cands.map(read);
  const label = cands.map((c) => c.name).join(" or ");
  return values.some((v) => v === "unknown") ? { values: "unknown", label } : { values: values as T[], label };
}

function resolveCacheKey(view: StackView, dist: StackResource, b: BehaviorFacts): Resolved<CacheKey> {
  const id = b.cachePolicyId;
  if (id === undefined) {
    const legacy = cacheKeyFromLegacy(b.legacy.forwardedValues, b.legacy);
    return { values: legacy === "unknown" ? "unknown" : [legacy], label: "legacy forwardedValues" };
  }
  if (id !== "unknown") {
    const managed = managedCachePolicy(id);
    if (managed) return { values: [{ ...managed, caches: managed.minTtl > 0 || managed.defaultTtl > 0 || managed.maxTtl > 0 }], label: managed.name };
  }
  return resolveCustom(view, dist, b, id, CF.cachePolicy, (r) => cacheKeyFromCachePolicy(r.props));
}

function resolveOriginRequest(view: StackView, dist: StackResource, b: BehaviorFacts): Resolved<OriginRequestSettings | undefined> {
  const id = b.originRequestPolicyId;
  if (id === undefined) return { values: [undefined], label: "no origin request policy" };
  if (id !== "unknown") {
    const managed = managedOriginRequestPolicy(id);
    if (managed) return { values: [managed], label: managed.name };
  }
  return resolveCustom(view, dist, b, id, CF.originRequestPolicy, (r) => originRequestFromPolicy(r.props));
}

/** Whether the behavior caches: decided when every candidate cache policy agrees. */
function cachingOf(key: Resolved<CacheKey>): Caching {
  if (key.values === "unknown") return "unknown";
  const first = key.values[0].caches;
  return key.values.every((k) => k.caches === first) ? first : "unknown";
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
  "private-path-suspected",
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
    suspectedPrivatePathPatterns: config.suspectedPrivatePathPatterns,
    defaultBehavior: def ? { caches: cachingOf(keys.get(def)!), label: keys.get(def)!.label, dynamicOrigin: dynamic } : undefined,
  });
  for (const f of orderFindings) {
    push(f.level, ORDERING_KINDS.includes(f.kind) ? "ordering" : "default-cache", f.message);
  }

  for (const b of behaviors) {
    const key = keys.get(b)!;
    if (key.values === "unknown") continue;
    const caching = key.values.filter((k) => k.caches !== false);
    if (caching.length === 0) continue;
    const sent: Resolved<OriginRequestSettings | undefined> =
      b.cachePolicyId === undefined ? { values: key.values.map(originRequestFromLegacy), label: key.label } : resolveOriginRequest(view, dist, b);
    if (sent.values === "unknown") {
      push(
        "advisory",
        "cache-key",
        `${behaviorName(b)} caches (${key.label}) and its origin request policy (${sent.label}) could not be resolved during preview, so ` +
          `whether it forwards cookies or Authorization outside the cache key is not verified.`,
      );
      continue;
    }
    // Decide on every candidate pair: a verdict all pairs share is the verdict, whichever applies.
    const sentValues = sent.values;
    const pairs = b.cachePolicyId === undefined ? caching.map((k, i) => [k, sentValues[i]] as const) : caching.flatMap((k) => sentValues.map((o) => [k, o] as const));
    const verdicts = pairs.map(([k, o]) => ({ key: k, gaps: o === undefined ? [] : uncoveredSensitive(k, o) }));
    const failing = verdicts.filter((v) => v.gaps.length > 0);
    if (failing.length === 0) continue;
    const gaps = [...new Set(failing.flatMap((v) => v.gaps))];
    if (failing.length < verdicts.length) {
      push(
        "advisory",
        "cache-key",
        `${behaviorName(b)} caches (${key.label}) and sends ${gaps.join(" and ")} outside the cache key with some of the origin request ` +
          `policies it may use (${sent.label}) and not with others. Which one applies cannot be told: the engine sends analyzers no resource ids and ` +
          `records one dependency list for all of orderedCacheBehaviors, not one per behavior. Fix: use a managed origin request policy (known by its id) for the behaviors that forward cookies or Authorization.`,
      );
      continue;
    }
    push(
      failing.every((v) => v.key.caches === true) ? "mandatory" : "advisory",
      "cache-key",
      `${behaviorName(b)} caches (${key.label}) but its origin request policy (${sent.label}) sends ${gaps.join(" and ")} ` +
        `to the origin without putting them in the cache key, so one user's response can be served to another. ` +
        `Fix: forward only what the cache key contains on cacheable behaviors (or add those values to the cache policy), ` +
        `or use CachingDisabled on this behavior.`,
    );
  }
  return findings;
}
