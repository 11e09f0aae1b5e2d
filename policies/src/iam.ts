import { FSBP, PLATFORM, resourcePolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { actionMatches, grants, onAllResources, statementsOf, type Statement } from "./lib/policy-documents";
import { T } from "./lib/types";
import { asRecord, bool, isUnknown, list, num, type Props } from "./lib/values";

/**
 * IAM: no administrator or service-wide wildcards, no KMS decryption on every key, no user
 * policies, a strong password policy. Controls: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html
 * and https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html.
 */

/** Policy documents a resource carries: `policy`, or a role's inline policies. "unknown" when any is. */
export function documentsOf(type: string, props: Props): readonly unknown[] | "unknown" {
  if (!T.iamRole.includes(type as never)) return [props.policy];
  const inline = list(props.inlinePolicies);
  if (inline === "unknown") return "unknown";
  return inline.map((p) => (isUnknown(p) ? p : asRecord(p)?.policy));
}

/** Allow statements of every document; "unknown" when a document is not known yet. */
export function allowStatements(type: string, props: Props): readonly Statement[] | "unknown" {
  const docs = documentsOf(type, props);
  if (docs === "unknown") return "unknown";
  const out: Statement[] = [];
  for (const doc of docs) {
    const statements = statementsOf(doc);
    if (statements === "unknown") return "unknown";
    out.push(...statements.filter((s) => s.effect === "Allow"));
  }
  return out;
}

/**
 * IAM.1: "Effect": "Allow" with "Action": "*" over "Resource": "*". A NotAction statement on
 * every resource grants every action but the listed ones, which is administrator access too.
 */
export function adminStatements(statements: readonly Statement[]): string[] {
  return statements.flatMap((s) => {
    if (!onAllResources(s)) return [];
    if (s.notActions) return [`NotAction ${JSON.stringify(s.notActions)} (every other action)`];
    return (s.actions ?? []).some((a) => a === "*" || a === "*:*") ? ['"*"'] : [];
  });
}

/** IAM.21: "Action": "<service>:*" (or "*", or NotAction, which also grants whole services). */
export function fullAccessActions(statements: readonly Statement[]): string[] {
  return [...new Set(statements.flatMap((s) => (s.notActions ? [`NotAction ${JSON.stringify(s.notActions)}`] : (s.actions ?? []).filter((a) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a)))))];
}

/** KMS.1 / KMS.2 blockedActionsPatterns: decryption actions allowed on all KMS keys. */
const KMS_BLOCKED = ["kms:Decrypt", "kms:ReEncryptFrom"];
export function kmsDecryptOnAllKeys(statements: readonly Statement[]): string[] {
  return [...new Set(statements.flatMap((s) => (s.resources.some((r) => r === "*" || actionMatches(r, "arn:aws:kms:zz-none-0:000000000000:key/any-key")) || s.hasNotResource ? KMS_BLOCKED.filter((a) => grants(s, a)) : [])))];
}

const INLINE = [...T.iamRolePolicy, ...T.iamUserPolicy, ...T.iamGroupPolicy, ...T.iamRole];

function documentPolicy(meta: {
  name: string;
  description: string;
  framework: { readonly name: "aws-foundational-security-best-practices" | "aws-platform"; readonly version: string; readonly reference: string; readonly title: string };
  enforcementLevel: "mandatory" | "advisory";
  severity: "low" | "medium" | "high" | "critical";
  remediationSteps: string;
  prevents: string;
  types: readonly string[];
  problem: (statements: readonly Statement[]) => string[];
  what: (found: string[]) => string;
  fix: string;
}) {
  return resourcePolicy({
    ...meta,
    check: (r) => {
      const statements = allowStatements(r.type, r.props);
      if (statements === "unknown") return [];
      const found = meta.problem(statements);
      return found.length === 0 ? [] : [finding(`${where(r.name, r.type)} ${meta.what(found)}`, meta.fix)];
    },
  });
}

const PASSWORD_RULES = {
  requireUppercaseCharacters: "an uppercase letter",
  requireLowercaseCharacters: "a lowercase letter",
  requireSymbols: "a symbol",
  requireNumbers: "a number",
} as const;

export const iamPolicies = [
  documentPolicy({
    name: "iam-no-admin-policy",
    description: "IAM customer managed policies do not allow \"*\" actions (or NotAction) on \"*\" resources.",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...FSBP, reference: "IAM.1", title: "IAM policies should not allow full \"*\" administrative privileges" },
    remediationSteps: "Grant the specific actions and resources the principal needs.",
    prevents: "A leaked credential owning the account.",
    types: T.iamPolicy,
    problem: adminStatements,
    what: (found) => `allows ${found.join(", ")} on "*"`,
    fix: "list the actions and resources the principal needs",
  }),
  documentPolicy({
    name: "iam-no-admin-inline-policy",
    description:
      "Inline IAM policies (RolePolicy, UserPolicy, GroupPolicy, Role inlinePolicies) do not allow \"*\" actions (or NotAction) on \"*\" resources. " +
      "Security Hub's IAM.1 looks at customer managed policies only; an inline administrator grant is the same risk and escapes policy reuse and review.",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...PLATFORM, reference: "PLAT.IAM.1", title: "Inline IAM policies should not allow full \"*\" administrative privileges (IAM.1 for inline policies)" },
    remediationSteps: "Grant the specific actions and resources the principal needs.",
    prevents: "A leaked credential owning the account through an inline policy.",
    types: INLINE,
    problem: adminStatements,
    what: (found) => `allows ${found.join(", ")} on "*"`,
    fix: "list the actions and resources the principal needs",
  }),
  documentPolicy({
    name: "iam-no-service-wildcard-actions",
    description: "IAM customer managed policies do not allow every action of a service (\"s3:*\", \"*\", or NotAction).",
    enforcementLevel: "advisory",
    severity: "low",
    framework: { ...FSBP, reference: "IAM.21", title: "IAM customer managed policies that you create should not allow wildcard actions for services" },
    remediationSteps: "Replace service:* with the actions needed.",
    prevents: "Permissions far beyond the job, including future actions of the service.",
    types: T.iamPolicy,
    problem: fullAccessActions,
    what: (found) => `allows ${found.join(", ")}`,
    fix: "list the actions needed instead of service:*",
  }),
  documentPolicy({
    name: "iam-no-kms-decrypt-on-all-keys",
    description: "IAM customer managed policies do not allow kms:Decrypt or kms:ReEncryptFrom on all KMS keys (Resource \"*\").",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "KMS.1", title: "IAM customer managed policies should not allow decryption actions on all KMS keys" },
    remediationSteps: "List the key ARNs the principal may decrypt with, or constrain with kms:ViaService.",
    prevents: "A principal decrypting data encrypted under any key of the account.",
    types: T.iamPolicy,
    problem: kmsDecryptOnAllKeys,
    what: (found) => `allows ${found.join(", ")} on all KMS keys`,
    fix: "name the key ARNs in Resource",
  }),
  documentPolicy({
    name: "iam-inline-no-kms-decrypt-on-all-keys",
    description: "Inline IAM policies (RolePolicy, UserPolicy, GroupPolicy, Role inlinePolicies) do not allow kms:Decrypt or kms:ReEncryptFrom on all KMS keys.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "KMS.2", title: "IAM principals should not have IAM inline policies that allow decryption actions on all KMS keys" },
    remediationSteps: "List the key ARNs the principal may decrypt with, or constrain with kms:ViaService.",
    prevents: "A principal decrypting data encrypted under any key of the account.",
    types: INLINE,
    problem: kmsDecryptOnAllKeys,
    what: (found) => `allows ${found.join(", ")} on all KMS keys`,
    fix: "name the key ARNs in Resource",
  }),
  resourcePolicy({
    name: "iam-no-user-policies",
    description: "IAM users get permissions through groups or roles, never policies attached to the user (UserPolicy, UserPolicyAttachment, PolicyAttachment users, the *Exclusive resources).",
    enforcementLevel: "mandatory",
    severity: "low",
    framework: { ...FSBP, reference: "IAM.2", title: "IAM users should not have IAM policies attached" },
    remediationSteps: "Attach the policy to a group (or use a role assumed through OIDC/SSO) instead of the user.",
    prevents: "Per-user permissions that escape review.",
    types: [...T.iamUserPolicy, ...T.iamUserPolicyAttachment, ...T.iamPolicyAttachment, ...T.iamUserExclusive],
    check: (r) => {
      if (T.iamPolicyAttachment.includes(r.type as never)) {
        const users = list(r.props.users);
        if (users === "unknown" || users.length === 0) return [];
      }
      if (T.iamUserExclusive.includes(r.type as never)) {
        const attached = list(r.props.policyArns ?? r.props.policyNames);
        if (attached === "unknown" || attached.length === 0) return [];
      }
      return [finding(`${where(r.name, r.type)} attaches a policy directly to a user`, "attach it to a group or role instead")];
    },
  }),
  resourcePolicy({
    name: "iam-password-policy-strong",
    description: "The account password policy requires uppercase, lowercase, symbols and numbers and at least 8 characters (Security Hub's IAM.7 parameters; omitted requirements are off, the minimum length defaults to 6).",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "IAM.7", title: "Password policies for IAM users should have strong configurations" },
    remediationSteps: "Set requireUppercaseCharacters, requireLowercaseCharacters, requireSymbols, requireNumbers: true and minimumPasswordLength: 14 (at least 8).",
    prevents: "Guessable console passwords.",
    types: T.iamPasswordPolicy,
    check: (r) => {
      const missing = Object.entries(PASSWORD_RULES).flatMap(([key, label]) => (bool(r.props[key]) === true || bool(r.props[key]) === "unknown" ? [] : [label]));
      const length = num(r.props.minimumPasswordLength) ?? 6;
      const short = length !== "unknown" && length < 8 ? [`at least 8 characters (is ${length})`] : [];
      const problems = [...missing.map((m) => `does not require ${m}`), ...short.map((s) => `does not require ${s}`)];
      return problems.length === 0 ? [] : [finding(`${where(r.name, r.type)} ${problems.join(", ")}`, "require all four character classes and minimumPasswordLength of at least 8")];
    },
  }),
];
