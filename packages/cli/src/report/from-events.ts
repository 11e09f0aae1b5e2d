import { holdsData } from "./holds-data";
import type { ChangeOp, Diagnostic, EnforcementLevel, PolicyViolation, ResourceChange, StackChangeSet } from "./model";
import { asObject, asString, asStrings, comparePaths, detailedDiffPaths, OP_OF, parseUrn, plainText } from "./engine-text";
import type { JsonObject } from "./parse-file";

const ENFORCEMENT: readonly EnforcementLevel[] = ["mandatory", "advisory", "remediate", "disabled"];

/** The payload of an event: `{ resourcePreEvent: {...} }` -> ["resourcePreEvent", {...}]. */
function payloadOf(event: JsonObject): [string, JsonObject] | undefined {
  for (const [key, value] of Object.entries(event)) {
    const payload = asObject(value);
    if (key.endsWith("Event") && payload !== undefined) return [key, payload];
  }
  return undefined;
}

interface Draft {
  urn: string;
  type: string;
  op: ChangeOp;
  paths: Set<string>;
  replacing: Set<string>;
  failed: boolean;
}

function recordStep(drafts: Map<string, Draft>, metadata: JsonObject, failed: boolean, key?: string): void {
  const urn = asString(metadata.urn);
  if (urn === undefined) return;
  const op = OP_OF[asString(metadata.op) ?? ""] ?? "update";
  const draft = drafts.get(key ?? urn) ?? { urn, type: asString(metadata.type) ?? parseUrn(urn).type, op, paths: new Set(), replacing: new Set(), failed: false };
  if (op === "replace" || draft.op === "same") draft.op = op;
  const { paths, replacing } = detailedDiffPaths(metadata.detailedDiff);
  (paths.length > 0 ? paths : asStrings(metadata.diffs)).forEach((p) => draft.paths.add(p));
  [...replacing, ...asStrings(metadata.keys)].forEach((p) => draft.replacing.add(p));
  draft.failed ||= failed;
  drafts.set(key ?? urn, draft);
}

/**
 * A refresh step is announced as op "refresh" and its result (same, update: changed outside
 * Pulumi, delete: gone from the cloud) comes in its resOutputsEvent: the engine replaces the op
 * with RefreshStep.ResultOp() there and in the summary counts (pulumi/pulumi pkg/engine/update.go
 * 1348-1358 and 1378-1389). Each refreshed state is its own step, keyed by URN and id: a stack can
 * hold a resource and its pending-delete copy under one URN, and the summary counts both.
 */
function refreshKey(metadata: JsonObject): string | undefined {
  const urn = asString(metadata.urn);
  const id = asString(asObject(metadata.old)?.id) ?? asString(asObject(metadata.new)?.id) ?? "";
  return urn === undefined ? undefined : `${urn}\u0000${id}`;
}

function toChange(draft: Draft): ResourceChange {
  const changedPaths = [...draft.paths].sort(comparePaths);
  const replaceReasons = [...draft.replacing].sort(comparePaths);
  return {
    urn: draft.urn,
    type: draft.type,
    name: parseUrn(draft.urn).name,
    op: draft.op,
    ...(changedPaths.length > 0 ? { changedPaths } : {}),
    ...(draft.op === "replace" && replaceReasons.length > 0 ? { replaceReasons } : {}),
    holdsData: holdsData(draft.type),
    ...(draft.failed ? { failed: true } : {}),
  };
}

function toViolation(payload: JsonObject): PolicyViolation {
  const level = asString(payload.enforcementLevel) ?? "advisory";
  return {
    ...(asString(payload.resourceUrn) ? { urn: asString(payload.resourceUrn) } : {}),
    ...(asString(payload.policyPackName) ? { policyPack: asString(payload.policyPackName) } : {}),
    policyName: asString(payload.policyName) ?? "(unnamed policy)",
    enforcementLevel: (ENFORCEMENT as readonly string[]).includes(level) ? (level as EnforcementLevel) : "advisory",
    ...(asString(payload.severity) ? { severity: asString(payload.severity) } : {}),
    message: plainText(payload.message),
  };
}

function toDiagnostic(payload: JsonObject): Diagnostic | undefined {
  const severity = asString(payload.severity);
  if ((severity !== "error" && severity !== "warning") || payload.ephemeral === true) return undefined;
  const urn = asString(payload.urn);
  return { severity, ...(urn ? { urn } : {}), message: plainText(payload.message) };
}

/** Builds one stack's change set from engine events (event log, events API, or NDJSON). */
export function changeSetFromEvents(stack: string, source: string, events: readonly JsonObject[]): StackChangeSet {
  const drafts = new Map<string, Draft>();
  const violations: PolicyViolation[] = [];
  const diagnostics: Diagnostic[] = [];
  const refreshing = new Set<string>();
  let summary: JsonObject | undefined;
  let planning = false;
  let onlyRefreshSteps = true;
  for (const event of events) {
    const entry = payloadOf(event);
    if (entry === undefined) continue;
    const [kind, payload] = entry;
    if (payload.planning === true) planning = true;
    const metadata = asObject(payload.metadata);
    const refresh = metadata !== undefined && asString(metadata.op) === "refresh" ? refreshKey(metadata) : undefined;
    if (kind === "resourcePreEvent" && metadata) {
      if (refresh !== undefined) refreshing.add(refresh);
      else onlyRefreshSteps = false;
      recordStep(drafts, metadata, false, refresh);
    } else if (kind === "resOutputsEvent" && metadata) {
      const key = refreshKey(metadata);
      if (key !== undefined && refreshing.has(key)) recordStep(drafts, metadata, false, key);
    } else if (kind === "resOpFailedEvent" && metadata) recordStep(drafts, metadata, true, refresh);
    else if (kind === "policyEvent") violations.push(toViolation(payload));
    else if (kind === "diagnosticEvent") {
      const diagnostic = toDiagnostic(payload);
      if (diagnostic) diagnostics.push(diagnostic);
    } else if (kind === "summaryEvent") summary = payload;
  }
  const result = summary === undefined ? "incomplete" : summary.result === "failed" || (summary.result === undefined && diagnostics.some((d) => d.severity === "error")) ? "failed" : "succeeded";
  return {
    stack,
    source,
    kind: refreshing.size > 0 && onlyRefreshSteps ? "refresh" : summary?.isPreview === true || planning ? "preview" : "update",
    result,
    resources: [...drafts.values()].map(toChange),
    violations,
    diagnostics,
  };
}
