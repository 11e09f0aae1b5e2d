/**
 * The service-linked role each service creates on first use, as each service's guide names it
 * ("Using service-linked roles for ..."). pike says a type needs iam:CreateServiceLinkedRole; only
 * the service's documentation says for which service and role name, which the request's ARN and
 * its iam:AWSServiceName condition key carry.
 */
export const SERVICE_LINKED_ROLE_NAMES: Readonly<Record<string, string>> = {
  "access-analyzer.amazonaws.com": "AWSServiceRoleForAccessAnalyzer",
  "config.amazonaws.com": "AWSServiceRoleForConfig",
  "guardduty.amazonaws.com": "AWSServiceRoleForAmazonGuardDuty",
  "securityhub.amazonaws.com": "AWSServiceRoleForSecurityHub",
  "ecs.amazonaws.com": "AWSServiceRoleForECS",
  "ecs.application-autoscaling.amazonaws.com": "AWSServiceRoleForApplicationAutoScaling_ECSService",
  "elasticloadbalancing.amazonaws.com": "AWSServiceRoleForElasticLoadBalancing",
  "rds.amazonaws.com": "AWSServiceRoleForRDS",
  "rum.amazonaws.com": "AWSServiceRoleForCloudWatchRUM",
  "vpcorigin.cloudfront.amazonaws.com": "AWSServiceRoleForCloudFrontVPCOrigin",
  "wafv2.amazonaws.com": "AWSServiceRoleForWAFV2Logging",
  "delivery.logs.amazonaws.com": "AWSServiceRoleForLogDelivery",
};

/** The service whose role a Terraform type's create makes AWS create. */
export const SERVICE_LINKED_ROLE_OF: Readonly<Record<string, (inputs: Record<string, unknown>) => string | undefined>> = {
  aws_iam_service_linked_role: (inputs) => (typeof inputs.awsServiceName === "string" ? inputs.awsServiceName : undefined),
  aws_accessanalyzer_analyzer: () => "access-analyzer.amazonaws.com",
  aws_guardduty_detector: () => "guardduty.amazonaws.com",
  aws_securityhub_account: () => "securityhub.amazonaws.com",
  aws_ecs_cluster: () => "ecs.amazonaws.com",
  // Application Auto Scaling names one role per scalable namespace.
  aws_appautoscaling_target: (inputs) => (inputs.serviceNamespace === "ecs" ? "ecs.application-autoscaling.amazonaws.com" : undefined),
  aws_lb: () => "elasticloadbalancing.amazonaws.com",
  aws_rds_cluster: () => "rds.amazonaws.com",
  aws_rds_cluster_instance: () => "rds.amazonaws.com",
  aws_rds_cluster_parameter_group: () => "rds.amazonaws.com",
  aws_db_subnet_group: () => "rds.amazonaws.com",
  aws_rum_app_monitor: () => "rum.amazonaws.com",
  aws_cloudfront_vpc_origin: () => "vpcorigin.cloudfront.amazonaws.com",
  aws_wafv2_web_acl: () => "wafv2.amazonaws.com",
  aws_cloudwatch_log_delivery_source: () => "delivery.logs.amazonaws.com",
};

export function serviceLinkedRoleArn(account: string, service: string): string | undefined {
  const name = SERVICE_LINKED_ROLE_NAMES[service];
  return name === undefined ? undefined : `arn:aws:iam::${account}:role/aws-service-role/${service}/${name}`;
}
