import { oneOf, plain, resourcesOf, type RecordedResource, type StackRun } from "@platform/offline";
import { readFileSync } from "node:fs";
import { FUNCTION_FILE } from "../src/query-function";
import { runEdge } from "./run-edge";

type Props = Record<string, unknown>;
const inputs = (r: RecordedResource): Props => plain<Props>(r.inputs);

let run: StackRun;
beforeAll(async () => {
  run = await runEdge("dev");
});

function usEast1ProviderUrn(): string {
  return oneOf(run, "pulumi:providers:aws", "us-east-1").urn;
}
const onUsEast1 = (r: RecordedResource) => (r.provider ?? "").startsWith(`${usEast1ProviderUrn()}::`);

describe("edge stack (dev): origin", () => {
  it("reaches the app's internal ALB through a VPC origin, http-only because the dev listener has no certificate", () => {
    const cfg = inputs(oneOf(run, "aws:cloudfront/vpcOrigin:VpcOrigin")).vpcOriginEndpointConfig as Props;
    expect(cfg.arn).toMatch(/^arn:aws:elasticloadbalancing:ap-northeast-1:.*loadbalancer\/app\/api-dev\//);
    expect(cfg).toMatchObject({ originProtocolPolicy: "http-only", httpPort: 80, originSslProtocols: { items: ["TLSv1.2"], quantity: 1 } });
  });

  // terraform-provider-aws internal/service/cloudfront/vpc_origin.go waits for "Deployed" with a
  // 15-minute default, as long as AWS says creation itself can take; the stack sets its own.
  it("gives the VPC origin longer create, update and delete timeouts than the provider's 15-minute default", () => {
    const timeouts = oneOf(run, "aws:cloudfront/vpcOrigin:VpcOrigin").customTimeouts;
    const minutes = (t: string | undefined) => Number(/^(\d+)m$/.exec(t ?? "")?.[1] ?? 0);
    for (const op of ["create", "update", "delete"] as const) expect({ op, minutes: minutes(timeouts?.[op]) > 15 }).toEqual({ op, minutes: true });
  });

  it("sends the secret origin-verify header, kept secret, with timeouts from config over the VPC origin", () => {
    const dist = oneOf(run, "aws:cloudfront/distribution:Distribution");
    expect(JSON.stringify(dist.inputs.origins)).toContain("4dabf18193072939515e22adb298388d"); // secret signature
    const [origin] = inputs(dist).origins as Props[];
    expect(origin.customHeaders).toEqual([{ name: "X-Origin-Verify", value: "verify-dev-secret" }]);
    expect(origin.vpcOriginConfig).toMatchObject({ originReadTimeout: 30, originKeepaliveTimeout: 5 });
    expect(origin.customOriginConfig).toBeUndefined();
    // HTTP listener: no certificate to check, so the origin is the ALB's own name.
    expect(origin.domainName).toBe("internal-api-dev-123456.ap-northeast-1.elb.amazonaws.com");
    expect(inputs(dist).originGroups ?? []).toEqual([]);
  });
});

describe("edge stack (dev): behaviors", () => {
  const dist = () => inputs(oneOf(run, "aws:cloudfront/distribution:Distribution"));

  it("never caches on the default behavior and forwards all viewer values plus CloudFront-Viewer-Address", () => {
    const def = dist().defaultCacheBehavior as Props;
    expect(def.cachePolicyId).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
    const orpResource = oneOf(run, "aws:cloudfront/originRequestPolicy:OriginRequestPolicy", "origin-request-default");
    expect(oneOf(run, "aws:cloudfront/distribution:Distribution").propertyDependencies.defaultCacheBehavior).toContain(orpResource.urn);
    const orp = inputs(orpResource);
    expect(orp).toMatchObject({
      headersConfig: { headerBehavior: "allViewerAndWhitelistCloudFront", headers: { items: ["CloudFront-Viewer-Address"] } },
      cookiesConfig: { cookieBehavior: "all" },
      queryStringsConfig: { queryStringBehavior: "all" },
    });
    expect(def.allowedMethods).toHaveLength(7);
  });

  it("lists ordered behaviors in the config's precedence order", () => {
    const ordered = dist().orderedCacheBehaviors as Props[];
    expect(ordered.map((b) => b.pathPattern)).toEqual(["/api/*/me*", "/api/*/sessions/*", "/api/products/*", "/api/search", "/static/*", "/api/*"]);
    expect(ordered[4].cachePolicyId).toBe("658327ea-f89d-4fab-a63d-7e88639e58f6");
    for (const i of [0, 1, 5]) expect(ordered[i].cachePolicyId).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
  });

  it("sends the uncached routes through the managed AllViewerAndCloudFrontHeaders-2022-06 policy, so the pack can tell them from the cached routes", () => {
    const ordered = dist().orderedCacheBehaviors as Props[];
    // Developer Guide, "Use managed origin request policies": AllViewerAndCloudFrontHeaders-2022-06.
    for (const i of [0, 1, 5]) expect(ordered[i].originRequestPolicyId).toBe("33f36d7e-f396-46d9-90e0-52428a34d9dc");
    const orpDefault = oneOf(run, "aws:cloudfront/originRequestPolicy:OriginRequestPolicy", "origin-request-default");
    expect(oneOf(run, "aws:cloudfront/distribution:Distribution").propertyDependencies.orderedCacheBehaviors).not.toContain(orpDefault.urn);
  });

  // Policy ids are unknown until AWS assigns them (as in a real preview), so behaviors are tied
  // to their policies through the distribution's recorded dependencies and deterministic names.
  const dependsOnAll = (type: string) => {
    const deps = oneOf(run, "aws:cloudfront/distribution:Distribution").propertyDependencies.orderedCacheBehaviors ?? [];
    return resourcesOf(run, type).every((r) => deps.includes(r.urn));
  };

  it("gives cacheable routes one custom cache policy per distinct setting, without cookies or Authorization, compressed", () => {
    const policies = resourcesOf(run, "aws:cloudfront/cachePolicy:CachePolicy").map(inputs);
    expect(policies).toHaveLength(2);
    const products = policies.find((p) => p.maxTtl === 300) as Props;
    expect(products).toMatchObject({
      minTtl: 0,
      defaultTtl: 60,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: "whitelist", queryStrings: { items: ["category", "page", "sort"] } },
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      },
    });
    expect(String(products.name)).toMatch(/^platform-edge-dev-cache-[0-9a-f]{8}$/);
    expect(dependsOnAll("aws:cloudfront/cachePolicy:CachePolicy")).toBe(true);
  });

  it("forwards to the origin only the cache key on cacheable routes", () => {
    const orps = resourcesOf(run, "aws:cloudfront/originRequestPolicy:OriginRequestPolicy").map(inputs);
    const keyOnly = orps.filter((p) => String(p.name).includes("cache-key-only"));
    expect(keyOnly.map((p) => (p.queryStringsConfig as { queryStrings: { items: string[] } }).queryStrings.items).sort()).toEqual([
      ["category", "page", "sort"],
      ["page", "q"],
    ]);
    for (const p of keyOnly) expect(p).toMatchObject({ headersConfig: { headerBehavior: "none" }, cookiesConfig: { cookieBehavior: "none" } });
    const deps = oneOf(run, "aws:cloudfront/distribution:Distribution").propertyDependencies.orderedCacheBehaviors ?? [];
    const keyOnlyUrns = resourcesOf(run, "aws:cloudfront/originRequestPolicy:OriginRequestPolicy").filter((r) => String(inputs(r).name).includes("cache-key-only")).map((r) => r.urn);
    expect(keyOnlyUrns.length).toBe(2);
    for (const urn of keyOnlyUrns) expect(deps).toContain(urn);
  });

  it("normalises the query string on cacheable API routes with the function file and each route's allow-list", () => {
    const ordered = dist().orderedCacheBehaviors as Props[];
    const fns = resourcesOf(run, "aws:cloudfront/function:Function").map(inputs);
    const source = readFileSync(FUNCTION_FILE, "utf8");
    expect(fns.map((f) => f.code).sort()).toEqual([`var ALLOWED_KEYS = ["category","page","sort"];\n${source}`, `var ALLOWED_KEYS = ["page","q"];\n${source}`]);
    for (const f of fns) expect(f).toMatchObject({ runtime: "cloudfront-js-2.0", publish: true });
    expect(ordered.map((b) => ((b.functionAssociations as Props[] | undefined) ?? []).map((a) => a.eventType))).toEqual([
      [],
      [],
      ["viewer-request"],
      ["viewer-request"],
      [],
      [],
    ]);
    expect(dependsOnAll("aws:cloudfront/function:Function")).toBe(true);
  });

  it("adds the security response headers policy with HSTS to every behavior", () => {
    const rhp = inputs(oneOf(run, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy"));
    expect(rhp.securityHeadersConfig).toMatchObject({
      strictTransportSecurity: { accessControlMaxAgeSec: 63072000, includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: "DENY" },
    });
    const d = oneOf(run, "aws:cloudfront/distribution:Distribution");
    const headers = oneOf(run, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy").urn;
    expect(d.propertyDependencies.defaultCacheBehavior).toContain(headers);
    expect(d.propertyDependencies.orderedCacheBehaviors).toContain(headers);
    const behaviors = [inputs(d).defaultCacheBehavior as Props, ...(inputs(d).orderedCacheBehaviors as Props[])];
    expect(behaviors.every((b) => b.responseHeadersPolicyId !== undefined)).toBe(true);
  });
});

describe("edge stack (dev): protection, logging, monitoring", () => {
  it("creates the web ACL in us-east-1 with the managed groups and the configured rate limit, and attaches it", () => {
    const provider = inputs(oneOf(run, "pulumi:providers:aws", "us-east-1"));
    expect(provider.region).toBe("us-east-1");
    expect(JSON.parse(String(provider.defaultTags))).toMatchObject({ tags: { Environment: "dev", Stack: "edge" } });
    const acl = oneOf(run, "aws:wafv2/webAcl:WebAcl");
    expect(onUsEast1(acl)).toBe(true);
    const props = inputs(acl);
    expect(props.scope).toBe("CLOUDFRONT");
    const rules = props.rules as Props[];
    expect(rules[0].statement).toMatchObject({ rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } });
    expect(rules.slice(1).map((r) => (r.statement as { managedRuleGroupStatement: { name: string } }).managedRuleGroupStatement.name).sort()).toEqual([
      "AWSManagedRulesAmazonIpReputationList",
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
    ]);
    expect(oneOf(run, "aws:cloudfront/distribution:Distribution").propertyDependencies.webAclId).toContain(acl.urn);
  });

  // AWS WAF Developer Guide, "Core rule set (CRS) managed rule group": SizeRestrictions_BODY blocks
  // bodies over 8 KB and NoUserAgent_HEADER requests without a User-Agent; wrong for a JSON API
  // unless chosen, so by default both only count.
  // https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html
  it("only counts the Common Rule Set's 8 KB body and missing User-Agent rules by default", () => {
    const rules = inputs(oneOf(run, "aws:wafv2/webAcl:WebAcl")).rules as Props[];
    const group = (name: string) => (rules.find((r) => r.name === name)?.statement as { managedRuleGroupStatement: Props }).managedRuleGroupStatement;
    expect(group("AWSManagedRulesCommonRuleSet").ruleActionOverrides).toEqual([
      { name: "SizeRestrictions_BODY", actionToUse: { count: {} } },
      { name: "NoUserAgent_HEADER", actionToUse: { count: {} } },
    ]);
    expect(group("AWSManagedRulesKnownBadInputsRuleSet").ruleActionOverrides).toBeUndefined();
  });

  it("keeps AWS's block action for a Common Rule Set rule the config sets to block", async () => {
    const blocking = await runEdge("dev", { config: { wafBodySizeRule: "block" } });
    const rules = inputs(oneOf(blocking, "aws:wafv2/webAcl:WebAcl")).rules as Props[];
    const common = rules.find((r) => r.name === "AWSManagedRulesCommonRuleSet")?.statement as { managedRuleGroupStatement: Props };
    expect(common.managedRuleGroupStatement.ruleActionOverrides).toEqual([{ name: "NoUserAgent_HEADER", actionToUse: { count: {} } }]);
  });

  it("uses the default certificate when no domain is configured", () => {
    expect(inputs(oneOf(run, "aws:cloudfront/distribution:Distribution")).viewerCertificate).toEqual({ cloudfrontDefaultCertificate: true });
    expect(resourcesOf(run, "aws:acm/certificate:Certificate")).toHaveLength(0);
  });

  it("delivers standard logs (v2) from the distribution to a KMS-encrypted bucket with lifecycle, all in us-east-1", () => {
    const source = oneOf(run, "aws:cloudwatch/logDeliverySource:LogDeliverySource");
    expect(inputs(source).logType).toBe("ACCESS_LOGS");
    expect(source.propertyDependencies.resourceArn).toContain(oneOf(run, "aws:cloudfront/distribution:Distribution").urn);
    const delivery = oneOf(run, "aws:cloudwatch/logDelivery:LogDelivery");
    expect(delivery.propertyDependencies.deliverySourceName).toContain(source.urn);
    const sse = inputs(oneOf(run, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"));
    expect(sse.rules).toMatchObject([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }]);
    const lifecycle = inputs(oneOf(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"));
    expect(lifecycle.rules).toMatchObject([{ status: "Enabled", expiration: { days: 30 } }]);
    expect(inputs(oneOf(run, "aws:kms/key:Key")).enableKeyRotation).toBe(true);
    for (const type of ["aws:s3/bucket:Bucket", "aws:kms/key:Key", "aws:cloudwatch/logDeliverySource:LogDeliverySource", "aws:cloudwatch/logDelivery:LogDelivery"]) {
      expect(onUsEast1(oneOf(run, type))).toBe(true);
    }
  });

  it("alarms in us-east-1 on the distribution's 5xx rate above the configured percentage", () => {
    const alarm = oneOf(run, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(onUsEast1(alarm)).toBe(true);
    expect(inputs(alarm)).toMatchObject({ namespace: "AWS/CloudFront", metricName: "5xxErrorRate", threshold: 5, dimensions: { Region: "Global" } });
    expect(inputs(oneOf(run, "aws:cloudfront/monitoringSubscription:MonitoringSubscription")).monitoringSubscription).toEqual({
      realtimeMetricsSubscriptionConfig: { realtimeMetricsSubscriptionStatus: "Enabled" },
    });
  });

  // aws-rum-web (aws-observability/aws-rum-web src/orchestration/Orchestration.ts, initDispatch)
  // uses Cognito's basic flow whenever guestRoleArn is configured and the enhanced flow with
  // identityPoolId alone. The pool allows only the enhanced flow, so nothing the snippet is built
  // from (outputs, the app monitor's own configuration) may name the guest role.
  it("gives the web client one Cognito flow, the enhanced one: no guest role in the snippet settings", () => {
    expect(inputs(oneOf(run, "aws:cognito/identityPool:IdentityPool"))).toMatchObject({ allowClassicFlow: false, allowUnauthenticatedIdentities: true });
    const role = oneOf(run, "aws:iam/role:Role", "rum-guest");
    const attachment = inputs(oneOf(run, "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment"));
    expect(attachment.roles).toEqual({ unauthenticated: plain<Props>(role.outputs).arn });
    expect(inputs(oneOf(run, "aws:rum/appMonitor:AppMonitor")).appMonitorConfiguration).not.toHaveProperty("guestRoleArn");
    const roleArn = String(plain<Props>(role.outputs).arn);
    expect(roleArn).toMatch(/^arn:aws:iam::\d{12}:role\/platform-workload\//);
    expect(Object.keys(run.outputs).filter((k) => /guestrole/i.test(k))).toEqual([]);
    expect(JSON.stringify(plain(run.outputs))).not.toContain(roleArn);
  });

  it("monitors a sample of browser sessions with RUM and exports what the web client needs", () => {
    const monitor = inputs(oneOf(run, "aws:rum/appMonitor:AppMonitor"));
    expect(monitor.appMonitorConfiguration).toMatchObject({ sessionSampleRate: 0.1, telemetries: ["errors", "performance"], allowCookies: false });
    expect(monitor.cwLogEnabled).toBe(false);
    const out = plain<Props>(run.outputs);
    // The app monitor id is assigned by AWS (unknown offline, so not recorded); the rest the stack knows.
    expect(Object.keys(run.outputs)).toEqual(expect.arrayContaining(["rumIdentityPoolId", "rumRegion", "rumSessionSampleRate", "rumTelemetries"]));
    expect(out.rumTelemetries).toEqual(["errors", "performance"]);
    expect(out.rumRegion).toBe("ap-northeast-1");
    expect(out.failoverEnabled).toBe(false);
    expect(out.customDomainName).toBeUndefined();
  });
});
