import type { Command } from "commander";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import type { StackName } from "@platform/wiring";
import { stackOrder, withUpstreams } from "@platform/wiring/src/graph";
import { assertCommitRef } from "../affected/git";
import { assertKnownEnvironment } from "../environments";
import { UserError } from "../errors";
import type * as BaseWorktree from "../plan/base-worktree";
import type * as ConfigNamespaces from "../plan/config-namespaces";
import type * as DiffReport from "../plan/diff-report";
import { isManagedResource, planFailed, type PlanResult } from "../plan/model";
import { packConfigFile, readPackConfigFor } from "../plan/pack-config";
import type * as PolicyWorker from "../plan/policy-worker";
import type * as RenderDiffText from "../plan/render-diff-text";
import type * as RenderText from "../plan/render-text";
import type * as RunPlan from "../plan/run-plan";
import type { ProgressEvent } from "../plan/run-plan";
import { REPO_ROOT } from "../repo";
import { parseStackNames } from "../stack-names";
import { glyphsFor } from "../terminal";

// Every command module keeps its top-level imports light (no @pulumi/pulumi, no stack programs)
// and loads the rest when its command runs, so that `platform plan` can start the policy pack,
// which needs ~0.4 s in its own process, before this one spends its first ~0.2 s loading the SDK
// (README, "Speed"). main.ts imports every command module to register it.

export function progressLine(event: ProgressEvent, policyChecked: boolean, g = glyphsFor(process.env)): string | undefined {
  if (event.quiet) return undefined;
  if (event.kind === "start") return `${g.busy} ${event.stack}: planning`;
  const { plan } = event;
  if (plan.status === "skipped") return `- ${plan.stack}: skipped (${plan.reason})`;
  const warned = plan.warnings?.length ? `, ${g.warn} ${plan.warnings.length} warning${plan.warnings.length > 1 ? "s" : ""} logged` : "";
  if (plan.status === "failed") return `${g.fail} ${plan.stack}: failed after ${(plan.durationMs / 1000).toFixed(1)}s${warned}`;
  const mandatory = plan.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const policy = policyChecked ? `${mandatory} mandatory violations` : "policy not run";
  // A stack that plans but carries mandatory violations would block `pulumi up`: not a tick.
  return `${mandatory > 0 ? g.fail : g.ok} ${plan.stack}: ${plan.run.resources.filter(isManagedResource).length} resources, ${policy}${warned}, ${(plan.durationMs / 1000).toFixed(1)}s`;
}

/** The same plan of the base ref, quietly; stacks or policies the base ref lacks are skipped. */
async function planBase(ref: string, options: { env: string; stacks?: StackName[]; policy: boolean; preview: boolean }): Promise<{ plan: PlanResult; root: string }> {
  const { withBaseWorktree } = require("../plan/base-worktree") as typeof BaseWorktree;
  const { runOfflinePlan } = require("../plan/run-plan") as typeof RunPlan;
  process.stderr.write(`… planning ${ref} for comparison\n`);
  return withBaseWorktree(REPO_ROOT, ref, async (dir) => ({
    plan: await runOfflinePlan({ repoRoot: dir, env: options.env, stacks: options.stacks, preview: options.preview, policy: options.policy && fs.existsSync(packConfigFile(dir, options.env)) }),
    root: dir,
  }));
}

/** The base is planned with this checkout's node_modules (base-worktree.ts); say so when the lock file differs. */
export function dependencyNote(repoRoot: string, ref: string): string | undefined {
  try {
    execFileSync("git", ["diff", "--quiet", ref, "--", "package-lock.json"], { cwd: repoRoot, stdio: "ignore" });
    return undefined;
  } catch {
    return `package-lock.json differs from ${ref}: the base was planned with this checkout's node_modules, so provider and dependency version changes are not reflected in this diff.`;
  }
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
    .option("--preview", "plan as a first `pulumi preview`: ids and computed outputs of new resources unknown, as policies see them there")
    .action(async (opts: { env: string; stack?: string[]; format: string; policy: boolean; set?: string[]; base?: string; preview?: boolean }) => {
      if (!["text", "json", "markdown"].includes(opts.format)) throw new UserError(`--format must be text, json or markdown, not "${opts.format}".`);
      assertKnownEnvironment(REPO_ROOT, opts.env);
      const stacks = opts.stack ? parseStackNames(opts.stack) : undefined;
      if (opts.base !== undefined) assertCommitRef(REPO_ROOT, opts.base);
      const sets = opts.set ?? [];
      const config = parseOverrides(sets);
      const planned = withUpstreams(stacks ?? stackOrder());
      const unplanned = Object.keys(config).filter((s) => !planned.includes(s as StackName));
      if (unplanned.length > 0) {
        throw new UserError(`--set for ${unplanned.join(", ")}: not planned here (this plan covers ${planned.join(", ")}), so the value would be ignored. Add --stack ${unplanned.join(" ")}, or drop that --set.`);
      }
      for (const set of sets) process.stderr.write(`… --set ${set}: for this plan only\n`);
      // A missing or broken pack config stops the plan here, before any stack runs.
      if (opts.policy) readPackConfigFor(REPO_ROOT, opts.env);
      // The pack starts first (from its worker thread) and boots while this thread loads the SDK and the programs.
      const checker = opts.policy ? (require("../plan/policy-worker") as typeof PolicyWorker).startPolicyChecker(REPO_ROOT, opts.env) : undefined;
      const { runOfflinePlan } = require("../plan/run-plan") as typeof RunPlan;
      try {
        (require("../plan/config-namespaces") as typeof ConfigNamespaces).assertKnownConfigNamespaces(REPO_ROOT, planned, opts.env);
      } catch (err) {
        await checker?.close();
        throw err;
      }
      const plan = await runOfflinePlan({
        repoRoot: REPO_ROOT,
        env: opts.env,
        stacks,
        policy: opts.policy,
        ...(checker ? { checker } : {}),
        preview: opts.preview === true,
        config,
        onProgress: (event) => {
          const line = progressLine(event, opts.policy);
          if (line) process.stderr.write(`${line}\n`);
        },
      });
      const { planDiffModel, renderPlanMarkdown } = require("../plan/diff-report") as typeof DiffReport;
      const { renderPlanDiffText } = require("../plan/render-diff-text") as typeof RenderDiffText;
      const { renderPlanText } = require("../plan/render-text") as typeof RenderText;
      const based = opts.base === undefined ? undefined : await planBase(opts.base, { env: opts.env, stacks, policy: opts.policy, preview: opts.preview === true });
      const base = based?.plan;
      const note = opts.base === undefined ? undefined : dependencyNote(REPO_ROOT, opts.base);
      const notes = [...(note ? [note] : []), ...(sets.length > 0 ? [`planned with ${sets.map((s) => `--set ${s}`).join(", ")} (not in the stacks' config files)`] : [])];
      const diff: DiffReport.PlanDiffOptions = { baseRef: opts.base, ...(based ? { roots: { head: REPO_ROOT, base: based.root } } : {}), ...(notes.length > 0 ? { notes } : {}) };
      const head = sets.length > 0 ? { ...plan, overrides: sets } : plan;
      if (opts.format === "json") process.stdout.write(`${JSON.stringify(base ? { base, head } : head, null, 2)}\n`);
      else if (opts.format === "markdown") process.stdout.write(renderPlanMarkdown(plan, base, diff));
      else process.stdout.write(base ? `${renderPlanText(plan)}\n${renderPlanDiffText(planDiffModel(plan, base, diff))}` : renderPlanText(plan));
      if (planFailed(plan)) process.exitCode = 1;
    });
}
