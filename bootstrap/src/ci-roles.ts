import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AccountScope, PolicyDocument } from "@platform/components";
import { stackOrder } from "@platform/wiring";
import { CI_ROLE_PATH, deployPermissionsPolicy, type DeployedStack } from "./deploy-permissions";
import { deployTrustPolicy, GITHUB_OIDC_HOST, GITHUB_OIDC_URL, previewTrustPolicy, STS_AUDIENCE, type GitHubRepository } from "./github-trust";
import { previewReadsPolicy } from "./preview-permissions";
import { previewDataGuard, stateAccessPolicy } from "./state-permissions";

export interface CiRolesArgs {
  readonly scope: AccountScope;
  readonly repository: GitHubRepository;
  readonly environment: string;
  readonly branch: string;
  readonly checkRefClaim: boolean;
  readonly oidcProvider: "create" | "existing";
  readonly organizationGuardrails: boolean;
  readonly permissionsBoundaryArn?: string;
  readonly stateBucketArn?: pulumi.Output<string>;
  readonly stateKeyArn?: pulumi.Output<string>;
}

/**
 * One deploy role per stack of the graph (packages/wiring/src/graph.ts) other than the bootstrap
 * itself, in graph order. deploy-permissions.ts types STACK_PERMISSIONS over the same stacks, so a stack added to
 * the graph does not type-check until its role's permissions are declared.
 */
const DEPLOYED_STACKS = stackOrder().filter((s): s is DeployedStack => s !== "bootstrap");

/** The GitHub OIDC provider, the read-only preview role and one deploy role per stack. */
export class CiRoles extends pulumi.ComponentResource {
  readonly oidcProviderArn: pulumi.Output<string>;
  readonly previewRole: aws.iam.Role;
  readonly deployRoles: { readonly [S in DeployedStack]: aws.iam.Role };

  constructor(name: string, args: CiRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:bootstrap:CiRoles", name, {}, opts);
    const child = { parent: this };
    const { scope } = args;

    this.oidcProviderArn =
      args.oidcProvider === "create"
        ? new aws.iam.OpenIdConnectProvider("github", { url: GITHUB_OIDC_URL, clientIdLists: [STS_AUDIENCE] }, child).arn
        : pulumi.output(`arn:${scope.partition}:iam::${scope.accountId}:oidc-provider/${GITHUB_OIDC_HOST}`);

    const state = pulumi.all([args.stateBucketArn, args.stateKeyArn]);
    const attachState = (logical: string, role: aws.iam.Role, mode: "preview" | "deploy"): void => {
      if (args.stateBucketArn === undefined && args.stateKeyArn === undefined) return;
      const policy = state.apply(([bucketArn, keyArn]) => stateAccessPolicy({ bucketArn, keyArn }, mode));
      new aws.iam.RolePolicy(`${logical}-state`, { role: role.name, policy: policy.apply((doc) => JSON.stringify(doc)) }, child);
    };
    const trust = (build: (oidcArn: string) => PolicyDocument): pulumi.Output<string> => this.oidcProviderArn.apply((arn) => JSON.stringify(build(arn)));

    this.previewRole = new aws.iam.Role(
      "preview",
      {
        path: CI_ROLE_PATH,
        description: `Pulumi preview for pull requests of ${args.repository} and drift checks on ${args.branch} (read-only)`,
        assumeRolePolicy: trust((arn) => previewTrustPolicy(arn, args.repository, args.branch)),
        maxSessionDuration: 3600,
      },
      child,
    );
    new aws.iam.RolePolicyAttachment(
      "preview-read-only",
      { role: this.previewRole.name, policyArn: `arn:${scope.partition}:iam::aws:policy/ReadOnlyAccess` },
      child,
    );
    new aws.iam.RolePolicy("preview-reads", { role: this.previewRole.name, policy: JSON.stringify(previewReadsPolicy()) }, child);
    new aws.iam.RolePolicy(
      "preview-no-data-reads",
      { role: this.previewRole.name, policy: pulumi.output(args.stateBucketArn).apply((arn) => JSON.stringify(previewDataGuard(arn))) },
      child,
    );
    attachState("preview", this.previewRole, "preview");

    const deployRoles = {} as Record<DeployedStack, aws.iam.Role>;
    for (const stack of DEPLOYED_STACKS) {
      const logical = `deploy-${stack}`;
      const role = new aws.iam.Role(
        logical,
        {
          path: CI_ROLE_PATH,
          description: `Pulumi up of the ${stack} stack from ${args.repository} (${args.environment} environment)`,
          assumeRolePolicy: trust((arn) =>
            deployTrustPolicy(arn, args.repository, { environment: args.environment, branch: args.branch, checkRefClaim: args.checkRefClaim }),
          ),
          maxSessionDuration: 3600,
        },
        child,
      );
      const permissions = deployPermissionsPolicy(stack, scope, {
        organizationGuardrails: args.organizationGuardrails,
        permissionsBoundaryArn: args.permissionsBoundaryArn,
      });
      new aws.iam.RolePolicy(logical, { role: role.name, policy: JSON.stringify(permissions) }, child);
      attachState(logical, role, "deploy");
      deployRoles[stack] = role;
    }
    this.deployRoles = deployRoles;
    this.registerOutputs({});
  }
}
