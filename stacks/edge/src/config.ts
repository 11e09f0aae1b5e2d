import { configBool, configInt, configNumber, configSecret, defineConfig, type ConfigOf } from "@platform/wiring";
import { validate as validatePathPattern } from "@platform/policies/src/cloudfront/glob";
import { PERMISSIONS_BOUNDARY_ARN_PATTERN } from "@platform/components";
import { z } from "zod";
import { ALLOWED_METHOD_SETS, methodSetName } from "./methods";

/**
 * The edge stack's config, validated before anything is created. Ranges are AWS's: CloudFront
 * origin timeouts (Developer Guide, "Origin settings"), cache-policy quotas, WAF rate limits.
 */

const seconds = z.number().int().min(0).max(31_536_000);
const ttlExample = '{"min":0,"default":60,"max":300}';

/** Query keys are compared after the function lower-cases them, so the allow-list is lower case. */
const queryKey = z
  .string()
  .regex(/^[a-z0-9_.\-[\]]{1,64}$/, 'a query key is 1-64 lower-case letters, digits or _ . - [ ], e.g. "page"');

const method = z.enum(["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]);

const pathPattern = z.string().superRefine((pattern, ctx) => {
  if (pattern === "*" || pattern === "/*") {
    ctx.addIssue({ code: "custom", message: 'the default behavior already covers `*`; list only specific routes, e.g. "/api/products/*"' });
    return;
  }
  // The policy pack's own pattern validation, so the stack and the pack agree on what is valid.
  for (const problem of validatePathPattern(pattern)) ctx.addIssue({ code: "custom", message: `${problem.message}, e.g. "/api/products/*"` });
});

export const routeSchema = z
  .strictObject({
    pathPattern,
    /** Responses may be cached at the edge (API routes with a custom cache policy). */
    cacheable: z.boolean(),
    /** Static assets: cached with the managed CachingOptimized policy, no query string. */
    static: z.boolean().optional(),
    ttl: z.strictObject({ min: seconds, default: seconds, max: seconds }).optional(),
    /** The query keys that make up the cache key, and the only ones the origin sees. */
    queryKeys: z.array(queryKey).max(10, "CloudFront allows at most 10 query keys per cache policy").optional(),
    allowedMethods: z.array(method).optional(),
  })
  .superRefine((route, ctx) => {
    if (route.ttl && !(route.ttl.min <= route.ttl.default && route.ttl.default <= route.ttl.max)) {
      ctx.addIssue({ code: "custom", path: ["ttl"], message: `TTLs must satisfy min <= default <= max, e.g. ${ttlExample}` });
    }
    if (!route.cacheable) {
      if (route.queryKeys !== undefined && route.queryKeys.length > 0) {
        ctx.addIssue({
          code: "custom",
          path: ["queryKeys"],
          message: "a non-cacheable route forwards every query key; remove queryKeys, or set cacheable: true to cache by them",
        });
      }
      if (route.ttl !== undefined) ctx.addIssue({ code: "custom", path: ["ttl"], message: "a non-cacheable route has no TTLs; remove ttl or set cacheable: true" });
      if (route.static) ctx.addIssue({ code: "custom", path: ["static"], message: "static assets are cached; set cacheable: true" });
    } else if (route.static) {
      if (route.ttl !== undefined || (route.queryKeys ?? []).length > 0) {
        ctx.addIssue({ code: "custom", path: ["static"], message: "static routes use the managed CachingOptimized policy; remove ttl and queryKeys" });
      }
    } else if (route.ttl === undefined) {
      ctx.addIssue({ code: "custom", path: ["ttl"], message: `a cacheable route needs its TTLs in seconds, e.g. ${ttlExample}` });
    } else if (route.ttl.max === 0) {
      // CloudFront refuses a cache policy with MaxTTL 0 unless its cache key is empty and compression off.
      ctx.addIssue({ code: "custom", path: ["ttl", "max"], message: `a route that is never cached (ttl.max 0) is not cacheable; set cacheable: false and remove ttl, or raise ttl.max, e.g. ${ttlExample}` });
    }
    if (route.allowedMethods !== undefined && methodSetName(route.allowedMethods) === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["allowedMethods"],
        message: `CloudFront accepts exactly one of ${ALLOWED_METHOD_SETS.map((s) => JSON.stringify(s)).join(", ")}`,
      });
    }
    if (new Set(route.queryKeys ?? []).size !== (route.queryKeys ?? []).length) {
      ctx.addIssue({ code: "custom", path: ["queryKeys"], message: 'query keys must be unique, e.g. ["page","sort"]' });
    }
  });

export type RouteConfig = z.output<typeof routeSchema>;

const hostname = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case DNS name, e.g. "api.example.com"');

const customDomain = z
  .strictObject({ name: hostname, zoneName: hostname })
  .refine((d) => d.name === d.zoneName || d.name.endsWith(`.${d.zoneName}`), {
    message: 'the name must be inside the Route 53 zone, e.g. {"name":"api.example.com","zoneName":"example.com"}',
  });

const pageUrl = z.string().regex(/^https:\/\/[^\s]+$/, 'an https URL of a page, e.g. "https://app.example.com/admin"');

const failover = z.strictObject({
  /** Environment (stack name) of the second region's app stack, e.g. "prod-eu". */
  appEnv: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'a stack name, e.g. "prod-eu"'),
});

export const edgeConfig = defineConfig(
  "edge",
  {
    routes: z.array(routeSchema).max(24, "CloudFront allows 25 cache behaviors per distribution, one of which is the default"),
    /** Patterns of per-user responses that must never be cached (same meaning as the policy pack's). */
    privatePathPatterns: z.array(z.string().min(1)).optional(),
    /** Seconds CloudFront waits for a response (AWS: 1-60; up to 180 after a quota increase). */
    originReadTimeout: configInt(1, 180).default(30),
    /** Seconds CloudFront keeps an idle origin connection open (AWS: 1-60; up to 180 after a quota increase). */
    originKeepaliveTimeout: configInt(1, 180).default(5),
    /** Set after AWS raised the "response timeout per origin" quota: allows timeouts above 60 s. */
    originTimeoutQuotaRaised: configBool().default(false),
    /** Attempts to connect to the origin (AWS: 1-3); fewer means faster failover. */
    originConnectionAttempts: configInt(1, 3).default(3),
    /** Seconds per connection attempt (AWS: 1-10). */
    originConnectionTimeout: configInt(1, 10).default(10),
    /** Requests per evaluation window and client IP before WAF blocks (AWS: 10-2,000,000,000). */
    wafRateLimit: configInt(10, 2_000_000_000),
    /** WAF rate-based evaluation window (AWS: 60, 120, 300 or 600 seconds). */
    wafRateWindowSeconds: z.preprocess((v) => (typeof v === "string" ? Number(v) : v), z.union([z.literal(60), z.literal(120), z.literal(300), z.literal(600)])).default(300),
    /**
     * What the Common Rule Set's SizeRestrictions_BODY rule (request bodies over 8 KB) does: AWS
     * blocks, which refuses ordinary JSON API writes; "count" only records the match.
     */
    wafBodySizeRule: z.enum(["block", "count"]).default("count"),
    /** What the Common Rule Set's NoUserAgent_HEADER rule (no User-Agent) does; API clients often send none. */
    wafNoUserAgentRule: z.enum(["block", "count"]).default("count"),
    customDomain: customDomain.optional(),
    priceClass: z.enum(["PriceClass_100", "PriceClass_200", "PriceClass_All"]).default("PriceClass_100"),
    /** Days access logs are kept before the bucket lifecycle deletes them. */
    logRetentionDays: configInt(1, 3650).default(90),
    /** Fraction of browser sessions RUM records (0..1); cost grows linearly with it. */
    rumSessionSampleRate: configSecret(configNumber(0, 1).default(0.1)),
    rumTelemetries: z.array(z.enum(["errors", "performance", "http"])).min(1).default(["errors", "performance"]),
    rumExcludedPages: z.array(pageUrl).default([]),
    /** Percentage of 5xx responses over 5 minutes that raises the alarm. */
    alarm5xxRatePercent: configNumber(0.1, 100).default(5),
    /** SNS topic (in us-east-1, where CloudFront metrics live) the 5xx alarm notifies. */
    alarmTopicArn: z.string().regex(/^arn:aws[a-z-]*:sns:us-east-1:\d{12}:[A-Za-z0-9_-]+$/, "an SNS topic ARN in us-east-1").optional(),
    failover: failover.optional(),
    /**
     * Permissions boundary for the role this stack creates (the RUM guest role). Set it to the
     * bootstrap's rolePermissionsBoundaryArn output when the bootstrap requires one: the deploy
     * role may then create only roles that carry it.
     */
    rolePermissionsBoundaryArn: z.string().regex(PERMISSIONS_BOUNDARY_ARN_PATTERN, "must be an IAM policy ARN").optional(),
  },
  {
    routes: '[{"pathPattern":"/api/products/*","cacheable":true,"ttl":{"min":0,"default":60,"max":300},"queryKeys":["page","sort"]}]',
    privatePathPatterns: '["/api/*/me*"]',
    originReadTimeout: "30",
    originKeepaliveTimeout: "5",
    originTimeoutQuotaRaised: "false",
    originConnectionAttempts: "3",
    originConnectionTimeout: "10",
    wafRateLimit: "2000",
    wafRateWindowSeconds: "300",
    wafBodySizeRule: "block",
    wafNoUserAgentRule: "count",
    customDomain: '{"name":"api.example.com","zoneName":"example.com"}',
    priceClass: "PriceClass_100",
    logRetentionDays: "90",
    rumSessionSampleRate: "0.1",
    rumTelemetries: '["errors","performance"]',
    rumExcludedPages: '["https://app.example.com/admin"]',
    alarm5xxRatePercent: "5",
    alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:oncall",
    failover: '{"appEnv":"prod-eu"}',
    rolePermissionsBoundaryArn: "arn:aws:iam::123456789012:policy/platform-workload-boundary",
  },
  // Cross-key rule: timeouts above 60 s exist only after AWS raised the account's quota.
  (c, ctx) => {
    if (c.originTimeoutQuotaRaised) return;
    for (const key of ["originReadTimeout", "originKeepaliveTimeout"] as const) {
      if (c[key] > 60) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "CloudFront allows 1-60 seconds unless the origin response timeout quota was raised; set originTimeoutQuotaRaised: true after AWS approved it, or use e.g. 30",
        });
      }
    }
  },
);

export type EdgeConfig = ConfigOf<typeof edgeConfig>;
