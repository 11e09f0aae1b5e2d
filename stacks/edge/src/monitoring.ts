import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { dashboardBody } from "./dashboard-body";

export interface MonitoringArgs {
  readonly distributionId: pulumi.Input<string>;
  readonly fiveXxRatePercent: number;
  readonly alarmTopicArn?: string;
  readonly namePrefix: string;
  /** The us-east-1 provider: CloudFront metrics, and so their alarms, live there. */
  readonly provider: aws.Provider;
}

/** Additional CloudFront metrics, a dashboard of them, and an alarm on the 5xx rate. */
export class EdgeMonitoring extends pulumi.ComponentResource {
  readonly dashboardName: pulumi.Output<string>;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:EdgeMonitoring", name, {}, opts);
    const o = { parent: this, provider: args.provider };
    // Cache hit rate and origin latency are "additional metrics", billed per distribution.
    new aws.cloudfront.MonitoringSubscription(
      "additional-metrics",
      { distributionId: args.distributionId, monitoringSubscription: { realtimeMetricsSubscriptionConfig: { realtimeMetricsSubscriptionStatus: "Enabled" } } },
      o,
    );
    const dashboard = new aws.cloudwatch.Dashboard(
      "edge",
      {
        dashboardName: `${args.namePrefix}-edge`,
        dashboardBody: pulumi.output(args.distributionId).apply((id) => JSON.stringify(dashboardBody(id))),
      },
      o,
    );
    const actions = args.alarmTopicArn ? [args.alarmTopicArn] : [];
    new aws.cloudwatch.MetricAlarm(
      "5xx-rate",
      {
        alarmDescription: `More than ${args.fiveXxRatePercent}% of viewer requests got a 5xx response in 2 of 3 five-minute periods`,
        namespace: "AWS/CloudFront",
        metricName: "5xxErrorRate",
        dimensions: { DistributionId: args.distributionId, Region: "Global" },
        statistic: "Average",
        period: 300,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        threshold: args.fiveXxRatePercent,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
        alarmActions: actions,
        okActions: actions,
      },
      o,
    );
    this.dashboardName = dashboard.dashboardName;
    this.registerOutputs({});
  }
}
