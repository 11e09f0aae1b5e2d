import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import type * as Confirm from "../orchestrate/confirm";
import type * as Orchestrate from "../orchestrate/orchestrate";
import type * as Select from "../orchestrate/select";
import type { Operation } from "../orchestrate/types";
import { UserError } from "../errors";
import { packConfigFile } from "../plan/pack-config";
import { REPO_ROOT } from "../repo";
import type * as Automation from "../runner/automation";
import type * as PulumiCli from "../runner/pulumi-cli";
import { colorDisabled } from "../terminal";

interface RunOptions {
  env: string;
  stack?: string[];
  affected?: boolean;
  base?: string;
  yes?: boolean;
}

/** Where a stack's engine events go; `platform report .platform/events/<env>/*.jsonl` reads them. */
export const eventLogDir = (root: string, env: string): string => path.join(root, ".platform", "events", env);

async function runOperation(operation: Operation, options: RunOptions): Promise<void> {
  // Loaded when the command runs (main.ts): see commands/plan.ts for why every command keeps its imports light.
  const { askOnTerminal, confirmationFor } = require("../orchestrate/confirm") as typeof Confirm;
  const { orchestrate, renderRunSummary, runExitCode } = require("../orchestrate/orchestrate") as typeof Orchestrate;
  const { selectStacks } = require("../orchestrate/select") as typeof Select;
  const { automationRunner } = require("../runner/automation") as typeof Automation;
  const { findPulumiCli } = require("../runner/pulumi-cli") as typeof PulumiCli;
  // A mistake in the command line is reported first (before a missing terminal or Pulumi CLI): it is the one to fix.
  const selection = selectStacks(REPO_ROOT, options);
  // Without it the pack would run unconfigured: every policy at its default level, nothing exempted.
  const packConfig = packConfigFile(REPO_ROOT, options.env);
  if (operation !== "destroy" && !fs.existsSync(packConfig)) {
    throw new UserError(`${path.relative(REPO_ROOT, packConfig)} does not exist: the policy pack has no config for ${options.env}. Copy policies/config/dev.json to it and set each policy's level for ${options.env}.`);
  }
  const confirm = confirmationFor(operation, { yes: options.yes === true, interactive: process.stdin.isTTY === true }, askOnTerminal);
  const pulumi = await findPulumiCli();
  const say = (line: string): void => void process.stderr.write(`${line}\n`);
  selection.skipped.forEach(({ stack, reason }) => say(`${stack}: skipped (${reason})`));
  const logs = eventLogDir(REPO_ROOT, options.env);
  // A stale log of a selected stack would be reported as if this run produced it. Other stacks'
  // logs stay: the deploy workflow runs one stack per step and uploads them all at the end.
  selection.stacks.forEach((stack) => fs.rmSync(path.join(logs, `${stack}.jsonl`), { force: true }));
  const results = await orchestrate(
    { operation, env: options.env, stacks: selection.stacks, eventLogFor: (stack) => path.join(logs, `${stack}.jsonl`), ...(confirm ? { confirm } : {}) },
    automationRunner(REPO_ROOT, pulumi, { color: !colorDisabled(process.env) }),
    say,
  );
  say(renderRunSummary(results).trimEnd());
  const exit = runExitCode(operation, results);
  if (exit.message) say(`platform: ${exit.message}`);
  if (exit.code !== 0) process.exitCode = exit.code;
}

export function registerRunCommands(program: Command): void {
  const descriptions: Record<Exclude<Operation, "refresh">, string> = {
    preview: "preview stacks in graph order with the policy pack; stacks whose upstream was never deployed wait",
    up: "deploy stacks in graph order with the policy pack, stopping at the first failure; asks after each stack's preview unless --yes",
    destroy: "destroy stacks in reverse graph order, stopping at the first failure; asks after each stack's preview unless --yes",
  };
  for (const operation of ["preview", "up", "destroy"] as const) {
    const command = program
      .command(operation)
      .description(descriptions[operation])
      .requiredOption("-e, --env <env>", "environment: the <env> of the stacks' Pulumi.<env>.yaml")
      .option("-s, --stack <names...>", "only these stacks (comma- or space-separated); the bootstrap runs only when named here")
      .option("--affected", "only the stacks changed since --base, and their downstreams")
      .option("-b, --base <ref>", "git ref for --affected, e.g. origin/main");
    if (operation !== "preview") command.option("-y, --yes", `${operation} without showing each preview and asking (needed without a terminal, e.g. in CI)`);
    command.action((options: RunOptions) => runOperation(operation, options));
  }
}
