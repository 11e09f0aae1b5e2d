/**
 * The offline plan of every environment, as the permission checks read it: each environment that
 * has a Pulumi.<env>.yaml for every deployed stack, with the optional features the bootstrap's
 * options grant permissions for switched on (a permissions boundary on workload roles, the
 * network stack's own flow-log key, the SCPs of a management account).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { OFFLINE_ACCOUNT_ID, REPO_ROOT, runStacks, type StackRun } from "@platform/offline";
import { STACKS } from "@platform/wiring";
import { STACK_PERMISSIONS, type DeployedStack } from "../../src/deploy-permissions";

export const DEPLOYED_STACKS = Object.keys(STACK_PERMISSIONS) as DeployedStack[];
/** The account and region every offline plan runs in (packages/offline/src/mocks). */
export const SCOPE = { accountId: OFFLINE_ACCOUNT_ID, region: "ap-northeast-1", partition: "aws" } as const;
export const BOUNDARY = `arn:aws:iam::${SCOPE.accountId}:policy/platform-workload-boundary`;

/** Environments every deployed stack has a config for (Pulumi.<env>.yaml). */
export function environments(repoRoot = REPO_ROOT): string[] {
  const perStack = DEPLOYED_STACKS.map((stack) =>
    fs
      .readdirSync(path.join(repoRoot, STACKS[stack].dir))
      .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
      .filter((env): env is string => env !== undefined),
  );
  return perStack[0].filter((env) => perStack.every((envs) => envs.includes(env))).sort();
}

const FEATURES = {
  bootstrap: { rolePermissionsBoundaryArn: BOUNDARY, organizationGuardrails: "true" },
  security: {
    organization: { managementAccount: true, targetIds: ["ou-ab12-cdef3456"], allowedRegions: [SCOPE.region, "us-east-1"] },
  },
  network: { logsKeySource: "own", rolePermissionsBoundaryArn: BOUNDARY },
  app: { rolePermissionsBoundaryArn: BOUNDARY },
  edge: { rolePermissionsBoundaryArn: BOUNDARY },
};

export interface EnvironmentPlan {
  readonly env: string;
  readonly runs: { readonly [S in DeployedStack]: StackRun };
  /** The bootstrap of the same environment: the CI roles and their policies. */
  readonly bootstrap: StackRun;
}

let planned: Promise<EnvironmentPlan[]> | undefined;

/** Plans every stack of every environment once per process. */
export function planEveryEnvironment(): Promise<EnvironmentPlan[]> {
  planned ??= (async () => {
    const plans: EnvironmentPlan[] = [];
    for (const env of environments()) {
      const runs = await runStacks({ env, stacks: DEPLOYED_STACKS, config: FEATURES });
      const { bootstrap } = await runStacks({ env, stacks: ["bootstrap"], config: FEATURES });
      plans.push({ env, runs: runs as EnvironmentPlan["runs"], bootstrap: bootstrap as StackRun });
    }
    return plans;
  })();
  return planned;
}
