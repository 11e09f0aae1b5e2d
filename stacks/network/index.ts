/**
 * The network stack: a VPC with no public network.
 * Resources: src/private-vpc.ts (VPC, subnets, route tables, IGW without routes),
 * src/vpc-endpoints.ts (how Fargate reaches AWS APIs), src/flow-logs.ts.
 * Exports: the network contract, packages/wiring/src/contracts/network.ts.
 */
import * as aws from "@pulumi/aws";
import { defineStack } from "@platform/wiring";
import { chooseAvailabilityZones } from "./src/availability-zones";
import { networkConfig } from "./src/config";
import { FlowLogs } from "./src/flow-logs";
import { PrivateVpc } from "./src/private-vpc";
import { VpcEndpoints } from "./src/vpc-endpoints";

export = defineStack("network", async (ctx) => {
  const config = ctx.config(networkConfig);
  const logsKeyArn = config.logsKeySource === "security" ? (await ctx.upstream("security")).logsKeyArn : undefined;

  // Resolved before the first resource, so a region with too few zones stops the run with nothing created.
  const zones = await aws.getAvailabilityZones({ state: "available" });
  const availabilityZones = chooseAvailabilityZones(zones, config.azCount, ctx.env);

  const network = new PrivateVpc("vpc", { cidr: config.vpcCidr, availabilityZones });
  const appSubnetIds = network.appSubnets.map((s) => s.id);
  const appRouteTableIds = network.appRouteTables.map((t) => t.id);
  const endpoints = new VpcEndpoints("endpoints", { vpcId: network.vpc.id, vpcCidr: config.vpcCidr, subnetIds: appSubnetIds, routeTableIds: appRouteTableIds });
  const flowLogs = new FlowLogs("flow-logs", {
    vpcId: network.vpc.id,
    retentionDays: config.flowLogRetentionDays,
    kmsKeyArn: logsKeyArn,
    permissionsBoundaryArn: config.rolePermissionsBoundaryArn,
  });

  return {
    vpcId: network.vpc.id,
    vpcCidr: config.vpcCidr,
    availabilityZones: network.availabilityZones,
    appSubnetIds,
    dataSubnetIds: network.dataSubnets.map((s) => s.id),
    appRouteTableIds,
    dataRouteTableIds: network.dataRouteTables.map((t) => t.id),
    endpointSecurityGroupId: endpoints.securityGroup.id,
    flowLogGroupName: flowLogs.logGroup.name,
  };
});
