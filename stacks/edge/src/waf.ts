import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface WafArgs {
  /** Requests per window and client IP before the rate rule blocks. */
  readonly rateLimit: number;
  readonly rateWindowSeconds: number;
  /** The us-east-1 provider: CloudFront only accepts web ACLs from there. */
  readonly provider: aws.Provider;
}

/** AWS managed rule groups, evaluated after the rate rule, cheapest and most decisive first. */
export const MANAGED_RULE_GROUPS = [
  "AWSManagedRulesAmazonIpReputationList",
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
] as const;

function visibility(metricName: string) {
  return { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

/** The distribution's web ACL (scope CLOUDFRONT, in us-east-1). */
export class EdgeWaf extends pulumi.ComponentResource {
  readonly webAclArn: pulumi.Output<string>;

  constructor(name: string, args: WafArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:EdgeWaf", name, {}, opts);
    const rateRule: aws.types.input.wafv2.WebAclRule = {
      name: "rate-limit-per-ip",
      priority: 0,
      action: { block: {} },
      statement: {
        rateBasedStatement: { limit: args.rateLimit, evaluationWindowSec: args.rateWindowSeconds, aggregateKeyType: "IP" },
      },
      visibilityConfig: visibility("rate-limit-per-ip"),
    };
    const managedRules = MANAGED_RULE_GROUPS.map(
      (group, i): aws.types.input.wafv2.WebAclRule => ({
        name: group,
        priority: i + 1,
        // "none" keeps each group's own block actions; "count" would only observe.
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
        visibilityConfig: visibility(group),
      }),
    );
    const acl = new aws.wafv2.WebAcl(
      "web-acl",
      {
        scope: "CLOUDFRONT",
        description: "Edge web ACL: per-IP rate limit and AWS managed rule groups",
        defaultAction: { allow: {} },
        rules: [rateRule, ...managedRules],
        visibilityConfig: visibility("edge-web-acl"),
      },
      { parent: this, provider: args.provider },
    );
    this.webAclArn = acl.arn;
    this.registerOutputs({ webAclArn: this.webAclArn });
  }
}
