import { hasProject, prepareStackRun, referenceKey, referenceOutputs } from "@platform/offline";
import { STACKS, stackOrder, upstreamsOf, withUpstreams, type StackName } from "@platform/wiring";
import type { PlanResult, StackPlan } from "./model";
import { defaultProviderConfig } from "./policy-check";
import { startPolicyChecker, type PolicyChecker } from "./policy-worker";
import { runStackHere } from "./run-in-process";
import { blameOverrides } from "./set-overrides";
import { userFacingFailure } from "./stack-errors";

export interface PlanOptions {
  readonly repoRoot: string;
  readonly env: string;
  /** Plan only these stacks (their upstreams are planned first, quietly); default all. */
  readonly stacks?: readonly StackName[];
  /** Evaluate the policy pack through its analyzer protocol (default true). */
  readonly policy?: boolean;
  /** The pack, already starting (startPolicyChecker); the plan closes it. Default: the plan starts one. */
  readonly checker?: PolicyChecker;
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
 * Plans every stack of an environment offline: each program under a fresh mock runtime in this
 * process, one after another in graph order, each StackReference fed what its upstream exported
 * in this run, and every resource evaluated by the policy pack (its own process, started first)
 * through the analyzer protocol while the next program runs.
 *
 * One process rather than one per stack: a stack process spends most of its life loading
 * @pulumi/pulumi and @pulumi/aws, which this process then does once (README, "Speed"). The mock
 * runtime is global to a process, so programs run one at a time.
 */
export async function runOfflinePlan(options: PlanOptions): Promise<PlanResult> {
  const started = Date.now();
  const targets = options.stacks ?? stackOrder();
  const order = withUpstreams(targets);
  const quiet = new Set(order.filter((s) => !targets.includes(s)));
  // An upstream planned only to feed the targets stays out of the output, unless it failed: then
  // it is why the targets were not planned, and its error is what the user has to fix.
  const shownQuietly = (plan: StackPlan): boolean => quiet.has(plan.stack) && plan.status !== "failed";
  const checker = options.policy === false ? undefined : (options.checker ?? startPolicyChecker(options.repoRoot, options.env));

  const plans = new Map<StackName, StackPlan>();
  const references = new Map<string, Reference>();
  const checks: Promise<void>[] = [];

  const planOne = async (stack: StackName): Promise<StackPlan> => {
    if (!hasProject(options.repoRoot, stack)) {
      return { stack, status: "skipped", reason: `${STACKS[stack].dir}/Pulumi.yaml does not exist yet` };
    }
    // A failure stops everything downstream of it, through stacks skipped on its account: their
    // outputs do not exist in this run, and reading them would fail with advice to deploy them.
    for (const upstream of upstreamsOf(stack)) {
      const plan = plans.get(upstream);
      if (plan?.status === "failed") return { stack, status: "skipped", reason: `its upstream ${upstream} failed`, upstreamFailed: upstream };
      if (plan?.status === "skipped" && plan.upstreamFailed !== undefined) return { stack, status: "skipped", reason: `its upstream ${upstream} was skipped (${plan.upstreamFailed} failed)`, upstreamFailed: plan.upstreamFailed };
    }
    const t0 = Date.now();
    const result = await runStackHere({ stack, env: options.env, repoRoot: options.repoRoot, upstreams: new Map(references), config: options.config?.[stack], preview: options.preview, read: order.some((s) => upstreamsOf(s).includes(stack)) });
    const warnings = result.warnings.length > 0 ? { warnings: result.warnings } : {};
    if (!result.ok) {
      const failure = userFacingFailure(blameOverrides(result.message, stack, options.config?.[stack]), result.userError, options.repoRoot);
      return { stack, status: "failed", ...failure, durationMs: Date.now() - t0, ...warnings };
    }
    references.set(referenceKey(stack, options.env), result.deployed ?? referenceOutputs(result.run));
    return { stack, status: "planned", run: result.run, violations: [], durationMs: Date.now() - t0, ...warnings };
  };

  /** What the engine hands the analyzer about the default provider: the stack's provider config. */
  const providerDefaults = (stack: StackName) => defaultProviderConfig(prepareStackRun(options.repoRoot, stack, options.env, options.config?.[stack]).config.values);

  const finish = (plan: StackPlan) => {
    plans.set(plan.stack, plan);
    options.onProgress?.({ kind: "done", plan, quiet: shownQuietly(plan) });
  };

  try {
    for (const stack of order) {
      options.onProgress?.({ kind: "start", stack, quiet: quiet.has(stack) });
      const plan = await planOne(stack);
      if (plan.status !== "planned" || checker === undefined) {
        finish(plan);
        continue;
      }
      // The pack checks it from its worker thread while the next program runs here.
      plans.set(stack, plan);
      const stackStarted = Date.now() - plan.durationMs;
      const check = checker.check(stack, plan.run, providerDefaults(stack)).then((violations) => finish({ ...plan, violations, durationMs: Date.now() - stackStarted }));
      // Awaited with the others after the last program; a pack that failed must not count as unhandled meanwhile.
      check.catch(() => undefined);
      checks.push(check);
    }
    await Promise.all(checks);
  } finally {
    await Promise.allSettled(checks);
    await checker?.close();
  }
  await checker?.started; // rethrows a pack that never started

  return {
    env: options.env,
    stacks: order.map((s) => plans.get(s) as StackPlan).map((p) => ({ ...p, ...(shownQuietly(p) ? { quiet: true } : {}) })),
    policyChecked: checker !== undefined,
    ...(options.preview === true ? { preview: true } : {}),
    durationMs: Date.now() - started,
  };
}
