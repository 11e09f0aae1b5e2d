import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, SecureBucket, type AccountScope } from "@platform/components";

export interface StateBackendArgs {
  readonly scope: AccountScope;
  readonly env: string;
  readonly bucket: boolean;
  readonly secretsKey: boolean;
  readonly versionRetentionDays: number;
}

/**
 * Where the platform keeps Pulumi state and encrypts Pulumi secrets. Both are protected:
 * losing either loses every stack's state.
 */
export class StateBackend extends pulumi.ComponentResource {
  readonly bucket?: SecureBucket;
  readonly key?: aws.kms.Key;
  readonly alias?: aws.kms.Alias;
  /** `pulumi login` URL. */
  readonly backendUrl?: pulumi.Output<string>;
  /** `--secrets-provider` value. */
  readonly secretsProvider?: pulumi.Output<string>;

  constructor(name: string, args: StateBackendArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:bootstrap:StateBackend", name, {}, opts);
    const { scope } = args;
    if (!args.bucket && !args.secretsKey) {
      this.registerOutputs({});
      return;
    }

    // The Pulumi CLI calls KMS directly (no AWS service in between), so the key follows the
    // default key policy: the account decides through IAM, and the CI roles are granted by ARN.
    this.key = new aws.kms.Key(
      "state",
      {
        description: "Pulumi state bucket encryption and awskms:// secrets provider",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: JSON.stringify(
          policyDocument([
            { Sid: "AccountThroughIam", Effect: "Allow", Principal: { AWS: `arn:${scope.partition}:iam::${scope.accountId}:root` }, Action: "kms:*", Resource: "*" },
          ]),
        ),
      },
      { parent: this, protect: true },
    );
    this.alias = new aws.kms.Alias("state", { name: `alias/pulumi-${args.env}`, targetKeyId: this.key.keyId }, { parent: this });
    if (args.secretsKey) {
      this.secretsProvider = pulumi.interpolate`awskms://${this.alias.name}?region=${scope.region}`;
    }
    if (args.bucket) {
      this.bucket = new SecureBucket(
        "state",
        {
          encryption: { kind: "kms", keyArn: this.key.arn },
          lifecycleRules: [
            { id: "expire-noncurrent-versions", noncurrentVersionDays: args.versionRetentionDays },
            { id: "abort-incomplete-uploads", abortIncompleteUploadsAfterDays: 7 },
          ],
          protect: true,
        },
        // The shared component replaced platform:security:SecureBucket; the alias keeps the URNs of
        // the state bucket and its settings, so Pulumi does not delete every stack's state.
        { parent: this, aliases: [{ type: "platform:security:SecureBucket" }] },
      );
      this.backendUrl = pulumi.interpolate`s3://${this.bucket.bucketName}?region=${scope.region}`;
    }
    this.registerOutputs({ backendUrl: this.backendUrl, secretsProvider: this.secretsProvider });
  }
}
