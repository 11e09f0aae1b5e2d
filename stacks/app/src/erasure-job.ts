import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { containerDefinition, SCRATCH_VOLUMES } from "./container-definition";
import { executionRole, serviceRole, taskRole, type ExecutionRoleSource } from "./task-roles";
import { encryptedLogGroup } from "./log-group";
import type { PolicyDocument } from "@platform/components";
import { schedulerRolePolicy } from "./policy-documents";

export interface ErasureJobArgs extends ExecutionRoleSource {
  readonly clusterArn: pulumi.Input<string>;
  readonly family: pulumi.Input<string>;
  readonly imageUri: pulumi.Input<string>;
  readonly command: readonly string[];
  readonly cpuArchitecture: "X86_64" | "ARM64";
  readonly schedule: string;
  readonly timezone: string;
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly securityGroupId: pulumi.Input<string>;
  readonly taskRolePolicy: pulumi.Input<PolicyDocument>;
  readonly environment: pulumi.Input<Record<string, pulumi.Input<string>>>;
  readonly logsKeyArn: pulumi.Input<string>;
  readonly logRetentionDays: number;
}

/**
 * GDPR erasure: EventBridge Scheduler runs the service image as a one-off Fargate task with the
 * configured command. The task has its own task definition, so its role can be exactly what
 * erasure needs, and the command is part of the definition rather than a run-time override that
 * a lost override would turn into a second web server.
 */
export class ErasureJob extends pulumi.ComponentResource {
  readonly taskDefinition: aws.ecs.TaskDefinition;
  readonly taskRole: aws.iam.Role;
  readonly executionRole: aws.iam.Role;
  readonly schedule: aws.scheduler.Schedule;

  constructor(name: string, args: ErasureJobArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:app:ErasureJob", name, {}, opts);
    const parent = { parent: this };

    const logGroup = encryptedLogGroup(name, { retentionDays: args.logRetentionDays, kmsKeyArn: args.logsKeyArn }, parent);
    this.taskRole = taskRole(`${name}-task`, args, args.taskRolePolicy, parent);
    // ECS's own role for this task: the service's would not let awslogs write to this log group,
    // and this one reads only the secrets the erasure task is given.
    this.executionRole = executionRole(`${name}-execution`, args, logGroup.arn, parent);

    this.taskDefinition = new aws.ecs.TaskDefinition(
      name,
      {
        family: args.family,
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: "256",
        memory: "512",
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: args.cpuArchitecture },
        executionRoleArn: this.executionRole.arn,
        taskRoleArn: this.taskRole.arn,
        volumes: SCRATCH_VOLUMES,
        containerDefinitions: pulumi
          .all([args.imageUri, logGroup.name, pulumi.output(args.environment), pulumi.output(args.secrets)])
          .apply(([image, logGroupName, environment, secrets]) =>
            JSON.stringify([containerDefinition({ name: "erasure", image, logGroupName, region: args.region, streamPrefix: "erasure", environment, secrets, command: args.command })]),
          ),
      },
      parent,
    );

    const schedulerRole = serviceRole(`${name}-scheduler`, "scheduler.amazonaws.com", args, parent);
    new aws.iam.RolePolicy(
      `${name}-scheduler`,
      {
        role: schedulerRole.id,
        policy: pulumi
          .all([this.taskDefinition.arn, args.clusterArn, this.taskRole.arn, this.executionRole.arn])
          .apply(([taskDefinitionArn, clusterArn, taskRoleArn, executionRoleArn]) => JSON.stringify(schedulerRolePolicy({ taskDefinitionArn, clusterArn, passRoleArns: [taskRoleArn, executionRoleArn] }))),
      },
      parent,
    );

    this.schedule = new aws.scheduler.Schedule(
      name,
      {
        description: "GDPR erasure: runs the erasure command as a one-off Fargate task",
        scheduleExpression: args.schedule,
        scheduleExpressionTimezone: args.timezone,
        flexibleTimeWindow: { mode: "OFF" },
        target: {
          arn: args.clusterArn,
          roleArn: schedulerRole.arn,
          ecsParameters: {
            taskDefinitionArn: this.taskDefinition.arn,
            launchType: "FARGATE",
            taskCount: 1,
            networkConfiguration: { subnets: args.subnetIds, securityGroups: [args.securityGroupId], assignPublicIp: false },
          },
          retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
        },
      },
      parent,
    );
    this.registerOutputs({ scheduleName: this.schedule.name });
  }
}
