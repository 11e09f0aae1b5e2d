import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { s3LifecycleRules, type LifecycleRule } from "./lifecycle-rules";
import { bucketPolicy, type PolicyStatement } from "./policy-document";

export type BucketEncryption =
  /** SSE-KMS with an S3 bucket key (fewer KMS calls, lower cost). */
  | { readonly kind: "kms"; readonly keyArn: pulumi.Input<string> }
  /** SSE-S3, only where an AWS service that writes to the bucket accepts nothing else; say which. */
  | { readonly kind: "s3-managed"; readonly because: string };

export interface SecureBucketArgs {
  readonly encryption: BucketEncryption;
  /** Lifecycle rules; every bucket has at least one, so nothing is kept forever. */
  readonly lifecycleRules: readonly LifecycleRule[];
  /** Statements added after the TLS-only deny in the bucket policy (service writers), given the bucket ARN. */
  readonly statements?: (bucketArn: string) => readonly PolicyStatement[] | pulumi.Output<readonly PolicyStatement[]>;
  readonly tags?: Record<string, string>;
  /** Refuse `pulumi destroy` of the bucket while it holds state or audit evidence. */
  readonly protect?: boolean;
  /**
   * The resource this bucket's resources were children of before they were grouped in this
   * component. Their URNs include the parent, so without these aliases Pulumi would delete the
   * bucket (and the logs in it) and create an empty one.
   */
  readonly formerParent?: pulumi.Resource;
}

/**
 * An S3 bucket that cannot be made public, accepts only TLS, is versioned, encrypted,
 * owner-enforced (no ACLs: CloudTrail, Config, ALB and CloudWatch vended log delivery all write
 * with bucket-owner-full-control, which owner-enforced buckets accept) and lifecycle-managed.
 * Settings are separate resources, as the AWS provider 7 wants; each is named like the bucket.
 */
export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  /** The bucket policy; service writers (CloudTrail, Config, ELB, log delivery) must wait for it. */
  readonly policy: aws.s3.BucketPolicy;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:components:SecureBucket", name, {}, opts);
    const rules = s3LifecycleRules(name, args.lifecycleRules);
    const child: pulumi.CustomResourceOptions = args.formerParent === undefined ? { parent: this } : { parent: this, aliases: [{ parent: args.formerParent }] };

    this.bucket = new aws.s3.Bucket(name, { forceDestroy: false, tags: args.tags }, { ...child, protect: args.protect });
    const bucket = this.bucket.id;

    const ownership = new aws.s3.BucketOwnershipControls(name, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      name,
      { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      child,
    );
    const versioning = new aws.s3.BucketVersioning(name, { bucket, versioningConfiguration: { status: "Enabled" } }, child);
    new aws.s3.BucketServerSideEncryptionConfiguration(
      name,
      {
        bucket,
        rules: [
          args.encryption.kind === "kms"
            ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.encryption.keyArn }, bucketKeyEnabled: true }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ],
      },
      child,
    );
    // Noncurrent-version rules need versioning in place first (provider docs, BucketLifecycleConfiguration).
    new aws.s3.BucketLifecycleConfiguration(name, { bucket, rules }, { ...child, dependsOn: [versioning] });

    const statements = args.statements ?? (() => []);
    const render = (arn: string, more: readonly PolicyStatement[]): string => JSON.stringify(bucketPolicy(arn, more));
    this.policy = new aws.s3.BucketPolicy(
      name,
      {
        bucket,
        policy: this.bucket.arn.apply((arn): pulumi.Output<string> => {
          const more = statements(arn);
          return pulumi.Output.isInstance(more) ? more.apply((m) => render(arn, m)) : pulumi.output(render(arn, more));
        }),
      },
      // S3 refuses a bucket policy while the public access block or ownership controls are being set up.
      { ...child, dependsOn: [publicAccess, ownership] },
    );

    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}
