import { createHash } from "node:crypto";
import type { RouteConfig } from "./config";
import { ALLOWED_METHOD_SETS, methodSetName, type MethodSet } from "./methods";
import { keySetId } from "./query-function";

/** The TTLs and query keys of a cacheable API route: one custom cache policy per distinct value. */
export interface CacheSetting {
  readonly id: string;
  readonly queryKeys: readonly string[];
  readonly ttl: { readonly min: number; readonly default: number; readonly max: number };
}

export type BehaviorKind = "api-cached" | "static" | "uncached";

/** One ordered cache behavior, in the order the config listed it (CloudFront's precedence). */
export interface BehaviorPlan {
  readonly pathPattern: string;
  readonly kind: BehaviorKind;
  readonly allowedMethods: MethodSet;
  /** Whether responses can be stored at the edge (some TTL above zero, or static). */
  readonly caches: boolean;
  /** For api-cached routes: the cache policy setting. */
  readonly settingId?: string;
  /** For api-cached routes: the allow-list whose origin request policy (and function, if non-empty) apply. */
  readonly keySetId?: string;
}

export interface RoutePlan {
  readonly behaviors: readonly BehaviorPlan[];
  readonly settings: readonly CacheSetting[];
  /** Distinct allow-lists: one origin request policy each, and one function each unless empty. */
  readonly keySets: ReadonlyMap<string, readonly string[]>;
}

const READ_METHODS = ALLOWED_METHOD_SETS[1];
const ALL_METHODS = ALLOWED_METHOD_SETS[2];

/** A stable id for a cache setting, so policy names only change when the setting does. */
export function cacheSettingId(queryKeys: readonly string[], ttl: CacheSetting["ttl"]): string {
  const canonical = JSON.stringify({ q: [...queryKeys].sort(), ttl: [ttl.min, ttl.default, ttl.max] });
  return createHash("sha256").update(canonical).digest("hex").slice(0, 8);
}

/** Turns the config's route table into behaviors and the distinct policies they need. Pure. */
export function planRoutes(routes: readonly RouteConfig[]): RoutePlan {
  const settings = new Map<string, CacheSetting>();
  const keySets = new Map<string, readonly string[]>();
  const behaviors = routes.map((route): BehaviorPlan => {
    const kind: BehaviorKind = !route.cacheable ? "uncached" : route.static ? "static" : "api-cached";
    const defaultMethods = kind === "uncached" ? ALL_METHODS : READ_METHODS;
    const allowedMethods = route.allowedMethods ? (methodSetName(route.allowedMethods) ?? defaultMethods) : defaultMethods;
    if (kind !== "api-cached") {
      return { pathPattern: route.pathPattern, kind, allowedMethods, caches: kind === "static" };
    }
    const queryKeys = [...(route.queryKeys ?? [])].sort();
    const ttl = route.ttl ?? { min: 0, default: 0, max: 0 };
    const settingId = cacheSettingId(queryKeys, ttl);
    settings.set(settingId, { id: settingId, queryKeys, ttl });
    const keys = keySetId(queryKeys);
    keySets.set(keys, queryKeys);
    const caches = ttl.min > 0 || ttl.default > 0 || ttl.max > 0;
    return { pathPattern: route.pathPattern, kind, allowedMethods, caches, settingId, keySetId: keys };
  });
  return { behaviors, settings: [...settings.values()], keySets };
}
