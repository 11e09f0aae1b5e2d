import type { StackName } from "@platform/wiring";
import type { StackRun } from "@platform/offline";

/** A policy violation found by the offline plan, attributed to a stack and a resource. */
export interface PlanViolation {
  readonly stack: StackName;
  readonly urn?: string;
  readonly policyName: string;
  readonly policyPackName: string;
  readonly enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
  readonly severity?: string;
  /** The Security Hub control the policy checks (`S3.17`); absent for the platform's own rules. */
  readonly control?: string;
  readonly message: string;
}

export type StackPlan =
  | { readonly stack: StackName; readonly status: "planned"; readonly run: StackRun; readonly durationMs: number; readonly violations: readonly PlanViolation[]; readonly warnings?: readonly string[] }
  | { readonly stack: StackName; readonly status: "failed"; readonly message: string; readonly userError: boolean; readonly durationMs: number; readonly warnings?: readonly string[] }
  /** No Pulumi project in the stack's folder yet, or an upstream failed. */
  | { readonly stack: StackName; readonly status: "skipped"; readonly reason: string; readonly upstreamFailed?: StackName };

/** The whole offline plan of one environment: what `npm start` prints and `--format json` writes. */
export interface PlanResult {
  readonly env: string;
  /** Stacks in graph order. Upstreams planned only to feed `--stack` have `quiet: true`, unless they failed. */
  readonly stacks: readonly (StackPlan & { readonly quiet?: boolean })[];
  /** Whether the policy pack ran; false with --no-policy. */
  readonly policyChecked: boolean;
  /** The `--set <stack>.<key>=<value>` overrides the plan used, as given; absent without any. */
  readonly overrides?: readonly string[];
  /** Planned as a first `pulumi preview` sees it (--preview): computed values of new resources unknown. */
  readonly preview?: boolean;
  readonly durationMs: number;
}

export function mandatoryViolations(plan: PlanResult): PlanViolation[] {
  return plan.stacks.flatMap((s) => (s.status === "planned" ? s.violations.filter((v) => v.enforcementLevel === "mandatory") : []));
}

export function planFailed(plan: PlanResult): boolean {
  return plan.stacks.some((s) => s.status === "failed") || mandatoryViolations(plan).length > 0;
}

/** A cloud resource the plan would create: not a component, not the stack, not a stack reference. */
export function isManagedResource(r: { readonly custom: boolean; readonly type: string }): boolean {
  return r.custom && !r.type.startsWith("pulumi:");
}
