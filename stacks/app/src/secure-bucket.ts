import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { doc, tlsOnlyStatement, type Statement } from "./policy-documents";

export type BucketEncryption =
  | { readonly kind: "kms"; readonly keyArn: pulumi.Input<string> }
  /** Only where an AWS service that writes to the bucket accepts nothing else; say which. */
  | { readonly kind: "s3-managed"; readonly because: string };

export interface SecureBucketArgs {
  readonly encryption: BucketEncryption;
  /** Lifecycle rules; every bucket has at least one, so nothing is kept forever. */
  readonly lifecycleRules: pulumi.Input<aws.types.input.s3.BucketLifecycleConfigurationRule>[];
  /** Statements added to the TLS-only bucket policy, given the bucket ARN. */
  readonly extraStatements?: (bucketArn: string) => pulumi.Input<Statement[]>;
  readonly tags?: Record<string, string>;
}

/**
 * A bucket that cannot be made public, accepts only TLS, is versioned, encrypted, owner-enforced
 * (no ACLs) and has lifecycle rules. Settings are separate resources, as the AWS provider wants.
 */
export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly policy: aws.s3.BucketPolicy;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:app:SecureBucket", name, {}, opts);
    const parent = { parent: this };

    this.bucket = new aws.s3.Bucket(name, { forceDestroy: false, tags: args.tags }, parent);
    const bucket = this.bucket.id;

    const publicAccess = new aws.s3.BucketPublicAccessBlock(name, { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, parent);
    new aws.s3.BucketOwnershipControls(name, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, parent);
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
      parent,
    );
    const versioning = new aws.s3.BucketVersioning(name, { bucket, versioningConfiguration: { status: "Enabled" } }, parent);
    new aws.s3.BucketLifecycleConfiguration(name, { bucket, rules: args.lifecycleRules }, { ...parent, dependsOn: [versioning] });

    const extra = args.extraStatements;
    this.policy = new aws.s3.BucketPolicy(
      name,
      {
        bucket,
        policy: this.bucket.arn.apply((arn) => pulumi.output(extra?.(arn) ?? []).apply((more) => JSON.stringify(doc(tlsOnlyStatement(arn), ...(more as Statement[]))))),
      },
      // A bucket policy is refused while the public access block is still being applied.
      { ...parent, dependsOn: [publicAccess] },
    );

    this.registerOutputs({ bucketName: this.bucket.bucket });
  }
}

/** Deletes multipart uploads that were never completed (they are invisible but stored and billed). */
export const abortIncompleteUploads = (days = 1): aws.types.input.s3.BucketLifecycleConfigurationRule => ({
  id: "abort-incomplete-uploads",
  status: "Enabled",
  filter: {},
  abortIncompleteMultipartUpload: { daysAfterInitiation: days },
});
