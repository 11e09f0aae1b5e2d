import type { AccountScope } from "./account-scope";

/**
 * IAM path of every role the stacks create for their workloads (task, execution, scheduler,
 * flow-log and RUM guest roles). The bootstrap's deploy roles may create, change, delete and pass
 * roles only under this path, so no deploy role can rewrite the trust policy of an unrelated
 * (administrator) role and assume it.
 */
export const WORKLOAD_ROLE_PATH = "/platform-workload/";

/** ARN pattern matching every workload role of an account, for IAM policy Resource elements. */
export function workloadRoleArnPattern(scope: Pick<AccountScope, "partition" | "accountId">): string {
  return `arn:${scope.partition}:iam::${scope.accountId}:role${WORKLOAD_ROLE_PATH}*`;
}

/**
 * What a permissions boundary config value must look like (a managed policy ARN), shared by the
 * stacks' `rolePermissionsBoundaryArn` keys so they accept and refuse the same values.
 */
export const PERMISSIONS_BOUNDARY_ARN_PATTERN = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/;
