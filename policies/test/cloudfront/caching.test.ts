import { buildStackView, type StackResource } from "../../src/lib/relations";
import { UNKNOWN } from "../../src/lib/values";
import { analyzeDistributionCaching } from "../../src/cloudfront/caching";
import { loggingFindings, wafFindings } from "../../src/cloudfront/stack-checks";

const DIST = "urn:pulumi:dev::edge::aws:cloudfront/distribution:Distribution::cdn";
const POLICY = "urn:pulumi:dev::edge::aws:cloudfront/cachePolicy:CachePolicy::api-60s";
const DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

const cachePolicy = (props: Record<string, unknown> = {}): StackResource => ({
  urn: POLICY,
  type: "aws:cloudfront/cachePolicy:CachePolicy",
  name: "api-60s",
  props: {
    minTtl: 0, defaultTtl: 60, maxTtl: 300,
    parametersInCacheKeyAndForwardedToOrigin: {
      cookiesConfig: { cookieBehavior: "none" }, headersConfig: { headerBehavior: "none" },
      queryStringsConfig: { queryStringBehavior: "whitelist", queryStrings: { items: ["page"] } },
    },
    ...props,
  },
  dependencies: [],
  propertyDependencies: {},
});

/** The edge topology: cacheable route on a custom policy (id unknown in preview), default CachingDisabled + AllViewerExceptHostHeader. */
type DistributionProps = { defaultCacheBehavior: Record<string, unknown>; orderedCacheBehaviors: Record<string, unknown>[]; [key: string]: unknown };
const distribution = (mutate: (p: DistributionProps) => void = () => undefined): StackResource => {
  const props: DistributionProps = {
    defaultCacheBehavior: { cachePolicyId: DISABLED, originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST, targetOriginId: "alb", viewerProtocolPolicy: "https-only" },
    orderedCacheBehaviors: [
      { pathPattern: "/api/*/me*", cachePolicyId: DISABLED, originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST, targetOriginId: "alb", viewerProtocolPolicy: "https-only" },
      { pathPattern: "/api/v1/products*", cachePolicyId: UNKNOWN, targetOriginId: "alb", viewerProtocolPolicy: "https-only" },
    ],
    origins: [{ originId: "alb", domainName: "internal-x.elb.amazonaws.com", vpcOriginConfig: { vpcOriginId: UNKNOWN } }],
    webAclId: "arn:aws:wafv2:us-east-1:1:global/webacl/x/y",
    loggingConfig: { bucket: "logs.s3.amazonaws.com" },
  };
  mutate(props);
  return { urn: DIST, type: "aws:cloudfront/distribution:Distribution", name: "cdn", props, dependencies: [POLICY], propertyDependencies: { orderedCacheBehaviors: [POLICY] } };
};
const run = (d: StackResource, policy = cachePolicy()) =>
  analyzeDistributionCaching(buildStackView([policy, d]), d, { privatePathPatterns: ["/api/*/me*"] });
const mandatory = (d: StackResource, policy?: StackResource) => run(d, policy).filter((f) => f.level === "mandatory");

describe("distribution caching decisions", () => {
  it("pass the edge topology, resolving the unknown cache policy id through property dependencies", () => {
    expect(mandatory(distribution())).toEqual([]);
  });

  it("treat a caching custom policy resolved by dependency as caching (private path reached)", () => {
    const d = distribution((p) => p.orderedCacheBehaviors.shift());
    expect(mandatory(d).map((f) => f.topic)).toEqual(["ordering"]);
  });

  it("reject a caching default behavior in front of the VPC origin", () => {
    const d = distribution((p) => (p.defaultCacheBehavior.cachePolicyId = "658327ea-f89d-4fab-a63d-7e88639e58f6"));
    expect(mandatory(d).map((f) => f.topic)).toContain("default-cache");
  });

  it("reject a caching behavior that forwards all viewer headers outside its cache key", () => {
    const d = distribution((p) => (p.orderedCacheBehaviors[1].originRequestPolicyId = ALL_VIEWER_EXCEPT_HOST));
    const f = mandatory(d).find((x) => x.topic === "cache-key");
    expect(f?.message).toContain("AllViewerExceptHostHeader");
  });

  it("only advise when a cache policy cannot be resolved", () => {
    const d = { ...distribution(), propertyDependencies: {} };
    const out = run(d, cachePolicy()).filter((f) => f.urn === DIST);
    const noMatch = analyzeDistributionCaching(buildStackView([d]), d, { privatePathPatterns: ["/api/*/me*"] });
    expect(out.every((f) => f.level === "advisory")).toBe(true);
    expect(noMatch.every((f) => f.level === "advisory")).toBe(true);
  });

  it("treat legacy forwardedValues with zero TTLs as not caching", () => {
    const d = distribution((p) => {
      p.defaultCacheBehavior = { forwardedValues: { queryString: true, cookies: { forward: "all" } }, minTtl: 0, defaultTtl: 0, maxTtl: 0, targetOriginId: "alb" };
    });
    expect(mandatory(d)).toEqual([]);
    const cached = distribution((p) => {
      p.defaultCacheBehavior = { forwardedValues: { queryString: true, cookies: { forward: "all" } }, targetOriginId: "alb" };
    });
    expect(mandatory(cached).map((f) => f.topic)).toContain("default-cache");
  });
});

describe("distribution logging and WAF", () => {
  it("accept legacy logging and a web ACL", () => {
    const view = buildStackView([distribution()]);
    expect([...loggingFindings(view), ...wafFindings(view)]).toEqual([]);
  });

  it("accept standard logging v2 through delivery source and delivery", () => {
    const d = distribution((p) => delete p.loggingConfig);
    const source: StackResource = { urn: "s", type: "aws:cloudwatch/logDeliverySource:LogDeliverySource", name: "src", props: { logType: "ACCESS_LOGS", resourceArn: UNKNOWN, name: "cdn-src" }, dependencies: [DIST], propertyDependencies: { resourceArn: [DIST] } };
    const delivery: StackResource = { urn: "d", type: "aws:cloudwatch/logDelivery:LogDelivery", name: "del", props: { deliverySourceName: "cdn-src" }, dependencies: [], propertyDependencies: {} };
    expect(loggingFindings(buildStackView([d, source, delivery]))).toEqual([]);
    expect(loggingFindings(buildStackView([d, source]))).toHaveLength(1);
  });

  it("require a web ACL in front of a VPC origin", () => {
    const d = distribution((p) => delete p.webAclId);
    expect(wafFindings(buildStackView([d]))[0].message).toContain("VPC origin");
  });
});
