import { asRecord, jsonDocument } from "./values";

/**
 * IAM policy documents (identity, bucket and key policies) read into statements, with the parts
 * the FSBP controls decide on: Action or NotAction, Resource, Principal, Condition keys.
 * Element names and wildcard rules: IAM JSON policy element reference,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
export interface Statement {
  readonly effect: "Allow" | "Deny";
  /** Action patterns, or undefined when the statement uses NotAction. */
  readonly actions?: readonly string[];
  /** NotAction patterns: the statement applies to every action except these. */
  readonly notActions?: readonly string[];
  readonly resources: readonly string[];
  readonly hasNotResource: boolean;
  /** Principal values ("*", account ARNs, services), flattened; empty for identity policies. */
  readonly principals: readonly string[];
  /** Condition keys, lower-cased, whatever the operator. */
  readonly conditionKeys: readonly string[];
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);

function principalsOf(p: unknown): string[] {
  if (p === undefined) return [];
  if (typeof p === "string") return [p];
  const record = asRecord(p);
  return record ? Object.values(record).flatMap(asList) : [];
}

/** Statements of a policy document; "unknown" while it is built from unknown outputs, [] when absent or invalid. */
export function statementsOf(document: unknown): readonly Statement[] | "unknown" {
  const parsed = jsonDocument(document);
  if (!parsed.ok) return parsed.reason === "unknown" ? "unknown" : [];
  const raw = asRecord(parsed.doc)?.Statement;
  const all = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return all.flatMap((s) => {
    const st = asRecord(s);
    if (!st || (st.Effect !== "Allow" && st.Effect !== "Deny")) return [];
    const conditions = asRecord(st.Condition) ?? {};
    return [{
      effect: st.Effect,
      ...(st.NotAction !== undefined ? { notActions: asList(st.NotAction) } : { actions: asList(st.Action) }),
      resources: asList(st.Resource),
      hasNotResource: st.NotResource !== undefined,
      principals: principalsOf(st.Principal),
      conditionKeys: Object.values(conditions).flatMap((c) => Object.keys(asRecord(c) ?? {}).map((k) => k.toLowerCase())),
    }];
  });
}

/** IAM action matching: case-insensitive, `*` any run of characters, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
  return re.test(action);
}

/** Whether a statement applies to `action` (through Action, or through NotAction not excluding it). */
export function grants(statement: Statement, action: string): boolean {
  if (statement.notActions) return !statement.notActions.some((p) => actionMatches(p, action));
  return (statement.actions ?? []).some((p) => actionMatches(p, action));
}

/** Whether a statement applies to every resource (Resource "*", or NotResource, which excludes only some). */
export const onAllResources = (s: Statement): boolean => s.resources.includes("*") || s.hasNotResource;

/**
 * Condition keys that make an Allow to "*" non-public because they pin the caller to known
 * accounts, organisations, networks or source resources (IAM Access Analyzer / S3 "public"
 * evaluation: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status).
 */
const RESTRICTING_KEYS = [
  "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceaccount", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths",
  "aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths", "aws:userid", "aws:sourceip",
  "aws:resourceaccount", "aws:resourceorgid", "aws:principalservicename", "kms:calleraccount", "kms:viaservice", "s3:dataaccesspointaccount",
];

/** An Allow statement open to everyone: Principal "*" (or {"AWS": "*"}) without a condition that pins the caller. */
export function isPublicAllow(s: Statement): boolean {
  return s.effect === "Allow" && s.principals.includes("*") && !s.conditionKeys.some((k) => RESTRICTING_KEYS.includes(k));
}
