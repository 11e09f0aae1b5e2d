import { countsOf } from "./counts";
import { exemptionOf } from "./exempted";
import { dataKindOf } from "./holds-data";
import { cellCode, text, table } from "./markdown";
import type { PolicyViolation, ResourceChange, StackChangeSet } from "./model";
import { parseUrn } from "./engine-text";

/** How many property paths one row lists before "and N more". */
const MAX_PATHS = 15;

const LEVEL_ORDER = ["mandatory", "advisory", "remediate", "disabled"];

function pathsCell(paths: readonly string[] | undefined): string {
  if (paths === undefined || paths.length === 0) return "";
  const shown = paths.slice(0, MAX_PATHS).map(cellCode).join(", ");
  return paths.length > MAX_PATHS ? `${shown} and ${paths.length - MAX_PATHS} more` : shown;
}

const byUrn = (a: { urn?: string }, b: { urn?: string }): number => (a.urn ?? "").localeCompare(b.urn ?? "");

/** Old -> new values of a change, one per line in the cell; falls back to the paths alone. */
function valuesCell(r: ResourceChange): string {
  if (r.changes === undefined || r.changes.length === 0) return pathsCell(r.changedPaths);
  const shown = r.changes.slice(0, MAX_PATHS).map((c) => `${cellCode(c.path)}: ${c.before === undefined ? "_(none)_" : cellCode(c.before)} → ${c.after === undefined ? "_(none)_" : cellCode(c.after)}`);
  return r.changes.length > MAX_PATHS ? `${shown.join("<br>")}<br>and ${r.changes.length - MAX_PATHS} more` : shown.join("<br>");
}

function propertiesCell(r: ResourceChange): string {
  const parts = [
    r.replaceReasons !== undefined ? `forces replacement: ${pathsCell(r.replaceReasons)}` : "",
    r.replacedReferences?.length ? `because ${r.replacedReferences.map(cellCode).join(", ")} ${r.replacedReferences.length > 1 ? "are" : "is"} replaced` : "",
    r.changes !== undefined || r.replaceReasons === undefined ? valuesCell(r) : "",
  ].filter(Boolean);
  return parts.join("<br>");
}

function destructiveRows(resources: readonly ResourceChange[]): string[] {
  const rows = resources
    .filter((r) => r.op === "replace" || r.op === "delete")
    // Data-holding first, then replacements before deletions, a replacement's cause before what follows from it.
    .sort((a, b) => Number(b.holdsData) - Number(a.holdsData) || (a.op === b.op ? 0 : a.op === "replace" ? -1 : 1) || Number(Boolean(a.replacedReferences?.length)) - Number(Boolean(b.replacedReferences?.length)) || byUrn(a, b))
    .map((r) => [
      r.holdsData ? `⚠️ holds data (${dataKindOf(r.type) ?? "data"})` : "",
      `**${r.op}**${r.failed ? " (failed)" : ""}`,
      cellCode(r.name),
      cellCode(r.type),
      propertiesCell(r),
    ]);
  return rows.length === 0 ? [] : ["#### Replacements and deletions", "", ...table(["", "Op", "Resource", "Type", "Properties"], ["l", "l", "l", "l", "l"], rows), ""];
}

function changeRows(resources: readonly ResourceChange[]): string[] {
  const rows = resources
    .filter((r) => r.op === "create" || r.op === "update")
    .sort((a, b) => (a.op === b.op ? 0 : a.op === "create" ? -1 : 1) || byUrn(a, b))
    .map((r) => [`${r.op}${r.failed ? " (failed)" : ""}`, cellCode(r.name), cellCode(r.type), propertiesCell(r)]);
  return rows.length === 0 ? [] : ["#### Creates and updates", "", ...table(["Op", "Resource", "Type", "Properties"], ["l", "l", "l", "l"], rows), ""];
}

function violationRows(heading: string, violations: readonly PolicyViolation[] | undefined): string[] {
  if (violations === undefined || violations.length === 0) return [];
  // Engine event logs carry no control ids; the column is shown when the source has them (the offline plan).
  const controls = violations.some((v) => v.control !== undefined);
  const rows = [...violations]
    .sort((a, b) => LEVEL_ORDER.indexOf(a.enforcementLevel) - LEVEL_ORDER.indexOf(b.enforcementLevel) || a.policyName.localeCompare(b.policyName) || byUrn(a, b))
    .map((v) => [
      v.enforcementLevel === "mandatory" ? "🛑 **mandatory**" : exemptionOf(v) !== undefined ? `exempted (${text(exemptionOf(v)!)})` : v.enforcementLevel,
      v.severity ?? "",
      ...(controls ? [v.control ? cellCode(v.control) : "—"] : []),
      cellCode(v.policyPack ? `${v.policyPack}/${v.policyName}` : v.policyName),
      v.urn ? cellCode(parseUrn(v.urn).name) : "stack",
      text(v.message),
    ]);
  const header = ["Level", "Severity", ...(controls ? ["Security Hub control"] : []), "Policy", "Resource", "Message"];
  return [`#### ${heading}`, "", ...table(header, header.map(() => "l" as const), rows), ""];
}

function diagnosticLines(stack: StackChangeSet): string[] {
  if (stack.diagnostics.length === 0) return [];
  const ordered = [...stack.diagnostics.filter((d) => d.severity === "error"), ...stack.diagnostics.filter((d) => d.severity === "warning")];
  const lines = ordered.map((d) => `- ${d.severity === "error" ? "❌ **error**" : "⚠️ warning"}${d.urn ? ` on ${cellCode(parseUrn(d.urn).name)}` : ""}: ${text(d.message)}`);
  return ["#### Errors and warnings", "", ...lines, ""];
}

/** One-line summary shown on the collapsed section. */
function headline(stack: StackChangeSet): string {
  if (stack.failure !== undefined) return `❌ failed: ${text(stack.failure)}`;
  const c = countsOf(stack);
  // A refresh reports what already happened in the cloud, not what a deploy would do.
  const drift = stack.kind === "refresh";
  const parts = [
    c.ops.create && `${c.ops.create} to create`,
    c.ops.update && (drift ? `${c.ops.update} changed outside Pulumi` : `${c.ops.update} to update`),
    c.ops.replace && `${c.ops.replace} to replace`,
    c.ops.delete && (drift ? `${c.ops.delete} deleted outside Pulumi` : `${c.ops.delete} to delete`),
    c.dataLoss && `⚠️ ${c.dataLoss} holding data`,
    c.mandatory && `🛑 ${c.mandatory} mandatory`,
    c.advisory && `${c.advisory} advisory`,
    c.exempted && `${c.exempted} exempted`,
    c.errors && `❌ ${c.errors} error${c.errors > 1 ? "s" : ""}`,
  ].filter((p): p is string => typeof p === "string");
  return parts.length > 0 ? parts.join(", ") : drift ? "no drift" : "no changes";
}

/**
 * A stack's collapsible section as lines. `detail: false` leaves out creates and updates (the
 * first thing dropped when the comment is too long); the first and last lines open and close it.
 */
export function renderStackSection(stack: StackChangeSet, detail: boolean): string[] {
  const c = countsOf(stack);
  const open = c.dataLoss + c.mandatory + c.errors + c.ops.replace > 0 || stack.failure !== undefined ? " open" : "";
  const source = stack.source ? ` · ${text(stack.source)}` : "";
  const failure = stack.failure === undefined
    ? []
    : [`**❌ failed: ${text(stack.failure)}**`, "", ...(stack.unknownResources ? [`Its ${stack.unknownResources} resources in the base are unknown: this plan says nothing about them (they are not deleted).`, ""] : [])];
  const body = [
    ...failure,
    ...destructiveRows(stack.resources),
    ...violationRows(stack.kind === "plan diff" ? "Policy violations introduced" : "Policy violations", stack.violations),
    ...(detail ? changeRows(stack.resources) : []),
    ...violationRows("Policy violations fixed", stack.fixedViolations),
    ...diagnosticLines(stack),
  ];
  return [
    `<details${open}><summary><strong>${text(stack.stack)}</strong>: ${headline(stack)}</summary>`,
    "",
    `_${stack.kind}${source}_`,
    "",
    ...(body.length > 0 ? body : ["No changes.", ""]),
    "</details>",
    "",
  ];
}
