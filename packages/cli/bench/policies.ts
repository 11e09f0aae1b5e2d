import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { benchCloudfrontOrdering } from "../../../policies/bench/cloudfront";
import { benchPolicyPack, type PackBench } from "../../../policies/bench/pack";
import { bareEnv, cachedEnv, FloorSamples, medianBy, medianMs, nodeProcessMs, withProcessEnv, type Figure } from "./measure";

/** Three starts of the pack in `env` after one to warm its cache, each after `before`; each figure the median of its three. */
async function medianPack(env: NodeJS.ProcessEnv, count: number, before: () => void, packDir?: string): Promise<PackBench> {
  const start = () => withProcessEnv(env, () => benchPolicyPack(count, packDir));
  await start();
  const runs: PackBench[] = [];
  for (let i = 0; i < 3; i++) {
    before();
    runs.push(await start());
  }
  const median = (pick: (r: PackBench) => number) => pick(medianBy(runs, pick));
  return { ...runs[0], firstAnalyzeMs: median((r) => r.firstAnalyzeMs), analyzeEachMs: median((r) => r.analyzeEachMs), analyzeStackMs: median((r) => r.analyzeStackMs) };
}

/**
 * The pack as the Pulumi CLI starts it (run-policy-pack), in three environments: NODE_COMPILE_CACHE
 * set, as `platform` and the workflows run the CLI; a shell without it, where the pack's own
 * index.js caches only what loads after it; and an empty cache (the first run after an install).
 */
export async function benchPolicies(repoRoot: string, cacheDir: string): Promise<Figure[]> {
  const script = "require('@pulumi/policy')";
  const bare = new FloorSamples("bare node process loading @pulumi/policy, no code cache", () => nodeProcessMs(script, repoRoot));
  // A cache of its own: V8 rejects code cached under other flags, and the pack's process sets the SDK's.
  const floorCache = path.join(cacheDir, "policy-floor");
  nodeProcessMs(script, repoRoot, cachedEnv(floorCache));
  const warm = new FloorSamples("the same with a warm code cache", () => nodeProcessMs(script, repoRoot, cachedEnv(floorCache)));
  const sampleFloors = () => {
    bare.sample();
    warm.sample();
  };
  const { NODE_DISABLE_COMPILE_CACHE: _off, ...shellEnv } = bareEnv();

  const pack = await medianPack(cachedEnv(cacheDir), 1000, sampleFloors);
  const fromShell = await medianPack(shellEnv, 1, sampleFloors);
  const coldDir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-bench-cold-"));
  sampleFloors();
  const cold = await withProcessEnv(cachedEnv(coldDir), () => benchPolicyPack(1));
  fs.rmSync(coldDir, { recursive: true, force: true });
  const floor = await medianPack(cachedEnv(cacheDir), 1000, () => undefined, path.join(repoRoot, "policies/bench/floor-pack"));
  const ordering = await medianMs(5, () => benchCloudfrontOrdering(75));
  const bareNode = bare.baseline();
  const warmFloor = warm.baseline();
  return [
    {
      name: "policy pack started as the Pulumi CLI starts it (run-policy-pack) with NODE_COMPILE_CACHE set, until it answered its first analyze (median of 3)",
      value: pack.firstAnalyzeMs,
      unit: "ms",
      baseline: bareNode,
      alsoAgainst: warmFloor,
      goal: "within 1.5x",
    },
    { name: "the same from a shell without NODE_COMPILE_CACHE (the pack caches what loads after its index.js)", value: fromShell.firstAnalyzeMs, unit: "ms", baseline: bareNode },
    { name: "the same, cold: an empty code cache", value: cold.firstAnalyzeMs, unit: "ms", baseline: bareNode },
    {
      name: `analyze on each of ${pack.resources} resources (concurrent, as the engine sends them; median of 3)`,
      value: pack.analyzeEachMs,
      unit: "ms",
      baseline: { name: "the same calls to a pack with one no-op policy (the protocol's own cost)", value: floor.analyzeEachMs },
      goal: "within 1.2x",
    },
    {
      name: `analyzeStack over the same ${pack.resources} resources (median of 3)`,
      value: pack.analyzeStackMs,
      unit: "ms",
      baseline: { name: "no-op pack", value: floor.analyzeStackMs },
      goal: "under 1000 ms",
    },
    { name: "cache-behavior ordering analysis, 75 adversarial behaviors (median of 5)", value: ordering, unit: "ms", goal: "under 50 ms" },
  ];
}
