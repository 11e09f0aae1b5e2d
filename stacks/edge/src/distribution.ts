import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EdgePolicies } from "./edge-policies";
import { ALL_VIEWER_AND_CLOUDFRONT_HEADERS, CACHING_DISABLED, CACHING_OPTIMIZED } from "./managed-policies";
import { ALLOWED_METHOD_SETS, isReadOnly } from "./methods";
import type { RoutePlan } from "./routes";

/** An app stack's internal ALB, as its contract exports it. */
export interface AppOrigin {
  readonly loadBalancerArn: string;
  readonly loadBalancerDnsName: string;
  readonly listenerProtocol: "HTTP" | "HTTPS";
  readonly listenerPort: number;
  readonly originVerifyHeaderName: string;
  readonly originVerifySecret: pulumi.Input<string>;
}

export interface OriginTimeouts {
  readonly readTimeout: number;
  readonly keepaliveTimeout: number;
  readonly connectionAttempts: number;
  readonly connectionTimeout: number;
}

export interface DistributionArgs {
  readonly namePrefix: string;
  readonly primary: AppOrigin;
  /** A second region's app stack: GET/HEAD/OPTIONS behaviors fail over to it. */
  readonly secondary?: AppOrigin;
  readonly timeouts: OriginTimeouts;
  readonly plan: RoutePlan;
  readonly policies: EdgePolicies;
  readonly webAclArn: pulumi.Input<string>;
  readonly priceClass: string;
  /** Custom domain and its validated us-east-1 certificate; the default certificate otherwise. */
  readonly domain?: { readonly name: string; readonly certificateArn: pulumi.Input<string> };
}

export const PRIMARY_ORIGIN = "app-primary";
export const SECONDARY_ORIGIN = "app-secondary";
export const ORIGIN_GROUP = "app-failover";
/** Origin groups fail over on these responses (and on connection failures and read timeouts). */
export const FAILOVER_STATUS_CODES = [500, 502, 503, 504];

/** The VPC origin's protocol follows the app listener: HTTPS when it has a certificate. */
export function vpcOriginEndpoint(origin: AppOrigin, name: string): aws.types.input.cloudfront.VpcOriginVpcOriginEndpointConfig {
  const https = origin.listenerProtocol === "HTTPS";
  return {
    name,
    arn: origin.loadBalancerArn,
    httpPort: https ? 80 : origin.listenerPort,
    httpsPort: https ? origin.listenerPort : 443,
    originProtocolPolicy: https ? "https-only" : "http-only",
    originSslProtocols: { items: ["TLSv1.2"], quantity: 1 },
  };
}

/**
 * The name CloudFront connects to and, over HTTPS, checks the ALB certificate against on behaviors
 * that do not forward Host (cached and static ones): the custom domain, which the ALB certificate
 * covers, because no certificate can cover the ALB's internal-*.elb.amazonaws.com name. CloudFront
 * reaches the ALB through the VPC origin either way; over HTTP there is no certificate to check.
 */
export function originDomainName(origin: AppOrigin, customDomain: string | undefined): string {
  if (origin.listenerProtocol !== "HTTPS") return origin.loadBalancerDnsName;
  if (customDomain === undefined) throw new Error("an HTTPS origin needs the custom domain its certificate covers");
  return customDomain;
}

/**
 * The provider waits for a VPC origin to reach `Deployed` on create and update, and to disappear
 * on delete, each for 15 minutes by default (terraform-provider-aws
 * internal/service/cloudfront/vpc_origin.go: SetDefaultCreateTimeout(15 * time.Minute),
 * waitVPCOriginDeployed), while AWS says creating one can itself take up to 15 minutes
 * (CloudFront Developer Guide, "Restrict access with VPC origins",
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-vpc-origins.html).
 * Three times that leaves room.
 */
export const VPC_ORIGIN_TIMEOUTS = { create: "45m", update: "45m", delete: "45m" } as const;

/** CloudFront in front of the app's internal ALB through a VPC origin, with the route table's behaviors. */
export class EdgeDistribution extends pulumi.ComponentResource {
  readonly distribution: aws.cloudfront.Distribution;

  constructor(name: string, args: DistributionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:EdgeDistribution", name, {}, opts);
    const parent = { parent: this };
    const { plan, policies, timeouts } = args;

    const origin = (id: string, app: AppOrigin): aws.types.input.cloudfront.DistributionOrigin => {
      const vpcOrigin = new aws.cloudfront.VpcOrigin(
        id,
        { vpcOriginEndpointConfig: vpcOriginEndpoint(app, `${args.namePrefix}-${id}`) },
        { ...parent, customTimeouts: VPC_ORIGIN_TIMEOUTS },
      );
      return {
        originId: id,
        domainName: originDomainName(app, args.domain?.name),
        connectionAttempts: timeouts.connectionAttempts,
        connectionTimeout: timeouts.connectionTimeout,
        vpcOriginConfig: {
          vpcOriginId: vpcOrigin.id,
          originReadTimeout: timeouts.readTimeout,
          originKeepaliveTimeout: timeouts.keepaliveTimeout,
        },
        // The ALB listener answers 403 unless this secret header is present.
        customHeaders: [{ name: app.originVerifyHeaderName, value: app.originVerifySecret }],
      };
    };
    const origins = [origin(PRIMARY_ORIGIN, args.primary)];
    const originGroups: aws.types.input.cloudfront.DistributionOriginGroup[] = [];
    if (args.secondary) {
      origins.push(origin(SECONDARY_ORIGIN, args.secondary));
      originGroups.push({
        originId: ORIGIN_GROUP,
        failoverCriteria: { statusCodes: FAILOVER_STATUS_CODES },
        members: [{ originId: PRIMARY_ORIGIN }, { originId: SECONDARY_ORIGIN }],
      });
    }
    // CloudFront rejects an origin group on a behavior that allows writes: those stay on the primary.
    const targetFor = (methods: readonly string[]): string => (args.secondary && isReadOnly(methods) ? ORIGIN_GROUP : PRIMARY_ORIGIN);

    const orderedCacheBehaviors = plan.behaviors.map((b): aws.types.input.cloudfront.DistributionOrderedCacheBehavior => {
      const common = {
        pathPattern: b.pathPattern,
        targetOriginId: targetFor(b.allowedMethods),
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: [...b.allowedMethods],
        cachedMethods: ["GET", "HEAD"],
        compress: true,
        responseHeadersPolicyId: policies.responseHeadersPolicyId,
      };
      if (b.kind === "static") return { ...common, cachePolicyId: CACHING_OPTIMIZED };
      // Uncached ordered routes (the private paths among them) forward what the default behavior
      // forwards, through the managed policy: the engine records one dependency list for all of
      // orderedCacheBehaviors, so a custom policy here would be a candidate for every cached route
      // and no analyzer could tell which route sends cookies and Authorization.
      if (b.kind === "uncached") return { ...common, cachePolicyId: CACHING_DISABLED, originRequestPolicyId: ALL_VIEWER_AND_CLOUDFRONT_HEADERS };
      const keySet = b.keySetId ?? "";
      const fn = policies.functionArns[keySet];
      return {
        ...common,
        cachePolicyId: policies.cachePolicyIds[b.settingId ?? ""],
        originRequestPolicyId: policies.keyOriginRequestPolicyIds[keySet],
        functionAssociations: fn ? [{ eventType: "viewer-request", functionArn: fn }] : [],
      };
    });

    const allMethods = ALLOWED_METHOD_SETS[2];
    this.distribution = new aws.cloudfront.Distribution(
      "distribution",
      {
        enabled: true,
        comment: `${args.namePrefix}: API through a VPC origin`,
        httpVersion: "http2and3",
        isIpv6Enabled: true,
        priceClass: args.priceClass,
        webAclId: args.webAclArn,
        aliases: args.domain ? [args.domain.name] : [],
        origins,
        originGroups,
        defaultCacheBehavior: {
          targetOriginId: targetFor(allMethods),
          viewerProtocolPolicy: "redirect-to-https",
          allowedMethods: [...allMethods],
          cachedMethods: ["GET", "HEAD"],
          compress: true,
          cachePolicyId: CACHING_DISABLED,
          originRequestPolicyId: policies.defaultOriginRequestPolicyId,
          responseHeadersPolicyId: policies.responseHeadersPolicyId,
        },
        orderedCacheBehaviors,
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: args.domain
          ? { acmCertificateArn: args.domain.certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }
          : // The *.cloudfront.net certificate pins the viewer TLS minimum at TLSv1; see README.
            { cloudfrontDefaultCertificate: true },
      },
      parent,
    );
    this.registerOutputs({});
  }
}
