/**
 * Whether a CI role may make one request, as IAM decides it: @cloud-copilot/iam-simulate with
 * the role's policies (and a permissions boundary when it has one), the target's resource policy
 * where the service requires one (KMS key policies), and the request's condition keys.
 */
import { runSimulation, type EvaluationResult } from "@cloud-copilot/iam-simulate";
import type { PolicyDocument } from "@platform/components";
import type { NamedPolicy } from "./ci-role-policies";

export interface AccessRequest {
  readonly action: string;
  /** The target's ARN, or `*` for actions without resource-level permissions. */
  readonly resource: string;
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  readonly resourcePolicy?: PolicyDocument;
}

export interface Principal {
  readonly arn: string;
  readonly policies: readonly NamedPolicy[];
  readonly boundary?: readonly NamedPolicy[];
}

/** "Allowed", "ExplicitlyDenied", "ImplicitlyDenied", or the simulator's validation message. */
export type Decision = EvaluationResult | `invalid: ${string}`;

const accountOf = (arn: string): string => arn.split(":")[4] ?? "";

const decisions = new Map<string, Promise<Decision>>();
const policyKeys = new WeakMap<Principal, string>();

/** Decides once per principal (by its policies) and request: the plans of dev and prod repeat most requests. */
export function decide(principal: Principal, request: AccessRequest): Promise<Decision> {
  let policies = policyKeys.get(principal);
  if (policies === undefined) {
    policies = JSON.stringify([principal.arn, principal.policies, principal.boundary]);
    policyKeys.set(principal, policies);
  }
  const key = `${policies}\n${JSON.stringify(request)}`;
  let decision = decisions.get(key);
  if (decision === undefined) {
    decision = simulate(principal, request);
    decisions.set(key, decision);
  }
  return decision;
}

/** AWS's default key policy: the account's IAM policies decide (KMS developer guide, "Default key policy"). */
export const defaultKeyPolicy = (keyArn: string): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountOf(keyArn)}:root` }, Action: "kms:*", Resource: "*" }],
});

export const isKeyArn = (arn: string): boolean => /^arn:aws[a-z-]*:kms:[^:]*:\d{12}:key\//.test(arn);

/**
 * One identity policy's answer for a caller in the request's account (123456789012 for `*`); a
 * KMS key without a given key policy has the default one.
 */
export async function isAllowed(policy: PolicyDocument, request: AccessRequest): Promise<boolean> {
  const account = accountOf(request.resource) || "123456789012";
  const withKeyPolicy = request.resourcePolicy === undefined && isKeyArn(request.resource) ? { ...request, resourcePolicy: defaultKeyPolicy(request.resource) } : request;
  return (await decide({ arn: `arn:aws:iam::${account}:role/platform-ci/caller`, policies: [{ name: "policy", policy }] }, withKeyPolicy)) === "Allowed";
}

const patternMatches = (pattern: string, value: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i").test(value);

/**
 * The policy with only the actions of the request's service: the others cannot match it, and
 * ReadOnlyAccess (one statement of thousands of actions) is slow to evaluate whole for each
 * request. Statements with NotAction stay as they are; so do boundaries.
 */
const reduced = new WeakMap<PolicyDocument, Map<string, PolicyDocument>>();

function relevantTo(policy: PolicyDocument, action: string): PolicyDocument {
  const service = action.split(":")[0].toLowerCase();
  let byService = reduced.get(policy);
  if (byService === undefined) {
    byService = new Map();
    reduced.set(policy, byService);
  }
  let result = byService.get(service);
  if (result === undefined) {
    result = reduce(policy, service);
    byService.set(service, result);
  }
  return result;
}

function reduce(policy: PolicyDocument, service: string): PolicyDocument {
  const statements = policy.Statement.flatMap((statement) => {
    if (statement.Action === undefined) return [statement];
    const actions = (typeof statement.Action === "string" ? [statement.Action] : statement.Action).filter((a) => a === "*" || patternMatches(a.split(":")[0], service));
    return actions.length === 0 ? [] : [{ ...statement, Action: actions }];
  });
  return { ...policy, Statement: statements };
}

async function simulate(principal: Principal, request: AccessRequest): Promise<Decision> {
  const account = accountOf(principal.arn);
  const result = await runSimulation(
    {
      request: {
        principal: principal.arn,
        action: request.action,
        // Global resources (S3 buckets, `*`) carry no account in their ARN: they are the caller's.
        resource: { resource: request.resource, accountId: accountOf(request.resource) || account },
        contextVariables: Object.fromEntries(Object.entries(request.context ?? {}).map(([k, v]) => [k, typeof v === "string" ? v : [...v]])),
      },
      identityPolicies: principal.policies.map((p) => ({ name: p.name, policy: relevantTo(p.policy, request.action) })).filter((p) => p.policy.Statement.length > 0),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
      ...(principal.boundary ? { permissionBoundaryPolicies: principal.boundary.map((p) => ({ name: p.name, policy: p.policy })) } : {}),
    },
    {},
  );
  if (result.resultType === "error") return `invalid: ${result.errors.message}`;
  return result.overallResult;
}
