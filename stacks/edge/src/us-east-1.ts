import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** `aws:` settings whose config value is a plain string. */
const STRING_SETTINGS = [
  "profile",
  "customCaBundle",
  "ec2MetadataServiceEndpoint",
  "ec2MetadataServiceEndpointMode",
  "httpProxy",
  "httpsProxy",
  "noProxy",
  "retryMode",
  "s3UsEast1RegionalEndpoint",
  "stsRegion",
  "tagPolicyCompliance",
] as const;

/** Credentials: copied as secrets, whether or not the stack config marked them secret. */
const SECRET_SETTINGS = ["accessKey", "secretKey", "token"] as const;

/** `aws:` settings whose config value is JSON: lists, objects, booleans, numbers. */
const STRUCTURED_SETTINGS = [
  "allowedAccountIds",
  "forbiddenAccountIds",
  "assumeRoles",
  "assumeRoleWithWebIdentity",
  "sharedConfigFiles",
  "sharedCredentialsFiles",
  "defaultTags",
  "ignoreTags",
  "endpoints",
  "insecure",
  "maxRetries",
  "s3UsePathStyle",
  "skipCredentialsValidation",
  "skipMetadataApiCheck",
  "skipRegionValidation",
  "skipRequestingAccountId",
] as const;

/**
 * The us-east-1 provider's arguments: every setting of the stack's default provider (`aws:*`
 * config: profile, assumed roles, account allow-lists, credentials, default tags...) with only
 * the region replaced, so resources in us-east-1 are made by the same identity, in the same
 * account, with the same tags as the rest of the stack. `read` returns a raw `aws:<key>` value.
 */
export function usEast1ProviderArgs(read: (key: string) => string | undefined): aws.ProviderArgs {
  const args: Record<string, unknown> = {};
  for (const key of STRING_SETTINGS) {
    const value = read(key);
    if (value !== undefined) args[key] = value;
  }
  for (const key of SECRET_SETTINGS) {
    const value = read(key);
    if (value !== undefined) args[key] = pulumi.secret(value);
  }
  for (const key of STRUCTURED_SETTINGS) {
    const value = read(key);
    if (value !== undefined) args[key] = parseSetting(key, value);
  }
  return { ...(args as aws.ProviderArgs), region: "us-east-1" };
}

function parseSetting(key: string, value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new pulumi.RunError(`aws:${key} in the edge stack config is not valid YAML/JSON structured config (${value.slice(0, 40)}); write it as a list or object, e.g. aws:allowedAccountIds: ["123456789012"]`);
  }
}

/**
 * CloudFront only accepts WAF web ACLs and ACM certificates from us-east-1, and publishes its
 * metrics there. This provider pins those resources to us-east-1 whatever the stack's
 * `aws:region` is, and otherwise carries the stack's provider settings.
 */
export function usEast1Provider(): aws.Provider {
  // The raw values: pulumi.Config#get would warn on the credentials a stack keeps secret.
  return new aws.Provider("us-east-1", usEast1ProviderArgs((key) => pulumi.runtime.getConfig(`aws:${key}`)));
}
