import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { hasProject, referenceKey, referenceOutputs, type StackRun, type UpstreamOutputs } from "@platform/offline";
import { STACK_NAMES } from "@platform/wiring";
import type { PlanResult } from "../src/plan/model";
import { runUnderCliPath } from "./cli-run";
import { medianMs, nodeProcessMs, type Figure } from "./measure";

const BIN = path.resolve(__dirname, "../bin/platform.js");
const PEAK_RSS = path.resolve(__dirname, "peak-rss.js");

interface CliPlan {
  readonly ms: number;
  readonly peakRssBytes: number;
  readonly plan: PlanResult;
}

/** `platform plan` as `npm start` runs it, in its own process: wall time and that process's peak memory. */
function platformPlan(repoRoot: string, args: string[]): CliPlan {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "platform-bench-")), "rss");
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ["--require", PEAK_RSS, BIN, "plan", "--format", "json", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PLATFORM_BENCH_RSS_FILE: rssFile },
  });
  const ms = performance.now() - t0;
  const plan = JSON.parse(child.stdout) as PlanResult;
  const failed = plan.stacks.filter((s) => s.status === "failed").map((s) => s.stack);
  if (failed.length > 0) throw new Error(`the offline plan failed for: ${failed.join(", ")}; run npm start to see why`);
  const peakRssBytes = Number(fs.readFileSync(rssFile, "utf8"));
  fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
  return { ms, peakRssBytes, plan };
}

/**
 * The offline plan against its floor: one bare `node` process that only loads @pulumi/pulumi and
 * @pulumi/aws, which any process running a stack program must do before anything else. Then
 * every stack program under the Pulumi CLI's own entry (`@pulumi/pulumi/cmd/run`) against the
 * same floor.
 */
export async function benchPlan(repoRoot: string): Promise<Figure[]> {
  const stacks = STACK_NAMES.filter((s) => hasProject(repoRoot, s));
  const floorMs = await medianMs(3, () => nodeProcessMs("require('@pulumi/pulumi'); require('@pulumi/aws')", repoRoot));
  const floor = { name: "floor: one bare node process loading @pulumi/pulumi + @pulumi/aws (median of 3)", value: floorMs };
  const programs = platformPlan(repoRoot, ["--no-policy"]);
  const full = platformPlan(repoRoot, []);
  const figures: Figure[] = [
    { name: `offline plan, ${stacks.length} stack programs (dev, --no-policy)`, value: programs.ms, unit: "ms", baseline: floor },
    { name: "offline plan with the policy pack (dev, npm start)", value: full.ms, unit: "ms", baseline: floor, goal: "within 4x of the floor" },
    { name: "peak memory of the npm start process (the policy pack runs in its own)", value: full.peakRssBytes / 2 ** 20, unit: "MiB" },
  ];

  const upstreams = new Map<string, ReturnType<typeof referenceOutputs>>();
  for (const s of programs.plan.stacks) {
    const run = s.status === "planned" ? (s.run as StackRun) : undefined;
    if (run) upstreams.set(referenceKey(s.stack, "dev"), referenceOutputs(run));
  }
  for (const stack of stacks) {
    const r = await runUnderCliPath(repoRoot, stack, "dev", upstreams as UpstreamOutputs);
    figures.push({ name: `${stack}: cmd/run until its first resource (${r.resources} resources; whole run ${Math.round(r.ms)} ms)`, value: r.startMs, unit: "ms", baseline: floor, goal: "within 2x of the floor" });
  }
  return figures;
}
