import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, StackNotFoundError, type EngineEvent, type PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { STACKS, type StackName } from "@platform/wiring";
import type { Operation, RunOutcome, RunSettings, StackRunner, StackTarget } from "../orchestrate/types";
import { packConfigFile } from "../plan/pack-config";
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
  // Every operation selects, never creates: a stack is created once, with the bootstrap's secrets
  // provider (bootstrap/README.md), which the Automation API's createOrSelectStack would leave
  // out; and the read-only preview and drift roles must not write a new stack into the state bucket.
  const select = async (target: StackTarget): Promise<Stack | undefined> => {
    try {
      return await LocalWorkspace.selectStack({ stackName: target.env, workDir: workDir(target.stack) }, { pulumiCommand });
    } catch (error) {
      if (error instanceof StackNotFoundError) return undefined;
      throw error;
    }
  };
  const missing = (target: StackTarget): Error => {
    const dir = path.relative(root, workDir(target.stack)) || ".";
    return new Error(
      `error: the ${target.env} stack of ${target.stack} does not exist in this backend. Create it once, with the bootstrap's secrets provider: ` +
        `pulumi stack init ${target.env} -C ${dir} --secrets-provider "<the bootstrap's secretsProvider output>" (bootstrap/README.md)`,
    );
  };

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
      // runOperation refuses an environment without pack config before anything runs (commands/run.ts).
      const policy = { policyPacks, policyPackConfigs: [packConfigFile(root, target.env)] };
      try {
        const stack = await select(target);
        if (stack === undefined) {
          if (operation !== "destroy") throw missing(target);
          settings.onOutput(`The ${target.env} stack of ${target.stack} does not exist in this backend: nothing to destroy.`);
          return { resourceChanges: {} };
        }
        if (operation === "refresh") await stack.previewRefresh(stream);
        else if (operation === "destroy") {
          if (settings.previewOnly) await stack.previewDestroy(stream);
          else await stack.destroy(stream);
        } else if (operation === "preview" || settings.previewOnly) await stack.preview({ ...policy, ...stream });
        else await stack.up({ ...policy, ...stream });
      } finally {
        out.flush();
        err.flush();
      }
      return { resourceChanges };
    },
  };
}
