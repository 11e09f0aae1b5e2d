import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface EncryptedLogGroupArgs {
  readonly retentionDays: number;
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Fixed name, for log groups an AWS service writes to by name (RDS exports, Container Insights). */
  readonly name?: pulumi.Input<string>;
}

/** Every log group of this stack: KMS-encrypted with the logs key and a retention from config. */
export function encryptedLogGroup(name: string, args: EncryptedLogGroupArgs, opts?: pulumi.CustomResourceOptions): aws.cloudwatch.LogGroup {
  return new aws.cloudwatch.LogGroup(name, { name: args.name, retentionInDays: args.retentionDays, kmsKeyId: args.kmsKeyArn }, opts);
}
