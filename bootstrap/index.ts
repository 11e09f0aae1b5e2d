/**
 * The bootstrap (root Pulumi.yaml, once per account and environment): where state and secrets
 * live, and who may deploy.
 * Resources: src/state-backend.ts (optional state bucket and secrets KMS key), src/ci-roles.ts
 * (GitHub OIDC provider, the read-only preview role, one deploy role per stack).
 * Exports: the bootstrap contract, packages/wiring/src/contracts/bootstrap.ts.
 */
import { lookupAccountScope } from "@platform/components";
import { defineStack } from "@platform/wiring";
import { CiRoles } from "./src/ci-roles";
import { bootstrapConfig } from "./src/config";
import { StateBackend } from "./src/state-backend";

export = defineStack("bootstrap", async (ctx) => {
  const config = ctx.config(bootstrapConfig);
  const scope = await lookupAccountScope();

  const backend = new StateBackend("state", {
    scope,
    env: ctx.env,
    bucket: config.stateBucket,
    secretsKey: config.secretsKey,
    versionRetentionDays: config.stateVersionRetentionDays,
  });

  const roles = new CiRoles("ci", {
    scope,
    repository: config.githubRepository,
    environment: config.githubEnvironment ?? ctx.env,
    branch: config.deployBranch,
    checkRefClaim: config.checkRefClaim,
    oidcProvider: config.oidcProvider,
    organizationGuardrails: config.organizationGuardrails,
    permissionsBoundaryArn: config.rolePermissionsBoundaryArn,
    stateBucketArn: backend.bucket?.bucketArn,
    stateKeyArn: backend.key?.arn,
  });

  return {
    backendUrl: backend.backendUrl,
    secretsProvider: backend.secretsProvider,
    oidcProviderArn: roles.oidcProviderArn,
    previewRoleArn: roles.previewRole.arn,
    // One per stack of the graph, as CiRoles creates them.
    deployRoleArns: Object.fromEntries(Object.entries(roles.deployRoles).map(([stack, role]) => [stack, role.arn])),
    rolePermissionsBoundaryArn: config.rolePermissionsBoundaryArn,
  };
});
