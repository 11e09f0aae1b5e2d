import { isStackName, STACK_NAMES } from "@platform/wiring";
import type { ReportModel, StackChangeSet } from "./model";
import { readChangeSet } from "./read";
import { renderReport } from "./render";

export type * from "./model";
export { renderReport, GITHUB_COMMENT_LIMIT } from "./render";
export { readChangeSet } from "./read";
export { countsOf } from "./counts";

/** Graph stacks first, in graph order; any other names after, in the order given. */
export function inGraphOrder(stacks: readonly StackChangeSet[]): StackChangeSet[] {
  const rank = (s: StackChangeSet): number => (isStackName(s.stack) ? STACK_NAMES.indexOf(s.stack) : STACK_NAMES.length);
  return stacks.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s);
}

export function reportModelForFiles(paths: readonly string[], options: { title?: string; names?: Readonly<Record<string, string>> } = {}): ReportModel {
  const stacks = inGraphOrder(paths.map((p) => readChangeSet(p, options.names?.[p])));
  const kinds = new Set(stacks.map((s) => s.kind));
  const title = options.title ?? (kinds.size === 1 && kinds.has("preview") ? "Pulumi preview" : kinds.size === 1 && kinds.has("update") ? "Pulumi update" : "Pulumi changes");
  return { title, stacks };
}

/** Reads saved runs and renders the pull-request comment; the function `npm run bench` times. */
export function renderReportForFiles(paths: readonly string[], options: { title?: string; names?: Readonly<Record<string, string>> } = {}): string {
  return renderReport(reportModelForFiles(paths, options));
}
