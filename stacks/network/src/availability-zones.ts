import { PlatformError } from "@platform/wiring";

/** What the region offers: `aws.getAvailabilityZones({ state: "available" })` resolved before any resource. */
export interface RegionZones {
  readonly region: string;
  readonly names: readonly string[];
}

/**
 * The first `azCount` available zones of the region, in the order AWS lists them. Checked before
 * the first resource is registered, because a subnet in a zone that does not exist fails only at
 * apply time, after the VPC and the subnets of the other zones were already created.
 */
export function chooseAvailabilityZones(zones: RegionZones, azCount: number, env: string): string[] {
  if (zones.names.length < azCount) {
    throw new PlatformError(
      `platform-network:azCount in stacks/network/Pulumi.${env}.yaml is ${azCount}, but region ${zones.region} has only ` +
        `${zones.names.length} available availability zone(s) (${zones.names.join(", ") || "none"}); nothing was created. ` +
        `Lower it, e.g. pulumi config set platform-network:azCount ${Math.max(1, zones.names.length)} -C stacks/network -s ${env}, ` +
        `or choose a region with more zones in aws:region.`,
    );
  }
  return zones.names.slice(0, azCount);
}
