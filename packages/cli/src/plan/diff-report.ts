import { diffPlans, type DiffablePlan } from "./diff";
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

/** The head plan against the base ref's (or, without one, against nothing: every resource a create). */
export function planDiffModel(head: PlanResult, base?: PlanResult, baseRef?: string): ReportModel {
  const empty: PlanResult = { env: head.env, stacks: [], policyChecked: false, durationMs: 0 };
  const model = withFailures(diffPlans(diffable(base ?? empty), diffable(head)), head);
  const title = baseRef ? `Offline plan (${head.env}): this change against ${baseRef}` : `Offline plan (${head.env})`;
  return { ...model, title };
}

/** The pull-request comment of `platform plan --format markdown`. */
export function renderPlanMarkdown(head: PlanResult, base?: PlanResult, baseRef?: string): string {
  return renderReport(planDiffModel(head, base, baseRef));
}

const SIGN: Readonly<Record<string, string>> = { create: "+", update: "~", replace: "+-", delete: "-" };

/** The same comparison for a terminal: changed resources per stack, then policy changes. */
export function renderPlanDiffText(model: ReportModel): string {
  const lines = [`${model.title}:`];
  for (const stack of model.stacks) {
    const changed = stack.resources.filter((r) => r.op !== "same");
    const fixed = stack.fixedViolations ?? [];
    if (changed.length === 0 && stack.violations.length === 0 && fixed.length === 0 && stack.diagnostics.length === 0) {
      lines.push(`  ${stack.stack}: no changes`);
      continue;
    }
    lines.push(`  ${stack.stack}:`);
    for (const r of changed) {
      const paths = r.changedPaths?.length ? `  (${r.changedPaths.join(", ")})` : "";
      const data = r.holdsData && (r.op === "delete" || r.op === "replace") ? "  [holds data]" : "";
      lines.push(`    ${(SIGN[r.op] ?? r.op).padEnd(2)} ${r.type} ${r.name}${paths}${data}`);
    }
    for (const v of stack.violations) lines.push(`    new ${v.enforcementLevel} violation ${v.policyName}: ${v.message.split("\n")[0]}`);
    for (const v of fixed) lines.push(`    fixed ${v.enforcementLevel} violation ${v.policyName}`);
    for (const d of stack.diagnostics) lines.push(`    ${d.severity}: ${d.message.split("\n")[0]}`);
  }
  return `${lines.join("\n")}\n`;
}
