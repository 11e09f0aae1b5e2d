/**
 * The neutral change model the PR report renders. Two producers fill it:
 *  - the engine event reader (src/report/read-*.ts): a real `pulumi preview`/`up` event log,
 *    an events-API download, or a `pulumi preview --json` digest;
 *  - the offline plan diff (src/plan/diff.ts): two offline plans of the same stacks compared.
 * `renderReport(model)` (src/report/render.ts) turns either into one Markdown comment.
 */

/** What happens to one resource. Replacement steps (create-replacement, replace, delete-replaced) fold into `replace`. */
export type ChangeOp = "create" | "update" | "replace" | "delete" | "same";

export const CHANGE_OPS: readonly ChangeOp[] = ["create", "update", "replace", "delete", "same"];

export interface ResourceChange {
  readonly urn: string;
  /** Type token, e.g. `aws:rds/cluster:Cluster`. */
  readonly type: string;
  /** Logical name (the last URN segment). */
  readonly name: string;
  readonly op: ChangeOp;
  /** Property paths that differ (`ingress[1].fromPort`); absent when the source does not say. */
  readonly changedPaths?: readonly string[];
  /** The subset of paths that force the replacement. */
  readonly replaceReasons?: readonly string[];
  /** Old and new values of the changed paths (secrets masked); absent when the source does not say. */
  readonly changes?: readonly { readonly path: string; readonly before?: string; readonly after?: string }[];
  /** Plan diff: names of replaced resources whose outputs this one takes, the reason it changes. */
  readonly replacedReferences?: readonly string[];
  /** True when replacing or deleting it loses data: databases, buckets, tables, file systems, keys, log groups. */
  readonly holdsData: boolean;
  /** True when the engine reported the step failed. */
  readonly failed?: boolean;
}

export type EnforcementLevel = "mandatory" | "advisory" | "remediate" | "disabled";

export interface PolicyViolation {
  /** The resource it is about; absent for stack-level (analyzeStack) violations. */
  readonly urn?: string;
  readonly policyPack?: string;
  readonly policyName: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity?: string;
  /** The Security Hub control it checks (`S3.17`), when it maps to one. */
  readonly control?: string;
  readonly message: string;
}

export interface Diagnostic {
  readonly severity: "error" | "warning";
  /** The resource it is about; absent for run-level messages ("preview failed"). */
  readonly urn?: string;
  readonly message: string;
}

export interface StackChangeSet {
  /** Heading of the stack's section: a graph stack name, or what the source file is called. */
  readonly stack: string;
  /** Where it came from (an event-log path, or "offline plan"), shown under the heading. */
  readonly source?: string;
  /** What produced the changes; "refresh" (drift): update = changed outside Pulumi, delete = gone from the cloud. */
  readonly kind: "preview" | "update" | "destroy" | "refresh" | "plan diff";
  /** The engine's verdict; "incomplete" when the log ends before its summary. */
  readonly result?: "succeeded" | "failed" | "incomplete";
  /** Every resource the source lists, in the order the source lists them. */
  readonly resources: readonly ResourceChange[];
  /** Unchanged resources the source counts but does not list (a preview digest omits most). */
  readonly unlistedUnchanged?: number;
  /** Violations present (plan diff: introduced by the change). */
  readonly violations: readonly PolicyViolation[];
  /** Plan diff only: violations the base had and the change fixes. */
  readonly fixedViolations?: readonly PolicyViolation[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Plan diff: why the stack could not be planned. Its resources are then unknown, not deleted:
   * `unknownResources` counts the ones the base had.
   */
  readonly failure?: string;
  readonly unknownResources?: number;
}

export interface ReportModel {
  /** Heading of the comment, e.g. "Pulumi preview (dev)". */
  readonly title: string;
  readonly stacks: readonly StackChangeSet[];
  /** Caveats about the whole report, shown under the summary. */
  readonly notes?: readonly string[];
}
