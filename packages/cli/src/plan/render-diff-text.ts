import type { ReportModel, ResourceChange, StackChangeSet } from "../report/model";

const SIGN: Readonly<Record<string, string>> = { create: "+", update: "~", replace: "+-", delete: "-" };

/** Most dangerous first: data-holding replacements and deletions, other replacements and deletions, updates, creates. */
export function dangerRank(r: ResourceChange): number {
  const destructive = r.op === "replace" || r.op === "delete";
  if (destructive && r.holdsData) return 0;
  if (destructive) return 1;
  return r.op === "update" ? 2 : 3;
}

function resourceLines(r: ResourceChange): string[] {
  const reasons = r.replaceReasons?.length ? `  forces replacement: ${r.replaceReasons.join(", ")}` : "";
  const data = r.holdsData && (r.op === "delete" || r.op === "replace") ? "  [holds data]" : "";
  const because = r.replacedReferences?.length ? `  (${r.replacedReferences.join(", ")} ${r.replacedReferences.length > 1 ? "are" : "is"} replaced)` : "";
  const paths = !reasons && !r.changes && r.changedPaths?.length ? `  (${r.changedPaths.join(", ")})` : "";
  const lines = [`    ${(SIGN[r.op] ?? r.op).padEnd(2)} ${r.type} ${r.name}${reasons}${paths}${data}${because}`];
  for (const c of r.changes ?? []) lines.push(`         ${c.path}: ${c.before ?? "(none)"} → ${c.after ?? "(none)"}`);
  return lines;
}

function stackLines(stack: StackChangeSet): string[] {
  if (stack.failure !== undefined) {
    const unknown = stack.unknownResources ? `  (${stack.unknownResources} resources of the base: unknown)` : "";
    return [`  ${stack.stack}: failed: ${stack.failure}${unknown}`];
  }
  const changed = stack.resources.filter((r) => r.op !== "same").sort((a, b) => dangerRank(a) - dangerRank(b));
  const fixed = stack.fixedViolations ?? [];
  const warnings = stack.diagnostics.filter((d) => d.severity === "warning");
  if (changed.length === 0 && stack.violations.length === 0 && fixed.length === 0 && stack.diagnostics.length === 0) return [`  ${stack.stack}: no changes`];
  const mandatory = stack.violations.filter((v) => v.enforcementLevel === "mandatory");
  const rest = stack.violations.filter((v) => v.enforcementLevel !== "mandatory");
  const violation = (v: StackChangeSet["violations"][number]): string => {
    const tags = [v.severity, v.control].filter(Boolean).join(", ");
    return `    new ${v.enforcementLevel} violation ${v.policyName}${tags ? ` [${tags}]` : ""}: ${v.message.split("\n")[0]}`;
  };
  return [
    `  ${stack.stack}:`,
    ...changed.filter((r) => dangerRank(r) === 0).flatMap(resourceLines),
    ...mandatory.map(violation),
    ...changed.filter((r) => dangerRank(r) > 0).flatMap(resourceLines),
    ...rest.map(violation),
    ...fixed.map((v) => `    fixed ${v.enforcementLevel} violation ${v.policyName}`),
    ...stack.diagnostics.filter((d) => d.severity === "error").map((d) => `    error: ${d.message.split("\n")[0]}`),
    ...warnings.map((d) => `    warning: ${d.message.split("\n")[0]}`),
  ];
}

/** The plan diff for a terminal, in `pulumi preview`'s signs: failed stacks and dangerous changes first. */
export function renderPlanDiffText(model: ReportModel): string {
  const failed = model.stacks.filter((s) => s.failure !== undefined);
  const others = model.stacks.filter((s) => s.failure === undefined);
  const lines = [`${model.title}:`, ...(model.notes ?? []).map((n) => `  note: ${n}`), ...[...failed, ...others].flatMap(stackLines)];
  return `${lines.join("\n")}\n`;
}
