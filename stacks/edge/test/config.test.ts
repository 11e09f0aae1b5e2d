import { loadConfig } from "@platform/wiring";
import { edgeConfig } from "../src/config";

const ok = {
  "platform-edge:routes": JSON.stringify([
    { pathPattern: "/api/products/*", cacheable: true, ttl: { min: 0, default: 60, max: 300 }, queryKeys: ["page", "sort"] },
    { pathPattern: "/api/*", cacheable: false },
  ]),
  "platform-edge:wafRateLimit": "2000",
};

function load(overrides: Record<string, string | undefined>) {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...ok, ...overrides })) if (v !== undefined) values[k] = v;
  return () => loadConfig(edgeConfig, { values, env: "dev" });
}

function routes(...list: object[]) {
  return { "platform-edge:routes": JSON.stringify(list) };
}

describe("edge config", () => {
  it("accepts a well-formed route table unchanged and fills unset keys with the schema's defaults", async () => {
    const config = load({})();
    expect(config.routes.map((r) => r.pathPattern)).toEqual(["/api/products/*", "/api/*"]);
    expect(config.routes[1]).toEqual({ pathPattern: "/api/*", cacheable: false });
    // A configSecret key: an Output, secret only when stored `secure:`.
    expect(await new Promise((resolve) => config.rumSessionSampleRate.apply(resolve))).toBe(0.1);
    expect(config.originReadTimeout).toBe(30);
  });

  it("rejects a permissions boundary that is not an IAM policy ARN, naming the key and an example", () => {
    expect(load({ "platform-edge:rolePermissionsBoundaryArn": "platform-workload-boundary" })).toThrow(/platform-edge:rolePermissionsBoundaryArn: must be an IAM policy ARN/);
    expect(load({ "platform-edge:rolePermissionsBoundaryArn": "arn:aws:iam::123456789012:policy/platform-workload-boundary" })().rolePermissionsBoundaryArn).toBe(
      "arn:aws:iam::123456789012:policy/platform-workload-boundary",
    );
  });

  it("rejects a path pattern with a character CloudFront forbids, naming the key and an example", () => {
    expect(load(routes({ pathPattern: "/api/prod ucts/*", cacheable: false }))).toThrow(
      /platform-edge:routes\[0\]\.pathPattern: .*does not allow.*e\.g\. "\/api\/products\/\*"/s,
    );
  });

  it("rejects TTLs that are not min <= default <= max", () => {
    expect(load(routes({ pathPattern: "/api/p/*", cacheable: true, ttl: { min: 600, default: 300, max: 60 } }))).toThrow(
      /platform-edge:routes\[0\]\.ttl: TTLs must satisfy min <= default <= max, e\.g\. \{"min":0,"default":60,"max":300\}/,
    );
  });

  it("rejects query keys on a non-cacheable route", () => {
    expect(load(routes({ pathPattern: "/api/*", cacheable: false, queryKeys: ["page"] }))).toThrow(
      /platform-edge:routes\[0\]\.queryKeys: a non-cacheable route forwards every query key/,
    );
  });

  it("rejects a RUM session sample rate outside 0..1 with an example", () => {
    expect(load({ "platform-edge:rumSessionSampleRate": "1.5" })).toThrow(/platform-edge:rumSessionSampleRate: .*\n\s+e\.g\. platform-edge:rumSessionSampleRate: 0\.1/);
    expect(load({ "platform-edge:rumSessionSampleRate": "-0.1" })).toThrow(/platform-edge:rumSessionSampleRate/);
  });

  it("rejects origin timeouts outside AWS's range, and above 60 s unless the quota was raised", () => {
    expect(load({ "platform-edge:originReadTimeout": "0" })).toThrow(/platform-edge:originReadTimeout/);
    expect(load({ "platform-edge:originKeepaliveTimeout": "90" })).toThrow(/platform-edge:originKeepaliveTimeout: CloudFront allows 1-60 seconds/);
    expect(load({ "platform-edge:originKeepaliveTimeout": "90", "platform-edge:originTimeoutQuotaRaised": "true" })().originKeepaliveTimeout).toBe(90);
  });

  it("rejects a method list CloudFront does not accept", () => {
    expect(load(routes({ pathPattern: "/api/*", cacheable: false, allowedMethods: ["GET", "POST"] }))).toThrow(
      /platform-edge:routes\[0\]\.allowedMethods: CloudFront accepts exactly one of/,
    );
  });

  it("requires TTLs on a cacheable API route and forbids them on static routes", () => {
    expect(load(routes({ pathPattern: "/api/p/*", cacheable: true }))).toThrow(/routes\[0\]\.ttl: a cacheable route needs its TTLs/);
    expect(load(routes({ pathPattern: "/static/*", cacheable: true, static: true, ttl: { min: 0, default: 1, max: 2 } }))).toThrow(/routes\[0\]\.static/);
  });

  it("rejects upper-case query keys, since the function lower-cases keys before the cache key is built", () => {
    expect(load(routes({ pathPattern: "/api/p/*", cacheable: true, ttl: { min: 0, default: 1, max: 2 }, queryKeys: ["Page"] }))).toThrow(
      /routes\[0\]\.queryKeys\[0\]: a query key is 1-64 lower-case/,
    );
  });

  it("rejects a custom domain outside its Route 53 zone and a catch-all route", () => {
    expect(load({ "platform-edge:customDomain": JSON.stringify({ name: "api.example.org", zoneName: "example.com" }) })).toThrow(
      /platform-edge:customDomain: the name must be inside the Route 53 zone/,
    );
    expect(load(routes({ pathPattern: "*", cacheable: false }))).toThrow(/the default behavior already covers/);
  });

  it("reports every problem at once, naming the file", () => {
    expect(load({ "platform-edge:rumSessionSampleRate": "2", "platform-edge:wafRateLimit": "1" })).toThrow(
      /stacks\/edge\/Pulumi\.dev\.yaml.*\n.*wafRateLimit[\s\S]*rumSessionSampleRate|stacks\/edge\/Pulumi\.dev\.yaml[\s\S]*rumSessionSampleRate[\s\S]*wafRateLimit/,
    );
  });
});

describe("cacheable routes that would never be cached", () => {
  it("refuses ttl.max 0 on a cacheable route, which CloudFront rejects in a cache policy, saying to set cacheable: false", () => {
    expect(load(routes({ pathPattern: "/api/p/*", cacheable: true, ttl: { min: 0, default: 0, max: 0 }, queryKeys: ["page"] }))).toThrow(
      /platform-edge:routes\[0\]\.ttl\.max: .*set cacheable: false/,
    );
  });
});
