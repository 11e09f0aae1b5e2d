import * as fs from "node:fs";
import type { Command } from "commander";
import type * as RunDrift from "../drift/run-drift";
import { DRIFT_EXIT_CODE } from "../errors";
import type * as Select from "../orchestrate/select";
import { REPO_ROOT } from "../repo";
import type * as Automation from "../runner/automation";
import type * as PulumiCli from "../runner/pulumi-cli";
import { colorDisabled } from "../terminal";

export function registerDriftCommand(program: Command): void {
  program
    .command("drift")
    .description(`compare every deployed stack with the cloud (refresh preview, changes nothing); exit 0 no drift, ${DRIFT_EXIT_CODE} drift, 1 a refresh failed`)
    .requiredOption("-e, --env <env>", "environment: the <env> of the stacks' Pulumi.<env>.yaml")
    .option("-s, --stack <names...>", "only these stacks; the bootstrap is checked only when named here")
    .option("-o, --output <file>", "also write the Markdown report to this file (the drift issue's body in CI)")
    .action(async (options: { env: string; stack?: string[]; output?: string }) => {
      // Loaded when the command runs (main.ts): see commands/plan.ts for why every command keeps its imports light.
      const { runDrift } = require("../drift/run-drift") as typeof RunDrift;
      const { selectStacks } = require("../orchestrate/select") as typeof Select;
      const { automationRunner } = require("../runner/automation") as typeof Automation;
      const { findPulumiCli } = require("../runner/pulumi-cli") as typeof PulumiCli;
      // A mistake in the command line is reported before a missing Pulumi CLI: it is the one to fix first.
      const selection = selectStacks(REPO_ROOT, options);
      const pulumi = await findPulumiCli();
      const say = (line: string): void => void process.stderr.write(`${line}\n`);
      selection.skipped.forEach(({ stack, reason }) => say(`${stack}: skipped (${reason})`));
      const server = process.env.GITHUB_SERVER_URL;
      const runUrl = server && process.env.GITHUB_REPOSITORY && process.env.GITHUB_RUN_ID ? `${server}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}` : undefined;
      const drift = await runDrift({
        root: REPO_ROOT,
        env: options.env,
        stacks: selection.stacks,
        runner: automationRunner(REPO_ROOT, pulumi, { color: !colorDisabled(process.env) }),
        progress: say,
        ...(runUrl ? { runUrl } : {}),
      });
      process.stdout.write(drift.markdown);
      if (options.output) fs.writeFileSync(options.output, drift.markdown);
      if (drift.drifted.length > 0) say(`platform: drift in ${drift.drifted.join(", ")} (${options.env}); see the report.`);
      process.exitCode = drift.exitCode;
    });
}
