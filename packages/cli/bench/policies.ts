import * as path from "node:path";
import { benchCloudfrontOrdering } from "../../../policies/bench/cloudfront";
import { benchPolicyPack } from "../../../policies/bench/pack";
import { medianMs, nodeProcessMs, type Figure } from "./measure";

export async function benchPolicies(repoRoot: string): Promise<Figure[]> {
  const bareNode = { name: "bare node process loading @pulumi/policy (median of 3)", value: await medianMs(3, () => nodeProcessMs("require('@pulumi/policy')", repoRoot)) };
  const pack = await benchPolicyPack(1000);
  const floor = await benchPolicyPack(1000, path.join(repoRoot, "policies/bench/floor-pack"));
  const ordering = await medianMs(5, () => benchCloudfrontOrdering(75));
  return [
    { name: "policy pack started as the Pulumi CLI starts it (run-policy-pack), until it answered its first analyze", value: pack.firstAnalyzeMs, unit: "ms", baseline: bareNode, goal: "within 1.5x" },
    {
      name: `analyze on each of ${pack.resources} resources (concurrent, as the engine sends them)`,
      value: pack.analyzeEachMs,
      unit: "ms",
      baseline: { name: "the same calls to a pack with one no-op policy (the protocol's own cost)", value: floor.analyzeEachMs },
      goal: "within 1.2x",
    },
    {
      name: `analyzeStack over the same ${pack.resources} resources`,
      value: pack.analyzeStackMs,
      unit: "ms",
      baseline: { name: "no-op pack", value: floor.analyzeStackMs },
      goal: "under 1000 ms",
    },
    { name: "cache-behavior ordering analysis, 75 adversarial behaviors (median of 5)", value: ordering, unit: "ms", goal: "under 50 ms" },
  ];
}
