/**
 * The edge stack: CloudFront in front of the app stack's internal ALB through a VPC origin.
 * Resources: src/distribution.ts (VPC origins, the distribution), src/edge-policies.ts (cache,
 * origin request and response headers policies, CloudFront Functions), src/waf.ts, src/certificate.ts
 * (with a custom domain), src/access-logs.ts, src/monitoring.ts, src/rum.ts; WAF, ACM, logging and
 * the alarm live in us-east-1 (src/us-east-1.ts).
 * Exports: the edge contract, packages/wiring/src/contracts/edge.ts.
 */
import * as aws from "@pulumi/aws";
import { defineStack, PlatformError } from "@platform/wiring";
import { AccessLogs } from "./src/access-logs";
import { aliasRecords, EdgeCertificate } from "./src/certificate";
import { edgeConfig } from "./src/config";
import { EdgeDistribution, type AppOrigin } from "./src/distribution";
import { EdgePolicies } from "./src/edge-policies";
import { EdgeMonitoring } from "./src/monitoring";
import { assertRoutesAccepted } from "./src/route-check";
import { privatePathPatterns } from "./src/private-paths";
import { planRoutes } from "./src/routes";
import { ClientMonitoring } from "./src/rum";
import { usEast1Provider } from "./src/us-east-1";
import { EdgeWaf } from "./src/waf";

export = defineStack("edge", async (ctx) => {
  const config = ctx.config(edgeConfig);
  const namePrefix = `platform-edge-${ctx.env}`;

  // Everything that can be refused is checked before the first resource exists.
  const plan = planRoutes(config.routes);
  assertRoutesAccepted(plan.behaviors, privatePathPatterns(ctx.env, config.privatePathPatterns), ctx.env);

  const app = await ctx.upstream("app");
  const secondary = config.failover ? await ctx.upstream("app", { env: config.failover.appEnv }) : undefined;
  for (const origin of [app, ...(secondary ? [secondary] : [])]) {
    if (origin.listenerProtocol === "HTTPS" && !config.customDomain) {
      throw new PlatformError(
        `The app stack's listener is HTTPS, so CloudFront checks the ALB certificate against the forwarded Host header, ` +
          `which without a custom domain is *.cloudfront.net and cannot match. Set platform-edge:customDomain in ` +
          `stacks/edge/Pulumi.${ctx.env}.yaml, e.g. {"name":"api.example.com","zoneName":"example.com"}, with the ALB certificate covering it.`,
      );
    }
  }

  const east = usEast1Provider();
  const waf = new EdgeWaf("waf", {
    rateLimit: config.wafRateLimit,
    rateWindowSeconds: config.wafRateWindowSeconds,
    commonRuleActions: { SizeRestrictions_BODY: config.wafBodySizeRule, NoUserAgent_HEADER: config.wafNoUserAgentRule },
    provider: east,
  });
  const certificate = config.customDomain
    ? new EdgeCertificate("certificate", { domainName: config.customDomain.name, zoneName: config.customDomain.zoneName, provider: east })
    : undefined;
  const policies = new EdgePolicies("policies", { plan, namePrefix });

  const originOf = (a: typeof app): AppOrigin => ({
    loadBalancerArn: a.loadBalancerArn,
    loadBalancerDnsName: a.loadBalancerDnsName,
    listenerProtocol: a.listenerProtocol,
    listenerPort: a.listenerPort,
    originVerifyHeaderName: a.originVerifyHeaderName,
    originVerifySecret: a.originVerifySecret,
  });
  const { distribution } = new EdgeDistribution("edge", {
    namePrefix,
    primary: originOf(app),
    secondary: secondary ? originOf(secondary) : undefined,
    timeouts: {
      readTimeout: config.originReadTimeout,
      keepaliveTimeout: config.originKeepaliveTimeout,
      connectionAttempts: config.originConnectionAttempts,
      connectionTimeout: config.originConnectionTimeout,
    },
    plan,
    policies,
    webAclArn: waf.webAclArn,
    priceClass: config.priceClass,
    domain: config.customDomain && certificate ? { name: config.customDomain.name, certificateArn: certificate.certificateArn } : undefined,
  });
  if (config.customDomain && certificate) aliasRecords(config.customDomain.name, certificate.zoneId, distribution);

  const logs = new AccessLogs("access-logs", { distributionArn: distribution.arn, retentionDays: config.logRetentionDays, namePrefix, provider: east });
  const monitoring = new EdgeMonitoring("monitoring", {
    distributionId: distribution.id,
    fiveXxRatePercent: config.alarm5xxRatePercent,
    alarmTopicArn: config.alarmTopicArn,
    namePrefix,
    provider: east,
  });
  const rum = new ClientMonitoring("rum", {
    domain: config.customDomain?.name ?? distribution.domainName,
    sessionSampleRate: config.rumSessionSampleRate,
    telemetries: config.rumTelemetries,
    excludedPages: config.rumExcludedPages,
    namePrefix,
    permissionsBoundaryArn: config.rolePermissionsBoundaryArn,
  });

  return {
    distributionId: distribution.id,
    distributionArn: distribution.arn,
    distributionDomainName: distribution.domainName,
    webAclArn: waf.webAclArn,
    customDomainName: config.customDomain?.name,
    accessLogBucketName: logs.bucketName,
    dashboardName: monitoring.dashboardName,
    rumAppMonitorId: rum.appMonitorId,
    rumIdentityPoolId: rum.identityPoolId,
    rumRegion: aws.getRegionOutput().region,
    rumSessionSampleRate: config.rumSessionSampleRate,
    rumTelemetries: config.rumTelemetries,
    failoverEnabled: secondary !== undefined,
  };
});
