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
 * and may be skipped). Questions about several patterns are answered by a breadth-first search over
 * the product of their lazily determinised automata, so containment and intersection are
 * decided on the languages themselves, never by sampling, and every "yes" comes with the shortest
 * concrete witness path.
 */

export const MAX_PATTERN_LENGTH = 255;
const ALLOWED = /^[A-Za-z0-9_\-.*$/~"'@:+&?]$/;
/** Stands for "any character that is not a literal of the pattern" in transition tables. */
const OTHER = "\u0000";
const MAX_CACHED_AUTOMATA = 2000;

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

type Token = { kind: "star" } | { kind: "one" } | { kind: "lit"; ch: string };

/** A pattern's automaton, determinised on demand: states are sets of token positions. */
class PatternAutomaton {
  readonly tokens: Token[];
  readonly literals: ReadonlySet<string>;
  private readonly stateIds = new Map<string, number>();
  private readonly states: number[][] = [];
  private readonly transitions: Map<string, number>[] = [];
  readonly accepting: boolean[] = [];
  /** From this state every continuation matches (the rest of the pattern is only `*`). */
  readonly universal: boolean[] = [];
  readonly dead: boolean[] = [];
  readonly start: number;
  /** Tokens before the first `*`, after the last `*`; a star-free pattern has a fixed length. */
  readonly headLength: number;
  readonly tailLength: number;
  readonly starFree: boolean;

  constructor(pattern: string) {
    this.tokens = [...normalizePattern(pattern)].map((ch): Token =>
      ch === "*" ? { kind: "star" } : ch === "?" ? { kind: "one" } : { kind: "lit", ch },
    );
    this.literals = new Set(this.tokens.flatMap((t) => (t.kind === "lit" ? [t.ch] : [])));
    const first = this.tokens.findIndex((t) => t.kind === "star");
    const last = this.tokens.map((t) => t.kind).lastIndexOf("star");
    this.starFree = first < 0;
    this.headLength = first < 0 ? this.tokens.length : first;
    this.tailLength = last < 0 ? this.tokens.length : this.tokens.length - last - 1;
    this.start = this.intern(this.closure([0]));
  }

  step(state: number, ch: string): number {
    const key = this.literals.has(ch) ? ch : OTHER;
    const cached = this.transitions[state].get(key);
    if (cached !== undefined) return cached;
    const next: number[] = [];
    for (const i of this.states[state]) {
      const t = this.tokens[i];
      if (t === undefined) continue;
      if (t.kind === "star") next.push(i);
      else if (t.kind === "one" || t.ch === key) next.push(i + 1);
    }
    const id = this.intern(this.closure(next));
    this.transitions[state].set(key, id);
    return id;
  }

  /**
   * Nondeterministic view for patterns that must match (no determinisation needed): a state is
   * a token position; `*` tokens may be skipped before reading a character.
   */
  private readonly nfaTransitions = new Map<number, number[]>();
  private readonly positionClosures: number[][] = [];

  positionClosure(p: number): number[] {
    let c = this.positionClosures[p];
    if (!c) {
      c = this.closure([p]);
      this.positionClosures[p] = c;
    }
    return c;
  }

  nfaStep(p: number, ch: string): number[] {
    const key = this.literals.has(ch) ? ch : OTHER;
    const cacheKey = p * 0x10000 + (key === OTHER ? 0 : key.charCodeAt(0));
    const cached = this.nfaTransitions.get(cacheKey);
    if (cached) return cached;
    const next = new Set<number>();
    for (const q of this.positionClosure(p)) {
      const t = this.tokens[q];
      if (t === undefined) continue;
      if (t.kind === "star") next.add(q);
      else if (t.kind === "one" || t.ch === key) next.add(q + 1);
    }
    const result = [...next];
    this.nfaTransitions.set(cacheKey, result);
    return result;
  }

  nfaAccepts(p: number): boolean {
    return this.positionClosure(p).includes(this.tokens.length);
  }

  private closure(positions: number[]): number[] {
    const set = new Set<number>();
    for (let i of positions) {
      set.add(i);
      while (this.tokens[i]?.kind === "star") set.add(++i);
    }
    return [...set].sort((x, y) => x - y);
  }

  private intern(positions: number[]): number {
    const key = positions.join(",");
    const known = this.stateIds.get(key);
    if (known !== undefined) return known;
    const id = this.states.length;
    this.stateIds.set(key, id);
    this.states.push(positions);
    this.transitions.push(new Map());
    const n = this.tokens.length;
    this.accepting.push(positions.includes(n));
    // At position n only the empty continuation matches; universal needs a trailing `*` ahead.
    this.universal.push(positions.some((i) => i < n && this.tokens.slice(i).every((t) => t.kind === "star")));
    this.dead.push(positions.length === 0);
    return id;
  }
}

/**
 * Compiles patterns once and answers questions about them. Reuse one instance for many questions
 * about the same patterns (the ordering analysis does), so each automaton is determinised once.
 */
export class PatternSet {
  private readonly automata = new Map<string, PatternAutomaton>();
  private readonly pairs = new Map<string, string | undefined>();

  private automaton(pattern: string): PatternAutomaton {
    const key = normalizePattern(pattern);
    let a = this.automata.get(key);
    if (!a) {
      // A long-lived policy-pack process sees many stacks: bound the cache instead of growing it.
      if (this.automata.size >= MAX_CACHED_AUTOMATA) this.automata.clear();
      a = new PatternAutomaton(key);
      this.automata.set(key, a);
    }
    return a;
  }

  matches(pattern: string, path: string): boolean {
    const a = this.automaton(pattern);
    let s = a.start;
    for (const ch of normalizePath(path)) {
      s = a.step(s, ch);
      if (a.dead[s]) return false;
    }
    return a.accepting[s];
  }

  /**
   * The shortest path matched by every pattern in `include` and by none in `exclude`, or
   * undefined when there is none. Exact: a breadth-first search over the product automaton,
   * whose alphabet is the patterns' literals plus one character standing for all others.
   */
  witness(include: readonly string[], exclude: readonly string[] = []): string | undefined {
    if (include.length === 0) return undefined;
    const inc = include.map((p) => this.automaton(p));
    const exc = exclude.map((p) => this.automaton(p));
    if (!compatibleAll(inc)) return undefined;
    const all = [...inc, ...exc];
    const literals = new Set<string>();
    for (const a of all) for (const ch of a.literals) literals.add(ch);
    const alphabet = [...literals, otherCharacter(literals)];

    // Included patterns run as NFAs (token positions), excluded ones as lazily built DFAs: a
    // witness needs one accepting run of each include and no accepting run of any exclude.
    const startTuple = [...inc.map(() => 0), ...exc.map((a) => a.start)];
    if (this.pruned(exc, startTuple, inc.length)) return undefined;
    const n = all.length;
    const ni = inc.length;
    // Numeric keys (mixed radix) keep the search allocation-light; string keys are the fallback.
    const radix = [...inc.map((a) => a.tokens.length + 1), ...exc.map(() => 65536)];
    const numeric = radix.reduce((p, r) => p * r, 1) < 2 ** 52;
    const keyOf = (t: number[]): number | string => {
      if (!numeric) return t.join(",");
      let k = 0;
      for (let i = 0; i < n; i++) {
        if (t[i] >= radix[i]) return t.join(",");
        k = k * radix[i] + t[i];
      }
      return k;
    };
    const seen = new Map<number | string, { parent: number | string | undefined; ch: string }>();
    seen.set(keyOf(startTuple), { parent: undefined, ch: "" });
    let frontier: number[][] = [startTuple];
    const options: number[][] = new Array(ni);
    const choice: number[] = new Array(ni);
    while (frontier.length > 0) {
      const next: number[][] = [];
      for (const tuple of frontier) {
        const key = keyOf(tuple);
        if (this.found(inc, exc, tuple)) return reconstruct(seen, key);
        for (const ch of alphabet) {
          let blocked = false;
          for (let k = 0; k < ni && !blocked; k++) {
            options[k] = inc[k].nfaStep(tuple[k], ch);
            blocked = options[k].length === 0;
          }
          if (blocked) continue;
          const base = tuple.slice();
          for (let k = 0; k < exc.length && !blocked; k++) {
            base[ni + k] = exc[k].step(tuple[ni + k], ch);
            blocked = exc[k].universal[base[ni + k]];
          }
          if (blocked) continue;
          // Enumerate one position per include (usually a single combination).
          choice.fill(0);
          for (;;) {
            const stepped = base.slice();
            for (let k = 0; k < ni; k++) stepped[k] = options[k][choice[k]];
            const stepKey = keyOf(stepped);
            if (!seen.has(stepKey)) {
              seen.set(stepKey, { parent: key, ch });
              next.push(stepped);
            }
            let k = 0;
            while (k < ni && ++choice[k] === options[k].length) choice[k++] = 0;
            if (k === ni) break;
          }
        }
      }
      frontier = next;
    }
    return undefined;
  }

  /** True when every path `inner` matches is also matched by `outer`. */
  contains(outer: string, inner: string): boolean {
    if (!compatible(this.automaton(outer), this.automaton(inner))) return false;
    return this.memo(`c\u0001${outer}\u0001${inner}`, () => this.witness([inner], [outer])) === undefined;
  }

  /** A path matched by both patterns, or undefined when their languages are disjoint. */
  intersects(a: string, b: string): string | undefined {
    const [x, y] = a < b ? [a, b] : [b, a]; // symmetric: one cache entry per pair
    return this.memo(`i\u0001${x}\u0001${y}`, () => this.witness([x, y]));
  }

  private memo(key: string, compute: () => string | undefined): string | undefined {
    if (this.pairs.has(key)) return this.pairs.get(key);
    if (this.pairs.size >= MAX_CACHED_AUTOMATA * 10) this.pairs.clear();
    const value = compute();
    this.pairs.set(key, value);
    return value;
  }

  private found(inc: PatternAutomaton[], exc: PatternAutomaton[], tuple: number[]): boolean {
    return inc.every((a, k) => a.nfaAccepts(tuple[k])) && exc.every((a, k) => !a.accepting[tuple[inc.length + k]]);
  }

  /** No extension of this prefix can be a witness: some excluded pattern matches every extension. */
  private pruned(exc: PatternAutomaton[], tuple: number[], offset: number): boolean {
    return exc.some((a, k) => a.universal[tuple[offset + k]]);
  }
}

function otherCharacter(literals: ReadonlySet<string>): string {
  for (const ch of "xyzqjkvw0123456789abcdefghilmnoprstuABCDEFGHIJKLMNOPQRSTUVWXYZ_-.~") {
    if (!literals.has(ch)) return ch;
  }
  // Every allowed character is a literal somewhere: a character patterns cannot name stands in.
  return "%";
}

/**
 * A cheap necessary condition for two patterns to share a path: the literal heads (up to the
 * first `*`) agree position by position, and so do the tails (after the last `*`); star-free
 * patterns must also have equal lengths. Most unrelated patterns fail it, sparing the search.
 */
function compatible(a: PatternAutomaton, b: PatternAutomaton): boolean {
  if (a.starFree && b.starFree && a.tokens.length !== b.tokens.length) return false;
  const agree = (x: Token, y: Token) => x.kind !== "lit" || y.kind !== "lit" || x.ch === y.ch;
  const head = Math.min(a.headLength, b.headLength);
  for (let i = 0; i < head; i++) if (!agree(a.tokens[i], b.tokens[i])) return false;
  const tail = Math.min(a.tailLength, b.tailLength);
  for (let i = 1; i <= tail; i++) if (!agree(a.tokens[a.tokens.length - i], b.tokens[b.tokens.length - i])) return false;
  return true;
}

function compatibleAll(automata: PatternAutomaton[]): boolean {
  for (let i = 0; i < automata.length; i++) {
    for (let j = i + 1; j < automata.length; j++) if (!compatible(automata[i], automata[j])) return false;
  }
  return true;
}

function reconstruct(seen: Map<number | string, { parent: number | string | undefined; ch: string }>, key: number | string): string {
  const chars: string[] = [];
  let k: number | string | undefined = key;
  while (k !== undefined) {
    const entry: { parent: number | string | undefined; ch: string } = seen.get(k)!;
    chars.push(entry.ch);
    k = entry.parent;
  }
  return chars.reverse().join("");
}

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
