import type { Command } from "commander";
import type { StackName } from "@platform/wiring";
import { parseStackNames } from "../stack-names";
import { assertKnownEnvironment } from "../environments";
import { UserError } from "../errors";
import { REPO_ROOT } from "../repo";
import * as fs from "node:fs";
import { assertCommitRef } from "../affected/git";
import { withBaseWorktree } from "../plan/base-worktree";
import { planDiffModel, renderPlanDiffText, renderPlanMarkdown } from "../plan/diff-report";
import { isManagedResource, planFailed, type PlanResult } from "../plan/model";
import { packConfigFile } from "../plan/policy-check";
import { renderPlanText } from "../plan/render-text";
import { runOfflinePlan, type ProgressEvent } from "../plan/run-plan";
import { glyphsFor } from "../terminal";

function progressLine(event: ProgressEvent, policyChecked: boolean, g = glyphsFor(process.env)): string | undefined {
  if (event.quiet) return undefined;
  if (event.kind === "start") return `${g.busy} ${event.stack}: planning`;
  const { plan } = event;
  if (plan.status === "skipped") return `- ${plan.stack}: skipped (${plan.reason})`;
  if (plan.status === "failed") return `${g.fail} ${plan.stack}: failed after ${(plan.durationMs / 1000).toFixed(1)}s`;
  const mandatory = plan.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const policy = policyChecked ? `${mandatory} mandatory violations` : "policy not run";
  return `${g.ok} ${plan.stack}: ${plan.run.resources.filter(isManagedResource).length} resources, ${policy}, ${(plan.durationMs / 1000).toFixed(1)}s`;
}

/** The same plan of the base ref, quietly; stacks or policies the base ref lacks are skipped. */
async function planBase(ref: string, options: { env: string; stacks?: StackName[]; policy: boolean }): Promise<PlanResult> {
  process.stderr.write(`… planning ${ref} for comparison\n`);
  return withBaseWorktree(REPO_ROOT, ref, (dir) =>
    runOfflinePlan({ repoRoot: dir, env: options.env, stacks: options.stacks, policy: options.policy && fs.existsSync(packConfigFile(dir, options.env)) }),
  );
}

/** `--set network.azCount=3` -> { network: { azCount: "3" } }; values stay strings, as Pulumi passes them. */
export function parseOverrides(sets: readonly string[]): Partial<Record<StackName, Record<string, string>>> {
  const overrides: Partial<Record<StackName, Record<string, string>>> = {};
  for (const set of sets) {
    const match = /^([a-z]+)\.([A-Za-z0-9_:.-]+)=(.*)$/s.exec(set);
    if (!match) throw new UserError(`--set ${set}: expected <stack>.<key>=<value>, e.g. --set network.azCount=3`);
    const [stack] = parseStackNames([match[1]]);
    (overrides[stack] ??= {})[match[2]] = match[3];
  }
  return overrides;
}

export function registerPlanCommand(program: Command): void {
  program
    .command("plan")
    .description("Plan every stack offline (no AWS, no Pulumi CLI) in graph order and check it against the policy pack.")
    .option("-e, --env <env>", "environment (Pulumi stack name)", "dev")
    .option("-s, --stack <names...>", "plan only these stacks (their upstreams are planned first, quietly)")
    .option("-f, --format <format>", "text, json, or markdown (a pull-request comment)", "text")
    .option("-b, --base <ref>", "also plan this git ref (in a temporary worktree) and show what the working tree changes against it")
    .option("--set <stack.key=value...>", "override a config value for this plan only, e.g. --set network.azCount=3")
    .option("--no-policy", "skip the policy pack")
    .action(async (opts: { env: string; stack?: string[]; format: string; policy: boolean; set?: string[]; base?: string }) => {
      if (!["text", "json", "markdown"].includes(opts.format)) throw new UserError(`--format must be text, json or markdown, not "${opts.format}".`);
      assertKnownEnvironment(REPO_ROOT, opts.env);
      const stacks = opts.stack ? parseStackNames(opts.stack) : undefined;
      if (opts.base !== undefined) assertCommitRef(REPO_ROOT, opts.base);
      const plan = await runOfflinePlan({
        repoRoot: REPO_ROOT,
        env: opts.env,
        stacks,
        policy: opts.policy,
        config: parseOverrides(opts.set ?? []),
        onProgress: (event) => {
          const line = progressLine(event, opts.policy);
          if (line) process.stderr.write(`${line}\n`);
        },
      });
      const base = opts.base === undefined ? undefined : await planBase(opts.base, { env: opts.env, stacks, policy: opts.policy });
      if (opts.format === "json") process.stdout.write(`${JSON.stringify(base ? { base, head: plan } : plan, null, 2)}\n`);
      else if (opts.format === "markdown") process.stdout.write(renderPlanMarkdown(plan, base, opts.base));
      else process.stdout.write(base ? `${renderPlanText(plan)}\n${renderPlanDiffText(planDiffModel(plan, base, opts.base))}` : renderPlanText(plan));
      if (planFailed(plan)) process.exitCode = 1;
    });
}
