/**
 * A stack program started the way the Pulumi CLI's Node.js language host starts it, timed: the
 * same harness the CLI-path parity test uses (test/language-host.ts, which cites the language
 * host's source for every argument and variable), against the offline plan's own monitor.
 */
import * as path from "node:path";
import { prepareStackRun, type StackRunInput, type UpstreamOutputs } from "@platform/offline";
import { STACKS, type StackName } from "@platform/wiring";
import { runThroughLanguageHost } from "../test/language-host";

export interface CliRunResult {
  /** Wall time from spawn until the program registered its first resource: loaded and running. */
  readonly startMs: number;
  /** Wall time from spawn until the process exited. */
  readonly ms: number;
  readonly resources: number;
}

/**
 * Runs one stack under `@pulumi/pulumi/cmd/run` as `pulumi up` would, compiled as the stack's
 * tsconfig says (no PULUMI_NODEJS_TRANSPILE_ONLY: the figure is what a user's CLI run costs).
 * A program that fails throws with its output.
 */
export async function runUnderCliPath(repoRoot: string, stack: StackName, env: string, upstreams: UpstreamOutputs): Promise<CliRunResult> {
  const prepared = prepareStackRun(repoRoot, stack, env);
  const run = await runThroughLanguageHost({ ...prepared, upstreams }, path.resolve(repoRoot, STACKS[stack].dir), { transpileOnly: false });
  return { startMs: run.firstResourceMs, ms: run.elapsedMs, resources: run.resources.length };
}

/** The reference program (minimal-program/: `buckets` S3 buckets, the stacks' runtime options) under cmd/run, timed the same way. */
export async function runMinimalUnderCliPath(buckets: number): Promise<CliRunResult> {
  const projectDir = path.join(__dirname, "minimal-program");
  const input = {
    stack: "minimal" as StackName,
    env: "dev",
    project: "bench-minimal",
    programPath: projectDir,
    config: { values: { "aws:region": "ap-northeast-1" }, secretKeys: [] },
    upstreams: new Map(),
    organization: "organization",
  } satisfies StackRunInput;
  const saved = process.env.BENCH_BUCKETS;
  process.env.BENCH_BUCKETS = String(buckets);
  try {
    const run = await runThroughLanguageHost(input, projectDir, { transpileOnly: false });
    return { startMs: run.firstResourceMs, ms: run.elapsedMs, resources: run.resources.length };
  } finally {
    if (saved === undefined) delete process.env.BENCH_BUCKETS;
    else process.env.BENCH_BUCKETS = saved;
  }
}
