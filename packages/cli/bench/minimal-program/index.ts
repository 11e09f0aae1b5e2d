// S3 buckets from @pulumi/aws and nothing else: the SDK, the provider package and the
// registrations. How many: BENCH_BUCKETS (default 1), so the bench can show the SDK's cost per resource.
import * as aws from "@pulumi/aws";

export const buckets = Array.from({ length: Number(process.env.BENCH_BUCKETS ?? "1") }, (_, i) => new aws.s3.Bucket(`minimal-${i}`).id);
