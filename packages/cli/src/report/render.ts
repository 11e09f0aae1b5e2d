import { countsOf } from "./counts";
import { cellCode, table, text } from "./markdown";
import type { ReportModel, ResourceChange, StackChangeSet } from "./model";
import { renderStackSection } from "./render-stack";

/** GitHub refuses issue and pull-request comments longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Room left for the sticky-comment action's hidden header and the truncation note. */
const RESERVED = 1_000;

/** Data-holding resources named in the warning at the top; the sections list them all. */
const MAX_CALLOUT = 10;

const RESULT_LABEL = { succeeded: "✅ succeeded", failed: "❌ failed", incomplete: "⚠️ incomplete log" } as const;

function summaryTable(stacks: readonly StackChangeSet[]): string[] {
  const rows = stacks.map((s) => {
    const c = countsOf(s);
    const n = (value: number): string => (value === 0 ? "0" : `**${value}**`);
    if (s.failure !== undefined) return [text(s.stack), RESULT_LABEL.failed, "?", "?", "?", "?", s.unknownResources ? `? (${s.unknownResources} unknown)` : "?", "?", "?"];
    return [
      text(s.stack),
      s.result ? RESULT_LABEL[s.result] : s.kind,
      n(c.ops.create),
      n(c.ops.update),
      n(c.ops.replace),
      n(c.ops.delete),
      String(c.ops.same),
      c.mandatory > 0 ? `🛑 **${c.mandatory}**` : "0",
      // Exempted violations are advisories too; said apart so a reader sees what was accepted.
      c.exempted > 0 ? `${n(c.advisory)} (+${c.exempted} exempted)` : n(c.advisory),
    ];
  });
  return table(["Stack", "Result", "Create", "Update", "Replace", "Delete", "Unchanged", "Mandatory", "Advisory"], ["l", "l", "r", "r", "r", "r", "r", "r", "r"], rows);
}

/** `Vpc` for `aws:ec2/vpc:Vpc`: the type token's last part. */
const shortType = (type: string): string => type.split(":").pop() ?? type;

/** `vpc` (Vpc): names repeat across types (a listener named like its load balancer), so the type goes with it. */
const named = (r: ResourceChange): string => `${cellCode(r.name)} (${text(shortType(r.type))}`;

/**
 * A stack's replacements, causes first: those whose own inputs force them (with those inputs),
 * then those replaced only because they take a replaced resource's outputs (a subnet of a new VPC).
 */
function replacementList(resources: readonly ResourceChange[]): string {
  const byUrn = [...resources].sort((a, b) => a.urn.localeCompare(b.urn));
  const follows = (r: ResourceChange) => (r.replacedReferences?.length ?? 0) > 0;
  const causes = byUrn.filter((r) => !follows(r));
  const followers = byUrn.filter(follows);
  const forced = (r: ResourceChange) => (r.replaceReasons?.length ? `, forced by ${r.replaceReasons.map(cellCode).join(", ")})` : ")");
  const listed = (rs: readonly ResourceChange[], end: (r: ResourceChange) => string, room: number) =>
    `${rs.slice(0, room).map((r) => `${named(r)}${end(r)}`).join(", ")}${rs.length > room ? ` and ${rs.length - room} more` : ""}`;
  // Followers by type (6 Subnet, 7 VpcEndpoint): a reader needs what kinds of things follow, and names only when they are few.
  const byType = new Map<string, number>();
  for (const r of followers) byType.set(shortType(r.type), (byType.get(shortType(r.type)) ?? 0) + 1);
  const kinds = [...byType].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([type, n]) => `${n} ${text(type)}`);
  const followList = followers.length <= 3 ? listed(followers, () => ")", 3) : kinds.join(", ");
  const parts = [causes.length > 0 ? listed(causes, forced, MAX_CALLOUT) : undefined, followers.length > 0 ? `${followers.length} because they take a replaced resource's outputs: ${followList}` : undefined];
  return parts.filter((p) => p !== undefined).join("; then ");
}

function callouts(stacks: readonly StackChangeSet[]): string[] {
  const lines: string[] = [];
  const mandatory = stacks.reduce((sum, s) => sum + countsOf(s).mandatory, 0);
  const dataLoss = stacks.flatMap((s) =>
    s.resources
      .filter((r) => r.holdsData && (r.op === "replace" || r.op === "delete"))
      .sort((a, b) => a.urn.localeCompare(b.urn))
      .map((r) => `${named(r)}, ${s.stack}, ${r.op})`),
  );
  // Most dangerous first: stacks that did not plan, data loss, new mandatory findings.
  for (const s of stacks.filter((x) => x.failure !== undefined)) {
    const unknown = s.unknownResources ? ` Its ${s.unknownResources} resources are unknown, not deleted.` : "";
    lines.push(`> [!CAUTION]\n> **${text(s.stack)}** failed: ${text(s.failure ?? "")}.${unknown}`, "");
  }
  if (dataLoss.length > 0) {
    const more = dataLoss.length > MAX_CALLOUT ? ` and ${dataLoss.length - MAX_CALLOUT} more` : "";
    lines.push(`> [!WARNING]\n> Replaces or deletes resources that hold data: ${dataLoss.slice(0, MAX_CALLOUT).join(", ")}${more}.`, "");
  }
  if (mandatory > 0) lines.push(`> [!CAUTION]\n> ${mandatory} mandatory policy violation${mandatory > 1 ? "s" : ""} block${mandatory > 1 ? "" : "s"} this change.`, "");
  // Any replacement rebuilds the resource with a new id and address (a new VPC, a new ALB DNS
  // name), whether or not it holds data: said up front, per stack, before the tables.
  const replaced = stacks.map((s) => ({ stack: s.stack, resources: s.resources.filter((r) => r.op === "replace" && !r.holdsData) })).filter((s) => s.resources.length > 0);
  if (replaced.length > 0) {
    const parts = replaced.map((s) => `**${text(s.stack)}** ${s.resources.length}: ${replacementList(s.resources)}`);
    lines.push(`> [!WARNING]\n> Replaces resources, each rebuilt with a new id. ${parts.join(". ")}.`, "");
  }
  return lines;
}

function assemble(model: ReportModel, detail: boolean, budget: number): { body: string; truncated: boolean } {
  const head = [`## ${text(model.title)}`, "", ...(model.stacks.length > 0 ? summaryTable(model.stacks) : ["No stacks in this report."]), "", ...callouts(model.stacks), ...(model.notes ?? []).flatMap((n) => [`> [!NOTE]\n> ${text(n)}`, ""])];
  const out = [...head];
  let length = out.join("\n").length;
  let truncated = false;
  for (const stack of model.stacks) {
    const section = renderStackSection(stack, detail);
    const full = section.join("\n").length + 1;
    if (length + full <= budget) {
      out.push(...section);
      length += full;
      continue;
    }
    truncated = true;
    // Keep the opening lines and as much of the body as fits, then close the <details>.
    const close = section.slice(-2);
    const cutNote = "_… cut here to stay under GitHub's comment limit._";
    const reserve = close.join("\n").length + cutNote.length + 4;
    let kept = 0;
    for (const line of section.slice(0, -2)) {
      if (length + line.length + 1 + reserve > budget) break;
      out.push(line);
      length += line.length + 1;
      kept++;
    }
    // Each kept line left room for the close; with none kept (not even the <details> line) there is nothing to close.
    if (kept > 0) {
      out.push(cutNote, ...close);
      length += reserve;
    }
  }
  return { body: out.join("\n"), truncated };
}

/**
 * One Markdown comment for a pull request: the summary table, then a collapsible section per
 * stack in model order. Always shorter than `limit` (GitHub's 65,536 by default): when the full
 * report is too long, creates and updates are left out first, then sections are cut, and a
 * note says so.
 */
export function renderReport(model: ReportModel, limit: number = GITHUB_COMMENT_LIMIT): string {
  const budget = limit - Math.min(RESERVED, Math.floor(limit / 4));
  const full = assemble(model, true, budget);
  if (!full.truncated) return `${full.body.trimEnd()}\n`;
  const compact = assemble(model, false, budget);
  const note = compact.truncated
    ? "> [!NOTE]\n> Truncated to fit GitHub's 65,536-character comment limit: creates and updates are left out and some sections are cut. Run `npx platform report <event logs>` locally for the full report."
    : "> [!NOTE]\n> Creates and updates are left out to fit GitHub's 65,536-character comment limit. Run `npx platform report <event logs>` locally for the full report.";
  return `${compact.body.trimEnd()}\n\n${note}\n`;
}
