import fc from "fast-check";
import { contains, intersects, matches, MAX_CACHED_AUTOMATA, PatternSet, validate } from "../../src/cloudfront/glob";

/** Brute-force reference: CloudFront semantics as a regular expression. */
const compiled = new Map<string, RegExp>();
function reference(pattern: string, path: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    const p = pattern.startsWith("/") ? pattern : `/${pattern}`;
    const source = [...p].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))).join("");
    re = new RegExp(`^${source}$`, "s");
    compiled.set(pattern, re);
  }
  const q = path.split("?")[0];
  return re.test(q.startsWith("/") ? q : `/${q}`);
}

const patternArb = fc.array(fc.constantFrom("a", "b", "/", "*", "?"), { minLength: 0, maxLength: 6 }).map((cs) => cs.join(""));
const pathArb = fc.array(fc.constantFrom("a", "b", "c", "/"), { minLength: 0, maxLength: 8 }).map((cs) => `/${cs.join("")}`);

/** Every path over {a, b, c, /} up to `max` characters: exhaustive for short patterns. */
function allPaths(max: number): string[] {
  const out = ["/"];
  let level = [""];
  for (let n = 1; n <= max; n++) {
    level = level.flatMap((p) => ["a", "b", "c", "/"].map((c) => p + c));
    out.push(...level.map((p) => `/${p}`));
  }
  return out;
}
const PATHS = allPaths(6);

describe("glob matching", () => {
  it("treats the leading slash as optional and ignores the query string", () => {
    expect(matches("images/*", "/images/a.png?size=2")).toBe(true);
    expect(matches("/images/*", "images/a.png")).toBe(true);
  });

  it("lets * span slashes and match nothing, and ? match exactly one character", () => {
    expect(matches("/api/*", "/api/v1/users/me")).toBe(true);
    expect(matches("/api/*", "/api/")).toBe(true);
    expect(matches("/a?c", "/abc")).toBe(true);
    expect(matches("/a?c", "/ac")).toBe(false);
  });

  it("is case-sensitive", () => {
    expect(matches("/Images/*", "/images/x")).toBe(false);
  });

  it("agrees with a regular-expression matcher on generated patterns and paths", () => {
    fc.assert(fc.property(patternArb, pathArb, (p, path) => matches(p, path) === reference(p, path)), { numRuns: 500 });
  });
});

describe("glob validation", () => {
  it("accepts every documented character and the wildcards", () => {
    expect(validate(`/A-z_0.9$~"'@:+&/*?`)).toEqual([]);
  });

  it("rejects characters CloudFront does not allow, naming them", () => {
    expect(validate("/api/#frag")[0].message).toContain('"#"');
  });

  it("rejects patterns longer than 255 characters and empty patterns", () => {
    expect(validate(`/${"a".repeat(255)}`)).toHaveLength(1);
    expect(validate("/" + "a".repeat(254))).toEqual([]);
    expect(validate("")).toHaveLength(1);
  });
});

describe("glob containment", () => {
  it("decides known cases", () => {
    expect(contains("/api/*", "api/v1/*")).toBe(true);
    expect(contains("/api/v1/*", "/api/*")).toBe(false);
    expect(contains("/a*b", "/a**b")).toBe(true);
    expect(contains("/*", "/?")).toBe(true);
    expect(contains("/??*", "/*??")).toBe(true);
    expect(contains("/a*", "/a?")).toBe(true);
  });

  it("agrees with brute force: contained means no path matches the inner but not the outer", () => {
    fc.assert(
      fc.property(patternArb, patternArb, (outer, inner) => {
        const decided = contains(outer, inner);
        const counterexample = PATHS.find((p) => reference(inner, p) && !reference(outer, p));
        return decided ? counterexample === undefined : true;
      }),
      { numRuns: 300 },
    );
  });

  it("produces a real counterexample whenever containment fails", () => {
    const set = new PatternSet();
    fc.assert(
      fc.property(patternArb, patternArb, (outer, inner) => {
        if (contains(outer, inner)) return true;
        const w = set.witness([inner], [outer]);
        return w !== undefined && reference(inner, w) && !reference(outer, w);
      }),
      { numRuns: 300 },
    );
  });
});

describe("glob intersection", () => {
  it("returns a witness matched by both patterns", () => {
    const w = intersects("/api/*/public*", "/api/*/me*");
    expect(w).toBeDefined();
    expect(matches("/api/*/public*", w!) && matches("/api/*/me*", w!)).toBe(true);
  });

  it("returns undefined for disjoint patterns", () => {
    expect(intersects("/static/*", "/api/*")).toBeUndefined();
    expect(intersects("/a?", "/abc")).toBeUndefined();
  });

  it("agrees with brute force and its witness matches both", () => {
    fc.assert(
      fc.property(patternArb, patternArb, (a, b) => {
        const w = intersects(a, b);
        if (w === undefined) return PATHS.every((p) => !(reference(a, p) && reference(b, p)));
        return reference(a, w) && reference(b, w);
      }),
      { numRuns: 400 },
    );
  });
});

/** Longer patterns over the same alphabet, for the pre-filters that look at heads and tails. */
const longPatternArb = fc.array(fc.constantFrom("a", "b", "/", "*", "?"), { minLength: 0, maxLength: 10 }).map((cs) => cs.join(""));

describe("glob search with several patterns", () => {
  it("contains agrees with the exact search for a counterexample on longer patterns", () => {
    const set = new PatternSet();
    fc.assert(
      fc.property(longPatternArb, longPatternArb, (outer, inner) => contains(outer, inner) === (set.witness([inner], [outer]) === undefined)),
      { numRuns: 1000 },
    );
  });

  it("a witness of two includes and two excludes is matched by both includes and neither exclude, and exists when brute force finds one", () => {
    const set = new PatternSet();
    fc.assert(
      fc.property(patternArb, patternArb, patternArb, patternArb, (a, b, x, y) => {
        const w = set.witness([a, b], [x, y]);
        const ok = (p: string) => reference(a, p) && reference(b, p) && !reference(x, p) && !reference(y, p);
        return w === undefined ? !PATHS.some(ok) : ok(w);
      }),
      { numRuns: 400 },
    );
  });

  it("intersects returns a shortest common path", () => {
    fc.assert(
      fc.property(patternArb, patternArb, (a, b) => {
        const w = intersects(a, b);
        if (w === undefined) return true;
        const shorter = PATHS.find((p) => p.length < w.length && reference(a, p) && reference(b, p));
        return shorter === undefined;
      }),
      { numRuns: 400 },
    );
  });
});

describe("a long-lived PatternSet", () => {
  // Found by the property above: after the automaton cache was reset, ids were reused while
  // unions cached under them were kept, so an exclusion list answered for other patterns.
  it("answers the same as a fresh one after its caches are recycled", () => {
    const set = new PatternSet();
    expect(set.witness(["a*"], ["/*"])).toBeUndefined(); // ids 0 and 1; caches the union of `/*` under id 1
    for (let i = 0; i <= MAX_CACHED_AUTOMATA - 2; i++) set.matches(`/filler-${i}`, "/x"); // the last one resets the ids to 0
    set.matches("?", "/x"); // id 1 again
    expect(set.witness(["a*"], ["?"])).toBe(new PatternSet().witness(["a*"], ["?"]));
    expect(set.witness(["a*"], ["?"])).toMatch(/^\/a./);
  });
});
