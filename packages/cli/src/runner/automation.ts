import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, StackNotFoundError, type EngineEvent, type PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { STACKS, type StackName } from "@platform/wiring";
import type { Operation, RunOutcome, RunSettings, StackRunner, StackTarget } from "../orchestrate/types";
import { lineSplitter } from "./lines";

/**
 * The Automation API adapter: one LocalWorkspace per stack folder, the stack named after the
 * environment, the repository's policy pack with the environment's policy config, every engine
 * event appended to the target's JSON Lines log, and the engine's display streamed line by line.
 * Kept thin: decisions live in orchestrate/.
 */
export function automationRunner(root: string, pulumiCommand: PulumiCommand, options: { color: boolean }): StackRunner {
  const workDir = (stack: StackName): string => path.join(root, STACKS[stack].dir);
  const policyPacks = [path.join(root, "policies")];
  const select = (target: StackTarget): Promise<Stack> => LocalWorkspace.selectStack({ stackName: target.env, workDir: workDir(target.stack) }, { pulumiCommand });

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

    async run(operation: Operation, target: StackTarget, settings: RunSettings): Promise<RunOutcome> {
      fs.mkdirSync(path.dirname(target.eventLog), { recursive: true });
      fs.writeFileSync(target.eventLog, "");
      let resourceChanges: Record<string, number> = {};
      const onEvent = (event: EngineEvent): void => {
        fs.appendFileSync(target.eventLog, `${JSON.stringify(event)}\n`);
        if (event.summaryEvent) resourceChanges = { ...event.summaryEvent.resourceChanges };
      };
      const out = lineSplitter(settings.onOutput);
      const err = lineSplitter(settings.onOutput);
      const stream = { onEvent, onOutput: out.write, onError: err.write, color: options.color ? ("auto" as const) : ("never" as const) };
      const policyConfig = path.join(root, "policies", "config", `${target.env}.json`);
      const policy = { policyPacks, policyPackConfigs: fs.existsSync(policyConfig) ? [policyConfig] : [] };
      try {
        // Destroy and refresh act on an existing stack only; selecting (not creating) also keeps
        // the read-only drift role from having to write a new stack into the state bucket.
        if (operation === "refresh") await (await select(target)).previewRefresh(stream);
        else if (operation === "destroy") {
          const stack = await select(target);
          if (settings.previewOnly) await stack.previewDestroy(stream);
          else await stack.destroy(stream);
        } else {
          const stack = await LocalWorkspace.createOrSelectStack({ stackName: target.env, workDir: workDir(target.stack) }, { pulumiCommand });
          if (operation === "preview" || settings.previewOnly) await stack.preview({ ...policy, ...stream });
          else await stack.up({ ...policy, ...stream });
        }
      } finally {
        out.flush();
        err.flush();
      }
      return { resourceChanges };
    },
  };
}
