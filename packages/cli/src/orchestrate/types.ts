import type { StackName } from "@platform/wiring";

export type Operation = "preview" | "up" | "destroy";

/** One stack of one environment, and where its engine events go. */
export interface StackTarget {
  readonly stack: StackName;
  readonly env: string;
  /** JSON Lines file the runner writes every engine event to, for `platform report`. */
  readonly eventLog: string;
}

/** What a finished run reports: the engine's resource-change counts (`{ create: 1, same: 4 }`). */
export interface RunOutcome {
  readonly resourceChanges: Readonly<Record<string, number>>;
}

/**
 * The engine behind the orchestration. The real one drives the Pulumi Automation API
 * (src/runner/automation.ts); tests inject their own. `run` throws when the operation fails;
 * a UserError (e.g. the Pulumi CLI is missing) aborts the whole run.
 */
export interface StackRunner {
  /** Whether the stack has been deployed in this environment (exists and has outputs). */
  isDeployed(stack: StackName, env: string): Promise<boolean>;
  run(operation: Operation, target: StackTarget): Promise<RunOutcome>;
}

export type StackStatus = "succeeded" | "failed" | "waiting" | "not run";

export interface StackResult {
  readonly stack: StackName;
  readonly status: StackStatus;
  /** Change counts, the failure's message, or what it waits for. */
  readonly detail: string;
}

export interface RunPlan {
  readonly operation: Operation;
  readonly env: string;
  /** Stacks to run, in any order; the orchestrator orders them by the graph. */
  readonly stacks: readonly StackName[];
  readonly eventLogFor: (stack: StackName) => string;
}
