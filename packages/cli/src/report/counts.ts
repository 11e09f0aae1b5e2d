import { isExempted } from "./exempted";
import { CHANGE_OPS, type ChangeOp, type StackChangeSet } from "./model";

export interface StackCounts {
  readonly ops: Readonly<Record<ChangeOp, number>>;
  readonly mandatory: number;
  /** Advisories other than exempted violations. */
  readonly advisory: number;
  /** Violations a reviewed exemption accepts (reported as advisories saying so). */
  readonly exempted: number;
  readonly errors: number;
  readonly warnings: number;
  /** Replacements and deletions of resources that hold data. */
  readonly dataLoss: number;
}

export function countsOf(stack: StackChangeSet): StackCounts {
  const ops = Object.fromEntries(CHANGE_OPS.map((op) => [op, stack.resources.filter((r) => r.op === op).length])) as Record<ChangeOp, number>;
  ops.same += stack.unlistedUnchanged ?? 0;
  return {
    ops,
    mandatory: stack.violations.filter((v) => v.enforcementLevel === "mandatory").length,
    advisory: stack.violations.filter((v) => v.enforcementLevel === "advisory" && !isExempted(v)).length,
    exempted: stack.violations.filter(isExempted).length,
    errors: stack.diagnostics.filter((d) => d.severity === "error").length,
    warnings: stack.diagnostics.filter((d) => d.severity === "warning").length,
    dataLoss: stack.resources.filter((r) => r.holdsData && (r.op === "replace" || r.op === "delete")).length,
  };
}
