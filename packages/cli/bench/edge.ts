import { benchQueryNormalisation } from "../../../stacks/edge/bench/query-normalisation";
import type { Figure } from "./measure";

/** Cache keys with and without the query-normalising CloudFront Function, over a replayed log. */
export async function benchEdge(): Promise<Figure[]> {
  const r = benchQueryNormalisation(100_000, 42);
  return [
    {
      name: `distinct cache keys over ${r.requests.toLocaleString("en")} requests, with the query-normalising function`,
      value: r.distinctKeysWith,
      unit: "keys",
      baseline: { name: "without it (cache policy allow-list alone)", value: r.distinctKeysWithout },
      ratioAsReduction: true,
    },
  ];
}
