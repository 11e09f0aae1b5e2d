import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** CloudFront's origin-facing addresses; the VPC origin connects from these. */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = "com.amazonaws.global.cloudfront.origin-facing";
export const POSTGRES_PORT = 5432;

export interface SecurityGroupsArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly region: pulumi.Input<string>;
  readonly listenerPort: number;
  readonly containerPort: number;
  /** Security group of the interface VPC endpoints (ECR, Logs, Secrets Manager, ...). */
  readonly endpointSecurityGroupId: pulumi.Input<string>;
  readonly database: boolean;
}

/**
 * Who may talk to whom, in one place. Groups carry no inline rules (AWS's default allow-all egress
 * is removed by the provider); each permitted flow is one rule resource:
 *
 *   CloudFront origin-facing prefix list --listener port--> ALB --container port--> service
 *   service (and the erasure task, which runs as the service) --443--> VPC endpoints, S3 gateway
 *   service --5432--> database
 */
export class SecurityGroups extends pulumi.ComponentResource {
  readonly loadBalancer: aws.ec2.SecurityGroup;
  readonly service: aws.ec2.SecurityGroup;
  readonly database?: aws.ec2.SecurityGroup;

  constructor(name: string, args: SecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:app:SecurityGroups", name, {}, opts);
    const parent = { parent: this };
    const group = (id: string, description: string) => new aws.ec2.SecurityGroup(id, { vpcId: args.vpcId, description, revokeRulesOnDelete: true }, parent);

    this.loadBalancer = group("alb", "Internal ALB: CloudFront VPC origin in, service out");
    this.service = group("service", "Fargate service and erasure task: ALB in; endpoints, S3 and database out");
    if (args.database) this.database = group("database", "Aurora PostgreSQL: service in only");

    const cloudfront = aws.ec2.getManagedPrefixListOutput({ name: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST }, parent);
    const s3 = aws.ec2.getManagedPrefixListOutput({ name: pulumi.interpolate`com.amazonaws.${args.region}.s3` }, parent);
    const tcp = (port: number) => ({ ipProtocol: "tcp", fromPort: port, toPort: port });

    new aws.vpc.SecurityGroupIngressRule("alb-from-cloudfront", { securityGroupId: this.loadBalancer.id, prefixListId: cloudfront.id, ...tcp(args.listenerPort), description: "CloudFront VPC origin" }, parent);
    new aws.vpc.SecurityGroupEgressRule("alb-to-service", { securityGroupId: this.loadBalancer.id, referencedSecurityGroupId: this.service.id, ...tcp(args.containerPort), description: "Forward to the service" }, parent);

    new aws.vpc.SecurityGroupIngressRule("service-from-alb", { securityGroupId: this.service.id, referencedSecurityGroupId: this.loadBalancer.id, ...tcp(args.containerPort), description: "From the load balancer" }, parent);
    new aws.vpc.SecurityGroupEgressRule("service-to-endpoints", { securityGroupId: this.service.id, referencedSecurityGroupId: args.endpointSecurityGroupId, ...tcp(443), description: "AWS APIs through interface endpoints" }, parent);
    new aws.vpc.SecurityGroupEgressRule("service-to-s3", { securityGroupId: this.service.id, prefixListId: s3.id, ...tcp(443), description: "S3 through the gateway endpoint (image layers, buckets)" }, parent);

    if (this.database) {
      new aws.vpc.SecurityGroupEgressRule("service-to-database", { securityGroupId: this.service.id, referencedSecurityGroupId: this.database.id, ...tcp(POSTGRES_PORT), description: "PostgreSQL" }, parent);
      new aws.vpc.SecurityGroupIngressRule("database-from-service", { securityGroupId: this.database.id, referencedSecurityGroupId: this.service.id, ...tcp(POSTGRES_PORT), description: "From the service" }, parent);
    }
    this.registerOutputs({});
  }
}
