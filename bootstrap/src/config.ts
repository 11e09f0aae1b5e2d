import { configBool, configInt, defineConfig, type ConfigOf } from "@platform/wiring";
import { z } from "zod";

export const bootstrapConfig = defineConfig(
  "bootstrap",
  {
    /** `owner/repo` of the platform repository on GitHub. */
    githubRepository: z
      .string()
      .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, "must be owner/repo as GitHub spells it")
      .refine((v) => !/[*?]/.test(v), "must not contain wildcards"),
    /** GitHub environment the deploy jobs run in; defaults to the Pulumi stack name (dev, prod). */
    githubEnvironment: z.string().regex(/^[A-Za-z0-9._ -]{1,255}$/, "letters, digits, '.', '_', '-' or spaces").optional(),
    /** Branch deployments come from. */
    deployBranch: z.string().regex(/^[A-Za-z0-9._/-]{1,255}$/, "a branch name such as main").default("main"),
    /** Require the OIDC token's `ref` claim to be the deploy branch as well as the environment. */
    checkRefClaim: configBool().default(true),
    /** The account holds one GitHub OIDC provider: create it, or use the one another bootstrap made. */
    oidcProvider: z.enum(["create", "existing"]).default("create"),
    /** Create an S3 bucket for Pulumi state (`pulumi login s3://...`). */
    stateBucket: configBool().default(true),
    /** Create a KMS key for the `awskms://` secrets provider (also encrypts the state bucket). */
    secretsKey: configBool().default(true),
    /** Days replaced state files are kept, to roll back a bad checkpoint. */
    stateVersionRetentionDays: configInt(7, 3650).default(90),
    /** Let the security stack's deploy role manage SCPs (only in the management account). */
    organizationGuardrails: configBool().default(false),
    /** Permissions boundary every role a stack creates must carry. */
    rolePermissionsBoundaryArn: z.string().regex(/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/, "must be an IAM policy ARN").optional(),
  },
  {
    githubRepository: "acme/platform",
    githubEnvironment: "prod",
    deployBranch: "main",
    checkRefClaim: "true",
    oidcProvider: "existing",
    stateBucket: "true",
    secretsKey: "true",
    stateVersionRetentionDays: "90",
    organizationGuardrails: "false",
    rolePermissionsBoundaryArn: "arn:aws:iam::123456789012:policy/platform-workload-boundary",
  },
);

export type BootstrapConfig = ConfigOf<typeof bootstrapConfig>;
