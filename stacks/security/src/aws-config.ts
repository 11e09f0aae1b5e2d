import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_PREFIX } from "./audit-bucket-policies";
import type { AccountScope } from "@platform/components";

export interface ConfigRecordingArgs {
  readonly scope: AccountScope;
  readonly serviceLinkedRole: "create" | "existing";
  readonly recordGlobalResources: boolean;
  readonly bucketName: pulumi.Input<string>;
  readonly logsKeyArn: pulumi.Input<string>;
  /** Config checks bucket access when the delivery channel is created. */
  readonly bucketPolicy: pulumi.Resource;
}

export function configServiceLinkedRoleArn(scope: AccountScope): string {
  return `arn:${scope.partition}:iam::${scope.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
}

/**
 * AWS Config recording every supported resource type, through the service-linked role
 * (Security Hub control Config.1), delivering KMS-encrypted snapshots to the audit bucket.
 */
export class ConfigRecording extends pulumi.ComponentResource {
  readonly recorder: aws.cfg.Recorder;
  /** Recording is on once this exists; Security Hub's Config-based controls wait for it. */
  readonly status: aws.cfg.RecorderStatus;

  constructor(name: string, args: ConfigRecordingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:ConfigRecording", name, {}, opts);
    const child = { parent: this };

    const roleArn =
      args.serviceLinkedRole === "create"
        ? new aws.iam.ServiceLinkedRole(name, { awsServiceName: "config.amazonaws.com" }, child).arn
        : pulumi.output(configServiceLinkedRoleArn(args.scope));

    // A region holds one recorder and one delivery channel; "default" is the name AWS uses.
    this.recorder = new aws.cfg.Recorder(
      name,
      {
        name: "default",
        roleArn,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: args.recordGlobalResources },
      },
      child,
    );
    const channel = new aws.cfg.DeliveryChannel(
      name,
      {
        name: "default",
        s3BucketName: args.bucketName,
        s3KeyPrefix: CONFIG_PREFIX,
        s3KmsKeyArn: args.logsKeyArn,
        snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
      },
      { ...child, dependsOn: [this.recorder, args.bucketPolicy] },
    );
    this.status = new aws.cfg.RecorderStatus(name, { name: this.recorder.name, isEnabled: true }, { ...child, dependsOn: [channel] });
    this.registerOutputs({});
  }
}
