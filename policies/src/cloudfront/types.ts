/** Resource type tokens the CloudFront policies read (same role as ../lib/types.ts `T`). */
export const CF = {
  distribution: ["aws:cloudfront/distribution:Distribution"],
  cachePolicy: ["aws:cloudfront/cachePolicy:CachePolicy"],
  originRequestPolicy: ["aws:cloudfront/originRequestPolicy:OriginRequestPolicy"],
  vpcOrigin: ["aws:cloudfront/vpcOrigin:VpcOrigin"],
  logDeliverySource: ["aws:cloudwatch/logDeliverySource:LogDeliverySource"],
  logDelivery: ["aws:cloudwatch/logDelivery:LogDelivery"],
} as const satisfies Record<string, readonly string[]>;

/** Origins that compute responses when a distribution's origins depend on them. */
export const LOAD_BALANCERS: readonly string[] = [
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:alb/loadBalancer:LoadBalancer",
  "awsx:lb:ApplicationLoadBalancer",
];
