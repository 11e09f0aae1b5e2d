import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { logBucketPolicy, logKeyPolicy } from "./log-documents";

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
    const identity = aws.getCallerIdentityOutput({}, o);
    const partition = aws.getPartitionOutput({}, o);
    const writer = pulumi.all([identity.accountId, partition.partition]).apply(([accountId, p]) => ({ accountId, partition: p }));

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
    const bucket = new aws.s3.Bucket("access-logs", {}, o);
    new aws.s3.BucketOwnershipControls("access-logs", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, o);
    const block = new aws.s3.BucketPublicAccessBlock(
      "access-logs",
      { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      o,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      "access-logs",
      { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] },
      o,
    );
    new aws.s3.BucketVersioning("access-logs", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, o);
    new aws.s3.BucketLifecycleConfiguration(
      "access-logs",
      {
        bucket: bucket.id,
        rules: [
          {
            id: "expire-access-logs",
            status: "Enabled",
            filter: {},
            expiration: { days: args.retentionDays },
            noncurrentVersionExpiration: { noncurrentDays: 7 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
        ],
      },
      o,
    );
    const policy = new aws.s3.BucketPolicy(
      "access-logs",
      { bucket: bucket.id, policy: pulumi.all([bucket.arn, writer]).apply(([arn, w]) => JSON.stringify(logBucketPolicy(arn, w))) },
      { ...o, dependsOn: [block] },
    );

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
        deliveryDestinationConfiguration: { destinationResourceArn: bucket.arn },
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
    this.bucketName = bucket.bucket;
    this.registerOutputs({ bucketName: this.bucketName });
  }
}
