/**
 * The automata behind the path-pattern algebra (glob.ts). A pattern is an NFA over token
 * positions; a set of patterns can be determinised together, with NFA position sets held as
 * bitmasks. Nothing here knows CloudFront; glob.ts applies CloudFront's rules.
 */

/** Token codes: a literal is its code point; the wildcards are negative. */
export const STAR = -1;
export const ONE = -2;
/** Class 0 of every automaton: any character that is not one of its literals. */
const OTHER_CLASS = 0;
const NO_TRANSITION = -1;
const EMPTY = new Int32Array(0);

/**
 * One pattern as a Thompson-style NFA: state p means "about to read token p", a `*` may be
 * skipped, and position `n` (after the last token) accepts. Transitions depend only on whether
 * a character is one of the pattern's literals, so they are tabled per (position, class).
 */
export class PatternAutomaton {
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
export class SubsetAutomaton {
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
    this.relevant.push(Int32Array.from(relevant));
    return id;
  }
}
