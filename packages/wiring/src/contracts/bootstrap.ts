import { z } from "zod";
import { defineContract } from "../contract";

export const bootstrapContract = defineContract("bootstrap", {
  /** `pulumi login` URL of the state bucket, when the bootstrap created one. */
  backendUrl: z.string().optional(),
  /** `--secrets-provider` value for `pulumi stack init`, when the bootstrap created the key. */
  secretsProvider: z.string().optional(),
  oidcProviderArn: z.string(),
  previewRoleArn: z.string(),
  /** Stack name -> ARN of the role that deploys it. */
  deployRoleArns: z.record(z.string(), z.string()),
  /**
   * Permissions boundary the deploy roles require on every role a stack creates, when one is
   * configured; each stack that creates roles must set it (see bootstrap/README.md).
   */
  rolePermissionsBoundaryArn: z.string().optional(),
});
