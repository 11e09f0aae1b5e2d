import { holdsData } from "./holds-data";
import type { Diagnostic, ResourceChange, StackChangeSet } from "./model";
import { asObject, asString, asStrings, comparePaths, detailedDiffPaths, OP_OF, parseUrn, plainText } from "./engine-text";
import type { JsonObject } from "./parse-file";

function toChange(step: JsonObject): ResourceChange | undefined {
  const urn = asString(step.urn);
  if (urn === undefined) return undefined;
  const type = asString(asObject(step.newState)?.type) ?? asString(asObject(step.oldState)?.type) ?? parseUrn(urn).type;
  const op = OP_OF[asString(step.op) ?? ""] ?? "update";
  const { paths, replacing } = detailedDiffPaths(step.detailedDiff);
  const changedPaths = [...new Set(paths.length > 0 ? paths : asStrings(step.diffReasons))].sort(comparePaths);
  const replaceReasons = [...new Set([...replacing, ...asStrings(step.replaceReasons)])].sort(comparePaths);
  return {
    urn,
    type,
    name: parseUrn(urn).name,
    op,
    ...(changedPaths.length > 0 ? { changedPaths } : {}),
    ...(op === "replace" && replaceReasons.length > 0 ? { replaceReasons } : {}),
    holdsData: holdsData(type),
  };
}

/**
 * Builds a change set from `pulumi preview --json` (a PreviewDigest). Replacement steps of one
 * URN fold into one `replace`; unchanged resources the digest counts but leaves out are kept as a count.
 */
export function changeSetFromDigest(stack: string, source: string, digest: JsonObject): StackChangeSet {
  const byUrn = new Map<string, ResourceChange>();
  for (const step of Array.isArray(digest.steps) ? digest.steps : []) {
    const change = asObject(step) && toChange(step as JsonObject);
    if (!change) continue;
    const earlier = byUrn.get(change.urn);
    if (earlier === undefined || change.op === "replace") byUrn.set(change.urn, earlier?.op === "replace" ? earlier : change);
  }
  const resources = [...byUrn.values()];
  const sameCounted = asObject(digest.changeSummary)?.same;
  const sameListed = resources.filter((r) => r.op === "same").length;
  const unlisted = typeof sameCounted === "number" ? Math.max(0, sameCounted - sameListed) : 0;
  const diagnostics = (Array.isArray(digest.diagnostics) ? digest.diagnostics : [])
    .map((d) => asObject(d))
    .filter((d): d is JsonObject => d !== undefined && (d.severity === "error" || d.severity === "warning"))
    .map((d): Diagnostic => ({ severity: d.severity as Diagnostic["severity"], ...(asString(d.urn) ? { urn: asString(d.urn) } : {}), message: plainText(d.message) }));
  return {
    stack,
    source,
    kind: "preview",
    result: diagnostics.some((d) => d.severity === "error") ? "failed" : "succeeded",
    resources,
    ...(unlisted > 0 ? { unlistedUnchanged: unlisted } : {}),
    violations: [],
    diagnostics,
  };
}
