/** AWS-managed CloudFront policy ids (Developer Guide, "Use managed cache policies"). */
export const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
export const CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
