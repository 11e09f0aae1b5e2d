import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * A GuardDuty detector with Runtime Monitoring for ECS Fargate (GuardDuty manages the agent
 * sidecar) and S3 data-event protection for the data and export buckets.
 */
export class ThreatDetection extends pulumi.ComponentResource {
  readonly detector: aws.guardduty.Detector;

  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:ThreatDetection", name, {}, opts);
    const child = { parent: this };
    this.detector = new aws.guardduty.Detector(name, { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" }, child);
    new aws.guardduty.DetectorFeature(
      "runtime-monitoring",
      {
        detectorId: this.detector.id,
        name: "RUNTIME_MONITORING",
        status: "ENABLED",
        additionalConfigurations: [{ name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" }],
      },
      child,
    );
    new aws.guardduty.DetectorFeature("s3-protection", { detectorId: this.detector.id, name: "S3_DATA_EVENTS", status: "ENABLED" }, child);
    this.registerOutputs({ detectorId: this.detector.id });
  }
}
