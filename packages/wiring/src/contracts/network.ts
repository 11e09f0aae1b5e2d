import { z } from "zod";
import { defineContract } from "../contract";

export const networkContract = defineContract("network", {
  vpcId: z.string(),
  vpcCidr: z.string(),
  availabilityZones: z.array(z.string()).min(1),
  /** Private subnets for the load balancer and the service; no route to the internet. */
  appSubnetIds: z.array(z.string()).min(1),
  /** Isolated subnets for databases; no route beyond the VPC. */
  dataSubnetIds: z.array(z.string()).min(1),
  appRouteTableIds: z.array(z.string()).min(1),
  dataRouteTableIds: z.array(z.string()).min(1),
  /** Security group of the interface VPC endpoints (443 from the VPC CIDR only). */
  endpointSecurityGroupId: z.string(),
  flowLogGroupName: z.string(),
});
