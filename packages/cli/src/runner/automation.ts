import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, StackNotFoundError, type EngineEvent, type PulumiCommand } from "@pulumi/pulumi/automation";
import { STACKS, type StackName } from "@platform/wiring";
import type { Operation, RunOutcome, StackRunner, StackTarget } from "../orchestrate/types";

/**
 * The Automation API adapter: one LocalWorkspace per stack folder, the stack named after the
 * environment, the repository's policy pack with the environment's policy config, and every
 * engine event appended to the target's JSON Lines log. Kept thin: decisions live in orchestrate/.
 */
export function automationRunner(root: string, pulumiCommand: PulumiCommand): StackRunner {
  const workDir = (stack: StackName): string => path.join(root, STACKS[stack].dir);
  const policyPacks = [path.join(root, "policies")];

  return {
    async isDeployed(stack, env) {
      try {
        const selected = await LocalWorkspace.selectStack({ stackName: env, workDir: workDir(stack) }, { pulumiCommand });
        return Object.keys(await selected.outputs()).length > 0;
      } catch (error) {
        if (error instanceof StackNotFoundError) return false;
        throw error;
      }
    },

    async run(operation: Operation, target: StackTarget): Promise<RunOutcome> {
      fs.mkdirSync(path.dirname(target.eventLog), { recursive: true });
      fs.writeFileSync(target.eventLog, "");
      let resourceChanges: Record<string, number> = {};
      const onEvent = (event: EngineEvent): void => {
        fs.appendFileSync(target.eventLog, `${JSON.stringify(event)}\n`);
        if (event.summaryEvent) resourceChanges = { ...event.summaryEvent.resourceChanges };
      };
      const stack = await LocalWorkspace.createOrSelectStack({ stackName: target.env, workDir: workDir(target.stack) }, { pulumiCommand });
      const policyConfig = path.join(root, "policies", "config", `${target.env}.json`);
      const policy = { policyPacks, policyPackConfigs: fs.existsSync(policyConfig) ? [policyConfig] : [] };
      if (operation === "preview") await stack.preview({ ...policy, onEvent });
      else if (operation === "up") await stack.up({ ...policy, onEvent });
      else await stack.destroy({ onEvent });
      return { resourceChanges };
    },
  };
}
