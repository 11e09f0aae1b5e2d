import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Account, region and partition every ARN in a policy document is built from. */
export interface AccountScope {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

/**
 * The scope of the provider a component's children use, for documents built inside the
 * component. `provider` is for components whose children take an explicit provider (such as
 * the us-east-1 provider of CloudFront logging) that the parent itself does not carry.
 */
export function accountScope(parent: pulumi.Resource, provider?: pulumi.ProviderResource): pulumi.Output<AccountScope> {
  const opts: pulumi.InvokeOutputOptions = provider === undefined ? { parent } : { parent, provider };
  return pulumi
    .all([aws.getCallerIdentityOutput({}, opts).accountId, aws.getRegionOutput({}, opts).region, aws.getPartitionOutput({}, opts).partition])
    .apply(([accountId, region, partition]) => ({ accountId, region, partition }));
}

/**
 * The scope of the stack's default provider as plain strings, for programs that must name
 * ARNs before creating any resource (a trail's ARN in the key policy that encrypts its logs).
 */
export async function lookupAccountScope(): Promise<AccountScope> {
  const [identity, region, partition] = await Promise.all([aws.getCallerIdentity(), aws.getRegion(), aws.getPartition()]);
  return { accountId: identity.accountId, region: region.region, partition: partition.partition };
}
