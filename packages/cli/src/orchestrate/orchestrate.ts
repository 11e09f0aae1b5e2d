import { stackOrder, withUpstreams, type StackName } from "@platform/wiring";
import { UserError } from "../errors";
import type { RunPlan, StackResult, StackRunner } from "./types";

const VERB = { preview: "previewing", up: "updating", destroy: "destroying" } as const;

function describeChanges(changes: Readonly<Record<string, number>>): string {
  const parts = Object.entries(changes)
    .filter(([op, n]) => op !== "same" && n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${n} ${op}`);
  return parts.length > 0 ? parts.join(", ") : "no changes";
}

/** The first lines that say what went wrong, without the engine's full output. */
export function failureSummary(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const errorLines = lines.filter((l) => /error:/i.test(l));
  return (errorLines.length > 0 ? errorLines : lines).slice(0, 3).join(" / ") || "failed without a message";
}

/**
 * Runs stacks in graph order (destroy in reverse), one progress line per stack, stopping at the
 * first failure; the stacks after it are reported as not run. In preview, a stack whose upstream
 * was never deployed is "waiting" rather than failed, and the run goes on.
 */
export async function orchestrate(plan: RunPlan, runner: StackRunner, progress: (line: string) => void): Promise<StackResult[]> {
  const ordered = stackOrder(plan.stacks);
  if (plan.operation === "destroy") ordered.reverse();
  const deployed = new Map<StackName, boolean>();
  const isDeployed = async (stack: StackName): Promise<boolean> => {
    if (!deployed.has(stack)) deployed.set(stack, await runner.isDeployed(stack, plan.env));
    return deployed.get(stack) === true;
  };
  const results: StackResult[] = [];
  let stopped: StackName | undefined;
  for (const [index, stack] of ordered.entries()) {
    const tag = `[${index + 1}/${ordered.length}] ${stack} (${plan.env})`;
    if (stopped !== undefined) {
      results.push({ stack, status: "not run", detail: `not run: ${stopped} failed` });
      continue;
    }
    if (plan.operation === "preview") {
      const missing: StackName[] = [];
      // Every stack it needs, directly or through another upstream: the fix is to deploy them all.
      for (const upstream of withUpstreams([stack]).filter((s) => s !== stack)) if (!(await isDeployed(upstream))) missing.push(upstream);
      if (missing.length > 0) {
        const detail = `waiting for ${missing.join(", ")} (never deployed in ${plan.env}; run: platform up --env ${plan.env} --stack ${missing.join(",")})`;
        progress(`${tag}: ⏳ ${detail}`);
        results.push({ stack, status: "waiting", detail });
        continue;
      }
    }
    progress(`${tag}: ${VERB[plan.operation]}…`);
    try {
      const outcome = await runner.run(plan.operation, { stack, env: plan.env, eventLog: plan.eventLogFor(stack) });
      const detail = describeChanges(outcome.resourceChanges);
      progress(`${tag}: ✓ ${detail}`);
      results.push({ stack, status: "succeeded", detail });
    } catch (error) {
      if (error instanceof UserError) throw error;
      const detail = failureSummary(error);
      progress(`${tag}: ✗ failed: ${detail}`);
      results.push({ stack, status: "failed", detail });
      stopped = stack;
    }
  }
  return results;
}

/** The closing lines: what failed, what waits, what did not run. */
export function renderRunSummary(results: readonly StackResult[]): string {
  const by = (status: string): StackName[] => results.filter((r) => r.status === status).map((r) => r.stack);
  const lines = [`${by("succeeded").length} of ${results.length} stack(s) succeeded.`];
  if (by("failed").length > 0) lines.push(`Failed: ${by("failed").join(", ")}.`);
  if (by("waiting").length > 0) lines.push(`Waiting for an upstream deployment: ${by("waiting").join(", ")}.`);
  if (by("not run").length > 0) lines.push(`Did not run: ${by("not run").join(", ")}.`);
  return `${lines.join("\n")}\n`;
}
