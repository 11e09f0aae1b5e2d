import { changedFiles } from "./git";
import { computeAffected, type AffectedStack } from "./compute";
import { readWorkspaceLayout } from "./workspace";

export type { AffectedStack } from "./compute";

export interface AffectedResult {
  readonly base: string;
  /** The environment the result is for; absent means any (a config change of any environment counts). */
  readonly env?: string;
  readonly changedFiles: readonly string[];
  readonly stacks: readonly AffectedStack[];
}

/**
 * The stacks a change since `base` touches, plus everything downstream. `cwd` is the monorepo
 * root: changed paths and the workspace layout are both read relative to it.
 */
export function affectedStacks(options: { base: string; cwd: string; env?: string }): AffectedResult {
  const files = changedFiles(options.cwd, options.base);
  return {
    base: options.base,
    ...(options.env !== undefined ? { env: options.env } : {}),
    changedFiles: files,
    stacks: computeAffected(files, readWorkspaceLayout(options.cwd), options.env),
  };
}

/** Text output: one stack a line with its reasons, or a sentence saying nothing is affected. */
export function renderAffectedText(result: AffectedResult): string {
  const where = result.env !== undefined ? ` in ${result.env}` : "";
  if (result.stacks.length === 0) return `No stack${where} is affected by the ${result.changedFiles.length} file(s) changed since ${result.base}.\n`;
  return result.stacks.map((s) => `${s.stack}\t${s.reasons.join("; ")}`).join("\n") + "\n";
}
