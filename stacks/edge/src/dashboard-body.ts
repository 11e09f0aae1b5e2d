/**
 * The CloudWatch dashboard for one distribution. CloudFront publishes metrics in us-east-1 with
 * dimensions DistributionId and Region=Global; CacheHitRate, OriginLatency and the per-status
 * error rates exist only with the distribution's additional metrics (a monitoring subscription).
 */
type Metric = readonly [string, string, string, string, string, string];

function metric(name: string, distributionId: string): Metric {
  return ["AWS/CloudFront", name, "DistributionId", distributionId, "Region", "Global"];
}

function widget(title: string, metrics: Metric[], stat: string, x: number, y: number) {
  return {
    type: "metric",
    x,
    y,
    width: 12,
    height: 6,
    properties: { title, region: "us-east-1", view: "timeSeries", stat, period: 300, metrics },
  };
}

export function dashboardBody(distributionId: string): { widgets: unknown[] } {
  return {
    widgets: [
      widget("Cache hit rate (%)", [metric("CacheHitRate", distributionId)], "Average", 0, 0),
      widget("Origin latency (ms)", [metric("OriginLatency", distributionId)], "p90", 12, 0),
      widget(
        "Error rates (%)",
        ["4xxErrorRate", "5xxErrorRate", "502ErrorRate", "503ErrorRate", "504ErrorRate"].map((m) => metric(m, distributionId)),
        "Average",
        0,
        6,
      ),
      widget("Requests", [metric("Requests", distributionId)], "Sum", 12, 6),
    ],
  };
}
