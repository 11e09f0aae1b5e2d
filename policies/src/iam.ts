import { FSBP, resourcePolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
import { asRecord, jsonDocument } from "./lib/values";

/** IAM: no administrator or service-wide wildcards in customer managed policies, no user policies. */

interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** Allow statements of a policy document; "unknown" while the document is built from unknown outputs. */
export function allowStatements(document: unknown): readonly Statement[] | "unknown" {
  const parsed = jsonDocument(document);
  if (!parsed.ok) return parsed.reason === "unknown" ? "unknown" : [];
  const raw = asRecord(parsed.doc)?.Statement;
  const all = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const asList = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
  return all
    .map((s) => asRecord(s) ?? {})
    .filter((s) => s.Effect === "Allow" && s.NotAction === undefined)
    .map((s) => ({ effect: "Allow", actions: asList(s.Action), resources: asList(s.Resource) }));
}

export const iamPolicies = [
  resourcePolicy({
    name: "iam-no-admin-policy",
    description: "IAM customer managed and inline policies do not allow \"*\" actions on \"*\" resources.",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...FSBP, reference: "IAM.1", title: "IAM policies should not allow full \"*\" administrative privileges" },
    remediationSteps: "Grant the specific actions and resources the principal needs.",
    prevents: "A leaked credential owning the account.",
    types: [...T.iamPolicy, ...T.iamRolePolicy, ...T.iamUserPolicy, ...T.iamGroupPolicy],
    check: (r) => {
      const statements = allowStatements(r.props.policy);
      if (statements === "unknown") return [];
      return statements.some((s) => s.actions.includes("*") && s.resources.includes("*"))
        ? [finding(`${where(r.name, r.type)} allows "*" on "*"`, "list the actions and resources the principal needs")]
        : [];
    },
  }),
  resourcePolicy({
    name: "iam-no-service-wildcard-actions",
    description: "IAM customer managed policies do not allow every action of a service (\"s3:*\").",
    enforcementLevel: "advisory",
    severity: "low",
    framework: { ...FSBP, reference: "IAM.21", title: "IAM customer managed policies that you create should not allow wildcard actions for services" },
    remediationSteps: "Replace service:* with the actions needed.",
    prevents: "Permissions far beyond the job, including future actions of the service.",
    types: T.iamPolicy,
    check: (r) => {
      const statements = allowStatements(r.props.policy);
      if (statements === "unknown") return [];
      const wild = [...new Set(statements.flatMap((s) => s.actions.filter((a) => /^[a-z0-9-]+:\*$/i.test(a))))];
      return wild.length > 0 ? [finding(`${where(r.name, r.type)} allows ${wild.join(", ")}`, "list the actions needed instead of service:*")] : [];
    },
  }),
  resourcePolicy({
    name: "iam-no-user-policies",
    description: "IAM users get permissions through groups or roles, never policies attached to the user.",
    enforcementLevel: "mandatory",
    severity: "low",
    framework: { ...FSBP, reference: "IAM.2", title: "IAM users should not have IAM policies attached" },
    remediationSteps: "Attach the policy to a group (or use a role assumed through OIDC/SSO) instead of the user.",
    prevents: "Per-user permissions that escape review.",
    types: [...T.iamUserPolicy, ...T.iamUserPolicyAttachment],
    check: (r) => [finding(`${where(r.name, r.type)} attaches a policy directly to a user`, "attach it to a group or role instead")],
  }),
];
