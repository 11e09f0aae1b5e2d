import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** What Fargate needs to pull images, fetch secrets and ship logs with no internet route. */
export const INTERFACE_ENDPOINT_SERVICES = ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm", "sts", "kms"] as const;

export interface VpcEndpointsArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly vpcCidr: string;
  readonly subnetIds: pulumi.Input<string>[];
  /** Route tables that get the S3 gateway endpoint (image layers come from S3). */
  readonly routeTableIds: pulumi.Input<string>[];
}

export class VpcEndpoints extends pulumi.ComponentResource {
  readonly securityGroup: aws.ec2.SecurityGroup;

  constructor(name: string, args: VpcEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:VpcEndpoints", name, {}, opts);
    const parent = { parent: this };
    const region = aws.getRegionOutput({}, parent).region;

    this.securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: "Interface VPC endpoints: HTTPS from inside the VPC only",
        ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [args.vpcCidr], description: "HTTPS from the VPC" }],
        egress: [],
      },
      parent,
    );

    for (const service of INTERFACE_ENDPOINT_SERVICES) {
      new aws.ec2.VpcEndpoint(
        `${name}-${service.replace(".", "-")}`,
        {
          vpcId: args.vpcId,
          serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: args.subnetIds,
          securityGroupIds: [this.securityGroup.id],
        },
        parent,
      );
    }

    new aws.ec2.VpcEndpoint(
      `${name}-s3`,
      { vpcId: args.vpcId, serviceName: pulumi.interpolate`com.amazonaws.${region}.s3`, vpcEndpointType: "Gateway", routeTableIds: args.routeTableIds },
      parent,
    );
    this.registerOutputs({ securityGroupId: this.securityGroup.id });
  }
}
