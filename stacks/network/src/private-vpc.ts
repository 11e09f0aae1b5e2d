import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { planSubnets } from "./cidr";

export interface PrivateVpcArgs {
  readonly cidr: string;
  /** The zones to use, one app and one data subnet each; chosen and checked before this component (src/availability-zones.ts). */
  readonly availabilityZones: readonly string[];
}

/**
 * A VPC with no public network: per AZ one private (app) and one isolated (data) subnet, each
 * with its own route table holding only the local route. Nothing auto-assigns public IPs and
 * there is no NAT gateway: the service reaches AWS APIs through VPC endpoints.
 */
export class PrivateVpc extends pulumi.ComponentResource {
  readonly vpc: aws.ec2.Vpc;
  readonly availabilityZones: string[];
  readonly appSubnets: aws.ec2.Subnet[] = [];
  readonly dataSubnets: aws.ec2.Subnet[] = [];
  readonly appRouteTables: aws.ec2.RouteTable[] = [];
  readonly dataRouteTables: aws.ec2.RouteTable[] = [];

  constructor(name: string, args: PrivateVpcArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:PrivateVpc", name, {}, opts);
    const parent = { parent: this };

    this.vpc = new aws.ec2.Vpc(name, { cidrBlock: args.cidr, enableDnsSupport: true, enableDnsHostnames: true }, parent);

    // CloudFront VPC origins require the VPC to have an internet gateway attached, even though
    // no traffic uses it: no route table below routes to it, and the policy pack forbids one.
    new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: this.vpc.id }, parent);

    // Take over the defaults so they are visibly empty: the default security group admits
    // nothing (EC2.2) and the main route table holds only the local route.
    new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: this.vpc.id, ingress: [], egress: [] }, parent);
    new aws.ec2.DefaultRouteTable(`${name}-default-rt`, { defaultRouteTableId: this.vpc.defaultRouteTableId, routes: [] }, parent);

    this.availabilityZones = [...args.availabilityZones];

    for (const plan of planSubnets(args.cidr, this.availabilityZones.length)) {
      const az = this.availabilityZones[plan.az];
      for (const tier of ["app", "data"] as const) {
        const subnetName = `${name}-${tier}-${plan.az + 1}`;
        const subnet = new aws.ec2.Subnet(
          subnetName,
          { vpcId: this.vpc.id, cidrBlock: plan[tier], availabilityZone: az, mapPublicIpOnLaunch: false, tags: { Name: subnetName, Tier: tier } },
          parent,
        );
        const table = new aws.ec2.RouteTable(subnetName, { vpcId: this.vpc.id, tags: { Name: subnetName, Tier: tier } }, parent);
        new aws.ec2.RouteTableAssociation(subnetName, { subnetId: subnet.id, routeTableId: table.id }, parent);
        (tier === "app" ? this.appSubnets : this.dataSubnets).push(subnet);
        (tier === "app" ? this.appRouteTables : this.dataRouteTables).push(table);
      }
    }
    this.registerOutputs({ vpcId: this.vpc.id });
  }
}
