import fc from "fast-check";
import { analyzeBehaviorOrder, formatFinding, type BehaviorRow, type OrderingOptions } from "../../src/cloudfront/ordering";
import { matches } from "../../src/cloudfront/glob";
import { benchCloudfrontOrdering } from "../../bench/cloudfront";

/** A compliant table: specific cacheable routes before general non-caching ones. */
const compliant: BehaviorRow[] = [
  { pathPattern: "/api/*/me*", caches: false, label: "me" },
  { pathPattern: "/api/v1/products/*", caches: true, label: "products" },
  { pathPattern: "/static/*", caches: true, label: "CachingOptimized" },
  { pathPattern: "/api/*", caches: false, label: "CachingDisabled" },
];
const options: OrderingOptions = {
  privatePathPatterns: ["/api/*/me*"],
  defaultBehavior: { caches: false, label: "CachingDisabled", dynamicOrigin: true },
};
const kinds = (rows: BehaviorRow[], opts: OrderingOptions = options) =>
  analyzeBehaviorOrder(rows, opts).filter((f) => f.level === "mandatory").map((f) => f.kind);
const replace = (i: number, row: Partial<BehaviorRow>) => compliant.map((r, k) => (k === i ? { ...r, ...row } : r));

describe("analyzeBehaviorOrder", () => {
  it("finds nothing mandatory in a table of carve-outs before general rules", () => {
    expect(kinds(compliant)).toEqual([]);
  });

  it("reports an invalid pattern", () => {
    expect(kinds(replace(2, { pathPattern: "/static/#x" }))).toEqual(["invalid-pattern"]);
  });

  it("reports a duplicate pattern even when only the leading slash differs", () => {
    expect(kinds([...compliant, { pathPattern: "static/*", caches: true, label: "dup" }])).toContain("duplicate-pattern");
  });

  it("reports a behavior shadowed by an earlier, more general one", () => {
    const rows = [compliant[0], compliant[3], compliant[1], compliant[2]];
    const f = analyzeBehaviorOrder(rows, options).find((x) => x.kind === "shadowed");
    expect(f?.message).toContain("orderedCacheBehaviors[2] `/api/v1/products/*`");
    expect(f?.message).toContain("orderedCacheBehaviors[1] `/api/*`");
  });

  it("reports a behavior covered only by the union of earlier ones", () => {
    const rows: BehaviorRow[] = [
      { pathPattern: "/a*", caches: false, label: "a" },
      { pathPattern: "/?*", caches: false, label: "rest" },
      { pathPattern: "/ab", caches: true, label: "ab" },
    ];
    expect(kinds(rows, {})).toContain("shadowed");
  });

  it("reports an earlier caching behavior that takes paths of a later non-caching one, with a witness", () => {
    const rows: BehaviorRow[] = [
      { pathPattern: "/api/*/public*", caches: true, label: "public" },
      { pathPattern: "/api/*/profile*", caches: false, label: "profile" },
    ];
    const f = analyzeBehaviorOrder(rows, {}).find((x) => x.kind === "unsafe-overlap")!;
    expect(f.level).toBe("mandatory");
    expect(matches("/api/*/public*", f.witness!) && matches("/api/*/profile*", f.witness!)).toBe(true);
    expect(f.message).toContain(f.witness!);
  });

  it("downgrades to advisory when caching is unknown", () => {
    const rows: BehaviorRow[] = [
      { pathPattern: "/api/*/public*", caches: "unknown", label: "public" },
      { pathPattern: "/api/*/profile*", caches: false, label: "profile" },
    ];
    expect(analyzeBehaviorOrder(rows, {}).map((f) => `${f.kind}:${f.level}`)).toEqual(["unsafe-overlap:advisory"]);
  });

  it("reports lost hits as advisory", () => {
    const rows: BehaviorRow[] = [
      { pathPattern: "/api/*/x*", caches: false, label: "x" },
      { pathPattern: "/api/v1/*", caches: true, label: "v1" },
    ];
    expect(analyzeBehaviorOrder(rows, {}).map((f) => `${f.kind}:${f.level}`)).toEqual(["lost-hits:advisory"]);
  });

  it("reports a caching behavior that serves a configured private path", () => {
    const f = analyzeBehaviorOrder(compliant.slice(1), options).find((x) => x.kind === "private-path-cached")!;
    expect(f.level).toBe("mandatory");
    expect(matches("/api/*/me*", f.witness!)).toBe(true);
  });

  it("reports an invalid configured private pattern", () => {
    expect(kinds(compliant, { ...options, privatePathPatterns: ["/api/<id>"] })).toEqual(["invalid-private-pattern"]);
  });

  it("reports a caching default behavior in front of a dynamic origin", () => {
    const opts = { ...options, defaultBehavior: { caches: true as const, label: "CachingOptimized", dynamicOrigin: true } };
    expect(kinds(compliant, opts)).toContain("default-caches-dynamic");
    expect(kinds(compliant, { ...opts, defaultBehavior: { ...opts.defaultBehavior, dynamicOrigin: false } })).not.toContain("default-caches-dynamic");
  });

  it("an unreachable default behavior (an ordered `/*` takes every path) is advisory: CloudFront requires it", () => {
    const rows = [...compliant.slice(0, 3), { pathPattern: "/*", caches: false, label: "all" }];
    const f = analyzeBehaviorOrder(rows, options).filter((x) => x.kind === "shadowed");
    expect(f.map((x) => `${String(x.behavior.index)}:${x.level}`)).toEqual(["default:advisory"]);
  });

  it("lost hits exclude paths inside declared private patterns, and only those", () => {
    const rows: BehaviorRow[] = [
      { pathPattern: "/api/*/me*", caches: false, label: "me" },
      { pathPattern: "/api/products/*", caches: true, label: "products" },
    ];
    expect(analyzeBehaviorOrder(rows, { privatePathPatterns: ["/api/*/me*"] }).map((f) => f.kind)).toEqual([]);
    expect(analyzeBehaviorOrder(rows, {}).map((f) => `${f.kind}:${f.witness}`)).toEqual(["lost-hits:/api/products/me"]);
  });

  it("suspected private paths are advisory, and only while none are declared", () => {
    const rows: BehaviorRow[] = [{ pathPattern: "/api/*", caches: true, label: "api" }];
    const guessed = analyzeBehaviorOrder(rows, { suspectedPrivatePathPatterns: ["/api/*/me*"] });
    expect(guessed.map((f) => `${f.kind}:${f.level}`)).toEqual(["private-path-suspected:advisory"]);
    expect(analyzeBehaviorOrder(rows, { privatePathPatterns: ["/account/*"], suspectedPrivatePathPatterns: ["/api/*/me*"] })).toEqual([]);
  });

  it("formats findings with their level and kind", () => {
    const [f] = analyzeBehaviorOrder(replace(2, { pathPattern: "" }), options);
    expect(formatFinding(f)).toMatch(/^\[mandatory\] invalid-pattern: orderedCacheBehaviors\[2\]/);
  });

  it("analyses 75 adversarial behaviors", () => {
    const { findings } = benchCloudfrontOrdering();
    expect(findings).toBeGreaterThan(0);
  });
});

describe("analyzeBehaviorOrder witnesses", () => {
  const patternArb = fc.array(fc.constantFrom("a", "b", "/", "*", "?"), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(""));
  const rowsArb = fc.array(fc.record({ pathPattern: patternArb, caches: fc.boolean() }), { minLength: 1, maxLength: 6 });

  it("every overlap witness reaches the earlier behavior: both patterns match it and no behavior before them does", () => {
    fc.assert(
      fc.property(rowsArb, (raw) => {
        const rows: BehaviorRow[] = raw.map((r, i) => ({ ...r, label: `r${i}` }));
        for (const f of analyzeBehaviorOrder(rows, {})) {
          if (f.kind !== "unsafe-overlap" && f.kind !== "lost-hits") continue;
          const first = f.other!.index as number;
          const w = f.witness!;
          if (!matches(rows[first].pathPattern, w) || !matches(f.behavior.pathPattern, w)) return false;
          if (rows.slice(0, first).some((r) => matches(r.pathPattern, w))) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it("no lost-hit witness lies inside a declared private pattern", () => {
    fc.assert(
      fc.property(rowsArb, patternArb, (raw, priv) => {
        const rows: BehaviorRow[] = raw.map((r, i) => ({ ...r, label: `r${i}` }));
        return analyzeBehaviorOrder(rows, { privatePathPatterns: [priv] }).every((f) => f.kind !== "lost-hits" || !matches(priv, f.witness!));
      }),
      { numRuns: 300 },
    );
  });

  it("every private-path witness is a private path that reaches the caching behavior", () => {
    fc.assert(
      fc.property(rowsArb, patternArb, (raw, priv) => {
        const rows: BehaviorRow[] = raw.map((r, i) => ({ ...r, label: `r${i}` }));
        for (const f of analyzeBehaviorOrder(rows, { privatePathPatterns: [priv] })) {
          if (f.kind !== "private-path-cached") continue;
          const k = f.behavior.index as number;
          const w = f.witness!;
          if (!matches(priv, w) || !matches(rows[k].pathPattern, w) || rows.slice(0, k).some((r) => matches(r.pathPattern, w))) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
