import { holdsData } from "../report/holds-data";
import { inGraphOrder } from "../report";
import type { EnforcementLevel, PolicyViolation, ReportModel, ResourceChange, StackChangeSet } from "../report/model";
import { differingPaths } from "./diff-paths";

/**
 * The offline plan of one stack, as `platform plan` produces it: the resources the program
 * registered (a StackRun from packages/offline satisfies this) and the policy pack's violations.
 */
export interface DiffableStack {
  readonly stack: string;
  readonly resources: readonly { readonly urn: string; readonly type: string; readonly name: string; readonly inputs: Record<string, unknown> }[];
  readonly violations: readonly { readonly urn?: string; readonly policyName: string; readonly enforcementLevel: EnforcementLevel; readonly message: string }[];
}

export interface DiffablePlan {
  readonly env: string;
  readonly stacks: readonly DiffableStack[];
}

const violationKey = (v: { urn?: string; policyName: string }): string => `${v.urn ?? ""}\u0000${v.policyName}`;

function resourceChanges(base: DiffableStack["resources"], head: DiffableStack["resources"]): ResourceChange[] {
  const before = new Map(base.map((r) => [r.urn, r]));
  const after = new Map(head.map((r) => [r.urn, r]));
  const changes: ResourceChange[] = [];
  for (const r of head) {
    const old = before.get(r.urn);
    const changedPaths = old === undefined ? [] : differingPaths(old.inputs, r.inputs);
    const op = old === undefined ? "create" : changedPaths.length > 0 ? "update" : "same";
    changes.push({ urn: r.urn, type: r.type, name: r.name, op, ...(changedPaths.length > 0 ? { changedPaths } : {}), holdsData: holdsData(r.type) });
  }
  for (const r of base) {
    if (!after.has(r.urn)) changes.push({ urn: r.urn, type: r.type, name: r.name, op: "delete", holdsData: holdsData(r.type) });
  }
  return changes;
}

function violationsOnlyIn(these: DiffableStack["violations"], other: DiffableStack["violations"]): PolicyViolation[] {
  const otherKeys = new Set(other.map(violationKey));
  return these.filter((v) => !otherKeys.has(violationKey(v))).map((v) => ({ ...(v.urn ? { urn: v.urn } : {}), policyName: v.policyName, enforcementLevel: v.enforcementLevel, message: v.message }));
}

/**
 * Compares two offline plans (the base ref's and the working tree's) resource by resource, keyed
 * by URN: added, removed, changed with the input paths that differ; policy violations the change
 * introduces and fixes. The offline engine has no provider diff, so nothing is a `replace`.
 */
export function diffPlans(base: DiffablePlan, head: DiffablePlan): ReportModel {
  const baseStacks = new Map(base.stacks.map((s) => [s.stack, s]));
  const headStacks = new Map(head.stacks.map((s) => [s.stack, s]));
  const names = [...new Set([...head.stacks.map((s) => s.stack), ...base.stacks.map((s) => s.stack)])];
  const empty = (stack: string): DiffableStack => ({ stack, resources: [], violations: [] });
  const stacks: StackChangeSet[] = names.map((name) => {
    const b = baseStacks.get(name) ?? empty(name);
    const h = headStacks.get(name) ?? empty(name);
    return {
      stack: name,
      source: "offline plan",
      kind: "plan diff",
      resources: resourceChanges(b.resources, h.resources),
      violations: violationsOnlyIn(h.violations, b.violations),
      fixedViolations: violationsOnlyIn(b.violations, h.violations),
      diagnostics: [],
    };
  });
  return { title: `Offline plan diff (${head.env})`, stacks: inGraphOrder(stacks) };
}
