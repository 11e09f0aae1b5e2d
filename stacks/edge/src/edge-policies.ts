import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { normalizeQueryCode } from "./query-function";
import type { RoutePlan } from "./routes";

export interface EdgePoliciesArgs {
  readonly plan: RoutePlan;
  /** Prefix of the account-unique names CloudFront requires, e.g. `platform-edge-dev`. */
  readonly namePrefix: string;
}

/**
 * The cache, origin request and response headers policies and the query-normalising functions
 * the behaviors use. Names derive from the settings (short hashes), so editing one route's TTLs
 * replaces only that route's policy.
 */
export class EdgePolicies extends pulumi.ComponentResource {
  /** Cache policy id per cache setting id. */
  readonly cachePolicyIds: Record<string, pulumi.Output<string>> = {};
  /** Origin request policy id per key set id (forwards exactly the cache key's query keys). */
  readonly keyOriginRequestPolicyIds: Record<string, pulumi.Output<string>> = {};
  /** Function ARN per non-empty key set id. */
  readonly functionArns: Record<string, pulumi.Output<string>> = {};
  readonly defaultOriginRequestPolicyId: pulumi.Output<string>;
  readonly responseHeadersPolicyId: pulumi.Output<string>;

  constructor(name: string, args: EdgePoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:EdgePolicies", name, {}, opts);
    const parent = { parent: this };
    const { plan, namePrefix } = args;

    for (const setting of plan.settings) {
      const policy = new aws.cloudfront.CachePolicy(
        `cache-${setting.id}`,
        {
          name: `${namePrefix}-cache-${setting.id}`,
          comment: `query keys [${setting.queryKeys.join(", ")}], TTL ${setting.ttl.min}/${setting.ttl.default}/${setting.ttl.max}s`,
          minTtl: setting.ttl.min,
          defaultTtl: setting.ttl.default,
          maxTtl: setting.ttl.max,
          parametersInCacheKeyAndForwardedToOrigin: {
            // Cookies and Authorization stay out of the key: a cached response must never be personal.
            cookiesConfig: { cookieBehavior: "none" },
            headersConfig: { headerBehavior: "none" },
            queryStringsConfig:
              setting.queryKeys.length > 0
                ? { queryStringBehavior: "whitelist", queryStrings: { items: [...setting.queryKeys] } }
                : { queryStringBehavior: "none" },
            enableAcceptEncodingGzip: true,
            enableAcceptEncodingBrotli: true,
          },
        },
        parent,
      );
      this.cachePolicyIds[setting.id] = policy.id;
    }

    for (const [id, keys] of plan.keySets) {
      const policy = new aws.cloudfront.OriginRequestPolicy(
        `origin-request-${id}`,
        {
          name: `${namePrefix}-cache-key-only-${id}`,
          comment: `forwards only the cache key: query keys [${keys.join(", ")}]`,
          cookiesConfig: { cookieBehavior: "none" },
          headersConfig: { headerBehavior: "none" },
          queryStringsConfig: keys.length > 0 ? { queryStringBehavior: "whitelist", queryStrings: { items: [...keys] } } : { queryStringBehavior: "none" },
        },
        parent,
      );
      this.keyOriginRequestPolicyIds[id] = policy.id;
      if (keys.length === 0) continue;
      const fn = new aws.cloudfront.Function(
        `normalize-query-${id}`,
        {
          name: `${namePrefix}-normalize-query-${id}`,
          runtime: "cloudfront-js-2.0",
          comment: `normalises the query string to [${keys.join(", ")}]`,
          code: normalizeQueryCode(keys),
          publish: true,
        },
        parent,
      );
      this.functionArns[id] = fn.arn;
    }

    // "All viewer headers except Host, plus CloudFront-Viewer-Address" has no single header
    // behavior: allExcept cannot add CloudFront headers, and whitelist cannot name Authorization.
    // allViewerAndWhitelistCloudFront forwards every viewer header (Host included) plus the
    // client address; README "Default behavior" explains why forwarding Host is safe here.
    const defaultPolicy = new aws.cloudfront.OriginRequestPolicy(
      "origin-request-default",
      {
        name: `${namePrefix}-all-viewer-and-client-address`,
        comment: "default behavior: every viewer header, cookie and query key, plus CloudFront-Viewer-Address",
        cookiesConfig: { cookieBehavior: "all" },
        headersConfig: { headerBehavior: "allViewerAndWhitelistCloudFront", headers: { items: ["CloudFront-Viewer-Address"] } },
        queryStringsConfig: { queryStringBehavior: "all" },
      },
      parent,
    );
    this.defaultOriginRequestPolicyId = defaultPolicy.id;

    const headers = new aws.cloudfront.ResponseHeadersPolicy(
      "security-headers",
      {
        name: `${namePrefix}-security-headers`,
        comment: "HSTS and the usual security headers on every response",
        securityHeadersConfig: {
          strictTransportSecurity: { accessControlMaxAgeSec: 63_072_000, includeSubdomains: true, preload: false, override: true },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: "DENY", override: true },
          referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
          // The legacy XSS auditor is off everywhere; "0" stops old browsers from misusing it.
          xssProtection: { protection: false, override: true },
          contentSecurityPolicy: { contentSecurityPolicy: "frame-ancestors 'none'", override: true },
        },
      },
      parent,
    );
    this.responseHeadersPolicyId = headers.id;
    this.registerOutputs({});
  }
}
