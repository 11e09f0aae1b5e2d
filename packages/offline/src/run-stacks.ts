import * as path from "node:path";
import { STACKS, withUpstreams, type StackName } from "@platform/wiring";
import { hasProject, readStackConfig, stackFiles, type StackConfig } from "./pulumi-files";
import { referenceKey, referenceOutputs, runStackInProcess } from "./run-stack";
import type { RecordedResource, StackRun } from "./types";

/** The repository root: packages/offline/src/../../.. */
export const REPO_ROOT = path.resolve(__dirname, "../../..");

/** Organization used for StackReference names when a stack's config does not set upstreamOrg. */
export const OFFLINE_ORGANIZATION = "organization";

export interface RunStacksOptions {
  readonly env: string;
  /** The stacks to run; their upstreams run first. */
  readonly stacks: readonly StackName[];
  /** Per stack: config keys (without namespace, or `ns:key`) to set; `undefined` deletes a key. */
  readonly config?: Partial<Record<StackName, Record<string, unknown>>>;
  readonly repoRoot?: string;
}

/** Applies test or CLI overrides to a stack's config, in the same string form Pulumi uses. */
export function withOverrides(config: StackConfig, project: string, overrides: Record<string, unknown> = {}): StackConfig {
  const values = { ...config.values };
  for (const [rawKey, value] of Object.entries(overrides)) {
    const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
    if (value === undefined) delete values[key];
    else values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { values, secretKeys: config.secretKeys };
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
    const files = stackFiles(root, stack, options.env);
    const config = withOverrides(readStackConfig(files, root), files.project, options.config?.[stack]);
    const organization = config.values[`${STACKS[stack].project}:upstreamOrg`] ?? OFFLINE_ORGANIZATION;
    const isUpstream = !options.stacks.includes(stack);
    const cacheKey = JSON.stringify([root, stack, options.env, config, [...upstreams]]);
    const cached = isUpstream ? upstreamRuns.get(cacheKey) : undefined;
    const run = cached ?? (await runStackInProcess({ stack, env: options.env, project: files.project, programPath: files.programPath, config, upstreams, organization }));
    if (isUpstream) upstreamRuns.set(cacheKey, run);
    runs[stack] = run;
    upstreams.set(referenceKey(stack, options.env), referenceOutputs(run));
  }
  return runs;
}

/** Every recorded resource of a type token, e.g. "aws:ec2/subnet:Subnet". */
export function resourcesOf(run: StackRun | undefined, type: string): RecordedResource[] {
  if (run === undefined) throw new Error("resourcesOf: that stack did not run");
  return run.resources.filter((r) => r.type === type);
}

/** The one resource of a type; throws when there are none or several. */
export function oneOf(run: StackRun | undefined, type: string, name?: string): RecordedResource {
  const found = resourcesOf(run, type).filter((r) => name === undefined || r.name === name);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  return found[0];
}
