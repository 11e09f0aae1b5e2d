import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TRAIL_PREFIX } from "./audit-bucket-policies";

export interface AuditTrailArgs {
  /** Physical trail name; the bucket and key policies already name it. */
  readonly name: string;
  readonly bucketName: pulumi.Input<string>;
  readonly logsKeyArn: pulumi.Input<string>;
  /** CloudTrail checks the bucket policy on creation, so the trail waits for it. */
  readonly bucketPolicy: pulumi.Resource;
}

/** One multi-region trail of management events, KMS-encrypted, with log file validation. */
export class AuditTrail extends pulumi.ComponentResource {
  readonly trail: aws.cloudtrail.Trail;

  constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:AuditTrail", name, {}, opts);
    this.trail = new aws.cloudtrail.Trail(
      name,
      {
        name: args.name,
        s3BucketName: args.bucketName,
        s3KeyPrefix: TRAIL_PREFIX,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        kmsKeyId: args.logsKeyArn,
      },
      { parent: this, dependsOn: [args.bucketPolicy] },
    );
    this.registerOutputs({ trailArn: this.trail.arn });
  }
}
