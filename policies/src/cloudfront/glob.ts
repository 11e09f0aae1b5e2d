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

/** Token codes: a literal is its code point; the wildcards are negative. */
const STAR = -1;
const ONE = -2;
/** Class 0 of every automaton: any character that is not one of its literals. */
const OTHER_CLASS = 0;
const NO_TRANSITION = -1;
const EMPTY = new Int32Array(0);

/**
 * One pattern as a Thompson-style NFA: state p means "about to read token p", a `*` may be
 * skipped, and position `n` (after the last token) accepts. Transitions depend only on whether
 * a character is one of the pattern's literals, so they are tabled per (position, class).
 */
class PatternAutomaton {
  /** Unique within its PatternSet: pairwise answers are cached under the two ids. */
  readonly id: number;
  readonly normalized: string;
  readonly tokens: Int32Array;
  readonly n: number;
  /** Distinct literal code points, in pattern order (the witness alphabet keeps that order). */
  readonly literals: readonly number[];
  /** Tokens before the first `*`, after the last `*`; a star-free pattern has a fixed length. */
  readonly headLength: number;
  readonly tailLength: number;
  readonly starFree: boolean;
  /** Length of the shortest path it matches: its tokens other than `*`. */
  readonly minLength: number;
  /** acceptsFrom[p]: only `*` tokens remain from p, so the empty continuation matches. */
  readonly acceptsFrom: Uint8Array;
  /** universalFrom[p]: at least one and only `*` tokens remain, so every continuation matches. */
  readonly universalFrom: Uint8Array;
  /** closures[p]: p and the positions reached from it by skipping `*` tokens, ascending. */
  readonly closures: Int32Array[];
  private readonly asciiClass = new Int16Array(128);
  private readonly classIndex = new Map<number, number>();
  private readonly classes: number;
  private readonly nfaTable: (Int32Array | undefined)[] = [];
  /** relevantFrom[p]: the literals that can be read from position p; others act alike. */
  readonly relevantFrom: Int32Array[];

  constructor(normalized: string, id: number) {
    this.normalized = normalized;
    this.id = id;
    const chars = [...normalized].map((ch): number => (ch === "*" ? STAR : ch === "?" ? ONE : ch.codePointAt(0)!));
    this.tokens = Int32Array.from(chars);
    const n = chars.length;
    this.n = n;
    const literals: number[] = [];
    for (const c of chars) {
      if (c < 0 || this.classIndex.has(c)) continue;
      literals.push(c);
      this.classIndex.set(c, literals.length);
      if (c < 128) this.asciiClass[c] = literals.length;
    }
    this.literals = literals;
    this.classes = literals.length + 1;
    const first = chars.indexOf(STAR);
    const last = chars.lastIndexOf(STAR);
    this.starFree = first < 0;
    this.minLength = chars.filter((c) => c !== STAR).length;
    this.headLength = first < 0 ? n : first;
    this.tailLength = last < 0 ? n : n - last - 1;
    this.acceptsFrom = new Uint8Array(n + 1);
    this.universalFrom = new Uint8Array(n + 1);
    this.acceptsFrom[n] = 1;
    for (let p = n - 1; p >= 0 && chars[p] === STAR; p--) {
      this.acceptsFrom[p] = 1;
      this.universalFrom[p] = 1;
    }
    this.closures = [];
    this.relevantFrom = [];
    for (let p = 0; p <= n; p++) {
      let end = p;
      while (end < n && chars[end] === STAR) end++;
      const closure = new Int32Array(end - p + 1);
      for (let i = 0; i < closure.length; i++) closure[i] = p + i;
      this.closures.push(closure);
      // Only the token at `end` can be a literal: the positions before it are `*`.
      this.relevantFrom.push(end < n && chars[end] >= 0 ? Int32Array.of(chars[end]) : EMPTY);
    }
  }

  classOf(code: number): number {
    return code < 128 ? this.asciiClass[code] : (this.classIndex.get(code) ?? OTHER_CLASS);
  }

  /** Positions after reading `code` from position p (its `*` tokens skipped first), ascending. */
  nfaStep(p: number, code: number): Int32Array {
    const cls = this.classOf(code);
    const slot = p * this.classes + cls;
    const cached = this.nfaTable[slot];
    if (cached) return cached;
    const next: number[] = [];
    for (const q of this.closures[p]) {
      if (q === this.n) continue;
      const t = this.tokens[q];
      const to = t === STAR ? q : t === ONE || (cls !== OTHER_CLASS && t === code) ? q + 1 : -1;
      // Closure positions ascend and each maps to itself or its successor: duplicates are adjacent.
      if (to >= 0 && next[next.length - 1] !== to) next.push(to);
    }
    const result = Int32Array.from(next);
    this.nfaTable[slot] = result;
    return result;
  }

  /**
   * Whether the pattern matches `path`, simulating the NFA on a set of positions (no
   * determinisation: one concrete path needs no state table).
   */
  accepts(path: readonly number[]): boolean {
    let current = new Uint8Array(this.n + 1);
    let next = new Uint8Array(this.n + 1);
    for (const q of this.closures[0]) current[q] = 1;
    for (const code of path) {
      next.fill(0);
      let alive = false;
      for (let q = 0; q < this.n; q++) {
        if (current[q] === 0) continue;
        const t = this.tokens[q];
        const to = t === STAR ? q : t === ONE || t === code ? q + 1 : -1;
        if (to < 0) continue;
        for (const r of this.closures[to]) next[r] = 1;
        alive = true;
      }
      if (!alive) return false;
      [current, next] = [next, current];
    }
    return current[this.n] === 1;
  }
}

/**
 * The union of several patterns' NFAs, determinised on demand. A state is the set of NFA
 * positions of all patterns at once, held as a bitmask (Uint32Array words, one bit per position
 * of each pattern) and interned to a small integer; transitions are tabled per state and
 * character. One union stands for all excluded patterns of a question, so the search state has
 * one integer for them however many there are.
 */
class SubsetAutomaton {
  private readonly parts: readonly PatternAutomaton[];
  private readonly offsets: Int32Array;
  private readonly scratch: Uint32Array;
  private readonly ids = new Map<string, number>();
  /** Member positions per state, as (part, position) pairs flattened. */
  private readonly members: Int32Array[] = [];
  /** Characters that are literals of some part get their own class; all others share class 0. */
  private readonly asciiClass = new Int16Array(128);
  private readonly wideClass = new Map<number, number>();
  private readonly classes: number;
  /** Transition table, `classes` entries per state (NO_TRANSITION until first taken). */
  private readonly table: number[] = [];
  readonly accepting: boolean[] = [];
  /** Some pattern matches every continuation from this state. */
  readonly universal: boolean[] = [];
  readonly dead: boolean[] = [];
  /** The literals that can be read from each state; every other character acts alike. */
  readonly relevant: Int32Array[] = [];
  readonly start: number;

  constructor(parts: readonly PatternAutomaton[]) {
    this.parts = parts;
    this.offsets = new Int32Array(parts.length + 1);
    parts.forEach((a, k) => (this.offsets[k + 1] = this.offsets[k] + a.n + 1));
    this.scratch = new Uint32Array(Math.ceil(this.offsets[parts.length] / 32) || 1);
    let classes = 1;
    for (const a of parts) {
      for (const c of a.literals) {
        if (c < 128 ? this.asciiClass[c] !== 0 : this.wideClass.has(c)) continue;
        if (c < 128) this.asciiClass[c] = classes++;
        else this.wideClass.set(c, classes++);
      }
    }
    this.classes = classes;
    for (let k = 0; k < parts.length; k++) this.addClosure(k, 0);
    this.start = this.intern();
  }

  step(state: number, code: number): number {
    const slot = state * this.classes + (code < 128 ? this.asciiClass[code] : (this.wideClass.get(code) ?? OTHER_CLASS));
    const cached = this.table[slot];
    if (cached !== NO_TRANSITION) return cached;
    this.scratch.fill(0);
    const m = this.members[state];
    for (let i = 0; i < m.length; i += 2) {
      const k = m[i];
      const q = m[i + 1];
      const a = this.parts[k];
      if (q === a.n) continue;
      const t = a.tokens[q];
      if (t === STAR) this.addClosure(k, q);
      else if (t === ONE || t === code) this.addClosure(k, q + 1);
    }
    const id = this.intern();
    this.table[slot] = id;
    return id;
  }

  private addClosure(k: number, p: number): void {
    const base = this.offsets[k];
    for (const q of this.parts[k].closures[p]) {
      const bit = base + q;
      this.scratch[bit >>> 5] |= 1 << (bit & 31);
    }
  }

  private intern(): number {
    const key = this.scratch.join(",");
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.members.length;
    this.ids.set(key, id);
    const m: number[] = [];
    const relevant: number[] = [];
    let accepting = false;
    let universal = false;
    for (let k = 0; k < this.parts.length; k++) {
      const a = this.parts[k];
      const base = this.offsets[k];
      for (let q = 0; q <= a.n; q++) {
        const bit = base + q;
        if ((this.scratch[bit >>> 5] & (1 << (bit & 31))) === 0) continue;
        m.push(k, q);
        if (q < a.n && a.tokens[q] >= 0 && !relevant.includes(a.tokens[q])) relevant.push(a.tokens[q]);
        if (q === a.n) accepting = true;
        if (a.universalFrom[q]) universal = true;
      }
    }
    this.members.push(Int32Array.from(m));
    for (let c = 0; c < this.classes; c++) this.table.push(NO_TRANSITION);
    this.accepting.push(accepting);
    this.universal.push(universal);
    this.dead.push(m.length === 0);
    this.relevant.push(Int32Array.from(relevant));
    return id;
  }
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
        this.automata.clear();
        this.pairs.clear();
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
    const counterexample = quickCounterexample(o, i) ?? search([i], this.union([o]), witnessAlphabet([i, o]));
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

/**
 * The shortest path two patterns both match, by a 0-1 breadth-first search over pairs of token
 * positions (the product of the two NFAs without an alphabet): a `*` may be skipped (no
 * character) or absorb the other pattern's next character; two single-character tokens advance
 * together when they agree. Each edge adds at most one character, so the search is linear in the
 * number of position pairs.
 */
function intersection(a: PatternAutomaton, b: PatternAutomaton): string | undefined {
  const width = b.n + 1;
  const size = (a.n + 1) * width;
  const filler = otherCharacter(new Set([...a.literals, ...b.literals]));
  const parent = new Int32Array(size).fill(-1);
  const label = new Int32Array(size);
  const done = new Uint8Array(size);
  const dist = new Int32Array(size).fill(0x7fffffff);
  // A deque in one buffer: 0-cost successors go to the front, 1-cost ones to the back.
  const deque = new Int32Array(size * 4 + 2);
  let head = size * 2;
  let tail = head;
  dist[0] = 0;
  deque[tail++] = 0;
  const relax = (from: number, to: number, cost: number, ch: number): void => {
    const d = dist[from] + cost;
    if (d >= dist[to]) return;
    dist[to] = d;
    parent[to] = from;
    label[to] = ch;
    if (cost === 0) deque[--head] = to;
    else deque[tail++] = to;
  };
  while (head < tail) {
    const s = deque[head++];
    if (done[s] === 1) continue;
    done[s] = 1;
    const i = (s / width) | 0;
    const j = s - i * width;
    if (i === a.n && j === b.n) return spell(parent, label, s);
    const x = i < a.n ? a.tokens[i] : undefined;
    const y = j < b.n ? b.tokens[j] : undefined;
    if (x === STAR) relax(s, s + width, 0, -1);
    if (y === STAR) relax(s, s + 1, 0, -1);
    if (x === STAR && y !== undefined && y !== STAR) relax(s, s + 1, 1, y === ONE ? filler : y);
    if (y === STAR && x !== undefined && x !== STAR) relax(s, s + width, 1, x === ONE ? filler : x);
    if (x !== undefined && y !== undefined && x !== STAR && y !== STAR && (x === ONE || y === ONE || x === y)) {
      relax(s, s + width + 1, 1, x !== ONE ? x : y !== ONE ? y : filler);
    }
  }
  return undefined;
}

function spell(parent: Int32Array, label: Int32Array, state: number): string {
  const out: number[] = [];
  for (let s = state; parent[s] !== -1; s = parent[s]) if (label[s] >= 0) out.push(label[s]);
  return String.fromCodePoint(...out.reverse());
}

/** Ids stay below this (the automaton cache is bounded), so a pair of ids is one integer key. */
const PAIR_RADIX = MAX_CACHED_AUTOMATA + 1;

/**
 * Breadth-first search over the product of the included NFAs (token positions) and the excluded
 * union DFA: a witness needs one accepting run of each include and no accepting run of any
 * exclude. Nodes live in flat arrays and are keyed by integers (mixed radix of the include
 * positions, the exclusion state last), so the search allocates almost nothing per step.
 */
function search(inc: readonly PatternAutomaton[], exc: SubsetAutomaton | undefined, alphabet: readonly number[]): string | undefined {
  const excStart = exc ? exc.start : 0;
  if (exc?.universal[excStart]) return undefined;
  const ni = inc.length;
  const radix = inc.map((a) => a.n + 1);
  const incSpan = radix.reduce((p, r) => p * r, 1);
  const numeric = incSpan <= 2 ** 31;
  const other = alphabet[alphabet.length - 1];
  const rank = new Map(alphabet.map((ch, i) => [ch, i]));
  const present = new Uint8Array(alphabet.length);
  const localAlphabet: number[] = [];
  const positions: number[] = new Array<number>(ni).fill(0);
  const excStates: number[] = [excStart];
  const parents: number[] = [-1];
  const chars: number[] = [0];
  const seen = new Map<number | string, number>([[numeric ? incSpan * excStart : `${positions.join(",")};${excStart}`, 0]]);
  const tuple = new Array<number>(ni);
  const options: Int32Array[] = new Array<Int32Array>(ni);
  const choice = new Int32Array(ni);
  let layerStart = 0;
  while (layerStart < parents.length) {
    const layerEnd = parents.length;
    for (let node = layerStart; node < layerEnd; node++) {
      const at = node * ni;
      const e = excStates[node];
      let accepted = exc === undefined || !exc.accepting[e];
      for (let k = 0; k < ni && accepted; k++) accepted = inc[k].acceptsFrom[positions[at + k]] === 1;
      if (accepted) return reconstruct(parents, chars, node);
      // Only literals some automaton can read here behave differently from `other`; every other
      // character leads to the same successor, so it is tried once, as `other`.
      localAlphabet.length = 0;
      for (let k = 0; k <= ni; k++) {
        const codes = k < ni ? inc[k].relevantFrom[positions[at + k]] : exc ? exc.relevant[e] : undefined;
        if (!codes) continue;
        for (const c of codes) {
          const r = rank.get(c)!;
          if (present[r] === 0) {
            present[r] = 1;
            localAlphabet.push(r);
          }
        }
      }
      localAlphabet.sort((x, y) => x - y);
      for (const r of localAlphabet) present[r] = 0;
      for (let li = 0; li <= localAlphabet.length; li++) {
        const ch = li < localAlphabet.length ? alphabet[localAlphabet[li]] : other;
        let blocked = false;
        for (let k = 0; k < ni && !blocked; k++) {
          options[k] = inc[k].nfaStep(positions[at + k], ch);
          blocked = options[k].length === 0;
        }
        if (blocked) continue;
        const nextE = exc ? exc.step(e, ch) : 0;
        if (exc?.universal[nextE]) continue;
        // Enumerate one position per include (usually a single combination).
        choice.fill(0);
        for (;;) {
          let key: number | string = 0;
          for (let k = 0; k < ni; k++) {
            tuple[k] = options[k][choice[k]];
            key = key * radix[k] + tuple[k];
          }
          key = numeric ? key + incSpan * nextE : `${tuple.join(",")};${nextE}`;
          if (!seen.has(key)) {
            seen.set(key, parents.length);
            for (let k = 0; k < ni; k++) positions.push(tuple[k]);
            excStates.push(nextE);
            parents.push(node);
            chars.push(ch);
          }
          let k = 0;
          while (k < ni && ++choice[k] === options[k].length) choice[k++] = 0;
          if (k === ni) break;
        }
      }
    }
    layerStart = layerEnd;
  }
  return undefined;
}

/**
 * Two members of `inner` tried before the exact search: `*` as nothing or as one character, `?`
 * as that character. If `outer` misses one, containment fails and the member is the proof.
 */
function quickCounterexample(outer: PatternAutomaton, inner: PatternAutomaton): string | undefined {
  const filler = otherCharacter(new Set([...outer.literals, ...inner.literals]));
  for (const starAsFiller of [false, true]) {
    const path: number[] = [];
    for (const t of inner.tokens) {
      if (t >= 0) path.push(t);
      else if (t === ONE || starAsFiller) path.push(filler);
    }
    if (!outer.accepts(path)) return String.fromCodePoint(...path);
  }
  return undefined;
}

function codePoints(text: string): number[] {
  const codes: number[] = [];
  for (const ch of text) codes.push(ch.codePointAt(0)!);
  return codes;
}

/** The patterns' literals in order of appearance, then one character none of them names. */
function witnessAlphabet(automata: readonly PatternAutomaton[]): number[] {
  const literals = new Set<number>();
  for (const a of automata) for (const ch of a.literals) literals.add(ch);
  return [...literals, otherCharacter(literals)];
}

function otherCharacter(literals: ReadonlySet<number>): number {
  for (const ch of "xyzqjkvw0123456789abcdefghilmnoprstuABCDEFGHIJKLMNOPQRSTUVWXYZ_-.~") {
    const code = ch.charCodeAt(0);
    if (!literals.has(code)) return code;
  }
  // Every allowed character is a literal somewhere: a character patterns cannot name stands in.
  return "%".charCodeAt(0);
}

/**
 * A cheap necessary condition for two patterns to share a path: the literal heads (up to the
 * first `*`) agree position by position, and so do the tails (after the last `*`); star-free
 * patterns must also have equal lengths. Most unrelated patterns fail it, sparing the search.
 */
function compatible(a: PatternAutomaton, b: PatternAutomaton): boolean {
  if (a.starFree && b.starFree && a.n !== b.n) return false;
  const agree = (x: number, y: number) => x < 0 || y < 0 || x === y;
  const head = Math.min(a.headLength, b.headLength);
  for (let i = 0; i < head; i++) if (!agree(a.tokens[i], b.tokens[i])) return false;
  const tail = Math.min(a.tailLength, b.tailLength);
  for (let i = 1; i <= tail; i++) if (!agree(a.tokens[a.n - i], b.tokens[b.n - i])) return false;
  return true;
}

/**
 * A cheap necessary condition for `outer` to contain `inner`: where `outer` fixes a character
 * at a distance from the start (before its first `*`) or from the end (after its last `*`),
 * `inner` fixes the same character there; `inner` is never shorter; a star-free `outer` needs a
 * star-free `inner` of its length.
 */
function mayContain(outer: PatternAutomaton, inner: PatternAutomaton): boolean {
  if (inner.minLength < outer.minLength) return false;
  if (outer.starFree && (!inner.starFree || inner.n !== outer.n)) return false;
  // A `?` of `outer` only needs a character there, which the length check covers; a literal
  // needs the same literal, which a `*` or `?` of `inner` at or before that place can break.
  for (let i = 0; i < outer.headLength; i++) {
    const o = outer.tokens[i];
    if (o !== ONE && (i >= inner.headLength || inner.tokens[i] !== o)) return false;
  }
  for (let i = 1; i <= outer.tailLength; i++) {
    const o = outer.tokens[outer.n - i];
    if (o !== ONE && (i > inner.tailLength || inner.tokens[inner.n - i] !== o)) return false;
  }
  return true;
}

function compatibleAll(automata: PatternAutomaton[]): boolean {
  for (let i = 0; i < automata.length; i++) {
    for (let j = i + 1; j < automata.length; j++) if (!compatible(automata[i], automata[j])) return false;
  }
  return true;
}

function reconstruct(parents: readonly number[], chars: readonly number[], node: number): string {
  const out: number[] = [];
  for (let k = node; parents[k] !== -1; k = parents[k]) out.push(chars[k]);
  return String.fromCodePoint(...out.reverse());
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
