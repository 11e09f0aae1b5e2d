/**
 * Cache-behavior ordering analysis over a behavior table, as CloudFront evaluates it: ordered
 * behaviors first, first match wins, then the default behavior (`*`).
 *
 * Pure and dependency-free on purpose: the policy pack runs it inside CrossGuard, and the edge
 * stack imports it at program time to refuse a route table before creating anything, with the
 * same messages. Do not import @pulumi/* here.
 *
 * Overlap rule, made precise: CloudFront routes a path to the first behavior that matches it, so
 * a later behavior only loses the paths that an earlier one also matches. When the later behavior
 * matches every path of the earlier one (`/api/products/*` before `/api/*`, or any ordered
 * behavior before the default `*`), the earlier one is a deliberate carve-out and is not reported.
 * When the later behavior is narrower in part (the overlap is partial), the earlier behavior
 * silently takes paths the later one was written for: that is reported, with a witness path that
 * really reaches the earlier behavior (paths that even earlier behaviors catch are excluded).
 */
import { PatternSet, normalizePattern, validate } from "./glob";

/** Whether a behavior caches (any of its min/default/max TTLs above zero); "unknown" in preview. */
export type Caching = boolean | "unknown";

export interface BehaviorRow {
  readonly pathPattern: string;
  readonly caches: Caching;
  /** What the reader recognises the behavior by: its cache policy, its origin, a route name. */
  readonly label: string;
}

export interface DefaultBehaviorRow {
  readonly caches: Caching;
  readonly label: string;
  /** The default behavior's origin computes responses (a load balancer or a VPC origin). */
  readonly dynamicOrigin: boolean;
}

export interface OrderingOptions {
  /** Declared paths whose responses belong to one user, e.g. `/api/*\/me*`, `/api/*\/sessions/*`. */
  readonly privatePathPatterns?: readonly string[];
  /**
   * Paths that often belong to one user in other people's applications. A guess, so it only ever
   * yields advisories, and only while no private patterns are declared.
   */
  readonly suspectedPrivatePathPatterns?: readonly string[];
  readonly defaultBehavior?: DefaultBehaviorRow;
}

export type FindingKind =
  | "invalid-pattern"
  | "invalid-private-pattern"
  | "duplicate-pattern"
  | "shadowed"
  | "unsafe-overlap"
  | "lost-hits"
  | "private-path-cached"
  | "private-path-suspected"
  | "default-caches-dynamic";

export type FindingLevel = "mandatory" | "advisory";

export interface BehaviorRef {
  /** Position in orderedCacheBehaviors, or "default". */
  readonly index: number | "default";
  readonly pathPattern: string;
  readonly label: string;
}

export interface Finding {
  readonly kind: FindingKind;
  readonly level: FindingLevel;
  readonly behavior: BehaviorRef;
  readonly other?: BehaviorRef;
  /** A concrete request path that demonstrates the problem. */
  readonly witness?: string;
  /** What is wrong, where, and the fix. */
  readonly message: string;
}

interface Row extends BehaviorRef {
  readonly caches: Caching;
  readonly normalized: string;
}

const UNKNOWN_NOTE =
  " (reported as advisory because whether a behavior caches is unknown until its cache policy id is known)";

export function describeBehavior(ref: BehaviorRef): string {
  const where = ref.index === "default" ? "defaultCacheBehavior" : `orderedCacheBehaviors[${ref.index}]`;
  const label = ref.label ? ` (${ref.label})` : "";
  return `${where} \`${ref.pathPattern}\`${label}`;
}

export function formatFinding(finding: Finding): string {
  return `[${finding.level}] ${finding.kind}: ${finding.message}`;
}

/** Every ordering problem of the table, in table order. Never throws on any input. */
export function analyzeBehaviorOrder(behaviors: readonly BehaviorRow[], options: OrderingOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const patterns = new PatternSet();
  const rows: Row[] = [];

  behaviors.forEach((b, index) => {
    const ref: BehaviorRef = { index, pathPattern: b.pathPattern, label: b.label };
    const problems = typeof b.pathPattern === "string" ? validate(b.pathPattern) : [];
    if (typeof b.pathPattern !== "string" || problems.length > 0) {
      const why = problems.map((p) => p.message).join("; ") || "the path pattern is not a string";
      findings.push({
        kind: "invalid-pattern",
        level: "mandatory",
        behavior: ref,
        message: `${describeBehavior(ref)} is invalid: ${why}. Fix the pattern, for example \`/api/v1/*\`.`,
      });
      return;
    }
    const normalized = normalizePattern(b.pathPattern);
    const twin = rows.find((r) => r.normalized === normalized);
    if (twin) {
      findings.push({
        kind: "duplicate-pattern",
        level: "mandatory",
        behavior: ref,
        other: twin,
        message:
          `${describeBehavior(ref)} repeats the pattern of ${describeBehavior(twin)} (the leading \`/\` is optional, so ` +
          `both are \`${normalized}\`); CloudFront rejects duplicate path patterns and the second could never apply. ` +
          `Fix: remove one of them or merge their settings.`,
      });
      return;
    }
    rows.push({ ...ref, caches: b.caches, normalized });
  });

  const all: Row[] = [...rows];
  if (options.defaultBehavior) {
    const d = options.defaultBehavior;
    all.push({ index: "default", pathPattern: "*", label: d.label, caches: d.caches, normalized: "/*" });
  }

  // Every later question is about pairs that share a path, so the pairwise intersections are
  // computed once (most pairs are told apart by their literal heads and tails without a search).
  const meets = patterns.pairwiseIntersections(all.map((r) => r.normalized));
  const privatePatterns = checkPrivatePatterns(options.privatePathPatterns ?? [], findings);
  const reachingBefore = (k: number): Row[] => all.slice(0, k).filter((_, e) => meets[k][e] !== undefined);
  const shadowed = new Set<number>();

  all.forEach((row, k) => {
    const touching = reachingBefore(k);
    const cover = touching.find((e) => patterns.contains(e.normalized, row.normalized));
    if (cover) {
      shadowed.add(k);
      findings.push(shadowFinding(row, [cover]));
      return;
    }
    if (touching.length > 1 && patterns.witness([row.normalized], touching.map((e) => e.normalized)) === undefined) {
      shadowed.add(k);
      findings.push(shadowFinding(row, touching));
    }
  });

  for (let i = 0; i < all.length; i++) {
    if (shadowed.has(i)) continue;
    const a = all[i];
    const reaching = reachingBefore(i);
    for (let j = i + 1; j < all.length; j++) {
      if (shadowed.has(j)) continue;
      const b = all[j];
      const unsafe = a.caches !== false && b.caches !== true;
      const lostHits = a.caches === false && b.caches === true;
      if (!unsafe && !lostHits) continue;
      const shared = meets[j][i];
      if (shared === undefined) continue;
      if (patterns.contains(b.normalized, a.normalized)) continue; // deliberate carve-out
      // A declared private path that a non-caching behavior takes is the intended outcome, not a lost hit.
      const witness = unsafe
        ? reachingWitness(patterns, a.normalized, b.normalized, shared, reaching)
        : reachingWitness(patterns, a.normalized, b.normalized, shared, reaching, privatePatterns);
      if (witness === undefined) continue;
      findings.push(unsafe ? unsafeOverlap(a, b, witness) : lostHitsFinding(a, b, witness));
    }
  }

  const privateFinding = (row: Row, priv: string, witness: string): Finding => ({
    kind: "private-path-cached",
    level: row.caches === true ? "mandatory" : "advisory",
    behavior: row,
    witness,
    message:
      `${describeBehavior(row)} caches and serves the private path \`${witness}\` (private pattern \`${priv}\`), ` +
      `so one user's response could be served to another. Fix: add a non-caching behavior for \`${priv}\` ` +
      `before it, narrow its pattern, or give it a cache policy with zero TTLs (CachingDisabled).` +
      (row.caches === true ? "" : UNKNOWN_NOTE),
  });
  const suspectedFinding = (row: Row, priv: string, witness: string): Finding => ({
    kind: "private-path-suspected",
    level: "advisory",
    behavior: row,
    witness,
    message:
      `${describeBehavior(row)} may cache \`${witness}\`, which looks like a per-user path (\`${priv}\` is a common ` +
      `shape for those) while no private path patterns are declared. Fix: if responses there belong to one user, declare ` +
      `the pattern in privatePathPatterns (then it is enforced) and put a non-caching behavior before this one; ` +
      `if not, declare your real private patterns or set suspectedPrivatePathPatterns to [] to silence this guess.`,
  });
  const declared = (options.privatePathPatterns ?? []).length > 0;
  const suspected = declared ? [] : (options.suspectedPrivatePathPatterns ?? []).filter((p) => validate(p).length === 0).map(normalizePattern);
  for (const [list, make] of [[privatePatterns, privateFinding], [suspected, suspectedFinding]] as const) {
    all.forEach((row, k) => {
      if (row.caches === false || shadowed.has(k)) return;
      const reaching = reachingBefore(k);
      for (const priv of list) {
        const shared = patterns.intersects(row.normalized, priv);
        if (shared === undefined) continue;
        const witness = reachingWitness(patterns, row.normalized, priv, shared, reaching);
        if (witness === undefined) continue;
        findings.push(make(row, priv, witness));
      }
    });
  }

  const d = options.defaultBehavior;
  if (d && d.dynamicOrigin && d.caches !== false) {
    const ref: BehaviorRef = { index: "default", pathPattern: "*", label: d.label };
    findings.push({
      kind: "default-caches-dynamic",
      level: d.caches === true ? "mandatory" : "advisory",
      behavior: ref,
      message:
        `${describeBehavior(ref)} caches although its origin is dynamic (a load balancer or VPC origin): every path ` +
        `no ordered behavior claims would be cached, including personalised responses. Fix: use the managed ` +
        `CachingDisabled cache policy (4135ea2d-6df8-44a3-9df3-4b5a84be39ad) on the default behavior and add ` +
        `ordered behaviors for the paths that may be cached.` +
        (d.caches === true ? "" : UNKNOWN_NOTE),
    });
  }
  return findings;
}

/**
 * A path matched by both `a` and `b` that reaches `a` (no earlier behavior in `reaching`, the
 * earlier rows that share a path with `a`, catches it first). `shared` is a path both match: when
 * no earlier row matches it, it is the answer; otherwise an exact search excludes the earlier rows
 * that can matter, those that share a path with `b` as well.
 */
function reachingWitness(patterns: PatternSet, a: string, b: string, shared: string, reaching: readonly Row[], excluded: readonly string[] = []): string | undefined {
  if (!reaching.some((e) => patterns.matches(e.normalized, shared)) && !excluded.some((x) => patterns.matches(x, shared))) return shared;
  const blockers = reaching.filter((e) => patterns.intersects(e.normalized, b) !== undefined).map((e) => e.normalized);
  return patterns.witness([a, b], [...blockers, ...excluded.filter((x) => patterns.intersects(x, b) !== undefined)]);
}

function checkPrivatePatterns(configured: readonly string[], findings: Finding[]): string[] {
  const valid: string[] = [];
  for (const p of configured) {
    const problems = typeof p === "string" ? validate(p) : [];
    if (typeof p !== "string" || problems.length > 0) {
      const ref: BehaviorRef = { index: "default", pathPattern: String(p), label: "privatePathPatterns" };
      findings.push({
        kind: "invalid-private-pattern",
        level: "mandatory",
        behavior: ref,
        message:
          `the configured private path pattern \`${String(p)}\` is invalid: ` +
          `${problems.map((x) => x.message).join("; ") || "it is not a string"}. ` +
          "Fix the policy configuration key privatePathPatterns, for example `/api/*/me*`.",
      });
      continue;
    }
    valid.push(normalizePattern(p));
  }
  return valid;
}

function shadowFinding(row: Row, covers: Row[]): Finding {
  const by = covers.map(describeBehavior).join(" and ");
  const first = covers[0];
  // CloudFront requires a default behavior even when an ordered `/*` takes every path, so an
  // unreachable default is dead configuration AWS accepts, not a defect: advisory.
  const isDefault = row.index === "default";
  return {
    kind: "shadowed",
    level: isDefault ? "advisory" : "mandatory",
    behavior: row,
    other: first,
    message:
      `${describeBehavior(row)} never applies: ${by} ${covers.length > 1 ? "come" : "comes"} first and ` +
      `${covers.length > 1 ? "together match" : "matches"} every path it matches. ` +
      (isDefault
        ? "CloudFront requires the default behavior, so its settings are dead configuration. Fix (optional): remove the catch-all ordered behavior and put its settings on the default behavior."
        : `Fix: move it before ${describeBehavior(first)} if it is the more specific rule, or remove it.`),
  };
}

function unsafeOverlap(a: Row, b: Row, witness: string): Finding {
  const known = a.caches === true && b.caches === false;
  return {
    kind: "unsafe-overlap",
    level: known ? "mandatory" : "advisory",
    behavior: b,
    other: a,
    witness,
    message:
      `${describeBehavior(a)} caches and comes before ${describeBehavior(b)}, which does not cache; ` +
      `a request for \`${witness}\` matches both and is served and cached by the first. ` +
      `Fix: move ${describeBehavior(b)} before it, or narrow \`${a.pathPattern}\` so it cannot match ` +
      `paths of \`${b.pathPattern}\`.` +
      (known ? "" : UNKNOWN_NOTE),
  };
}

function lostHitsFinding(a: Row, b: Row, witness: string): Finding {
  return {
    kind: "lost-hits",
    level: "advisory",
    behavior: b,
    other: a,
    witness,
    message:
      `${describeBehavior(a)} does not cache and comes before ${describeBehavior(b)}, which caches; ` +
      `a request for \`${witness}\` matches both and is never cached. ` +
      `Fix: if those paths may be cached, move ${describeBehavior(b)} first or narrow \`${a.pathPattern}\`.`,
  };
}
