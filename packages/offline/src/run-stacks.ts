import * as path from "node:path";
import { upstreamsOf, withUpstreams, type StackName } from "@platform/wiring";
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
  /** Run every program as a first `pulumi preview` instead of an `up`. */
  readonly preview?: boolean;
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
  const preview = options.preview === true;
  const runs: Partial<Record<StackName, StackRun>> = {};
  const upstreams = new Map<string, ReturnType<typeof referenceOutputs>>();
  const order = withUpstreams(options.stacks);
  for (const [i, stack] of order.entries()) {
    // An upstream that has no project yet is skipped; the stack reading it reports what is missing.
    if (!options.stacks.includes(stack) && !hasProject(root, stack)) continue;
    const prepared = prepareStackRun(root, stack, options.env, options.config?.[stack]);
    const isUpstream = !options.stacks.includes(stack);
    const input = { ...prepared, upstreams: new Map(upstreams) };
    // The up-style run: what a deployed stack exports, which is what StackReferences read, in a
    // preview too. Upstreams not asked for are only deployed, never previewed.
    const cacheKey = JSON.stringify([root, stack, options.env, prepared.config, [...upstreams]]);
    const deployed = async (): Promise<StackRun> => {
      const run = upstreamRuns.get(cacheKey) ?? (await runStackInProcess(input));
      if (isUpstream || preview) upstreamRuns.set(cacheKey, run);
      return run;
    };
    const run = preview && !isUpstream ? await runStackInProcess({ ...input, preview }) : await deployed();
    runs[stack] = run;
    const read = order.slice(i + 1).some((s) => upstreamsOf(s).includes(stack));
    if (read) upstreams.set(referenceKey(stack, options.env), referenceOutputs(preview && !isUpstream ? await deployed() : run));
  }
  return runs;
}
