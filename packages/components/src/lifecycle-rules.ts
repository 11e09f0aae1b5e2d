import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/**
 * One lifecycle rule over the whole bucket, in the terms callers think in. Each action is
 * optional, but a rule must have at least one: a rule without an action keeps everything forever.
 */
export interface LifecycleRule {
  /** Rule id, unique within the bucket; it names the rule in the S3 console and in diffs. */
  readonly id: string;
  /** Current objects expire this many days after creation. */
  readonly expireAfterDays?: number;
  /** Deletes delete markers that no longer hide any version (they slow down listings). */
  readonly removeExpiredDeleteMarkers?: boolean;
  /** Replaced or deleted (noncurrent) versions are purged this many days after they became noncurrent. */
  readonly noncurrentVersionDays?: number;
  /** Multipart uploads never completed (invisible, but stored and billed) are aborted after this many days. */
  readonly abortIncompleteUploadsAfterDays?: number;
}

export type S3LifecycleRule = aws.types.input.s3.BucketLifecycleConfigurationRule;

function positiveDays(bucket: string, rule: LifecycleRule, key: keyof LifecycleRule, days: number | undefined): void {
  if (days !== undefined && !(Number.isInteger(days) && days >= 1)) {
    throw new Error(`Bucket ${bucket}, lifecycle rule ${rule.id}: ${key} must be a whole number of days of at least 1 (got ${days}); for example 30.`);
  }
}

/** The provider's rule for one of ours: enabled, over the whole bucket (empty filter). */
export function s3LifecycleRule(bucket: string, rule: LifecycleRule): S3LifecycleRule {
  positiveDays(bucket, rule, "expireAfterDays", rule.expireAfterDays);
  positiveDays(bucket, rule, "noncurrentVersionDays", rule.noncurrentVersionDays);
  positiveDays(bucket, rule, "abortIncompleteUploadsAfterDays", rule.abortIncompleteUploadsAfterDays);
  if (rule.expireAfterDays !== undefined && rule.removeExpiredDeleteMarkers === true) {
    // S3 refuses Days and ExpiredObjectDeleteMarker in one Expiration element.
    throw new Error(`Bucket ${bucket}, lifecycle rule ${rule.id}: expireAfterDays and removeExpiredDeleteMarkers cannot share a rule; put them in two rules.`);
  }
  const expiration: pulumi.Input<aws.types.input.s3.BucketLifecycleConfigurationRuleExpiration> | undefined =
    rule.expireAfterDays !== undefined ? { days: rule.expireAfterDays } : rule.removeExpiredDeleteMarkers === true ? { expiredObjectDeleteMarker: true } : undefined;
  if (expiration === undefined && rule.noncurrentVersionDays === undefined && rule.abortIncompleteUploadsAfterDays === undefined) {
    throw new Error(`Bucket ${bucket}, lifecycle rule ${rule.id} has no action; give it expireAfterDays, removeExpiredDeleteMarkers, noncurrentVersionDays or abortIncompleteUploadsAfterDays.`);
  }
  return {
    id: rule.id,
    status: "Enabled",
    filter: {},
    ...(expiration === undefined ? {} : { expiration }),
    ...(rule.noncurrentVersionDays === undefined ? {} : { noncurrentVersionExpiration: { noncurrentDays: rule.noncurrentVersionDays } }),
    ...(rule.abortIncompleteUploadsAfterDays === undefined ? {} : { abortIncompleteMultipartUpload: { daysAfterInitiation: rule.abortIncompleteUploadsAfterDays } }),
  };
}

/** The provider's rules for a bucket; at least one, with unique ids, so nothing is kept forever by accident. */
export function s3LifecycleRules(bucket: string, rules: readonly LifecycleRule[]): S3LifecycleRule[] {
  if (rules.length === 0) throw new Error(`Bucket ${bucket} has no lifecycle rules; give it at least one (for example { id: "expire-noncurrent-versions", noncurrentVersionDays: 30 }).`);
  const ids = rules.map((r) => r.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) throw new Error(`Bucket ${bucket} has two lifecycle rules with id ${duplicate}; rule ids must be unique.`);
  return rules.map((r) => s3LifecycleRule(bucket, r));
}
