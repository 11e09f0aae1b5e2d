/**
 * Ordering analysis on 75 adversarial behaviors (goal: under 50 ms). Adversarial means many
 * overlapping wildcards with shared literals, alternating caching, and private patterns that
 * intersect most behaviors, so every pairwise question needs a real product-automaton search.
 */
import { analyzeBehaviorOrder, type BehaviorRow } from "../src/cloudfront/ordering";

export function adversarialBehaviors(count = 75): BehaviorRow[] {
  const segments = ["api", "v1", "v2", "me", "users", "sessions", "public", "img"];
  return Array.from({ length: count }, (_, i) => {
    const a = segments[i % segments.length];
    const b = segments[(i * 3 + 1) % segments.length];
    const shapes = [`/${a}/*/${b}*`, `/${a}*/${b}/*`, `/*${a}?${b}*`, `/${a}/${b}/*.json`, `*/${b}/${a}?*`];
    return { pathPattern: `${shapes[i % shapes.length]}${i}`, caches: i % 2 === 0, label: `route-${i}` };
  });
}

/** Milliseconds the analysis of the adversarial table takes (one cold run). */
export function benchCloudfrontOrdering(count = 75): { ms: number; findings: number } {
  const behaviors = adversarialBehaviors(count);
  const started = process.hrtime.bigint();
  const findings = analyzeBehaviorOrder(behaviors, {
    privatePathPatterns: ["/api/*/me*", "/api/*/sessions/*"],
    defaultBehavior: { caches: false, label: "CachingDisabled", dynamicOrigin: true },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, findings: findings.length };
}
