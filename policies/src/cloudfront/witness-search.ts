/**
 * Exact searches over products of pattern automata (automata.ts), and the cheap necessary
 * conditions tried before them. Every answer is decided on the languages; a pre-filter only ever
 * refutes, and a refutation comes with a concrete path when the caller needs one.
 */
import { ONE, STAR, type PatternAutomaton, type SubsetAutomaton } from "./automata";

/**
 * The shortest path two patterns both match, by a 0-1 breadth-first search over pairs of token
 * positions (the product of the two NFAs without an alphabet): a `*` may be skipped (no
 * character) or absorb the other pattern's next character; two single-character tokens advance
 * together when they agree. Each edge adds at most one character, so the search is linear in the
 * number of position pairs.
 */
export function intersection(a: PatternAutomaton, b: PatternAutomaton): string | undefined {
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

/**
 * Breadth-first search over the product of the included NFAs (token positions) and the excluded
 * union DFA: a witness needs one accepting run of each include and no accepting run of any
 * exclude. Nodes live in flat arrays and are keyed by integers (mixed radix of the include
 * positions, the exclusion state last), so the search allocates almost nothing per step.
 */
export function search(inc: readonly PatternAutomaton[], exc: SubsetAutomaton | undefined, alphabet: readonly number[]): string | undefined {
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
 * Members of `inner` tried before an exact search, shortest first: `*` as nothing and `?` as a
 * character no pattern names (a shortest path of `inner`), then each `*` as that character too.
 * The first member no pattern of `outers` matches is returned: it proves `inner` is not covered.
 */
export function quickCounterexample(outers: readonly PatternAutomaton[], inner: PatternAutomaton, tries: 1 | 2 = 2): string | undefined {
  const literals = new Set(inner.literals);
  for (const o of outers) for (const c of o.literals) literals.add(c);
  const filler = otherCharacter(literals);
  for (let k = 0; k < tries; k++) {
    const path: number[] = [];
    for (const t of inner.tokens) {
      if (t >= 0) path.push(t);
      else if (t === ONE || k === 1) path.push(filler);
    }
    if (!outers.some((o) => o.accepts(path))) return String.fromCodePoint(...path);
  }
  return undefined;
}

export function codePoints(text: string): number[] {
  const codes: number[] = [];
  for (const ch of text) codes.push(ch.codePointAt(0)!);
  return codes;
}

/** The patterns' literals in order of appearance, then one character none of them names. */
export function witnessAlphabet(automata: readonly PatternAutomaton[]): number[] {
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
export function compatible(a: PatternAutomaton, b: PatternAutomaton): boolean {
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
export function mayContain(outer: PatternAutomaton, inner: PatternAutomaton): boolean {
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

export function compatibleAll(automata: PatternAutomaton[]): boolean {
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
