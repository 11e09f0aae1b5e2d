import type { StackName } from "@platform/wiring";

/** `refresh` is only ever run as a preview (`platform drift`): it compares state with the cloud and writes nothing. */
export type Operation = "preview" | "up" | "destroy" | "refresh";

/** One stack of one environment, and where its engine events go. */
export interface StackTarget {
  readonly stack: StackName;
  readonly env: string;
  /** JSON Lines file the runner writes every engine event to, for `platform report`. */
  readonly eventLog: string;
}

/** How one operation runs: as a preview only, and where the engine's own output lines go. */
export interface RunSettings {
  /** Show what the operation would do and change nothing (`up` -> preview, `destroy`/`refresh --preview-only`). */
  readonly previewOnly: boolean;
  /** Each line the engine prints (its progress display, diagnostics), as it prints it. */
  readonly onOutput: (line: string) => void;
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
  run(operation: Operation, target: StackTarget, settings: RunSettings): Promise<RunOutcome>;
}

export type StackStatus = "succeeded" | "failed" | "waiting" | "declined" | "not deployed" | "not run";

export interface StackResult {
  readonly stack: StackName;
  readonly status: StackStatus;
  /** Change counts, the failure's message, or what it waits for. */
  readonly detail: string;
  /** The engine's change counts, when the stack ran. */
  readonly resourceChanges?: Readonly<Record<string, number>>;
}

/** Asks the person at the terminal a yes/no question; resolves true only for an explicit yes. */
export type Confirm = (question: string) => Promise<boolean>;

export interface RunPlan {
  readonly operation: Operation;
  readonly env: string;
  /** Stacks to run, in any order; the orchestrator orders them by the graph. */
  readonly stacks: readonly StackName[];
  readonly eventLogFor: (stack: StackName) => string;
  /**
   * up/destroy: when set, each stack is previewed first and runs only if this answers yes
   * (`platform up` without `--yes`). Absent means run without asking (`--yes`, CI).
   */
  readonly confirm?: Confirm;
}
