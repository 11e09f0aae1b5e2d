import { runInNewContext } from "node:vm";
import { normalizeQueryCode } from "../src/query-function";

/**
 * Cache-key effect of the query-normalising function: replays a synthetic log of requests to
 * cacheable routes through the exact function code the stack deploys and counts distinct cache
 * keys with and without it.
 *
 * Without the function the cache key is what the route's cache policy alone produces: the
 * allow-listed query keys matched case-sensitively, in the order the client sent them, empty
 * values included (CloudFront keys on parameter names and values as sent, and their order).
 * With it, the key is path + the normalised query string.
 */
export interface QueryNormalisationResult {
  readonly requests: number;
  readonly distinctKeysWithout: number;
  readonly distinctKeysWith: number;
  /** distinctKeysWithout / distinctKeysWith: how many times fewer cache entries (and misses). */
  readonly ratio: number;
}

interface Route {
  readonly path: string;
  readonly keys: readonly string[];
  readonly values: Readonly<Record<string, readonly string[]>>;
}

const ROUTES: readonly Route[] = [
  { path: "/api/products/list", keys: ["category", "page", "sort"], values: { category: ["shoes", "bags", "hats"], page: ["1", "2", "3", "4"], sort: ["price", "name"] } },
  { path: "/api/search", keys: ["page", "q"], values: { q: ["red", "blue", "green", "wool", "silk"], page: ["1", "2", "3"] } },
];
const TRACKING = ["utm_source", "utm_medium", "utm_campaign", "gclid", "fbclid", "ref"];

/** A small deterministic PRNG (mulberry32) so every run replays the same log. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type QueryString = Record<string, { value: string; multiValue?: { value: string }[] }>;
type Handler = (event: { request: { uri: string; querystring: QueryString } }) => { querystring: QueryString };

function toQueryString(pairs: readonly (readonly [string, string])[]): QueryString {
  const qs: QueryString = {};
  for (const [k, v] of pairs) {
    const e = qs[k];
    if (!e) qs[k] = { value: v };
    else e.multiValue = [...(e.multiValue ?? [{ value: e.value }]), { value: v }];
  }
  return qs;
}

function serialize(qs: QueryString): string {
  return Object.keys(qs)
    .flatMap((k) => (qs[k].multiValue ?? [qs[k]]).map((v) => `${k}=${v.value}`))
    .join("&");
}

export function benchQueryNormalisation(requests = 100_000, seed = 42): QueryNormalisationResult {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const handlers = new Map(ROUTES.map((r) => [r.path, runInNewContext(`${normalizeQueryCode(r.keys)}\nhandler;`, Object.create(null)) as Handler]));
  const without = new Set<string>();
  const withFn = new Set<string>();

  for (let i = 0; i < requests; i++) {
    const route = pick(ROUTES);
    const pairs: [string, string][] = [];
    for (const key of route.keys) {
      if (rand() < 0.25) continue; // key omitted
      const sent = rand() < 0.2 ? key.toUpperCase() : rand() < 0.1 ? key[0].toUpperCase() + key.slice(1) : key;
      pairs.push([sent, rand() < 0.1 ? "" : pick(route.values[key])]);
    }
    for (const t of TRACKING) if (rand() < 0.3) pairs.push([t, `c${Math.floor(rand() * 50)}`]);
    for (let j = pairs.length - 1; j > 0; j--) {
      const k = Math.floor(rand() * (j + 1));
      [pairs[j], pairs[k]] = [pairs[k], pairs[j]];
    }
    without.add(`${route.path}?${pairs.filter(([k]) => route.keys.includes(k)).map(([k, v]) => `${k}=${v}`).join("&")}`);
    const out = (handlers.get(route.path) as Handler)({ request: { uri: route.path, querystring: toQueryString(pairs) } });
    withFn.add(`${route.path}?${serialize(JSON.parse(JSON.stringify(out.querystring)) as QueryString)}`);
  }
  return { requests, distinctKeysWithout: without.size, distinctKeysWith: withFn.size, ratio: without.size / withFn.size };
}
