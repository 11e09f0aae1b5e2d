import { diffPlans, type PlanResult as DiffablePlan } from "../plan-diff";
import { renderReport } from "../report";
import type { ReportModel, StackChangeSet } from "../report/model";
import type { PlanResult } from "./model";

const ROOT_TYPES = new Set(["pulumi:pulumi:Stack"]);

/** The shape the plan differ compares: every planned stack's resources and violations. */
function diffable(plan: PlanResult): DiffablePlan {
  return {
    env: plan.env,
    stacks: plan.stacks
      .filter((s) => !s.quiet)
      .map((s) => ({
        stack: s.stack,
        resources: s.status === "planned" ? s.run.resources.filter((r) => !ROOT_TYPES.has(r.type)) : [],
        violations: s.status === "planned" ? s.violations : [],
      })),
  };
}

/** A failed stack has no resources to compare; say why under its heading instead. */
function withFailures(model: ReportModel, head: PlanResult): ReportModel {
  const failures = new Map(head.stacks.flatMap((s) => (s.status === "failed" ? [[s.stack as string, s.message] as const] : [])));
  const stacks: StackChangeSet[] = model.stacks.map((s) =>
    failures.has(s.stack) ? { ...s, result: "failed", diagnostics: [...s.diagnostics, { severity: "error", message: `the offline plan of this stack failed:\n${failures.get(s.stack)}` }] } : s,
  );
  return { ...model, stacks };
}

/**
 * The pull-request comment of `platform plan --format markdown`: the head plan against the base
 * ref's (or, without --base, against nothing, so every resource is a create).
 */
export function renderPlanMarkdown(head: PlanResult, base?: PlanResult, baseRef?: string): string {
  const empty: PlanResult = { env: head.env, stacks: [], policyChecked: false, durationMs: 0 };
  const model = withFailures(diffPlans(diffable(base ?? empty), diffable(head)), head);
  const title = baseRef ? `Offline plan (${head.env}): this change against ${baseRef}` : `Offline plan (${head.env})`;
  return renderReport({ ...model, title });
}
