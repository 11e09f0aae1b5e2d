import * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "@platform/components";

/** Key prefix of personal-data exports in the export bucket. */
export const EXPORT_PREFIX = "exports/";

/**
 * Data-bucket prefixes of the erasure protocol: the application records a request as
 * `erasure-requests/<subjectId>.json`; the erasure program moves it to `erasure-completed/`
 * once every version under `<personalDataPrefix><subjectId>/` and `exports/<subjectId>/` is gone.
 */
export const ERASURE_REQUEST_PREFIX = "erasure-requests/";
export const ERASURE_COMPLETED_PREFIX = "erasure-completed/";

export interface DataBucketsArgs {
  readonly dataKeyArn: pulumi.Input<string>;
  readonly personalDataKeyArn: pulumi.Input<string>;
  /** Exports (personal data handed to its subject) expire after this many days. */
  readonly exportRetentionDays: number;
  /** Superseded and deleted versions in the data bucket are purged after this many days. */
  readonly dataNoncurrentRetentionDays: number;
}

/**
 * The application's data bucket (data key) and the export bucket for data-subject access
 * requests (personal-data key), from which the service hands out time-limited links.
 */
export class DataBuckets extends pulumi.ComponentResource {
  readonly data: SecureBucket;
  readonly exports: SecureBucket;

  constructor(name: string, args: DataBucketsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:app:DataBuckets", name, {}, opts);
    const parent = { parent: this };

    this.data = new SecureBucket(
      name,
      {
        encryption: { kind: "kms", keyArn: args.dataKeyArn },
        lifecycleRules: [
          // An erased object survives as a noncurrent version until this rule removes it.
          { id: "purge-noncurrent-versions", noncurrentVersionDays: args.dataNoncurrentRetentionDays },
          { id: "remove-expired-delete-markers", removeExpiredDeleteMarkers: true },
          { id: "abort-incomplete-uploads", abortIncompleteUploadsAfterDays: 1 },
        ],
      },
      // The shared component replaced platform:app:SecureBucket; the alias keeps the URNs of the
      // bucket and its settings, so Pulumi does not replace a bucket that holds data.
      { ...parent, aliases: [{ type: "platform:app:SecureBucket" }] },
    );

    this.exports = new SecureBucket(
      `${name}-exports`,
      {
        encryption: { kind: "kms", keyArn: args.personalDataKeyArn },
        lifecycleRules: [
          { id: "expire-exports", expireAfterDays: args.exportRetentionDays, noncurrentVersionDays: 1 },
          { id: "abort-incomplete-uploads", abortIncompleteUploadsAfterDays: 1 },
        ],
      },
      // The shared component replaced platform:app:SecureBucket; the alias keeps the URNs of the
      // bucket and its settings, so Pulumi does not replace a bucket that holds data.
      { ...parent, aliases: [{ type: "platform:app:SecureBucket" }] },
    );
    this.registerOutputs({ dataBucketName: this.data.bucket.bucket, exportBucketName: this.exports.bucket.bucket });
  }
}
