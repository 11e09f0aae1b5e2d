import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface WafArgs {
  /** Requests per window and client IP before the rate rule blocks. */
  readonly rateLimit: number;
  readonly rateWindowSeconds: number;
  /** What the Common Rule Set's rules that misfire on JSON APIs do (COMMON_RULE_OVERRIDES). */
  readonly commonRuleActions: { readonly [R in CommonRuleOverride]: "block" | "count" };
  /** The us-east-1 provider: CloudFront only accepts web ACLs from there. */
  readonly provider: aws.Provider;
}

/**
 * Rules of AWSManagedRulesCommonRuleSet that block ordinary API traffic: SizeRestrictions_BODY
 * (bodies over 8 KB) and NoUserAgent_HEADER (no User-Agent header), as the AWS WAF Developer Guide
 * lists them ("Core rule set (CRS) managed rule group",
 * https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html).
 * Each is kept as AWS ships it ("block") or overridden to "count" through ruleActionOverrides.
 */
export const COMMON_RULE_OVERRIDES = ["SizeRestrictions_BODY", "NoUserAgent_HEADER"] as const;
export type CommonRuleOverride = (typeof COMMON_RULE_OVERRIDES)[number];

function ruleActionOverrides(group: string, actions: WafArgs["commonRuleActions"]) {
  if (group !== "AWSManagedRulesCommonRuleSet") return undefined;
  const counted = COMMON_RULE_OVERRIDES.filter((rule) => actions[rule] === "count");
  return counted.length === 0 ? undefined : counted.map((name) => ({ name, actionToUse: { count: {} } }));
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
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group, ruleActionOverrides: ruleActionOverrides(group, args.commonRuleActions) } },
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
