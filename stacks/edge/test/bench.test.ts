import { benchQueryNormalisation } from "../bench/query-normalisation";

describe("query-normalisation bench", () => {
  it("replays at least 100,000 requests and the function never increases the number of cache keys", () => {
    const r = benchQueryNormalisation();
    expect(r.requests).toBe(100_000);
    expect(r.distinctKeysWith).toBeLessThan(r.distinctKeysWithout);
    expect(r.ratio).toBeCloseTo(r.distinctKeysWithout / r.distinctKeysWith);
  });

  it("is deterministic for a seed, so reported numbers can be reproduced", () => {
    expect(benchQueryNormalisation(5_000, 7)).toEqual(benchQueryNormalisation(5_000, 7));
  });

  it("bounds keys with the function by the routes' value combinations", () => {
    // products: (3+1)*(4+1)*(2+1) = 60 combinations; search: (5+1)*(3+1) = 24.
    expect(benchQueryNormalisation(20_000, 1).distinctKeysWith).toBeLessThanOrEqual(84);
  });
});
