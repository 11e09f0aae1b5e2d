import { hasProject, prepareStackRun, referenceKey, referenceOutputs } from "@platform/offline";
import type { PolicyPackClient } from "@platform/analyzer";
import { STACKS, stackOrder, upstreamsOf, withUpstreams, type StackName } from "@platform/wiring";
import type { PlanResult, PlanViolation, StackPlan } from "./model";
import { checkStack, defaultProviderConfig, startPackForEnv } from "./policy-check";
import { runStackWorker } from "./run-worker";
import { blameOverrides } from "./set-overrides";
import { userFacingFailure } from "./stack-errors";

export interface PlanOptions {
  readonly repoRoot: string;
  readonly env: string;
  /** Plan only these stacks (their upstreams are planned first, quietly); default all. */
  readonly stacks?: readonly StackName[];
  /** Evaluate the policy pack through its analyzer protocol (default true). */
  readonly policy?: boolean;
  /** How many stack processes run at once; stacks still wait for their upstreams. */
  readonly concurrency?: number;
  /** Config overrides per stack (keys without namespace), as `--set stack.key=value` gives them. */
  readonly config?: Partial<Record<StackName, Record<string, unknown>>>;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Plan as a first `pulumi preview` (computed outputs of new resources unknown) instead of an `up`. */
  readonly preview?: boolean;
}

export type ProgressEvent =
  | { readonly kind: "start"; readonly stack: StackName; readonly quiet: boolean }
  | { readonly kind: "done"; readonly plan: StackPlan; readonly quiet: boolean };

type Reference = ReturnType<typeof referenceOutputs>;

/**
 * Plans every stack of an environment offline: each program in its own process under the mock
 * runtime, in graph order, each StackReference fed what its upstream exported in this run, and
 * every resource evaluated by the policy pack through the analyzer protocol.
 */
export async function runOfflinePlan(options: PlanOptions): Promise<PlanResult> {
  const started = Date.now();
  const targets = options.stacks ?? stackOrder();
  const order = withUpstreams(targets);
  const quiet = new Set(order.filter((s) => !targets.includes(s)));
  const packPromise: Promise<PolicyPackClient> | undefined = options.policy === false ? undefined : startPackForEnv(options.repoRoot, options.env);
  // Surface a pack that fails to start when it is awaited, not as an unhandled rejection.
  packPromise?.catch(() => undefined);

  const plans = new Map<StackName, StackPlan>();
  const references = new Map<string, Reference>();
  const running = new Map<StackName, Promise<void>>();
  const limit = Math.max(1, options.concurrency ?? 2);

  const planOne = async (stack: StackName): Promise<StackPlan> => {
    if (!hasProject(options.repoRoot, stack)) {
      return { stack, status: "skipped", reason: `${STACKS[stack].dir}/Pulumi.yaml does not exist yet` };
    }
    const failedUpstream = upstreamsOf(stack).find((u) => plans.get(u)?.status === "failed");
    if (failedUpstream !== undefined) return { stack, status: "skipped", reason: `its upstream ${failedUpstream} failed`, upstreamFailed: failedUpstream };
    const t0 = Date.now();
    const result = await runStackWorker({ stack, env: options.env, repoRoot: options.repoRoot, upstreams: Object.fromEntries(references), config: options.config?.[stack], preview: options.preview, read: order.some((s) => upstreamsOf(s).includes(stack)) });
    const warnings = result.warnings.length > 0 ? { warnings: result.warnings } : {};
    if (!result.ok) {
      const failure = userFacingFailure(blameOverrides(result.message, stack, options.config?.[stack]), result.userError, options.repoRoot);
      return { stack, status: "failed", ...failure, durationMs: Date.now() - t0, ...warnings };
    }
    references.set(referenceKey(stack, options.env), result.deployed ?? referenceOutputs(result.run));
    let violations: PlanViolation[] = [];
    if (packPromise !== undefined) {
      const { config } = prepareStackRun(options.repoRoot, stack, options.env, options.config?.[stack]);
      violations = await checkStack(await packPromise, stack, result.run, defaultProviderConfig(config.values));
    }
    return { stack, status: "planned", run: result.run, violations, durationMs: Date.now() - t0, ...warnings };
  };

  try {
    // A small scheduler: start any stack whose upstreams are all done, up to `limit` at a time.
    const pending = [...order];
    while (pending.length > 0 || running.size > 0) {
      const ready = pending.filter((s) => upstreamsOf(s).every((u) => !order.includes(u) || plans.has(u)));
      for (const stack of ready.slice(0, limit - running.size)) {
        pending.splice(pending.indexOf(stack), 1);
        options.onProgress?.({ kind: "start", stack, quiet: quiet.has(stack) });
        const job = planOne(stack).then((plan) => {
          plans.set(stack, plan);
          running.delete(stack);
          options.onProgress?.({ kind: "done", plan, quiet: quiet.has(stack) });
        });
        running.set(stack, job);
      }
      if (running.size > 0) await Promise.race(running.values());
    }
  } finally {
    if (packPromise !== undefined) await packPromise.then((p) => p.close(), () => undefined);
  }
  if (packPromise !== undefined) await packPromise; // rethrows a pack that never started

  return {
    env: options.env,
    stacks: order.map((s) => ({ ...(plans.get(s) as StackPlan), ...(quiet.has(s) ? { quiet: true } : {}) })),
    policyChecked: packPromise !== undefined,
    durationMs: Date.now() - started,
  };
}
