import { encode, startPolicyPack, UNKNOWN, type AnalyzerResource, type Diagnostic, type PackConfig, type PolicyPackClient } from "@platform/analyzer";
import { cloudfrontPolicies } from "../../src/cloudfront";
import { mutate, res, type FixtureResource } from "../fixtures/case";
import { PACK_DIR, preview } from "../protocol/harness";

/**
 * Every CloudFront policy through the real Analyzer gRPC protocol: the pack started the way the
 * Pulumi CLI starts it, `analyze` per resource and `analyzeStack` per stack, properties in the
 * engine's wire encoding. One compliant edge stack, and for each policy a mutation of it that
 * changes one thing.
 */
let pack: PolicyPackClient;
/** The stack declares its private paths, as policies/config/*.json do (the built-in list is empty). */
const DECLARED: PackConfig = {
  "cloudfront-cache-behavior-order": { privatePathPatterns: ["/api/*/me*"] },
  "cloudfront-cache-advisories": { privatePathPatterns: ["/api/*/me*"] },
};
beforeAll(async () => {
  pack = await startPolicyPack({ packDir: PACK_DIR });
  await pack.configure(DECLARED);
}, 240_000);
afterAll(async () => {
  await pack?.close();
});

const DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
const ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
const DIST = "aws:cloudfront/distribution:Distribution";
const CACHE_POLICY = "aws:cloudfront/cachePolicy:CachePolicy";
const VPC_ORIGIN = "aws:cloudfront/vpcOrigin:VpcOrigin";
const LOG_SOURCE = "aws:cloudwatch/logDeliverySource:LogDeliverySource";
const LOG_DELIVERY = "aws:cloudwatch/logDelivery:LogDelivery";

const catalogPolicy = res(CACHE_POLICY, "catalog-60s", {
  minTtl: 0,
  defaultTtl: 60,
  maxTtl: 300,
  parametersInCacheKeyAndForwardedToOrigin: {
    cookiesConfig: { cookieBehavior: "none" },
    headersConfig: { headerBehavior: "none" },
    queryStringsConfig: { queryStringBehavior: "whitelist", queryStrings: { items: ["page"] } },
  },
});
const vpcOrigin = res(VPC_ORIGIN, "alb-origin", {
  vpcOriginEndpointConfig: { name: "alb", arn: UNKNOWN, httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: { items: ["TLSv1.2"], quantity: 1 } },
});

const behavior = (pathPattern: string, cachePolicyId: string, targetOriginId: string, more: Record<string, unknown> = {}) => ({
  pathPattern,
  cachePolicyId,
  targetOriginId,
  viewerProtocolPolicy: "redirect-to-https",
  allowedMethods: ["GET", "HEAD"],
  cachedMethods: ["GET", "HEAD"],
  ...more,
});

/**
 * The edge topology: a VPC origin (the internal ALB) behind the default non-caching behavior, a
 * private path kept uncached, static assets from S3 through origin access control, one cacheable
 * API route on a custom cache policy whose id is unknown in preview (resolved through the
 * engine's property dependencies), a custom HTTPS origin, WAF, TLS 1.2 viewer certificate and
 * standard logging v2.
 */
const distribution = res(
  DIST,
  "cdn",
  {
    enabled: true,
    defaultRootObject: "index.html",
    origins: [
      { originId: "alb", domainName: "internal-alb-1.eu-west-1.elb.amazonaws.com", vpcOriginConfig: { vpcOriginId: UNKNOWN } },
      { originId: "assets", domainName: "assets.s3.eu-west-1.amazonaws.com", originAccessControlId: "E2OAC", s3OriginConfig: { originAccessIdentity: "" } },
      {
        originId: "status",
        domainName: "status.example.com",
        customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"], httpPort: 80, httpsPort: 443 },
      },
    ],
    originGroups: [
      { originId: "failover", failoverCriteria: { statusCodes: [500, 502, 503, 504] }, members: [{ originId: "assets" }, { originId: "status" }] },
    ],
    defaultCacheBehavior: {
      cachePolicyId: DISABLED,
      originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
      targetOriginId: "alb",
      viewerProtocolPolicy: "https-only",
      allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
      cachedMethods: ["GET", "HEAD"],
    },
    orderedCacheBehaviors: [
      behavior("/api/*/me*", DISABLED, "alb", { originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST }),
      behavior("/static/*", OPTIMIZED, "assets"),
      behavior("/api/v1/catalog", UNKNOWN, "alb"),
    ],
    viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/edge", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
    webAclId: "arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1",
    restrictions: { geoRestriction: { restrictionType: "none" } },
  },
  { orderedCacheBehaviors: [catalogPolicy.urn], origins: [vpcOrigin.urn] },
);
const logSource = res(LOG_SOURCE, "cdn-access-logs", { name: "cdn-access", logType: "ACCESS_LOGS", resourceArn: UNKNOWN }, { resourceArn: [distribution.urn] });
const logDelivery = res(LOG_DELIVERY, "cdn-access-delivery", { deliverySourceName: UNKNOWN, deliveryDestinationArn: "arn:aws:logs:us-east-1:111122223333:delivery-destination:cdn" }, { deliverySourceName: [logSource.urn] });

const compliant: readonly FixtureResource[] = [catalogPolicy, vpcOrigin, distribution, logSource, logDelivery];

type Props = Record<string, unknown>;
type Behavior = Record<string, unknown>;
/** The fixture with one distribution property changed. */
const dist = (patch: (p: Props) => Props) => mutate(compliant, "cdn", patch);
/** The fixture with ordered behavior `i` patched; `undefined` removes a key. */
const ordered = (i: number, patch: Behavior) =>
  dist((p) => ({
    ...p,
    orderedCacheBehaviors: (p.orderedCacheBehaviors as Behavior[]).map((b, k) =>
      k === i ? Object.fromEntries(Object.entries({ ...b, ...patch }).filter(([, v]) => v !== undefined)) : b,
    ),
  }));
const origin = (id: string, patch: (o: Props) => Props) =>
  dist((p) => ({ ...p, origins: (p.origins as Props[]).map((o) => (o.originId === id ? patch({ ...o }) : o)) }));
const viewerCertificate = (patch: Props) => dist((p) => ({ ...p, viewerCertificate: { ...(p.viewerCertificate as Props), ...patch } }));
const without = (key: string) => (o: Props) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

/** One mutation per policy, named for what it changes. */
const violations: Record<string, { readonly change: string; readonly resources: readonly FixtureResource[] }> = {
  "cloudfront-viewer-https-only": { change: "an ordered behavior allowing plain HTTP (allow-all)", resources: ordered(1, { viewerProtocolPolicy: "allow-all" }) },
  "cloudfront-viewer-tls-minimum": { change: "viewer TLS minimum TLSv1.1_2016", resources: viewerCertificate({ minimumProtocolVersion: "TLSv1.1_2016" }) },
  "cloudfront-custom-certificate": {
    change: "the default *.cloudfront.net certificate",
    resources: dist((p) => ({ ...p, viewerCertificate: { cloudfrontDefaultCertificate: true } })),
  },
  "cloudfront-sni-only": { change: "dedicated-IP SSL (vip)", resources: viewerCertificate({ sslSupportMethod: "vip" }) },
  "cloudfront-origin-https-only": {
    change: "a custom origin reached with http-only",
    resources: origin("status", (o) => ({ ...o, customOriginConfig: { ...(o.customOriginConfig as Props), originProtocolPolicy: "http-only" } })),
  },
  "cloudfront-origin-tls12": {
    change: "a custom origin allowing TLSv1.1",
    resources: origin("status", (o) => ({ ...o, customOriginConfig: { ...(o.customOriginConfig as Props), originSslProtocols: ["TLSv1.1", "TLSv1.2"] } })),
  },
  "cloudfront-vpc-origin-https": {
    change: "a VPC origin reached over http-only",
    resources: mutate(compliant, "alb-origin", (p) => ({ ...p, vpcOriginEndpointConfig: { ...(p.vpcOriginEndpointConfig as Props), originProtocolPolicy: "http-only" } })),
  },
  "cloudfront-vpc-origin-tls12": {
    change: "a VPC origin allowing TLSv1",
    resources: mutate(compliant, "alb-origin", (p) => ({
      ...p,
      vpcOriginEndpointConfig: { ...(p.vpcOriginEndpointConfig as Props), originSslProtocols: { items: ["TLSv1", "TLSv1.2"], quantity: 2 } },
    })),
  },
  "cloudfront-default-root-object": { change: "no defaultRootObject with an S3 origin", resources: dist(without("defaultRootObject")) },
  "cloudfront-s3-origin-access-control": { change: "an S3 origin without origin access control", resources: origin("assets", without("originAccessControlId")) },
  "cloudfront-origin-failover": { change: "no origin group", resources: dist(without("originGroups")) },
  "cloudfront-cache-behavior-order": {
    change: "the private-path behavior given the caching custom policy",
    resources: ordered(0, { cachePolicyId: UNKNOWN, originRequestPolicyId: undefined }),
  },
  "cloudfront-cache-key-covers-forwarded": {
    change: "the cacheable route forwarding all viewer headers",
    resources: ordered(2, { originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST }),
  },
  "cloudfront-default-behavior-no-cache": {
    change: "CachingOptimized on the default behavior in front of the VPC origin",
    resources: dist((p) => ({ ...p, defaultCacheBehavior: { ...(p.defaultCacheBehavior as Props), cachePolicyId: OPTIMIZED } })),
  },
  "cloudfront-cache-advisories": {
    change: "a non-caching behavior wider than the declared private path before a cacheable route (lost hits on /api/v1/m...)",
    resources: dist((p) => ({
      ...p,
      orderedCacheBehaviors: (p.orderedCacheBehaviors as Behavior[]).map((b, k) => (k === 0 ? { ...b, pathPattern: "/api/*/m*" } : k === 2 ? { ...b, pathPattern: "/api/v1/*" } : b)),
    })),
  },
  "cloudfront-access-logging": { change: "the log delivery removed", resources: mutate(compliant, "cdn-access-delivery", null) },
  "cloudfront-waf-dynamic-origin": { change: "no web ACL", resources: dist(without("webAclId")) },
};

/** A fixture as the engine sends it; `wrap` re-encodes each top-level property (e.g. as a secret). */
function wire(resources: readonly FixtureResource[], wrap: (value: unknown) => unknown = (v) => v): AnalyzerResource[] {
  return resources.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    properties: Object.fromEntries(Object.entries(r.props).map(([k, v]) => [k, wrap(v)])),
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
  }));
}

const cloudfront = (ds: readonly Diagnostic[]) => ds.filter((d) => d.policyName.startsWith("cloudfront-"));
const levelOf = (name: string) => cloudfrontPolicies.find((p) => p.name === name)?.enforcementLevel;
const summary = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.policyName} [${d.enforcementLevel}]: ${d.message}`);

describe("CloudFront policies served by the pack", () => {
  it("include every CloudFront policy, each with a violation case in this file", async () => {
    const served = (await pack.getAnalyzerInfo()).policies.map((p) => p.name).filter((n) => n.startsWith("cloudfront-"));
    expect(served.sort()).toEqual(cloudfrontPolicies.map((p) => p.name).sort());
    expect(Object.keys(violations).sort()).toEqual(served.sort());
  });
});

describe("the compliant edge stack through analyze/analyzeStack", () => {
  it("gets no diagnostic from any CloudFront policy", async () => {
    expect(summary(cloudfront(await preview(pack, wire(compliant))))).toEqual([]);
  });
});

describe.each(Object.entries(violations))("%s through analyze/analyzeStack", (name, { change, resources }) => {
  it(`reports ${change} at the policy's level, on the resource`, async () => {
    const ds = (await preview(pack, wire(resources))).filter((d) => d.policyName === name);
    expect(ds.length).toBeGreaterThan(0);
    for (const d of ds) {
      expect(d.enforcementLevel).toBe(levelOf(name));
      expect(resources.map((r) => r.urn)).toContain(d.urn);
      expect(d.message.length).toBeGreaterThan(40);
    }
  });
});

describe("preview: values unknown until the first deployment", () => {
  /** What a preview of a new edge stack sends: ids, ARNs and most names are not known yet. */
  const previewed = mutate(
    mutate(compliant, "cdn", (p) => ({
      ...p,
      webAclId: UNKNOWN,
      viewerCertificate: { ...(p.viewerCertificate as Props), acmCertificateArn: UNKNOWN },
      origins: (p.origins as Props[]).map((o) => (o.originId === "assets" ? { ...o, originAccessControlId: UNKNOWN, domainName: UNKNOWN } : o)),
    })),
    "catalog-60s",
    { id: UNKNOWN, arn: UNKNOWN },
  );

  it("the edge stack with unknown ids and ARNs gets no CloudFront diagnostic", async () => {
    expect(summary(cloudfront(await preview(pack, wire(previewed))))).toEqual([]);
  });

  it("a distribution whose every input is unknown gets no mandatory diagnostic", async () => {
    const allUnknown = dist((p) => Object.fromEntries(Object.keys(p).map((k) => [k, UNKNOWN])));
    const ds = cloudfront(await preview(pack, wire(allUnknown)));
    expect(summary(ds.filter((d) => d.enforcementLevel === "mandatory"))).toEqual([]);
  });

  it("a caching behavior whose unknown cache policy id cannot be resolved is only advised about", async () => {
    // No property dependency names the cache policy: whether the route caches is undecidable.
    const unresolved = ordered(0, { cachePolicyId: UNKNOWN, originRequestPolicyId: undefined });
    const stack = unresolved.map((r) => (r.name === "cdn" ? { ...r, propertyDependencies: {}, dependencies: [] } : r));
    const ds = cloudfront(await preview(pack, wire(stack)));
    expect(ds.some((d) => d.policyName === "cloudfront-cache-advisories")).toBe(true);
    expect(summary(ds.filter((d) => d.enforcementLevel === "mandatory"))).toEqual([]);
  });

  it("an unknown viewerProtocolPolicy nested in a behavior is not reported", async () => {
    const ds = await preview(pack, wire(ordered(1, { viewerProtocolPolicy: UNKNOWN })));
    expect(summary(cloudfront(ds))).toEqual([]);
  });
});

describe("defaults that cannot fire on a compliant configuration", () => {
  afterAll(async () => {
    await pack.configure(DECLARED);
  });
  const cachedPrivate = ordered(0, { cachePolicyId: UNKNOWN, originRequestPolicyId: undefined });

  it("with no pack config, a caching behavior on a path that only looks per-user is an advisory guess, never mandatory", async () => {
    await pack.configure({});
    const ds = cloudfront(await preview(pack, wire(cachedPrivate)));
    expect(summary(ds.filter((d) => d.enforcementLevel === "mandatory"))).toEqual([]);
    expect(ds.some((d) => d.policyName === "cloudfront-cache-advisories" && /looks like a per-user path/.test(d.message))).toBe(true);
  });

  it("the guess is silenced by suspectedPrivatePathPatterns: [] and by declaring the real private paths", async () => {
    await pack.configure({ "cloudfront-cache-advisories": { suspectedPrivatePathPatterns: [] } });
    expect(summary(cloudfront(await preview(pack, wire(cachedPrivate))))).toEqual([]);
    await pack.configure({ "cloudfront-cache-advisories": { privatePathPatterns: ["/account/*"] } });
    expect(summary(cloudfront(await preview(pack, wire(cachedPrivate))))).toEqual([]);
  });

  it("an ordered `/*` before the default behavior makes the unreachable default advisory, not mandatory", async () => {
    const catchAll = dist((p) => ({ ...p, orderedCacheBehaviors: [...(p.orderedCacheBehaviors as Behavior[]), behavior("/*", DISABLED, "alb")] }));
    const ds = cloudfront(await preview(pack, wire(catchAll)));
    expect(summary(ds.filter((d) => d.enforcementLevel === "mandatory"))).toEqual([]);
    expect(ds.some((d) => d.policyName === "cloudfront-cache-advisories" && /defaultCacheBehavior `\*`.*never applies/.test(d.message))).toBe(true);
  });

  it("a non-caching behavior that takes paths of a later caching one only inside a declared private pattern is no lost hit", async () => {
    // `/api/*/me*` before `/api/v1/*`: the shared paths (/api/v1/me...) are all declared private.
    const carved = ordered(2, { pathPattern: "/api/v1/*" });
    await pack.configure(DECLARED);
    expect(summary(cloudfront(await preview(pack, wire(carved))))).toEqual([]);
    // Undeclared, the same table loses hits on /api/v1/me: the advisory is about real paths.
    await pack.configure({ "cloudfront-cache-advisories": { suspectedPrivatePathPatterns: [] } });
    const ds = cloudfront(await preview(pack, wire(carved)));
    expect(ds.map((d) => d.policyName)).toEqual(["cloudfront-cache-advisories"]);
    expect(ds[0].message).toMatch(/never cached/);
  });
});

describe("preview: unknown values decided through the stack's relations", () => {
  const ORP = "aws:cloudfront/originRequestPolicy:OriginRequestPolicy";
  const keyOnly = res(ORP, "key-only", { cookiesConfig: { cookieBehavior: "none" }, headersConfig: { headerBehavior: "none" }, queryStringsConfig: { queryStringBehavior: "whitelist", queryStrings: { items: ["page"] } } });
  const allViewer = res(ORP, "all-viewer", { cookiesConfig: { cookieBehavior: "all" }, headersConfig: { headerBehavior: "allViewer" }, queryStringsConfig: { queryStringBehavior: "all" } });
  /** The catalog route with an unknown origin request policy id; `policies` are what orderedCacheBehaviors depends on. */
  const withOrps = (policies: readonly FixtureResource[]) => [
    ...policies,
    ...ordered(2, { originRequestPolicyId: UNKNOWN }).map((r) =>
      r.name === "cdn" ? { ...r, propertyDependencies: { ...r.propertyDependencies, orderedCacheBehaviors: [catalogPolicy.urn, ...policies.map((x) => x.urn)] } } : r,
    ),
  ];

  it("an unknown origin request policy id whose every related policy forwards only the cache key is decided compliant", async () => {
    expect(summary(cloudfront(await preview(pack, wire(withOrps([keyOnly])))))).toEqual([]);
  });

  it("an unknown origin request policy id whose every related policy forwards cookies outside the key is mandatory", async () => {
    const ds = cloudfront(await preview(pack, wire(withOrps([allViewer]))));
    expect(ds.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName)).toEqual(["cloudfront-cache-key-covers-forwarded"]);
  });

  it("related policies that disagree leave an advisory naming them", async () => {
    const ds = cloudfront(await preview(pack, wire(withOrps([keyOnly, allViewer]))));
    expect(summary(ds.filter((d) => d.enforcementLevel === "mandatory"))).toEqual([]);
    expect(ds.find((d) => d.policyName === "cloudfront-cache-advisories")?.message).toMatch(/key-only or all-viewer/);
  });

  it("no relation at all: only the advisory that it cannot be decided during preview", async () => {
    const stack = withOrps([]).map((r) => (r.name === "cdn" ? { ...r, propertyDependencies: { orderedCacheBehaviors: [catalogPolicy.urn] } } : r));
    const ds = cloudfront(await preview(pack, wire(stack)));
    expect(ds.map((d) => `${d.policyName} [${d.enforcementLevel}]`)).toEqual(["cloudfront-cache-advisories [advisory]"]);
    expect(ds[0].message).toMatch(/could not be resolved during preview/);
  });

  it("an S3 origin whose domain comes from a bucket of the same program is still an S3 origin (decided by its shape)", async () => {
    // The provider sends an origin without customOriginConfig/vpcOriginConfig as an S3 origin.
    const oacMissing = origin("assets", (o) => ({ originId: o.originId, domainName: UNKNOWN }));
    const ds = cloudfront(await preview(pack, wire(oacMissing)));
    expect(ds.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName)).toEqual(["cloudfront-s3-origin-access-control"]);
    const withOac = origin("assets", (o) => ({ originId: o.originId, domainName: UNKNOWN, originAccessControlId: UNKNOWN }));
    expect(summary(cloudfront(await preview(pack, wire(withOac))))).toEqual([]);
  });
});

describe("secrets as the engine encodes them", () => {
  it("decides on the plaintext when every property of the stack arrives as a secret", async () => {
    const secretCompliant = wire(compliant, encode.secret);
    const secretViolation = wire(violations["cloudfront-viewer-https-only"].resources, encode.secret);
    expect(summary(cloudfront(await preview(pack, secretCompliant)))).toEqual([]);
    expect((await preview(pack, secretViolation)).some((d) => d.policyName === "cloudfront-viewer-https-only")).toBe(true);
  });

  it("sees through a secret nested inside a cache behavior", async () => {
    const nested = ordered(1, { viewerProtocolPolicy: encode.secret("allow-all") });
    const ds = (await preview(pack, wire(nested))).filter((d) => d.policyName === "cloudfront-viewer-https-only");
    expect(ds.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
  });

  it("resolves a cache policy whose TTLs are secret", async () => {
    const secretTtl = mutate(ordered(0, { cachePolicyId: UNKNOWN, originRequestPolicyId: undefined }), "catalog-60s", { defaultTtl: encode.secret(60) });
    const ds = (await preview(pack, wire(secretTtl))).filter((d) => d.policyName === "cloudfront-cache-behavior-order");
    expect(ds.map((d) => d.enforcementLevel)).toContain("mandatory");
  });
});
