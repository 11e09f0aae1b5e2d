import type { Command } from "commander";
import type { StackName } from "@platform/wiring";
import { parseStackNames } from "../stack-names";
import { assertKnownEnvironment } from "../environments";
import { UserError } from "../errors";
import { REPO_ROOT } from "../repo";
import { planFailed } from "../plan/model";
import { renderPlanText } from "../plan/render-text";
import { runOfflinePlan, type ProgressEvent } from "../plan/run-plan";

function progressLine(event: ProgressEvent): string | undefined {
  if (event.quiet) return undefined;
  if (event.kind === "start") return `… ${event.stack}: planning`;
  const { plan } = event;
  if (plan.status === "skipped") return `- ${plan.stack}: skipped (${plan.reason})`;
  if (plan.status === "failed") return `✗ ${plan.stack}: failed after ${(plan.durationMs / 1000).toFixed(1)}s`;
  const mandatory = plan.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  return `✓ ${plan.stack}: ${plan.run.resources.filter((r) => r.custom).length} resources, ${mandatory} mandatory violations, ${(plan.durationMs / 1000).toFixed(1)}s`;
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
    .option("-f, --format <format>", "text or json", "text")
    .option("--set <stack.key=value...>", "override a config value for this plan only, e.g. --set network.azCount=3")
    .option("--no-policy", "skip the policy pack")
    .action(async (opts: { env: string; stack?: string[]; format: string; policy: boolean; set?: string[] }) => {
      if (opts.format !== "text" && opts.format !== "json") throw new UserError(`--format must be text or json, not "${opts.format}".`);
      assertKnownEnvironment(REPO_ROOT, opts.env);
      const stacks = opts.stack ? parseStackNames(opts.stack) : undefined;
      const plan = await runOfflinePlan({
        repoRoot: REPO_ROOT,
        env: opts.env,
        stacks,
        policy: opts.policy,
        config: parseOverrides(opts.set ?? []),
        onProgress: (event) => {
          const line = progressLine(event);
          if (line) process.stderr.write(`${line}\n`);
        },
      });
      process.stdout.write(opts.format === "json" ? `${JSON.stringify(plan, null, 2)}\n` : renderPlanText(plan));
      if (planFailed(plan)) process.exitCode = 1;
    });
}
