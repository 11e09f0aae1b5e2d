import * as path from "node:path";
import { withUpstreams, type StackName } from "@platform/wiring";
import { hasProject, prepareStackRun } from "./pulumi-files";
import { referenceKey, referenceOutputs, runStackInProcess } from "./run-stack";
import type { StackRun } from "./types";

/** The repository root: packages/offline/src/../../.. */
export const REPO_ROOT = path.resolve(__dirname, "../../..");

export interface RunStacksOptions {
  readonly env: string;
  /** The stacks to run; their upstreams run first. */
  readonly stacks: readonly StackName[];
  /** Per stack: config keys (without namespace, or `ns:key`) to set; `undefined` deletes a key. */
  readonly config?: Partial<Record<StackName, Record<string, unknown>>>;
  readonly repoRoot?: string;
}

/**
 * Upstream runs already made in this process. A stack program is a deterministic function of its
 * files, config and upstream outputs, so a test file that plans the app stack ten times with ten
 * broken app configs runs security and network once.
 */
const upstreamRuns = new Map<string, StackRun>();

/**
 * Runs stacks in-process, in graph order, each with its real Pulumi.<env>.yaml (plus overrides);
 * every StackReference receives the outputs its upstream exported earlier in the same run.
 */
export async function runStacks(options: RunStacksOptions): Promise<Partial<Record<StackName, StackRun>>> {
  const root = options.repoRoot ?? REPO_ROOT;
  const runs: Partial<Record<StackName, StackRun>> = {};
  const upstreams = new Map<string, ReturnType<typeof referenceOutputs>>();
  for (const stack of withUpstreams(options.stacks)) {
    // An upstream that has no project yet is skipped; the stack reading it reports what is missing.
    if (!options.stacks.includes(stack) && !hasProject(root, stack)) continue;
    const prepared = prepareStackRun(root, stack, options.env, options.config?.[stack]);
    const isUpstream = !options.stacks.includes(stack);
    const cacheKey = JSON.stringify([root, stack, options.env, prepared.config, [...upstreams]]);
    const cached = isUpstream ? upstreamRuns.get(cacheKey) : undefined;
    const run = cached ?? (await runStackInProcess({ ...prepared, upstreams }));
    if (isUpstream) upstreamRuns.set(cacheKey, run);
    runs[stack] = run;
    upstreams.set(referenceKey(stack, options.env), referenceOutputs(run));
  }
  return runs;
}
