import { analyzeBehaviorOrder, formatFinding } from "@platform/policies/src/cloudfront/ordering";
import * as fc from "fast-check";
import type { RouteConfig } from "../src/config";
import { analyzeRoutes, assertRoutesAccepted } from "../src/route-check";
import { cacheSettingId, planRoutes } from "../src/routes";

const cached = (pathPattern: string, queryKeys: string[] = [], ttl = { min: 0, default: 60, max: 300 }): RouteConfig => ({
  pathPattern,
  cacheable: true,
  ttl,
  queryKeys,
});
const uncached = (pathPattern: string): RouteConfig => ({ pathPattern, cacheable: false });

describe("planRoutes", () => {
  it("creates one cache setting per distinct (query keys, TTLs), whatever the key order", () => {
    const plan = planRoutes([cached("/a/*", ["page", "sort"]), cached("/b/*", ["sort", "page"]), cached("/c/*", ["page"])]);
    expect(plan.settings).toHaveLength(2);
    expect(plan.behaviors[0].settingId).toBe(plan.behaviors[1].settingId);
    expect(plan.behaviors[2].settingId).not.toBe(plan.behaviors[0].settingId);
  });

  it("derives setting ids only from the setting, so names are deterministic (property)", () => {
    const keys = fc.uniqueArray(fc.constantFrom("a", "b", "c", "d"), { maxLength: 4 });
    const ttl = fc.record({ min: fc.nat(10), default: fc.nat(10), max: fc.nat(10) });
    fc.assert(
      fc.property(keys, ttl, (k, t) => {
        expect(cacheSettingId([...k].reverse(), t)).toBe(cacheSettingId(k, t));
        expect(cacheSettingId(k, { ...t, max: t.max + 1 })).not.toBe(cacheSettingId(k, t));
      }),
    );
  });

  it("defaults cacheable routes to GET/HEAD/OPTIONS and others to every method", () => {
    const plan = planRoutes([cached("/a/*"), uncached("/api/*")]);
    expect(plan.behaviors[0].allowedMethods).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(plan.behaviors[1].allowedMethods).toHaveLength(7);
  });

  it("treats a cacheable route whose TTLs are all zero as not caching", () => {
    expect(planRoutes([cached("/a/*", [], { min: 0, default: 0, max: 0 })]).behaviors[0].caches).toBe(false);
  });
});

describe("route table check (the policy pack's ordering analysis)", () => {
  it("accepts a carve-out: a cached specific route before a non-cached general one", () => {
    expect(analyzeRoutes(planRoutes([cached("/api/products/*"), uncached("/api/*")]).behaviors, []).mandatory).toEqual([]);
  });

  it("refuses a shadowed route with the pack's own message", () => {
    const behaviors = planRoutes([uncached("/api/*"), cached("/api/products/*")]).behaviors;
    const pack = analyzeBehaviorOrder(
      behaviors.map((b, i) => ({ pathPattern: b.pathPattern, caches: b.caches, label: i === 0 ? "not cached, CachingDisabled" : `cached, cache policy ${b.settingId}` })),
      { privatePathPatterns: [], defaultBehavior: { caches: false, label: "not cached, CachingDisabled", dynamicOrigin: true } },
    )
      .filter((f) => f.level === "mandatory")
      .map(formatFinding);
    expect(pack.some((m) => m.includes("shadowed"))).toBe(true);
    expect(analyzeRoutes(behaviors, []).mandatory).toEqual(pack);
    expect(() => assertRoutesAccepted(behaviors, [], "dev")).toThrow(/platform-edge:routes in stacks\/edge\/Pulumi\.dev\.yaml would be rejected[\s\S]*shadowed/);
  });

  it("refuses caching a private path", () => {
    const behaviors = planRoutes([cached("/api/*")]).behaviors;
    expect(() => assertRoutesAccepted(behaviors, ["/api/me*"], "prod")).toThrow(/private-path-cached[\s\S]*\/api\/me/);
  });

  it("refuses an unsafe partial overlap where a cached route takes paths of a later non-cached one", () => {
    const behaviors = planRoutes([cached("/api/*/list"), uncached("/api/admin/*")]).behaviors;
    expect(() => assertRoutesAccepted(behaviors, [], "dev")).toThrow(/unsafe-overlap/);
  });
});
