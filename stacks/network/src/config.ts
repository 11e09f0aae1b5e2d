import { configInt, configLogRetention, defineConfig, type ConfigOf } from "@platform/wiring";
import { PERMISSIONS_BOUNDARY_ARN_PATTERN } from "@platform/components";
import { z } from "zod";
import { LARGEST_VPC_PREFIX_FOR_SUBNETS, isPrivate, parseCidr } from "./cidr";

/** Regions have at most six AZs in practice; more would fail at apply time, so stop it here. */
export const MAX_CONFIGURED_AZS = 6;

const vpcCidr = z.string().superRefine((text, ctx) => {
  const cidr = parseCidr(text);
  if (cidr === undefined) {
    ctx.addIssue({ code: "custom", message: "must be an IPv4 network in CIDR notation with no host bits set" });
  } else if (!isPrivate(cidr)) {
    ctx.addIssue({ code: "custom", message: "must be inside an RFC 1918 private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)" });
  } else if (cidr.prefix < 16 || cidr.prefix > LARGEST_VPC_PREFIX_FOR_SUBNETS) {
    ctx.addIssue({
      code: "custom",
      message: `prefix must be /16 to /${LARGEST_VPC_PREFIX_FOR_SUBNETS}: AWS VPCs are at most /16, and the VPC is cut into 16 subnets of which the smallest AWS allows is /28`,
    });
  }
});

export const networkConfig = defineConfig(
  "network",
  {
    vpcCidr,
    azCount: configInt(1, MAX_CONFIGURED_AZS),
    flowLogRetentionDays: configLogRetention(),
    /** Where the flow-log KMS key comes from: the security stack's logs key, or one of our own. */
    logsKeySource: z.enum(["security", "own"]),
    /**
     * Permissions boundary for the roles this stack creates (the flow-log role). Set it to the
     * bootstrap's rolePermissionsBoundaryArn output when the bootstrap requires one: the deploy
     * role may then create only roles that carry it.
     */
    rolePermissionsBoundaryArn: z.string().regex(PERMISSIONS_BOUNDARY_ARN_PATTERN, "must be an IAM policy ARN").optional(),
  },
  {
    vpcCidr: "10.20.0.0/16",
    azCount: "3",
    flowLogRetentionDays: "90",
    logsKeySource: "security",
    rolePermissionsBoundaryArn: "arn:aws:iam::123456789012:policy/platform-workload-boundary",
  },
);

export type NetworkConfig = ConfigOf<typeof networkConfig>;
