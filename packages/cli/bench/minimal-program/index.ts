// One resource from @pulumi/aws: the SDK, the provider package and one registration, nothing else.
import * as aws from "@pulumi/aws";

export const bucket = new aws.s3.Bucket("minimal").id;
