import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { WORKLOAD_ROLE_PATH, type PolicyDocument } from "@platform/components";
import { executionRolePolicy, serviceTrustPolicy } from "./policy-documents";

/** Where and under which permissions boundary the stack's roles are created. */
export interface RolePlacement {
  readonly accountId: string;
  /** The bootstrap's rolePermissionsBoundaryArn, when its deploy role requires a boundary. */
  readonly permissionsBoundaryArn?: string;
}

/**
 * A role a service assumes, under the workload path (the only one the deploy role may manage)
 * and with the permissions boundary when one is configured.
 */
export function serviceRole(name: string, service: string, placement: RolePlacement, opts: pulumi.CustomResourceOptions): aws.iam.Role {
  return new aws.iam.Role(
    name,
    {
      path: WORKLOAD_ROLE_PATH,
      assumeRolePolicy: JSON.stringify(serviceTrustPolicy(service, placement.accountId)),
      permissionsBoundary: placement.permissionsBoundaryArn,
    },
    opts,
  );
}

/** A role ECS tasks assume, with one inline policy. */
export function taskRole(name: string, placement: RolePlacement, policy: pulumi.Input<PolicyDocument>, opts: pulumi.CustomResourceOptions): aws.iam.Role {
  const role = serviceRole(name, "ecs-tasks.amazonaws.com", placement, opts);
  new aws.iam.RolePolicy(name, { role: role.id, policy: pulumi.output(policy).apply((p) => JSON.stringify(p)) }, opts);
  return role;
}

/** What an ECS execution role must reach to start a task: its image, log group and injected secrets. */
export interface ExecutionRoleSource extends RolePlacement {
  readonly repositoryArn: pulumi.Input<string>;
  readonly secrets: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Keys that encrypt the injected secrets (decrypted through Secrets Manager only). */
  readonly secretsKeyArns: pulumi.Input<pulumi.Input<string>[]>;
  readonly region: string;
  readonly guardDutyAgentRepositoryArn: string;
}

/**
 * ECS's own role for one task definition: pull its image (and GuardDuty's agent), write to its
 * log group, read exactly its injected secrets. One per task definition, so the erasure job's
 * role cannot read the web service's secrets and the other way round.
 */
export function executionRole(name: string, source: ExecutionRoleSource, logGroupArn: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): aws.iam.Role {
  const policy = pulumi
    .all([logGroupArn, source.repositoryArn, pulumi.output(source.secrets), pulumi.output(source.secretsKeyArns)])
    .apply(([logGroup, repositoryArn, secrets, secretsKeyArns]) =>
      executionRolePolicy({
        logGroupArn: logGroup,
        repositoryArn,
        secretArns: Object.values(secrets),
        secretsKeyArns,
        region: source.region,
        guardDutyAgentRepositoryArn: source.guardDutyAgentRepositoryArn,
      }),
    );
  return taskRole(name, source, policy, opts);
}
