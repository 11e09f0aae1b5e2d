/** What other packages (the lead's `plan --base`, the bench) call directly. */
export { affectedStacks, renderAffectedText, type AffectedResult, type AffectedStack } from "./affected";
export { renderReport, renderReportForFiles, reportModelForFiles, readChangeSet, GITHUB_COMMENT_LIMIT } from "./report";
export type * from "./report/model";
export { diffPlans, type DiffablePlan, type DiffableStack } from "./plan/diff";
export { UserError } from "./errors";
