import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { hasProject, referenceKey, referenceOutputs, type StackRun, type UpstreamOutputs } from "@platform/offline";
import { STACK_NAMES, type StackName } from "@platform/wiring";
import type { PlanResult } from "../src/plan/model";
import { runMinimalUnderCliPath, runUnderCliPath, type CliRunResult } from "./cli-run";
import { cachedEnv, FloorSamples, medianBy, nodeProcessMs, withProcessEnv, type Figure } from "./measure";

const BIN = path.resolve(__dirname, "../bin/platform.js");
const PEAK_RSS = path.resolve(__dirname, "peak-rss.js");

interface CliPlan {
  readonly ms: number;
  readonly peakRssBytes: number;
  readonly plan: PlanResult;
}

/** `platform plan` as `npm start` runs it, in its own process: wall time and that process's peak memory. */
function platformPlan(repoRoot: string, args: string[], env: NodeJS.ProcessEnv): CliPlan {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "platform-bench-")), "rss");
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ["--require", PEAK_RSS, BIN, "plan", "--format", "json", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...env, PLATFORM_BENCH_RSS_FILE: rssFile },
  });
  const ms = performance.now() - t0;
  const plan = JSON.parse(child.stdout) as PlanResult;
  const failed = plan.stacks.filter((s) => s.status === "failed").map((s) => s.stack);
  if (failed.length > 0) throw new Error(`the offline plan failed for: ${failed.join(", ")}; run npm start to see why`);
  const peakRssBytes = Number(fs.readFileSync(rssFile, "utf8"));
  fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
  return { ms, peakRssBytes, plan };
}

/** The median run of three, by wall time. */
function medianPlan(run: () => CliPlan): CliPlan {
  return medianBy([run(), run(), run()], (r) => r.ms);
}

/**
 * The offline plan against its floor: one bare `node` process that only loads @pulumi/pulumi and
 * @pulumi/aws, which any process running a stack program must do before anything else, with no
 * code cache. The plan keeps V8's code cache on disk (bin/platform.js), so it is measured warm
 * (the cache in `cacheDir`, used once before) and cold (an empty cache: the first run after an
 * install, or a CI runner that does not restore the cache). The floor with a warm cache is printed
 * too, so the ratio against it shows what is left once the cache has done its part. Then every
 * stack program under the Pulumi CLI's own entry (`@pulumi/pulumi/cmd/run`) against the same floors,
 * which are sampled before every measured run (FloorSamples).
 */
export async function benchPlan(repoRoot: string, cacheDir: string): Promise<Figure[]> {
  const stacks = STACK_NAMES.filter((s) => hasProject(repoRoot, s));
  const script = "require('@pulumi/pulumi'); require('@pulumi/aws')";
  const floor = new FloorSamples("floor: one bare node process loading @pulumi/pulumi + @pulumi/aws, no code cache", () => nodeProcessMs(script, repoRoot));
  // A cache of its own: V8 rejects code cached under other flags, and the platform's processes set the SDK's.
  const floorCache = path.join(cacheDir, "floor");
  nodeProcessMs(script, repoRoot, cachedEnv(floorCache));
  const warmFloor = new FloorSamples("the floor with a warm code cache", () => nodeProcessMs(script, repoRoot, cachedEnv(floorCache)));
  /** One sample of each floor, then the run: the ratio's two sides under the same conditions. */
  const measured = <T>(run: () => T): T => {
    floor.sample();
    warmFloor.sample();
    return run();
  };

  const coldDir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-bench-cold-"));
  const cold = measured(() => platformPlan(repoRoot, [], cachedEnv(coldDir)));
  fs.rmSync(coldDir, { recursive: true, force: true });
  platformPlan(repoRoot, [], cachedEnv(cacheDir));
  const programs = medianPlan(() => measured(() => platformPlan(repoRoot, ["--no-policy"], cachedEnv(cacheDir))));
  const full = medianPlan(() => measured(() => platformPlan(repoRoot, [], cachedEnv(cacheDir))));

  const upstreams = new Map<string, ReturnType<typeof referenceOutputs>>();
  for (const s of programs.plan.stacks) {
    const run = s.status === "planned" ? (s.run as StackRun) : undefined;
    if (run) upstreams.set(referenceKey(s.stack, "dev"), referenceOutputs(run));
  }
  /** Three runs under cmd/run after one that warms the cache; the median by time to the first resource. */
  const medianCliRun = async (run: () => Promise<CliRunResult>): Promise<CliRunResult> => {
    await run();
    const runs: CliRunResult[] = [];
    for (let i = 0; i < 3; i++) runs.push(await measured(run));
    return medianBy(runs, (r) => r.startMs);
  };
  // The SDK's own start, and its cost per resource: bare S3 buckets, as many as a small stack has.
  // The programs preload the cache themselves (Pulumi.yaml nodeargs); NODE_COMPILE_CACHE names its folder.
  const references: [number, CliRunResult][] = [];
  for (const buckets of [1, 34]) references.push([buckets, await medianCliRun(() => withProcessEnv(cachedEnv(cacheDir), () => runMinimalUnderCliPath(buckets)))]);
  const perStack: [StackName, CliRunResult][] = [];
  for (const stack of stacks) perStack.push([stack, await medianCliRun(() => withProcessEnv(cachedEnv(cacheDir), () => runUnderCliPath(repoRoot, stack, "dev", upstreams as UpstreamOutputs)))]);

  const baseline = floor.baseline();
  const alsoAgainst = warmFloor.baseline();
  return [
    { name: `offline plan, ${stacks.length} stack programs (dev, --no-policy; median of 3)`, value: programs.ms, unit: "ms", baseline, alsoAgainst },
    { name: "offline plan with the policy pack (dev, npm start; median of 3)", value: full.ms, unit: "ms", baseline, alsoAgainst, goal: "within 4x of the floor" },
    { name: "the same, cold: an empty code cache (the first run after npm ci)", value: cold.ms, unit: "ms", baseline },
    { name: "peak memory of the npm start process (the policy pack runs in its own)", value: full.peakRssBytes / 2 ** 20, unit: "MiB" },
    ...references.map(([buckets, r]): Figure => ({
      name: `reference: a program of ${buckets === 1 ? "one S3 bucket" : `${buckets} S3 buckets`} under cmd/run, until its first resource (the stacks' runtime options; median of 3)`,
      value: r.startMs,
      unit: "ms",
      baseline,
      alsoAgainst,
    })),
    ...perStack.map(([stack, r]): Figure => ({
      name: `${stack}: cmd/run until its first resource (${r.resources} resources; whole run ${Math.round(r.ms)} ms; median of 3)`,
      value: r.startMs,
      unit: "ms",
      baseline,
      alsoAgainst,
      goal: "within 2x of the floor",
    })),
  ];
}
