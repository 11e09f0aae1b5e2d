import type { PolicyDocument } from "@platform/components";
import { policyDocument } from "@platform/components";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
/** The audience aws-actions/configure-aws-credentials requests. */
export const STS_AUDIENCE = "sts.amazonaws.com";

/** `owner/repo`, as GitHub writes it in the token's `sub` claim. */
export type GitHubRepository = string;

function webIdentityTrust(oidcProviderArn: string, claims: Record<string, string | string[]>): PolicyDocument {
  const stringEquals: Record<string, string | string[]> = { [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE };
  for (const [claim, value] of Object.entries(claims)) stringEquals[`${GITHUB_OIDC_HOST}:${claim}`] = value;
  return policyDocument([
    {
      Sid: "GitHubActions",
      Effect: "Allow",
      Principal: { Federated: oidcProviderArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: stringEquals },
    },
  ]);
}

/**
 * Pull-request workflows of the repository, and the scheduled drift check on the deploy branch
 * (a job without an environment has the subject `repo:<owner>/<repo>:ref:refs/heads/<branch>`,
 * GitHub's "About security hardening with OpenID Connect", example subject claims), may assume
 * the read-only preview role; nothing else can.
 */
export function previewTrustPolicy(oidcProviderArn: string, repository: GitHubRepository, branch: string): PolicyDocument {
  return webIdentityTrust(oidcProviderArn, { sub: [`repo:${repository}:pull_request`, `repo:${repository}:ref:refs/heads/${branch}`] });
}

export interface DeployTrustOptions {
  /** GitHub environment the deploy job runs in (its protection rules gate the deployment). */
  readonly environment: string;
  readonly branch: string;
  /**
   * Also require the token's `ref` claim to be the deploy branch. AWS STS evaluates GitHub's
   * `ref` claim since early 2026; turn this off where STS does not support it yet.
   */
  readonly checkRefClaim: boolean;
}

/**
 * Jobs of the repository running in the stack's GitHub environment may assume a deploy role.
 * With an environment, GitHub's `sub` names the environment, not the branch, so the branch is
 * held by the `ref` claim and by the environment's deployment-branch rule.
 */
export function deployTrustPolicy(oidcProviderArn: string, repository: GitHubRepository, options: DeployTrustOptions): PolicyDocument {
  const claims: Record<string, string> = { sub: `repo:${repository}:environment:${options.environment}` };
  if (options.checkRefClaim) claims.ref = `refs/heads/${options.branch}`;
  return webIdentityTrust(oidcProviderArn, claims);
}
