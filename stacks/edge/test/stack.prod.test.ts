import { oneOf, plain, resourcesOf, type RecordedResource, type StackRun } from "@platform/offline";
import { runEdge } from "./run-edge";

type Props = Record<string, unknown>;
const inputs = (r: RecordedResource): Props => plain<Props>(r.inputs);
const HTTPS_APP = { region: "ap-northeast-1", listenerProtocol: "HTTPS", listenerPort: 443 } as const;

let run: StackRun;
beforeAll(async () => {
  run = await runEdge("prod", {
    app: HTTPS_APP,
    config: { failover: { appEnv: "prod-eu" } },
    otherApps: { "prod-eu": { region: "eu-west-1", listenerProtocol: "HTTPS", listenerPort: 8443 } },
  });
});

const onUsEast1 = (r: RecordedResource) => (r.provider ?? "").startsWith(`${oneOf(run, "pulumi:providers:aws", "us-east-1").urn}::`);

describe("edge stack (prod): custom domain", () => {
  it("validates an ACM certificate in us-east-1 through a DNS record in the configured zone", () => {
    const cert = oneOf(run, "aws:acm/certificate:Certificate");
    expect(onUsEast1(cert)).toBe(true);
    expect(inputs(cert)).toMatchObject({ domainName: "api.example.com", validationMethod: "DNS" });
    const validation = oneOf(run, "aws:acm/certificateValidation:CertificateValidation");
    expect(onUsEast1(validation)).toBe(true);
    const record = oneOf(run, "aws:route53/record:Record", "certificate-validation");
    expect(validation.propertyDependencies.validationRecordFqdns).toContain(record.urn);
  });

  it("serves the domain with SNI and TLSv1.2_2021 using the validated certificate", () => {
    const dist = oneOf(run, "aws:cloudfront/distribution:Distribution");
    expect(inputs(dist).aliases).toEqual(["api.example.com"]);
    expect(inputs(dist).viewerCertificate).toMatchObject({ sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" });
    expect(dist.propertyDependencies.viewerCertificate).toContain(oneOf(run, "aws:acm/certificateValidation:CertificateValidation").urn);
  });

  it("points A and AAAA alias records at the distribution", () => {
    const aliases = resourcesOf(run, "aws:route53/record:Record").filter((r) => r.name.startsWith("alias-"));
    expect(aliases.map((r) => inputs(r).type).sort()).toEqual(["A", "AAAA"]);
    for (const r of aliases) expect(inputs(r).name).toBe("api.example.com");
  });
});

describe("edge stack (prod): origins and failover", () => {
  it("reaches each region's ALB https-only over its own VPC origin on the listener's port", () => {
    const configs = resourcesOf(run, "aws:cloudfront/vpcOrigin:VpcOrigin").map((r) => inputs(r).vpcOriginEndpointConfig as Props);
    expect(configs.map((c) => [c.originProtocolPolicy, c.httpsPort, String(c.arn).split(":")[3]])).toEqual([
      ["https-only", 443, "ap-northeast-1"],
      ["https-only", 8443, "eu-west-1"],
    ]);
  });

  it("fails over between the regions on 5xx for read-only behaviors, keeping writes on the primary", () => {
    const d = inputs(oneOf(run, "aws:cloudfront/distribution:Distribution"));
    expect(d.originGroups).toEqual([
      { originId: "app-failover", failoverCriteria: { statusCodes: [500, 502, 503, 504] }, members: [{ originId: "app-primary" }, { originId: "app-secondary" }] },
    ]);
    const ordered = d.orderedCacheBehaviors as Props[];
    const readOnly = ordered.filter((b) => (b.allowedMethods as string[]).length <= 3);
    expect(readOnly.length).toBeGreaterThan(0);
    for (const b of readOnly) expect(b.targetOriginId).toBe("app-failover");
    expect(ordered.find((b) => b.pathPattern === "/api/*")?.targetOriginId).toBe("app-primary");
    expect((d.defaultCacheBehavior as Props).targetOriginId).toBe("app-primary");
    expect(plain<Props>(run.outputs).failoverEnabled).toBe(true);
  });

  it("names the custom domain as each HTTPS origin, so CloudFront checks the ALB certificate against a name it can cover", () => {
    const origins = inputs(oneOf(run, "aws:cloudfront/distribution:Distribution")).origins as Props[];
    expect(origins.map((o) => [o.originId, o.domainName])).toEqual([
      ["app-primary", "api.example.com"],
      ["app-secondary", "api.example.com"],
    ]);
  });

  it("applies prod's origin connection settings and rate limit", () => {
    const [origin] = inputs(oneOf(run, "aws:cloudfront/distribution:Distribution")).origins as Props[];
    expect(origin).toMatchObject({ connectionAttempts: 2, connectionTimeout: 5 });
    const rules = inputs(oneOf(run, "aws:wafv2/webAcl:WebAcl")).rules as Props[];
    expect(rules[0].statement).toMatchObject({ rateBasedStatement: { limit: 1000, evaluationWindowSec: 300 } });
  });

  it("keeps a year of access logs and excludes the configured pages from RUM", () => {
    expect(inputs(oneOf(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")).rules).toMatchObject([{ expiration: { days: 365 } }]);
    expect(inputs(oneOf(run, "aws:rum/appMonitor:AppMonitor"))).toMatchObject({
      domainLists: ["api.example.com"],
      appMonitorConfiguration: { excludedPages: ["https://api.example.com/admin"], telemetries: ["errors", "performance", "http"] },
    });
  });
});

describe("edge stack: refusals before anything is created", () => {
  it("refuses a route table the policy pack would reject, with the pack's message", async () => {
    const routes = [
      { pathPattern: "/api/*", cacheable: false },
      { pathPattern: "/api/products/*", cacheable: true, ttl: { min: 0, default: 60, max: 300 }, queryKeys: ["page"] },
    ];
    await expect(runEdge("dev", { config: { routes } })).rejects.toThrow(/platform-edge:routes[\s\S]*\[mandatory\] shadowed: orderedCacheBehaviors\[1\] `\/api\/products\/\*`/);
  });

  it("refuses caching a configured private path", async () => {
    // The pack's dev config lists /api/*/me* as private; the stack reads the same file.
    const routes = [{ pathPattern: "/api/*", cacheable: true, ttl: { min: 0, default: 60, max: 300 } }];
    await expect(runEdge("dev", { config: { routes } })).rejects.toThrow(/private-path-cached[\s\S]*\/api\/\*\/me\*/);
  });

  it("refuses an HTTPS app listener without a custom domain, naming platform-edge:customDomain", async () => {
    await expect(runEdge("dev", { app: HTTPS_APP })).rejects.toThrow(/platform-edge:customDomain in\s+stacks\/edge\/Pulumi\.dev\.yaml/);
  });

  it("refuses a sample rate outside 0..1 through the real program", async () => {
    await expect(runEdge("dev", { config: { rumSessionSampleRate: "1.2" } })).rejects.toThrow(/platform-edge:rumSessionSampleRate/);
  });
});

describe("edge stack: us-east-1 provider", () => {
  it("carries the stack's aws:profile, aws:assumeRoles and aws:allowedAccountIds with only the region replaced", async () => {
    const assumeRoles = [{ roleArn: "arn:aws:iam::123456789012:role/deploy-edge", sessionName: "edge" }];
    const edge = await runEdge("dev", { config: { "aws:profile": "platform-dev", "aws:assumeRoles": assumeRoles, "aws:allowedAccountIds": ["123456789012"] } });
    const provider = inputs(oneOf(edge, "pulumi:providers:aws", "us-east-1"));
    expect(provider.region).toBe("us-east-1");
    expect(provider.profile).toBe("platform-dev");
    expect(JSON.parse(String(provider.assumeRoles))).toEqual(assumeRoles);
    expect(JSON.parse(String(provider.allowedAccountIds))).toEqual(["123456789012"]);
    expect(JSON.parse(String(provider.defaultTags))).toMatchObject({ tags: { Environment: "dev", Stack: "edge" } });
  });
});
