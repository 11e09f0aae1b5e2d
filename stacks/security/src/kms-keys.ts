import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DATA_CLASSES, keyPolicy, type DataClass } from "./kms-policies";
import type { AccountScope } from "@platform/components";

export interface DataKeysArgs {
  readonly scope: AccountScope;
  /** `alias/<prefix>-<class>`; the prefix carries the environment so accounts can hold several. */
  readonly aliasPrefix: string;
  readonly rotationPeriodDays: number;
  readonly deletionWindowDays: number;
  readonly cloudTrailArn?: string;
  readonly configDelivery: boolean;
}

const DESCRIPTIONS: { readonly [C in DataClass]: string } = {
  logs: "Platform logs: CloudWatch Logs, flow logs, CloudTrail, Config and access-log buckets",
  data: "Platform application data: buckets, queues, databases, container images, secrets",
  personalData: "Platform personal data (GDPR): exports, buckets and tables that hold it",
};

const LOGICAL_NAMES: { readonly [C in DataClass]: string } = { logs: "logs", data: "data", personalData: "personal-data" };

/** One customer-managed, rotating KMS key per data class, with an alias each. */
export class DataKeys extends pulumi.ComponentResource {
  readonly byClass: { readonly [C in DataClass]: aws.kms.Key };
  readonly aliases: { readonly [C in DataClass]: aws.kms.Alias };

  constructor(name: string, args: DataKeysArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:DataKeys", name, {}, opts);
    const keys = {} as Record<DataClass, aws.kms.Key>;
    const aliases = {} as Record<DataClass, aws.kms.Alias>;
    for (const dataClass of DATA_CLASSES) {
      const logical = LOGICAL_NAMES[dataClass];
      const policy = keyPolicy(args.scope, { dataClass, cloudTrailArn: args.cloudTrailArn, configDelivery: args.configDelivery });
      keys[dataClass] = new aws.kms.Key(
        logical,
        {
          description: DESCRIPTIONS[dataClass],
          enableKeyRotation: true,
          rotationPeriodInDays: args.rotationPeriodDays,
          deletionWindowInDays: args.deletionWindowDays,
          policy: JSON.stringify(policy),
        },
        { parent: this },
      );
      aliases[dataClass] = new aws.kms.Alias(
        logical,
        { name: `alias/${args.aliasPrefix}-${logical}`, targetKeyId: keys[dataClass].keyId },
        { parent: this },
      );
    }
    this.byClass = keys;
    this.aliases = aliases;
    this.registerOutputs({});
  }
}
