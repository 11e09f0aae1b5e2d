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
  /** The VPC's CIDR block: where GuardDuty's own `guardduty-data` endpoint answers (see below). */
  readonly vpcCidr: pulumi.Input<string>;
  readonly database: boolean;
}

/**
 * GuardDuty Runtime Monitoring's Fargate agent reports through a `guardduty-data` VPC endpoint that
 * GuardDuty creates itself, with its own security group admitting the VPC's CIDR range ("How Runtime
 * Monitoring works with Fargate (Amazon ECS only)",
 * https://docs.aws.amazon.com/guardduty/latest/ug/how-runtime-monitoring-works-ecs-fargate.html).
 * Neither the endpoint nor its group are ours to reference, so the task's group allows HTTPS to the
 * VPC CIDR, the one destination that endpoint is always in; nothing wider, no other port.
 */
export const GUARDDUTY_ENDPOINT_RULE = "service-to-guardduty-endpoint";

/**
 * Who may talk to whom, in one place. Groups carry no inline rules (AWS's default allow-all egress
 * is removed by the provider); each permitted flow is one rule resource:
 *
 *   CloudFront origin-facing prefix list --listener port--> ALB --container port--> service
 *   service (and the erasure task, which runs as the service) --443--> VPC endpoints, S3 gateway
 *   service's GuardDuty sidecar --443--> the VPC CIDR (GuardDuty's own guardduty-data endpoint)
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
    new aws.vpc.SecurityGroupEgressRule(GUARDDUTY_ENDPOINT_RULE, { securityGroupId: this.service.id, cidrIpv4: args.vpcCidr, ...tcp(443), description: "GuardDuty agent to its guardduty-data endpoint in the VPC" }, parent);
    new aws.vpc.SecurityGroupEgressRule("service-to-s3", { securityGroupId: this.service.id, prefixListId: s3.id, ...tcp(443), description: "S3 through the gateway endpoint (image layers, buckets)" }, parent);

    if (this.database) {
      new aws.vpc.SecurityGroupEgressRule("service-to-database", { securityGroupId: this.service.id, referencedSecurityGroupId: this.database.id, ...tcp(POSTGRES_PORT), description: "PostgreSQL" }, parent);
      new aws.vpc.SecurityGroupIngressRule("database-from-service", { securityGroupId: this.database.id, referencedSecurityGroupId: this.service.id, ...tcp(POSTGRES_PORT), description: "From the service" }, parent);
    }
    this.registerOutputs({});
  }
}
