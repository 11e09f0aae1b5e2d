import { diffPlans, type DiffablePlan } from "./diff";
import { renderReport } from "../report";
import type { ReportModel } from "../report/model";
import type { PlanResult } from "./model";

const ROOT_TYPES = new Set(["pulumi:pulumi:Stack"]);

/** Where each plan ran, so paths inside inputs (a Docker build context) compare repo-relative. */
export interface PlanRoots {
  readonly head: string;
  readonly base: string;
}

/** A string input under the checkout's root, as the same path relative to it. */
function relativeTo(root: string, value: unknown): unknown {
  if (typeof value === "string") {
    if (value === root) return ".";
    return value.startsWith(`${root}/`) ? value.slice(root.length + 1) : value;
  }
  if (Array.isArray(value)) return value.map((v) => relativeTo(root, v));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, relativeTo(root, v)]));
  return value;
}

/** The first line of a failure that says what went wrong, for the "failed: <reason>" heading. */
export function failureReason(message: string): string {
  const lines = message.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines[0] ?? "the offline run failed without a message";
}

/** The shape the plan differ compares: every planned stack's resources and violations. */
function diffable(plan: PlanResult, root?: string): DiffablePlan {
  return {
    env: plan.env,
    stacks: plan.stacks
      // A stack without a project has nothing; one skipped for a failed upstream is unknown, not empty.
      .filter((s) => !s.quiet && (s.status !== "skipped" || s.upstreamFailed !== undefined))
      .map((s) => {
        if (s.status === "failed") return { stack: s.stack, resources: [], violations: [], failure: s.message };
        if (s.status === "skipped") return { stack: s.stack, resources: [], violations: [], failure: `not planned: ${s.reason}` };
        const resources = s.run.resources.filter((r) => !ROOT_TYPES.has(r.type));
        return {
          stack: s.stack,
          resources: root === undefined ? resources : resources.map((r) => ({ ...r, inputs: relativeTo(root, r.inputs) as Record<string, unknown> })),
          violations: s.violations,
        };
      }),
  };
}

export interface PlanDiffOptions {
  readonly baseRef?: string;
  readonly roots?: PlanRoots;
  /** Caveats for the whole comment (e.g. the base planned with this checkout's node_modules). */
  readonly notes?: readonly string[];
}

/** The head plan against the base ref's (or, without one, against nothing: every resource a create). */
export function planDiffModel(head: PlanResult, base?: PlanResult, options: PlanDiffOptions = {}): ReportModel {
  const empty: PlanResult = { env: head.env, stacks: [], policyChecked: false, durationMs: 0 };
  const model = diffPlans(diffable(base ?? empty, options.roots?.base), diffable(head, options.roots?.head));
  const warnings = new Map(head.stacks.map((s) => [s.stack as string, s.status === "skipped" ? [] : (s.warnings ?? [])]));
  const stacks = model.stacks.map((s) => {
    const logged = (warnings.get(s.stack) ?? []).map((message) => ({ severity: "warning" as const, message: `the program logged: ${message}` }));
    const errors = s.failure !== undefined ? [{ severity: "error" as const, message: s.failure }] : [];
    return { ...s, ...(s.failure !== undefined ? { failure: failureReason(s.failure) } : {}), diagnostics: [...s.diagnostics, ...errors, ...logged] };
  });
  const title = options.baseRef ? `Offline plan (${head.env}): this change against ${options.baseRef}` : `Offline plan (${head.env})`;
  return { ...model, stacks, title, ...(options.notes?.length ? { notes: options.notes } : {}) };
}

/** The pull-request comment of `platform plan --format markdown`. */
export function renderPlanMarkdown(head: PlanResult, base?: PlanResult, options: PlanDiffOptions = {}): string {
  return renderReport(planDiffModel(head, base, options));
}
