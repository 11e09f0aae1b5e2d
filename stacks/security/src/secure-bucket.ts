import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketPolicy } from "./bucket-policies";
import type { PolicyStatement } from "./policy-document";

export interface SecureBucketArgs {
  /** KMS key for default encryption (SSE-KMS with an S3 bucket key). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Days after which current objects expire; undefined keeps them. */
  readonly expireAfterDays?: number;
  /** Days after which replaced (noncurrent) versions expire. */
  readonly noncurrentVersionDays: number;
  /** Extra bucket-policy statements (service writers), given the bucket ARN. */
  readonly statements?: (bucketArn: string) => PolicyStatement[];
  /** Refuse `pulumi destroy` while the bucket holds state or audit evidence. */
  readonly protect?: boolean;
}

/**
 * An S3 bucket that is private, versioned, KMS-encrypted, TLS-only and lifecycle-managed, with
 * object ownership enforced (no ACLs). Used for audit logs here and for Pulumi state in the
 * bootstrap project.
 */
export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  /** The bucket policy; writers (CloudTrail, Config) must wait for it. */
  readonly policy: aws.s3.BucketPolicy;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:SecureBucket", name, {}, opts);
    const child = { parent: this };

    this.bucket = new aws.s3.Bucket(name, { forceDestroy: false }, { ...child, protect: args.protect });
    const bucket = this.bucket.id;

    const ownership = new aws.s3.BucketOwnershipControls(name, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      name,
      { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      child,
    );
    new aws.s3.BucketVersioning(name, { bucket, versioningConfiguration: { status: "Enabled" } }, child);
    new aws.s3.BucketServerSideEncryptionConfiguration(
      name,
      { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true }] },
      child,
    );
    new aws.s3.BucketLifecycleConfiguration(
      name,
      {
        bucket,
        rules: [
          ...(args.expireAfterDays === undefined
            ? []
            : [{ id: "expire-objects", status: "Enabled", filter: {}, expiration: { days: args.expireAfterDays } }]),
          {
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays },
          },
          { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
        ],
      },
      child,
    );

    const statements = args.statements ?? (() => []);
    this.policy = new aws.s3.BucketPolicy(
      name,
      { bucket, policy: this.bucket.arn.apply((arn) => JSON.stringify(bucketPolicy(arn, statements(arn)))) },
      // S3 rejects a policy while a public access block is being set up; order them.
      { ...child, dependsOn: [publicAccess, ownership] },
    );

    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}
