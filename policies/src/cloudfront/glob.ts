/**
 * CloudFront path-pattern algebra, decided exactly on finite automata.
 *
 * CloudFront semantics (Developer Guide, "Path pattern"): `*` matches any sequence of characters
 * including `/` and the empty string, `?` matches exactly one character, matching is
 * case-sensitive, the leading `/` is optional (`images/*` equals `/images/*`) and the query string
 * of the request is ignored. Allowed characters: `A-Z a-z 0-9 _ - . * $ / ~ " ' @ : + &`, at most
 * 255 characters.
 *
 * A pattern compiles to an NFA whose states are token positions (a `*` loops on every character
 * and may be skipped; automata.ts). Two patterns intersect when a 0-1 breadth-first search over
 * pairs of positions reaches the end of both; containment and questions with excluded patterns
 * are a breadth-first search over the product of the included NFAs and one lazily determinised
 * DFA of all excluded patterns (witness-search.ts). So containment and intersection are decided
 * on the languages themselves, never by sampling, and every "yes" comes with a shortest concrete
 * witness path. Cheap necessary conditions (literal heads and tails, lengths, two sample paths)
 * refute most pairs first; they never answer "yes".
 */
import { PatternAutomaton, SubsetAutomaton } from "./automata";
import { codePoints, compatible, compatibleAll, intersection, mayContain, quickCounterexample, search, witnessAlphabet } from "./witness-search";

export const MAX_PATTERN_LENGTH = 255;
const ALLOWED = /^[A-Za-z0-9_\-.*$/~"'@:+&?]$/;
export const MAX_CACHED_AUTOMATA = 2000;

export interface PatternProblem {
  readonly pattern: string;
  readonly message: string;
}

/** Problems that make CloudFront reject the pattern; empty when the pattern is valid. */
export function validate(pattern: string): PatternProblem[] {
  const problems: PatternProblem[] = [];
  if (pattern.length === 0) {
    problems.push({ pattern, message: "the path pattern is empty; use for example `/api/*`" });
  }
  if (pattern.length > MAX_PATTERN_LENGTH) {
    problems.push({
      pattern,
      message: `the path pattern has ${pattern.length} characters; CloudFront allows at most ${MAX_PATTERN_LENGTH}`,
    });
  }
  const bad = [...new Set([...pattern].filter((c) => !ALLOWED.test(c)))];
  if (bad.length > 0) {
    problems.push({
      pattern,
      message:
        `the path pattern contains ${bad.map((c) => JSON.stringify(c)).join(", ")}, which CloudFront does not allow; ` +
        "allowed are A-Z a-z 0-9 _ - . * ? $ / ~ \" ' @ : + &",
    });
  }
  return problems;
}

/** The pattern with its optional leading `/` made explicit, so equal patterns compare equal. */
export function normalizePattern(pattern: string): string {
  return pattern.startsWith("/") ? pattern : `/${pattern}`;
}

/** The request path CloudFront matches: query string removed, leading `/` made explicit. */
export function normalizePath(path: string): string {
  const q = path.indexOf("?");
  const bare = q >= 0 ? path.slice(0, q) : path;
  return bare.startsWith("/") ? bare : `/${bare}`;
}
/**
 * Compiles patterns once and answers questions about them. Reuse one instance for many questions
 * about the same patterns (the ordering analysis does), so each automaton is built once and each
 * pairwise answer is computed once.
 */
export class PatternSet {
  private readonly automata = new Map<string, PatternAutomaton>();
  private readonly unions = new Map<string, SubsetAutomaton>();
  /** Pairwise answers keyed by the two automata's ids (integers, not pattern strings). */
  private readonly pairs = new Map<number, string | undefined>();
  private nextId = 0;

  private automaton(pattern: string): PatternAutomaton {
    const key = pattern.startsWith("/") ? pattern : `/${pattern}`;
    let a = this.automata.get(key);
    if (!a) {
      // A long-lived policy-pack process sees many stacks: bound the caches instead of growing them.
      if (this.automata.size >= MAX_CACHED_AUTOMATA) {
        // Ids restart, so every cache keyed by ids (pairs and unions) must go with the automata:
        // a stale union under a reused id answers for patterns it was never built from.
        this.automata.clear();
        this.pairs.clear();
        this.unions.clear();
        this.nextId = 0;
      }
      a = new PatternAutomaton(key, this.nextId++);
      this.automata.set(key, a);
    }
    return a;
  }

  /** The determinised union of the excluded patterns; the same exclusion list is asked about often. */
  private union(automata: PatternAutomaton[]): SubsetAutomaton {
    const key = automata.map((a) => a.id).join(",");
    let u = this.unions.get(key);
    if (!u) {
      if (this.unions.size >= MAX_CACHED_AUTOMATA) this.unions.clear();
      u = new SubsetAutomaton(automata);
      this.unions.set(key, u);
    }
    return u;
  }

  matches(pattern: string, path: string): boolean {
    return this.automaton(pattern).accepts(codePoints(normalizePath(path)));
  }

  /**
   * The shortest path matched by every pattern in `include` and by none in `exclude`, or
   * undefined when there is none. Exact: a breadth-first search over the product automaton,
   * whose alphabet is the patterns' literals plus one character standing for all others.
   */
  witness(include: readonly string[], exclude: readonly string[] = []): string | undefined {
    if (include.length === 0) return undefined;
    const inc = include.map((p) => this.automaton(p));
    if (!compatibleAll(inc)) return undefined;
    const excAutomata = exclude.map((p) => this.automaton(p));
    if (inc.length === 1 && excAutomata.length > 0) {
      // A shortest path of the one include that no exclude matches is a shortest witness.
      const shortest = quickCounterexample(excAutomata, inc[0], 1);
      if (shortest !== undefined) return shortest;
    }
    return search(inc, excAutomata.length > 0 ? this.union(excAutomata) : undefined, witnessAlphabet([...inc, ...excAutomata]));
  }

  /** True when every path `inner` matches is also matched by `outer`. */
  contains(outer: string, inner: string): boolean {
    const o = this.automaton(outer);
    const i = this.automaton(inner);
    if (o === i) return true;
    if (!compatible(o, i) || !mayContain(o, i)) return false;
    const key = (o.id * PAIR_RADIX + i.id) * 2;
    if (this.pairs.has(key)) return this.pairs.get(key) === undefined;
    const counterexample = quickCounterexample([o], i) ?? search([i], this.union([o]), witnessAlphabet([i, o]));
    this.pairs.set(key, counterexample);
    return counterexample === undefined;
  }

  /** A path matched by both patterns, or undefined when their languages are disjoint. */
  intersects(a: string, b: string): string | undefined {
    return this.intersectAutomata(this.automaton(a), this.automaton(b));
  }

  /**
   * `intersects` for every pair of a list at once: row k holds the answers for patterns 0..k-1.
   * Each pattern is looked up once, which matters for the quadratic number of pairs.
   */
  pairwiseIntersections(patterns: readonly string[]): (string | undefined)[][] {
    const automata = patterns.map((p) => this.automaton(p));
    return automata.map((a, k) => {
      const row = new Array<string | undefined>(k);
      for (let e = 0; e < k; e++) row[e] = this.intersectAutomata(automata[e], a);
      return row;
    });
  }

  private intersectAutomata(p: PatternAutomaton, q: PatternAutomaton): string | undefined {
    if (!compatible(p, q)) return undefined;
    // Symmetric: one entry per pair, and the search runs on the pair in one order.
    const x = p.normalized < q.normalized ? p : q;
    const y = x === p ? q : p;
    const key = (x.id * PAIR_RADIX + y.id) * 2 + 1;
    if (this.pairs.has(key)) return this.pairs.get(key);
    const w = intersection(x, y);
    this.pairs.set(key, w);
    return w;
  }
}

/** Ids stay below this (the automaton cache is bounded), so a pair of ids is one integer key. */
const PAIR_RADIX = MAX_CACHED_AUTOMATA + 1;

const shared = new PatternSet();

/** Whether CloudFront would route `path` (query string ignored) to a behavior with `pattern`. */
export function matches(pattern: string, path: string): boolean {
  return shared.matches(pattern, path);
}

/** Every path matched by `inner` is matched by `outer` (language containment, decided exactly). */
export function contains(outer: string, inner: string): boolean {
  return shared.contains(outer, inner);
}

/** A concrete path matched by both patterns, or undefined when no path is. */
export function intersects(a: string, b: string): string | undefined {
  return shared.intersects(a, b);
}
