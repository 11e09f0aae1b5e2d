/**
 * What a behavior caches on and forwards: cache policies and origin request policies read from
 * resource properties (custom ones) or from the managed catalog, and legacy forwardedValues.
 */
import { asRecord, at, list, num, str, type Props } from "../lib/values";
import type { Caching } from "./ordering";
import type { OriginHeaderBehavior, OriginRequestSettings, ValueBehavior, ValueSet } from "./managed-policies";

export interface CacheKey {
  readonly caches: Caching;
  readonly headers: ValueSet;
  readonly cookies: ValueSet;
  readonly queryStrings: ValueSet;
}

/** Whether TTLs cache: any of min/default/max above zero. */
export function cachesByTtl(ttls: readonly (number | "unknown" | undefined)[]): Caching {
  if (ttls.some((t) => typeof t === "number" && t > 0)) return true;
  return ttls.some((t) => t === "unknown") ? "unknown" : false;
}

function names(value: unknown): string[] {
  const items = list(value);
  return items === "unknown" ? [] : items.filter((x): x is string => typeof x === "string");
}

function valueSet(behavior: unknown, items: unknown, allowed: readonly ValueBehavior[]): ValueSet | "unknown" {
  const b = str(behavior);
  if (b === "unknown") return "unknown";
  const known = allowed.find((a) => a === b) ?? "none";
  return { behavior: known, names: names(items) };
}

/**
 * A custom cache policy's key from aws:cloudfront/cachePolicy:CachePolicy properties. Omitted
 * TTLs take the API defaults (minTtl 0, defaultTtl 86400, maxTtl 31536000).
 */
export function cacheKeyFromCachePolicy(props: Props): CacheKey | "unknown" {
  const p = asRecord(props.parametersInCacheKeyAndForwardedToOrigin);
  const ttl = (v: unknown, fallback: number) => num(v) ?? fallback;
  const caches = cachesByTtl([ttl(props.minTtl, 0), ttl(props.defaultTtl, 86400), ttl(props.maxTtl, 31536000)]);
  const headers = valueSet(at(p, "headersConfig", "headerBehavior"), at(p, "headersConfig", "headers", "items"), ["none", "whitelist"]);
  const cookies = valueSet(at(p, "cookiesConfig", "cookieBehavior"), at(p, "cookiesConfig", "cookies", "items"), ["none", "whitelist", "allExcept", "all"]);
  const queryStrings = valueSet(
    at(p, "queryStringsConfig", "queryStringBehavior"),
    at(p, "queryStringsConfig", "queryStrings", "items"),
    ["none", "whitelist", "allExcept", "all"],
  );
  if (headers === "unknown" || cookies === "unknown" || queryStrings === "unknown") return "unknown";
  return { caches, headers, cookies, queryStrings };
}

const ORIGIN_HEADER_BEHAVIORS: readonly OriginHeaderBehavior[] = ["none", "whitelist", "allViewer", "allViewerAndWhitelistCloudFront", "allExcept"];

/** A custom origin request policy from aws:cloudfront/originRequestPolicy:OriginRequestPolicy properties. */
export function originRequestFromPolicy(props: Props): OriginRequestSettings | "unknown" {
  const hb = str(at(props, "headersConfig", "headerBehavior"));
  if (hb === "unknown") return "unknown";
  const cookies = valueSet(at(props, "cookiesConfig", "cookieBehavior"), at(props, "cookiesConfig", "cookies", "items"), ["none", "whitelist", "allExcept", "all"]);
  const queryStrings = valueSet(
    at(props, "queryStringsConfig", "queryStringBehavior"),
    at(props, "queryStringsConfig", "queryStrings", "items"),
    ["none", "whitelist", "allExcept", "all"],
  );
  if (cookies === "unknown" || queryStrings === "unknown") return "unknown";
  return {
    headers: { behavior: ORIGIN_HEADER_BEHAVIORS.find((b) => b === hb) ?? "none", names: names(at(props, "headersConfig", "headers", "items")) },
    cookies,
    queryStrings,
  };
}

/**
 * Legacy cache settings (forwardedValues + behavior TTLs). Everything legacy forwards is in the
 * cache key, and forwarding all headers (`*`) disables caching. Omitted defaultTtl/maxTtl take
 * CloudFront's defaults (86400/31536000), so a legacy behavior caches unless its TTLs say 0.
 */
export function cacheKeyFromLegacy(
  forwardedValues: Props | "unknown" | undefined,
  ttls: { minTtl: number | "unknown" | undefined; defaultTtl: number | "unknown" | undefined; maxTtl: number | "unknown" | undefined },
): CacheKey | "unknown" {
  if (forwardedValues === "unknown") return "unknown";
  const headerNames = names(forwardedValues?.headers);
  const allHeaders = headerNames.includes("*");
  const forward = str(at(forwardedValues, "cookies", "forward"));
  if (forward === "unknown") return "unknown";
  const cookies: ValueSet =
    forward === "all" ? { behavior: "all", names: [] } : forward === "whitelist" ? { behavior: "whitelist", names: names(at(forwardedValues, "cookies", "whitelistedNames")) } : { behavior: "none", names: [] };
  const qs = forwardedValues?.queryString === true;
  const caches = allHeaders ? false : cachesByTtl([ttls.minTtl ?? 0, ttls.defaultTtl ?? 86400, ttls.maxTtl ?? 31536000]);
  return {
    caches,
    headers: allHeaders ? { behavior: "all", names: [] } : { behavior: "whitelist", names: headerNames },
    cookies,
    queryStrings: qs ? { behavior: "all", names: [] } : { behavior: "none", names: [] },
  };
}

/** Legacy forwardedValues send exactly what they key on. */
export function originRequestFromLegacy(key: CacheKey): OriginRequestSettings {
  return {
    headers: key.headers.behavior === "all" ? { behavior: "allViewer", names: [] } : { behavior: "whitelist", names: key.headers.names },
    cookies: key.cookies,
    queryStrings: key.queryStrings,
  };
}

const lower = (xs: readonly string[]) => xs.map((x) => x.toLowerCase());

/** Which user-identifying values reach the origin without being in the cache key. */
export function uncoveredSensitive(key: CacheKey, sent: OriginRequestSettings): string[] {
  const problems: string[] = [];
  const cookieGap = uncoveredCookies(sent.cookies, key.cookies);
  if (cookieGap) problems.push(cookieGap);
  const h = sent.headers;
  if (h.behavior === "allViewer" || h.behavior === "allViewerAndWhitelistCloudFront" || h.behavior === "allExcept") {
    const except = h.behavior === "allExcept" ? ` except ${h.names.join(", ")}` : "";
    problems.push(`all viewer headers${except} (including Authorization and Cookie)`);
  } else if (h.behavior === "whitelist") {
    const keyed = key.headers.behavior === "all" || lower(key.headers.names).includes("authorization");
    if (lower(h.names).includes("authorization") && !keyed) problems.push("the Authorization header");
  }
  return problems;
}

function uncoveredCookies(sent: ValueSet, key: ValueSet): string | undefined {
  if (sent.behavior === "none") return undefined;
  if (key.behavior === "all") return undefined;
  if (sent.behavior === "whitelist") {
    const missing = sent.names.filter((n) => !cookieInKey(n, key));
    return missing.length > 0 ? `cookies ${missing.join(", ")}` : undefined;
  }
  if (sent.behavior === "allExcept" && key.behavior === "allExcept") {
    const missing = key.names.filter((n) => !sent.names.includes(n));
    return missing.length > 0 ? `cookies ${missing.join(", ")}` : undefined;
  }
  return sent.behavior === "all" ? "all cookies" : `all cookies except ${sent.names.join(", ")}`;
}

function cookieInKey(name: string, key: ValueSet): boolean {
  switch (key.behavior) {
    case "all":
      return true;
    case "allExcept":
      return !key.names.includes(name);
    case "whitelist":
      return key.names.includes(name);
    default:
      return false;
  }
}
