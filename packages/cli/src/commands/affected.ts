import type { Command } from "commander";
import type * as Affected from "../affected";
import { assertKnownEnvironment } from "../environments";
import { UserError } from "../errors";
import { REPO_ROOT } from "../repo";

export function registerAffectedCommand(program: Command): void {
  program
    .command("affected")
    .description("stacks a change touches since --base, plus everything downstream of them")
    .requiredOption("--base <ref>", "git ref to compare with (the pull request's base, e.g. origin/main, or deployed/dev)")
    .option("-e, --env <env>", "only what affects this environment: another environment's Pulumi.<env>.yaml or policy config does not count")
    .option("--format <format>", "text or json", "text")
    .action((options: { base: string; env?: string; format: string }) => {
      if (options.format !== "text" && options.format !== "json") {
        throw new UserError(`unknown --format "${options.format}" for affected; use text or json.`);
      }
      if (options.env !== undefined) assertKnownEnvironment(REPO_ROOT, options.env);
      // Loaded when the command runs (main.ts): see commands/plan.ts for why every command keeps its imports light.
      const { affectedStacks, renderAffectedText } = require("../affected") as typeof Affected;
      const result = affectedStacks({ base: options.base, cwd: REPO_ROOT, ...(options.env !== undefined ? { env: options.env } : {}) });
      process.stdout.write(options.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderAffectedText(result));
    });
}
