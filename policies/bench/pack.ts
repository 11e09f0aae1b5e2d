/**
 * Policy pack speed: cold start as the Pulumi CLI starts it, and a synthetic 1,000-resource
 * stack through `analyze` (every resource) and `analyzeStack` (goal: each under 1 second once
 * the pack is up). Returns numbers; `npm run bench` prints them.
 */
import * as path from "node:path";
import { startPolicyPack, type AnalyzerResource } from "@platform/analyzer";
import { allCases, type FixtureResource } from "../test/fixtures";

export const PACK_DIR = path.resolve(__dirname, "..");

export interface PackBench {
  readonly resources: number;
  /** Milliseconds from spawning run-policy-pack until it printed its port. */
  readonly coldStartMs: number;
  /** Milliseconds from starting the pack until it answered its first `analyze`. */
  readonly firstAnalyzeMs: number;
  /** Milliseconds for `analyze` on every resource (sent concurrently, as the engine's step executor does). */
  readonly analyzeEachMs: number;
  /** Milliseconds for one `analyzeStack` over all resources. */
  readonly analyzeStackMs: number;
  readonly diagnostics: number;
}

/**
 * A stack of `count` resources made of copies of every policy's compliant fixture (S3 buckets with
 * their settings, VPCs, ALBs behind VPC origins, ECS, IAM...), each copy with its own URNs and names
 * so property dependencies stay inside the copy.
 */
export function syntheticStack(count = 1000): AnalyzerResource[] {
  const seen = new Set<string>();
  const template: FixtureResource[] = [];
  for (const r of allCases.flatMap((c) => c.compliant)) {
    if (!seen.has(r.urn)) {
      seen.add(r.urn);
      template.push(r);
    }
  }
  const out: AnalyzerResource[] = [];
  for (let copy = 0; out.length < count; copy++) {
    const rename = (urn: string) => `${urn}-${copy}`;
    for (const r of template) {
      if (out.length >= count) break;
      out.push({
        urn: rename(r.urn),
        type: r.type,
        name: `${r.name}-${copy}`,
        properties: r.props,
        dependencies: r.dependencies.map(rename),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map(rename)])),
      });
    }
  }
  return out;
}

export async function benchPolicyPack(count = 1000, packDir = PACK_DIR): Promise<PackBench> {
  const stack = syntheticStack(count);
  const started = performance.now();
  const pack = await startPolicyPack({ packDir });
  try {
    await pack.analyze(stack[0]);
    const firstAnalyzeMs = performance.now() - started;
    const t0 = performance.now();
    const each = await Promise.all(stack.map((r) => pack.analyze(r)));
    const t1 = performance.now();
    const whole = await pack.analyzeStack(stack);
    const t2 = performance.now();
    return {
      resources: stack.length,
      coldStartMs: pack.startupMs,
      firstAnalyzeMs,
      analyzeEachMs: t1 - t0,
      analyzeStackMs: t2 - t1,
      diagnostics: each.flat().length + whole.length,
    };
  } finally {
    await pack.close();
  }
}
