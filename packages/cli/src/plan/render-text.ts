import { redacted, type RecordedResource, type StackRun } from "@platform/offline";
import { UNKNOWN } from "@platform/offline/src/types";
import { glyphsFor } from "../terminal";
import { exemptionOf, isExempted } from "../report/exempted";
import { isManagedResource, type PlanResult, type PlanViolation, type StackPlan } from "./model";

/** The resource tree, parents before children, like `pulumi preview`. */
export function renderTree(run: StackRun, g = glyphsFor(process.env)): string[] {
  const children = new Map<string | undefined, RecordedResource[]>();
  for (const r of run.resources) {
    if (r.type === "pulumi:pulumi:StackReference" && r.parent === undefined) continue;
    const siblings = children.get(r.parent) ?? [];
    siblings.push(r);
    children.set(r.parent, siblings);
  }
  const rows: [string, string][] = [];
  const walk = (parent: string | undefined, prefix: string, depth: number): void => {
    const kids = children.get(parent) ?? [];
    kids.forEach((r, i) => {
      const last = i === kids.length - 1;
      const branch = depth === 0 ? "" : `${prefix}${last ? g.elbow : g.tee}`;
      const label = `${branch}${r.type}`;
      rows.push([label, r.name]);
      walk(r.urn, depth === 0 ? "" : `${prefix}${last ? "   " : g.bar}`, depth + 1);
    });
  };
  walk(undefined, "", 0);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, name]) => `${label.padEnd(width)}  ${name}`);
}

export function countsByType(run: StackRun): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of run.resources) if (isManagedResource(r)) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function resourceLabel(run: StackRun, urn: string | undefined): string {
  const r = run.resources.find((x) => x.urn === urn);
  return r ? `${r.type} ${r.name}` : (urn ?? "stack");
}

function renderViolations(run: StackRun, violations: readonly PlanViolation[]): string[] {
  const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const exempted = violations.filter(isExempted).length;
  const advisory = violations.filter((v) => v.enforcementLevel === "advisory").length - exempted;
  const lines = [`Policy violations: ${mandatory} mandatory, ${advisory} advisory${exempted > 0 ? `, ${exempted} exempted` : ""}`];
  const order = { mandatory: 0, remediate: 1, advisory: 2, disabled: 3 };
  for (const v of [...violations].sort((a, b) => order[a.enforcementLevel] - order[b.enforcementLevel] || a.policyName.localeCompare(b.policyName))) {
    const exemption = exemptionOf(v);
    const level = exemption !== undefined ? "exempted" : v.enforcementLevel;
    const tags = [v.severity, v.control].filter(Boolean).join(", ");
    lines.push(`  ${level.padEnd(9)} ${v.policyName}${tags ? ` [${tags}]` : ""}  (${resourceLabel(run, v.urn)})${exemption !== undefined ? `  [${exemption}]` : ""}`);
    for (const line of v.message.trim().split("\n")) lines.push(`      ${line}`);
  }
  return lines;
}

function renderStack(plan: StackPlan, policyChecked: boolean): string[] {
  const header = `== ${plan.stack}`;
  if (plan.status === "skipped") return [`${header}: skipped, ${plan.reason}`];
  const warnings = (plan.warnings ?? []).length > 0 ? ["", "Warnings the program logged:", ...(plan.warnings ?? []).map((w) => `  warning: ${w}`)] : [];
  if (plan.status === "failed") return [`${header}: FAILED`, ...plan.message.split("\n").map((l) => `   ${l}`), ...warnings];
  const { run } = plan;
  const custom = run.resources.filter(isManagedResource).length;
  const lines = [`${header} (${run.env}): ${custom} resources, ${(plan.durationMs / 1000).toFixed(1)}s`, "", ...renderTree(run).map((l) => `   ${l}`), "", "Resources by type:"];
  for (const [type, n] of countsByType(run)) lines.push(`  ${String(n).padStart(3)}  ${type}`);
  lines.push("", "Outputs handed downstream:");
  for (const [key, value] of Object.entries(redacted(run.outputs) as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) {
    // A value a preview cannot know yet reads as pulumi preview prints it, not as the wire sentinel.
    lines.push(`  ${key}: ${value === UNKNOWN ? "[unknown]" : JSON.stringify(value, (_, x: unknown) => (x === UNKNOWN ? "[unknown]" : x))}`);
  }
  lines.push(...warnings, "", ...(policyChecked ? renderViolations(run, plan.violations) : ["Policy pack not run (--no-policy)"]));
  return lines;
}

/** The human-readable plan: each stack in graph order, then a one-line verdict. */
export function renderPlanText(plan: PlanResult): string {
  const shown = plan.stacks.filter((s) => !s.quiet);
  const blocks = shown.map((s) => renderStack(s, plan.policyChecked).join("\n"));
  const planned = shown.filter((s) => s.status === "planned");
  const resources = planned.reduce((n, s) => n + (s.status === "planned" ? s.run.resources.filter(isManagedResource).length : 0), 0);
  const violations = planned.flatMap((s) => (s.status === "planned" ? s.violations : []));
  const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const exempted = violations.filter(isExempted).length;
  const failed = shown.filter((s) => s.status === "failed").map((s) => s.stack);
  const skipped = shown.filter((s) => s.status === "skipped").length;
  const quietly = plan.stacks.length - shown.length;
  const counts = `${planned.length} of ${shown.length} stacks planned${skipped > 0 ? ` (${skipped} skipped)` : ""}${quietly > 0 ? `, ${quietly} upstream${quietly > 1 ? "s" : ""} not shown` : ""}`;
  const verdict = [
    `Offline ${plan.preview === true ? "preview" : "plan"} of ${plan.env}: ${counts}, ${resources} resources`,
    plan.policyChecked
      ? `${mandatory} mandatory and ${violations.length - mandatory - exempted} advisory policy violations${exempted > 0 ? `, ${exempted} exempted` : ""}`
      : "policy pack not run (--no-policy)",
    failed.length > 0 ? `FAILED: ${failed.join(", ")}` : undefined,
    `${(plan.durationMs / 1000).toFixed(1)}s`,
  ]
    .filter(Boolean)
    .join("; ");
  return `${blocks.join("\n\n")}\n\n${verdict}\n`;
}
