import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountScope, WORKLOAD_ROLE_PATH } from "@platform/components";
import { flowLogTrustPolicy, flowLogWritePolicy, logsKeyPolicy } from "./policy-documents";

export interface FlowLogsArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly retentionDays: number;
  /** KMS key for the log group; when absent the component creates one. */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Permissions boundary of the flow-log role, when the deploy role requires one. */
  readonly permissionsBoundaryArn?: string;
}

/** Every packet decision of the VPC (ALL) into a KMS-encrypted log group with a retention. */
export class FlowLogs extends pulumi.ComponentResource {
  readonly logGroup: aws.cloudwatch.LogGroup;

  constructor(name: string, args: FlowLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:FlowLogs", name, {}, opts);
    const parent = { parent: this };
    const scope = accountScope(this);

    const kmsKeyArn =
      args.kmsKeyArn ??
      new aws.kms.Key(
        `${name}-key`,
        {
          description: "Network stack logs key (until the security stack provides one)",
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy: scope.apply((s) => JSON.stringify(logsKeyPolicy(s))),
        },
        parent,
      ).arn;

    this.logGroup = new aws.cloudwatch.LogGroup(name, { retentionInDays: args.retentionDays, kmsKeyId: kmsKeyArn }, parent);

    const role = new aws.iam.Role(
      `${name}-role`,
      { path: WORKLOAD_ROLE_PATH, assumeRolePolicy: scope.apply((s) => JSON.stringify(flowLogTrustPolicy(s))), permissionsBoundary: args.permissionsBoundaryArn },
      parent,
    );
    new aws.iam.RolePolicy(`${name}-write`, { role: role.id, policy: this.logGroup.arn.apply((arn) => JSON.stringify(flowLogWritePolicy(arn))) }, parent);

    new aws.ec2.FlowLog(
      name,
      { vpcId: args.vpcId, trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: this.logGroup.arn, iamRoleArn: role.arn, maxAggregationInterval: 60 },
      parent,
    );
    this.registerOutputs({ logGroupName: this.logGroup.name });
  }
}
