import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { containerDefinition, SCRATCH_VOLUMES } from "./container-definition";
import { encryptedLogGroup } from "./log-group";
import type { PolicyDocument } from "@platform/components";
import { executionRole, taskRole, type ExecutionRoleSource } from "./task-roles";

export interface FargateServiceArgs extends ExecutionRoleSource {
  /** Fixed before creation so the Container Insights log group can exist first. */
  readonly clusterName: pulumi.Input<string>;
  readonly imageUri: pulumi.Input<string>;
  readonly cpu: number;
  readonly memory: number;
  readonly cpuArchitecture: "X86_64" | "ARM64";
  readonly containerPort: number;
  readonly desiredCount: number;
  readonly minCount: number;
  readonly maxCount: number;
  readonly cpuTargetPercent: number;
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly securityGroupId: pulumi.Input<string>;
  readonly targetGroupArn: pulumi.Input<string>;
  /** The listener rule forwarding to the target group: ECS refuses a target group no load balancer uses. */
  readonly listenerRule: pulumi.Resource;
  readonly environment: pulumi.Input<Record<string, pulumi.Input<string>>>;
  readonly taskRolePolicy: pulumi.Input<PolicyDocument>;
  readonly logsKeyArn: pulumi.Input<string>;
  readonly logRetentionDays: number;
}

/**
 * The ECS cluster (Container Insights on) and the web service: Fargate tasks in the private app
 * subnets without public IPs, hardened containers, target-tracking autoscaling and a deployment
 * circuit breaker that rolls a failed deployment back.
 */
export class FargateService extends pulumi.ComponentResource {
  readonly cluster: aws.ecs.Cluster;
  readonly service: aws.ecs.Service;
  readonly taskDefinition: aws.ecs.TaskDefinition;
  readonly executionRole: aws.iam.Role;
  readonly taskRole: aws.iam.Role;
  readonly logGroup: aws.cloudwatch.LogGroup;

  constructor(name: string, args: FargateServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:app:FargateService", name, {}, opts);
    const parent = { parent: this };

    // Container Insights writes here by name; created first so it has our key and retention.
    const insights = encryptedLogGroup(`${name}-insights`, { name: pulumi.interpolate`/aws/ecs/containerinsights/${args.clusterName}/performance`, retentionDays: args.logRetentionDays, kmsKeyArn: args.logsKeyArn }, parent);
    this.cluster = new aws.ecs.Cluster(name, { name: args.clusterName, settings: [{ name: "containerInsights", value: "enabled" }] }, { ...parent, dependsOn: [insights] });

    this.logGroup = encryptedLogGroup(name, { retentionDays: args.logRetentionDays, kmsKeyArn: args.logsKeyArn }, parent);

    this.executionRole = executionRole(`${name}-execution`, args, this.logGroup.arn, parent);
    this.taskRole = taskRole(`${name}-task`, args, args.taskRolePolicy, parent);

    this.taskDefinition = new aws.ecs.TaskDefinition(
      name,
      {
        family: pulumi.interpolate`${args.clusterName}-service`,
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: String(args.cpu),
        memory: String(args.memory),
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: args.cpuArchitecture },
        executionRoleArn: this.executionRole.arn,
        taskRoleArn: this.taskRole.arn,
        volumes: SCRATCH_VOLUMES,
        containerDefinitions: pulumi
          .all([args.imageUri, this.logGroup.name, pulumi.output(args.environment), pulumi.output(args.secrets)])
          .apply(([image, logGroupName, environment, secrets]) =>
            JSON.stringify([
              containerDefinition({ name: "app", image, logGroupName, region: args.region, streamPrefix: "app", environment, secrets, port: args.containerPort }),
            ]),
          ),
      },
      parent,
    );

    this.service = new aws.ecs.Service(
      name,
      {
        cluster: this.cluster.arn,
        taskDefinition: this.taskDefinition.arn,
        launchType: "FARGATE",
        desiredCount: args.desiredCount,
        networkConfiguration: { subnets: args.subnetIds, securityGroups: [args.securityGroupId], assignPublicIp: false },
        loadBalancers: [{ targetGroupArn: args.targetGroupArn, containerName: "app", containerPort: args.containerPort }],
        healthCheckGracePeriodSeconds: 30,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        enableEcsManagedTags: true,
        propagateTags: "SERVICE",
      },
      // Autoscaling owns the running count after the first deployment.
      { ...parent, ignoreChanges: ["desiredCount"], dependsOn: [args.listenerRule] },
    );

    const target = new aws.appautoscaling.Target(
      name,
      {
        serviceNamespace: "ecs",
        scalableDimension: "ecs:service:DesiredCount",
        resourceId: pulumi.interpolate`service/${this.cluster.name}/${this.service.name}`,
        minCapacity: args.minCount,
        maxCapacity: args.maxCount,
      },
      parent,
    );
    new aws.appautoscaling.Policy(
      `${name}-cpu`,
      {
        policyType: "TargetTrackingScaling",
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
          targetValue: args.cpuTargetPercent,
          scaleInCooldown: 120,
          scaleOutCooldown: 60,
        },
      },
      parent,
    );
    this.registerOutputs({ serviceName: this.service.name });
  }
}
