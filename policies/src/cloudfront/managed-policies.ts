/**
 * AWS managed CloudFront policies by their published ids, with what each one puts in the cache
 * key or forwards to the origin. Sources: CloudFront Developer Guide, "Use managed cache
 * policies", "Use managed origin request policies", "Use managed response headers policies".
 * The ids are the same in every account and never change; names are the console names.
 */

/** none | whitelist (only `names`) | allExcept (all but `names`) | all. */
export type ValueBehavior = "none" | "whitelist" | "allExcept" | "all";

export interface ValueSet {
  readonly behavior: ValueBehavior;
  /** Names for whitelist/allExcept; header names compare case-insensitively. */
  readonly names: readonly string[];
}

export interface CacheKeySettings {
  readonly minTtl: number;
  readonly defaultTtl: number;
  readonly maxTtl: number;
  readonly headers: ValueSet;
  readonly cookies: ValueSet;
  readonly queryStrings: ValueSet;
}

export interface ManagedCachePolicy extends CacheKeySettings {
  readonly id: string;
  readonly name: string;
}

/**
 * Origin request policy header behaviors: `allViewer` forwards every viewer header,
 * `allViewerAndWhitelistCloudFront` adds the listed CloudFront-* headers, `allExcept` forwards
 * every viewer header but the listed ones.
 */
export type OriginHeaderBehavior = "none" | "whitelist" | "allViewer" | "allViewerAndWhitelistCloudFront" | "allExcept";

export interface OriginRequestSettings {
  readonly headers: { readonly behavior: OriginHeaderBehavior; readonly names: readonly string[] };
  readonly cookies: ValueSet;
  readonly queryStrings: ValueSet;
}

export interface ManagedOriginRequestPolicy extends OriginRequestSettings {
  readonly id: string;
  readonly name: string;
}

export interface ManagedResponseHeadersPolicy {
  readonly id: string;
  readonly name: string;
  /** Adds HSTS, X-Content-Type-Options, X-Frame-Options, X-XSS-Protection, Referrer-Policy. */
  readonly securityHeaders: boolean;
  readonly cors: "none" | "simple" | "preflight";
}

const none: ValueSet = { behavior: "none", names: [] };
const all: ValueSet = { behavior: "all", names: [] };
const only = (...names: string[]): ValueSet => ({ behavior: "whitelist", names });

const METHOD_OVERRIDE_HOST = ["Host", "Origin", "X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"];

export const MANAGED_CACHE_POLICIES: readonly ManagedCachePolicy[] = [
  {
    id: "2e54312d-136d-493c-8eb9-b001f22f67d2",
    name: "Amplify",
    minTtl: 2,
    defaultTtl: 2,
    maxTtl: 600,
    headers: only("Authorization", "CloudFront-Viewer-Country", "Host"),
    cookies: all,
    queryStrings: all,
  },
  {
    id: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    name: "CachingDisabled",
    minTtl: 0,
    defaultTtl: 0,
    maxTtl: 0,
    headers: none,
    cookies: none,
    queryStrings: none,
  },
  {
    id: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    name: "CachingOptimized",
    minTtl: 1,
    defaultTtl: 86400,
    maxTtl: 31536000,
    headers: none,
    cookies: none,
    queryStrings: none,
  },
  {
    id: "b2884449-e4de-46a7-ac36-70bc7f1ddd6d",
    name: "CachingOptimizedForUncompressedObjects",
    minTtl: 1,
    defaultTtl: 86400,
    maxTtl: 31536000,
    headers: none,
    cookies: none,
    queryStrings: none,
  },
  {
    id: "08627262-05a9-4f76-9ded-b50ca2e3a84f",
    name: "Elemental-MediaPackage",
    minTtl: 0,
    defaultTtl: 86400,
    maxTtl: 31536000,
    headers: only("Origin"),
    cookies: none,
    queryStrings: only("aws.manifestfilter", "start", "end", "m"),
  },
  {
    id: "83da9c7e-98b4-4e11-a168-04f0df8e2c65",
    name: "UseOriginCacheControlHeaders",
    minTtl: 0,
    defaultTtl: 0,
    maxTtl: 31536000,
    headers: only(...METHOD_OVERRIDE_HOST),
    cookies: all,
    queryStrings: none,
  },
  {
    id: "4cc15a8a-d715-48a4-82b8-cc0b614638fe",
    name: "UseOriginCacheControlHeaders-QueryStrings",
    minTtl: 0,
    defaultTtl: 0,
    maxTtl: 31536000,
    headers: only(...METHOD_OVERRIDE_HOST),
    cookies: all,
    queryStrings: all,
  },
];

/** The CloudFront-* headers AllViewerAndCloudFrontHeaders-2022-06 adds to all viewer headers. */
const CLOUDFRONT_VIEWER_HEADERS = [
  "CloudFront-Forwarded-Proto",
  "CloudFront-Is-Android-Viewer",
  "CloudFront-Is-Desktop-Viewer",
  "CloudFront-Is-IOS-Viewer",
  "CloudFront-Is-Mobile-Viewer",
  "CloudFront-Is-SmartTV-Viewer",
  "CloudFront-Is-Tablet-Viewer",
  "CloudFront-Viewer-Address",
  "CloudFront-Viewer-ASN",
  "CloudFront-Viewer-City",
  "CloudFront-Viewer-Country",
  "CloudFront-Viewer-Country-Name",
  "CloudFront-Viewer-Country-Region",
  "CloudFront-Viewer-Country-Region-Name",
  "CloudFront-Viewer-Http-Version",
  "CloudFront-Viewer-Latitude",
  "CloudFront-Viewer-Longitude",
  "CloudFront-Viewer-Metro-Code",
  "CloudFront-Viewer-Postal-Code",
  "CloudFront-Viewer-Time-Zone",
  "CloudFront-Viewer-TLS",
];

export const MANAGED_ORIGIN_REQUEST_POLICIES: readonly ManagedOriginRequestPolicy[] = [
  { id: "216adef6-5c7f-47e4-b989-5492eafa07d3", name: "AllViewer", headers: { behavior: "allViewer", names: [] }, cookies: all, queryStrings: all },
  {
    id: "33f36d7e-f396-46d9-90e0-52428a34d9dc",
    name: "AllViewerAndCloudFrontHeaders-2022-06",
    headers: { behavior: "allViewerAndWhitelistCloudFront", names: CLOUDFRONT_VIEWER_HEADERS },
    cookies: all,
    queryStrings: all,
  },
  {
    id: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
    name: "AllViewerExceptHostHeader",
    headers: { behavior: "allExcept", names: ["Host"] },
    cookies: all,
    queryStrings: all,
  },
  { id: "59781a5b-3903-41f3-afcb-af62929ccde1", name: "CORS-CustomOrigin", headers: { behavior: "whitelist", names: ["Origin"] }, cookies: none, queryStrings: none },
  {
    id: "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf",
    name: "CORS-S3Origin",
    headers: { behavior: "whitelist", names: ["Origin", "Access-Control-Request-Headers", "Access-Control-Request-Method"] },
    cookies: none,
    queryStrings: none,
  },
  {
    id: "775133bc-15f2-49f9-abea-afb2e0bf67d2",
    name: "Elemental-MediaTailor-PersonalizedManifests",
    headers: {
      behavior: "whitelist",
      names: ["Origin", "Access-Control-Request-Headers", "Access-Control-Request-Method", "User-Agent", "X-Forwarded-For"],
    },
    cookies: none,
    queryStrings: all,
  },
  { id: "bf0718e1-ba1e-49d1-88b1-f726733018ae", name: "HostHeaderOnly", headers: { behavior: "whitelist", names: ["Host"] }, cookies: none, queryStrings: none },
  {
    id: "acba4595-bd28-49b8-b9fe-13317c0390fa",
    name: "UserAgentRefererHeaders",
    headers: { behavior: "whitelist", names: ["User-Agent", "Referer"] },
    cookies: none,
    queryStrings: none,
  },
];

export const MANAGED_RESPONSE_HEADERS_POLICIES: readonly ManagedResponseHeadersPolicy[] = [
  { id: "e61eb60c-9c35-4d20-a928-2b84e02af89c", name: "CORS-and-SecurityHeadersPolicy", securityHeaders: true, cors: "simple" },
  { id: "5cc3b908-e619-4b99-88e5-2cf7f45965bd", name: "CORS-With-Preflight", securityHeaders: false, cors: "preflight" },
  { id: "eaab4381-ed33-4a86-88ca-d9558dc6cd63", name: "CORS-with-preflight-and-SecurityHeadersPolicy", securityHeaders: true, cors: "preflight" },
  { id: "67f7725c-6f97-4210-82d7-5512b31e9d03", name: "SecurityHeadersPolicy", securityHeaders: true, cors: "none" },
  { id: "60669652-455b-4ae9-85a4-c4c02393f86c", name: "SimpleCORS", securityHeaders: false, cors: "simple" },
];

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((p) => [p.id, p]));
const CACHE = byId(MANAGED_CACHE_POLICIES);
const ORIGIN_REQUEST = byId(MANAGED_ORIGIN_REQUEST_POLICIES);
const RESPONSE_HEADERS = byId(MANAGED_RESPONSE_HEADERS_POLICIES);

export const managedCachePolicy = (id: string): ManagedCachePolicy | undefined => CACHE.get(id);
export const managedOriginRequestPolicy = (id: string): ManagedOriginRequestPolicy | undefined => ORIGIN_REQUEST.get(id);
export const managedResponseHeadersPolicy = (id: string): ManagedResponseHeadersPolicy | undefined => RESPONSE_HEADERS.get(id);

export const CACHING_DISABLED_ID = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
