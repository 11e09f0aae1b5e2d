import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * CloudFront only accepts WAF web ACLs and ACM certificates from us-east-1, and publishes its
 * metrics there. This provider pins those resources to us-east-1 whatever the stack's
 * `aws:region` is, and carries the stack's `aws:defaultTags` so they are tagged like the rest.
 */
export function usEast1Provider(): aws.Provider {
  const defaultTags = new pulumi.Config("aws").getObject<aws.types.input.ProviderDefaultTags>("defaultTags");
  return new aws.Provider("us-east-1", { region: "us-east-1", defaultTags });
}
