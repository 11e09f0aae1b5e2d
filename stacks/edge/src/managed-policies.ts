/** AWS-managed CloudFront policy ids (Developer Guide, "Use managed cache policies"). */
export const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
export const CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
/**
 * Managed origin request policy AllViewerAndCloudFrontHeaders-2022-06: every viewer header (Host
 * included), every CloudFront viewer header (CloudFront-Viewer-Address among them), all cookies and
 * query strings (Developer Guide, "Use managed origin request policies"). The same forwarding as
 * the custom default policy, but known by its id, so a policy pack can tell it from the cached
 * routes' policies without resource ids.
 */
export const ALL_VIEWER_AND_CLOUDFRONT_HEADERS = "33f36d7e-f396-46d9-90e0-52428a34d9dc";
