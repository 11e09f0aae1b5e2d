import { holdsData } from "../report/holds-data";
import { inGraphOrder } from "../report";
import type { EnforcementLevel, PolicyViolation, ReportModel, ResourceChange, StackChangeSet } from "../report/model";
import { propertyChanges } from "./diff-paths";
import { propertyForcesReplacement, replacingPaths } from "./force-new";

/**
 * The offline plan of one stack, as `platform plan` produces it: the resources the program
 * registered (a StackRun from packages/offline satisfies this) and the policy pack's violations.
 */
export interface DiffableStack {
  readonly stack: string;
  readonly resources: readonly {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
    /** Input property name -> URNs its value came from (to see who takes a replaced resource's outputs). */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  }[];
  readonly violations: readonly {
    readonly urn?: string;
    readonly policyName: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity?: string;
    readonly control?: string;
    readonly message: string;
  }[];
  /** Set when the stack could not be planned: why. Its resources are then unknown. */
  readonly failure?: string;
}

export interface DiffablePlan {
  readonly env: string;
  readonly stacks: readonly DiffableStack[];
}

type Resource = DiffableStack["resources"][number];
type Violation = DiffableStack["violations"][number];

function directChange(old: Resource | undefined, r: Resource): ResourceChange {
  const base = { urn: r.urn, type: r.type, name: r.name, holdsData: holdsData(r.type) };
  if (old === undefined) return { ...base, op: "create" };
  const changes = propertyChanges(old.inputs, r.inputs);
  if (changes.length === 0) return { ...base, op: "same" };
  const changedPaths = changes.map((c) => c.path);
  const replaceReasons = replacingPaths(r.type, changedPaths);
  return { ...base, op: replaceReasons.length > 0 ? "replace" : "update", changedPaths, changes, ...(replaceReasons.length > 0 ? { replaceReasons } : {}) };
}

/**
 * A resource that takes an output of a replaced resource changes too: the new resource has a
 * new id/ARN, unknown until it exists, as `pulumi preview` shows it. When the property fed by it
 * is force-new, the change is a replacement, which can cascade (VPC -> subnets -> associations).
 */
function withReplacedReferences(head: readonly Resource[], changes: Map<string, ResourceChange>): void {
  const direct = new Map(changes);
  let changed = true;
  while (changed) {
    changed = false;
    for (const r of head) {
      const own = direct.get(r.urn);
      if (!own || own.op === "create") continue;
      const fed = Object.entries(r.propertyDependencies ?? {}).flatMap(([property, urns]) =>
        urns.flatMap((u) => (u !== r.urn && changes.get(u)?.op === "replace" ? [{ property, by: (changes.get(u) as ResourceChange).name }] : [])),
      );
      const byNames = [...new Set(fed.map((f) => f.by))].sort();
      if (byNames.length === 0 || changes.get(r.urn)?.replacedReferences?.join("\0") === byNames.join("\0")) continue;
      const properties = [...new Set(fed.map((f) => f.property))];
      const forcing = properties.filter((p) => propertyForcesReplacement(r.type, p));
      const changedPaths = [...new Set([...(own.changedPaths ?? []), ...properties])].sort();
      const replaceReasons = [...new Set([...(own.replaceReasons ?? []), ...forcing])].sort();
      const op = own.op === "replace" || forcing.length > 0 ? "replace" : "update";
      changes.set(r.urn, { ...own, op, changedPaths, ...(replaceReasons.length > 0 ? { replaceReasons } : {}), replacedReferences: byNames });
      changed = true;
    }
  }
}

function resourceChanges(base: readonly Resource[], head: readonly Resource[]): ResourceChange[] {
  const before = new Map(base.map((r) => [r.urn, r]));
  const after = new Set(head.map((r) => r.urn));
  const changes = new Map(head.map((r) => [r.urn, directChange(before.get(r.urn), r)]));
  withReplacedReferences(head, changes);
  const deleted = base.filter((r) => !after.has(r.urn)).map((r): ResourceChange => ({ urn: r.urn, type: r.type, name: r.name, op: "delete", holdsData: holdsData(r.type) }));
  return [...changes.values(), ...deleted];
}

const toViolation = (v: Violation): PolicyViolation => ({
  ...(v.urn ? { urn: v.urn } : {}),
  policyName: v.policyName,
  enforcementLevel: v.enforcementLevel,
  ...(v.severity ? { severity: v.severity } : {}),
  ...(v.control ? { control: v.control } : {}),
  message: v.message,
});

/** Same finding: same policy on the same resource. */
const samePolicy = (a: Violation, b: Violation): boolean => a.policyName === b.policyName && (a.urn ?? "") === (b.urn ?? "");
/** The same Security Hub control still fails on the same resource (e.g. an advisory turned into a mandatory one). */
const sameControl = (a: Violation, b: Violation): boolean => a.control !== undefined && a.control === b.control && (a.urn ?? "") === (b.urn ?? "");

/**
 * Compares two offline plans (the base ref's and the working tree's) resource by resource, keyed
 * by URN: added, removed, changed with the input paths and values that differ, replaced when a
 * changed input is one the AWS provider cannot update in place (data/force-new.json), or when an
 * input comes from a replaced resource; policy violations the change introduces and fixes. A
 * stack that failed to plan in the head says so, and its resources are unknown, not deleted.
 */
export function diffPlans(base: DiffablePlan, head: DiffablePlan): ReportModel {
  const baseStacks = new Map(base.stacks.map((s) => [s.stack, s]));
  const headStacks = new Map(head.stacks.map((s) => [s.stack, s]));
  const names = [...new Set([...head.stacks.map((s) => s.stack), ...base.stacks.map((s) => s.stack)])];
  const empty = (stack: string): DiffableStack => ({ stack, resources: [], violations: [] });
  const stacks: StackChangeSet[] = names.map((name) => {
    const b = baseStacks.get(name) ?? empty(name);
    const h = headStacks.get(name) ?? empty(name);
    const common = { stack: name, source: "offline plan", kind: "plan diff" as const, diagnostics: [] };
    if (h.failure !== undefined) {
      return { ...common, result: "failed" as const, failure: h.failure, unknownResources: b.resources.length, resources: [], violations: [], fixedViolations: [] };
    }
    return {
      ...common,
      resources: resourceChanges(b.resources, h.resources),
      violations: h.violations.filter((v) => !b.violations.some((o) => samePolicy(v, o))).map(toViolation),
      fixedViolations: b.violations.filter((v) => !h.violations.some((n) => samePolicy(v, n) || sameControl(v, n))).map(toViolation),
    };
  });
  return { title: `Offline plan diff (${head.env})`, stacks: inGraphOrder(stacks) };
}
