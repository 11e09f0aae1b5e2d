import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountScope, SecureBucket } from "@platform/components";
import { logDeliveryWriteStatement, logKeyPolicy } from "./log-documents";

export interface AccessLogsArgs {
  readonly distributionArn: pulumi.Input<string>;
  readonly retentionDays: number;
  /** Prefix of the account-unique delivery names, e.g. `platform-edge-dev`. */
  readonly namePrefix: string;
  /** The us-east-1 provider: CloudFront's delivery source lives there, and the bucket beside it. */
  readonly provider: aws.Provider;
}

/**
 * CloudFront standard logging (v2): a delivery source for the distribution, an S3 delivery
 * destination, and the delivery between them, into a KMS-encrypted, TLS-only, private bucket
 * whose lifecycle deletes logs after the retention period.
 */
export class AccessLogs extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;

  constructor(name: string, args: AccessLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:AccessLogs", name, {}, opts);
    const o = { parent: this, provider: args.provider };
    const writer = accountScope(this, args.provider);

    const key = new aws.kms.Key(
      "access-logs",
      {
        description: "Encrypts CloudFront access logs",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: writer.apply((w) => JSON.stringify(logKeyPolicy(w))),
      },
      o,
    );
    const bucket = new SecureBucket(
      "access-logs",
      {
        encryption: { kind: "kms", keyArn: key.arn },
        lifecycleRules: [{ id: "expire-access-logs", expireAfterDays: args.retentionDays, noncurrentVersionDays: 7, abortIncompleteUploadsAfterDays: 1 }],
        statements: (arn) => writer.apply((w) => [logDeliveryWriteStatement(arn, w)]),
        // The bucket and its settings were direct children of this component before the shared
        // SecureBucket grouped them; aliasing them to this parent keeps their URNs, so Pulumi
        // updates them in place instead of replacing the bucket and the logs in it.
        formerParent: this,
      },
      o,
    );
    const policy = bucket.policy;

    const source = new aws.cloudwatch.LogDeliverySource(
      "access-logs",
      { name: `${args.namePrefix}-access-logs`, logType: "ACCESS_LOGS", resourceArn: args.distributionArn },
      o,
    );
    const destination = new aws.cloudwatch.LogDeliveryDestination(
      "access-logs",
      {
        name: `${args.namePrefix}-access-logs-s3`,
        // W3C is CloudFront's classic log format; Parquet conversion would add a per-GB charge.
        outputFormat: "w3c",
        deliveryDestinationConfiguration: { destinationResourceArn: bucket.bucketArn },
      },
      o,
    );
    new aws.cloudwatch.LogDelivery(
      "access-logs",
      {
        deliverySourceName: source.name,
        deliveryDestinationArn: destination.arn,
        s3DeliveryConfigurations: [{ suffixPath: "{DistributionId}/{yyyy}/{MM}/{dd}/{HH}", enableHiveCompatiblePath: false }],
      },
      { ...o, dependsOn: [policy] },
    );
    this.bucketName = bucket.bucketName;
    this.registerOutputs({ bucketName: this.bucketName });
  }
}
