import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { SecureBucket } from "@platform/components";
import { elbAccountFor } from "./elb-accounts";
import { albLogDeliveryStatement } from "./policy-documents";

/** The header CloudFront adds to every origin request; the listener 403s requests without it. */
export const ORIGIN_VERIFY_HEADER_NAME = "X-Origin-Verify";
export const ACCESS_LOG_PREFIX = "alb";
/** TLS 1.3 with 1.2 fallback, forward secrecy only. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export interface InternalLoadBalancerArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<string>[] | pulumi.Input<pulumi.Input<string>[]>;
  readonly securityGroupId: pulumi.Input<string>;
  readonly containerPort: number;
  /** ACM certificate for HTTPS; without it the listener speaks HTTP to the VPC origin. */
  readonly certificateArn?: string;
  readonly deletionProtection: boolean;
  readonly logRetentionDays: number;
  readonly region: string;
  readonly accountId: string;
}

export function listenerSettings(certificateArn: string | undefined): { protocol: "HTTP" | "HTTPS"; port: number } {
  return certificateArn === undefined ? { protocol: "HTTP", port: 80 } : { protocol: "HTTPS", port: 443 };
}

/**
 * The internal ALB CloudFront reaches through its VPC origin. Only requests carrying the
 * origin-verify secret reach the service; everything else gets a fixed 403.
 *
 * X-Forwarded-For is set to "append": the ALB adds its peer (CloudFront's VPC-origin interface)
 * after the viewer address CloudFront appended, which is exactly the two hops the service trusts
 * (service/src/client-ip.ts).
 */
export class InternalLoadBalancer extends pulumi.ComponentResource {
  readonly loadBalancer: aws.lb.LoadBalancer;
  readonly listener: aws.lb.Listener;
  readonly targetGroup: aws.lb.TargetGroup;
  readonly forwardRule: aws.lb.ListenerRule;
  readonly originVerifySecret: pulumi.Output<string>;
  readonly accessLogs: SecureBucket;
  readonly protocol: "HTTP" | "HTTPS";
  readonly port: number;

  constructor(name: string, args: InternalLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:app:InternalLoadBalancer", name, {}, opts);
    const parent = { parent: this };
    const { protocol, port } = listenerSettings(args.certificateArn);
    this.protocol = protocol;
    this.port = port;

    this.accessLogs = new SecureBucket(
      `${name}-access-logs`,
      {
        encryption: { kind: "s3-managed", because: "ALB access logs support only SSE-S3 destination buckets (ELB user guide, Enable access logs: bucket requirements)" },
        lifecycleRules: [
          { id: "expire-access-logs", expireAfterDays: args.logRetentionDays, noncurrentVersionDays: 1 },
          { id: "abort-incomplete-uploads", abortIncompleteUploadsAfterDays: 1 },
        ],
        statements: (arn) => [albLogDeliveryStatement(arn, ACCESS_LOG_PREFIX, args.accountId, elbAccountFor(args.region))],
        // Operational logs (request lines, client IPs), classified like the network stack's flow
        // logs; the stack's "confidential" default would demand a KMS key ELB cannot write with.
        tags: { DataClassification: "internal" },
      },
      // The shared component replaced platform:app:SecureBucket; the alias keeps the URNs of the
      // bucket and its settings, so Pulumi does not replace the bucket holding the access logs.
      { ...parent, aliases: [{ type: "platform:app:SecureBucket" }] },
    );

    // Letters and digits only: listener header conditions treat * and ? as wildcards.
    const secret = new random.RandomPassword(`${name}-origin-verify`, { length: 48, special: false }, parent);
    this.originVerifySecret = pulumi.secret(secret.result);

    this.loadBalancer = new aws.lb.LoadBalancer(
      name,
      {
        loadBalancerType: "application",
        internal: true,
        subnets: args.subnetIds,
        securityGroups: [args.securityGroupId],
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "strictest",
        xffHeaderProcessingMode: "append",
        enableXffClientPort: false,
        enableDeletionProtection: args.deletionProtection,
        accessLogs: { bucket: this.accessLogs.bucket.bucket, prefix: ACCESS_LOG_PREFIX, enabled: true },
      },
      // ELB checks it may write to the bucket when access logs are turned on.
      { ...parent, dependsOn: [this.accessLogs.policy] },
    );

    this.targetGroup = new aws.lb.TargetGroup(
      name,
      {
        vpcId: args.vpcId,
        targetType: "ip",
        protocol: "HTTP",
        port: args.containerPort,
        deregistrationDelay: 30,
        healthCheck: { path: "/healthz", matcher: "200", interval: 15, healthyThreshold: 2, unhealthyThreshold: 3 },
      },
      parent,
    );

    this.listener = new aws.lb.Listener(
      name,
      {
        loadBalancerArn: this.loadBalancer.arn,
        protocol,
        port,
        ...(args.certificateArn !== undefined ? { certificateArn: args.certificateArn, sslPolicy: TLS_POLICY } : {}),
        defaultActions: [{ type: "fixed-response", fixedResponse: { statusCode: "403", contentType: "text/plain", messageBody: "Forbidden" } }],
      },
      parent,
    );

    this.forwardRule = new aws.lb.ListenerRule(
      `${name}-origin-verified`,
      {
        listenerArn: this.listener.arn,
        priority: 1,
        conditions: [{ httpHeader: { httpHeaderName: ORIGIN_VERIFY_HEADER_NAME, values: [this.originVerifySecret] } }],
        actions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
      },
      parent,
    );
    this.registerOutputs({ loadBalancerArn: this.loadBalancer.arn });
  }
}
