import { stackOrder, withUpstreams, type StackName } from "@platform/wiring";
import { UserError } from "../errors";
import { glyphsFor, type Glyphs } from "../terminal";
import type { Operation, RunPlan, StackResult, StackRunner } from "./types";

const VERB: Record<Operation, string> = { preview: "previewing", up: "updating", destroy: "destroying", refresh: "comparing with the cloud (refresh preview)" };
const QUESTION: Partial<Record<Operation, string>> = { up: "Deploy these changes to", destroy: "Destroy every resource of" };

function describeChanges(changes: Readonly<Record<string, number>>): string {
  const parts = Object.entries(changes)
    .filter(([op, n]) => op !== "same" && n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${n} ${op}`);
  return parts.length > 0 ? parts.join(", ") : "no changes";
}

/**
 * What went wrong: every line the engine marked as an error (the engine prints one per failed
 * resource plus a closing "update failed"; all of them matter), or the whole message when none is.
 */
export function failureSummary(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n").map((l) => l.trimEnd()).filter((l) => l.trim() !== "");
  const errorLines = lines.filter((l) => /error:/i.test(l)).map((l) => l.trim());
  return (errorLines.length > 0 ? [...new Set(errorLines)] : lines).join("\n") || "failed without a message";
}

/**
 * Runs stacks in graph order (destroy in reverse), streaming the engine's output under each
 * stack's heading, stopping at the first failure (except a refresh); the stacks after it are
 * reported as not run.
 * In preview, a stack whose upstream was never deployed is "waiting" rather than failed, and the
 * run goes on. With `plan.confirm`, up and destroy preview each stack and ask before changing it.
 */
export async function orchestrate(plan: RunPlan, runner: StackRunner, progress: (line: string) => void, glyphs: Glyphs = glyphsFor(process.env)): Promise<StackResult[]> {
  const ordered = stackOrder(plan.stacks);
  if (plan.operation === "destroy") ordered.reverse();
  const deployed = new Map<StackName, boolean>();
  const isDeployed = async (stack: StackName): Promise<boolean> => {
    if (!deployed.has(stack)) deployed.set(stack, await runner.isDeployed(stack, plan.env));
    return deployed.get(stack) === true;
  };
  const results: StackResult[] = [];
  let stopped: { stack: StackName; why: string } | undefined;
  for (const [index, stack] of ordered.entries()) {
    const tag = `[${index + 1}/${ordered.length}] ${stack} (${plan.env})`;
    const target = { stack, env: plan.env, eventLog: plan.eventLogFor(stack) };
    const onOutput = (line: string): void => progress(`  ${stack} ${glyphs.pipe} ${line}`);
    if (stopped !== undefined) {
      results.push({ stack, status: "not run", detail: `not run: ${stopped.stack} ${stopped.why}` });
      continue;
    }
    if (plan.operation === "preview") {
      const missing: StackName[] = [];
      // Every stack it needs, directly or through another upstream: the fix is to deploy them all.
      for (const upstream of withUpstreams([stack]).filter((s) => s !== stack)) if (!(await isDeployed(upstream))) missing.push(upstream);
      if (missing.length > 0) {
        const detail = `waiting for ${missing.join(", ")} (never deployed in ${plan.env}; run: platform up --env ${plan.env} --stack ${missing.join(",")})`;
        progress(`${tag}: ${glyphs.wait} ${detail}`);
        results.push({ stack, status: "waiting", detail });
        continue;
      }
    }
    if (plan.operation === "refresh" && !(await isDeployed(stack))) {
      const detail = `never deployed in ${plan.env}: nothing to compare`;
      progress(`${tag}: ${glyphs.skip} ${detail}`);
      results.push({ stack, status: "not deployed", detail });
      continue;
    }
    try {
      const question = QUESTION[plan.operation];
      if (plan.confirm !== undefined && question !== undefined) {
        progress(`${tag}: previewing before ${plan.operation === "up" ? "deploying" : "destroying"}${glyphs.busy}`);
        const preview = await runner.run(plan.operation, target, { previewOnly: true, onOutput });
        progress(`${tag}: preview: ${describeChanges(preview.resourceChanges)}`);
        if (!(await plan.confirm(`${question} ${stack} (${plan.env})?`))) {
          progress(`${tag}: declined; nothing was changed`);
          results.push({ stack, status: "declined", detail: "declined at the prompt; nothing was changed" });
          stopped = { stack, why: "was declined" };
          continue;
        }
      }
      progress(`${tag}: ${VERB[plan.operation]}${glyphs.busy}`);
      const outcome = await runner.run(plan.operation, target, { previewOnly: plan.operation === "preview" || plan.operation === "refresh", onOutput });
      const detail = describeChanges(outcome.resourceChanges);
      progress(`${tag}: ${glyphs.ok} ${detail}`);
      results.push({ stack, status: "succeeded", detail, resourceChanges: outcome.resourceChanges });
    } catch (error) {
      if (error instanceof UserError) throw error;
      const detail = failureSummary(error);
      const [first, ...rest] = detail.split("\n");
      progress(`${tag}: ${glyphs.fail} failed: ${first}`);
      rest.forEach((line) => progress(`    ${line}`));
      results.push({ stack, status: "failed", detail });
      // A refresh reads each stack's own state and cloud resources, independent of the others.
      if (plan.operation !== "refresh") stopped = { stack, why: "failed" };
    }
  }
  return results;
}

/** The closing lines: what failed, what waits, what did not run. */
export function renderRunSummary(results: readonly StackResult[]): string {
  const by = (status: string): StackName[] => results.filter((r) => r.status === status).map((r) => r.stack);
  const lines = [`${by("succeeded").length} of ${results.length} stack(s) succeeded.`];
  if (by("failed").length > 0) lines.push(`Failed: ${by("failed").join(", ")}.`);
  if (by("declined").length > 0) lines.push(`Declined: ${by("declined").join(", ")}.`);
  if (by("waiting").length > 0) lines.push(`Waiting for an upstream deployment: ${by("waiting").join(", ")}.`);
  if (by("not deployed").length > 0) lines.push(`Never deployed: ${by("not deployed").join(", ")}.`);
  if (by("not run").length > 0) lines.push(`Did not run: ${by("not run").join(", ")}.`);
  return `${lines.join("\n")}\n`;
}

/**
 * The exit code of a run: 1 when a stack failed or was declined, and when a preview previewed
 * nothing because every stack waits (a green check for a preview that never ran would mislead).
 */
export function runExitCode(operation: Operation, results: readonly StackResult[]): { code: number; message?: string } {
  if (results.some((r) => r.status === "failed")) return { code: 1 };
  if (results.some((r) => r.status === "declined")) return { code: 1, message: "stopped at the prompt; the stacks after it did not run." };
  if (operation === "preview" && results.length > 0 && results.every((r) => r.status === "waiting")) {
    return { code: 1, message: "nothing was previewed: every stack waits for an upstream that was never deployed (see the commands above)." };
  }
  return { code: 0 };
}
