import fc from "fast-check";
import { pikeIndex, pikeKnows, pikeMapping } from "./iam-data/pike";
import { isNotCalled } from "./iam-data/pike-corrections";
import { candidateNames, terraformTypeOf } from "./iam-data/terraform-types";

describe("Pulumi type token -> Terraform type", () => {
  const of = (token: string) => terraformTypeOf(token, pikeKnows);

  it("names resources by module and member, with or without the service prefix Terraform uses", () => {
    expect(of("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")).toEqual({ kind: "resource", name: "aws_s3_bucket_server_side_encryption_configuration" });
    expect(of("aws:ec2/vpc:Vpc")).toEqual({ kind: "resource", name: "aws_vpc" });
    expect(of("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")).toEqual({ kind: "resource", name: "aws_vpc_security_group_egress_rule" });
    expect(of("aws:wafv2/webAcl:WebAcl")).toEqual({ kind: "resource", name: "aws_wafv2_web_acl" });
  });

  it("names data sources by their get functions, index ones without a prefix", () => {
    expect(of("aws:route53/getZone:getZone")).toEqual({ kind: "data", name: "aws_route53_zone" });
    expect(of("aws:index/getCallerIdentity:getCallerIdentity")).toEqual({ kind: "data", name: "aws_caller_identity" });
    expect(of("aws:ec2/getManagedPrefixList:getManagedPrefixList")).toEqual({ kind: "data", name: "aws_ec2_managed_prefix_list" });
  });

  it("takes the names resources.go gives explicitly, where the rule would find another type or none", () => {
    expect(of("aws:lb/loadBalancer:LoadBalancer")).toEqual({ kind: "resource", name: "aws_lb" });
    expect(of("aws:cfg/recorder:Recorder")).toEqual({ kind: "resource", name: "aws_config_configuration_recorder" });
    expect(of("aws:cfg/deliveryChannel:DeliveryChannel")).toEqual({ kind: "resource", name: "aws_config_delivery_channel" });
    expect(of("aws:rds/subnetGroup:SubnetGroup")).toEqual({ kind: "resource", name: "aws_db_subnet_group" });
  });

  it("derives nothing pike does not know, rather than a name Terraform lacks", () => {
    expect(of("aws:s3/notAResource:NotAResource")).toBeUndefined();
    expect(() => candidateNames("awsx:ecr:Image")).toThrow("is not a Pulumi AWS type token");
  });

  it("inverts the bridge's naming for any Terraform name of pike's index (aws_<module>_<rest> -> aws:<module>/<rest camel>)", () => {
    const prefixed = Object.keys(pikeIndex().resource).filter((n) => /^aws_(ecs|kms|cloudfront|guardduty|rum)_[a-z0-9_]+$/.test(n));
    fc.assert(
      fc.property(fc.constantFrom(...prefixed), (name) => {
        const [, module, rest] = /^aws_([a-z0-9]+)_(.+)$/.exec(name) as RegExpExecArray;
        const camel = rest.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
        const member = camel.charAt(0).toLowerCase() + camel.slice(1);
        const token = `aws:${module}/${member}:${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
        expect(of(token)).toEqual({ kind: "resource", name });
      }),
    );
  });

  it("reads the vendored mapping of a resource and a data source", () => {
    expect(pikeMapping({ kind: "data", name: "aws_route53_zone" })?.plan).toContain("route53:ListTagsForResource");
    expect(pikeMapping({ kind: "resource", name: "aws_kms_key" })?.apply).toContain("kms:CreateKey");
  });
});

describe("corrections to pike's lists", () => {
  it("drop a call only while the input that makes the provider call it is unset", () => {
    expect(isNotCalled("aws_rum_app_monitor", "iam:PassRole", { appMonitorConfiguration: { allowCookies: true } })).toBe(true);
    expect(isNotCalled("aws_rum_app_monitor", "iam:PassRole", { appMonitorConfiguration: { guestRoleArn: "arn:aws:iam::123456789012:role/g" } })).toBe(false);
    expect(isNotCalled("aws_rds_cluster_instance", "iam:PassRole", { monitoringRoleArn: "arn:aws:iam::123456789012:role/m" })).toBe(false);
    expect(isNotCalled("aws_rum_app_monitor", "rum:CreateAppMonitor", {})).toBe(false);
    expect(isNotCalled("aws_rum_app_monitor", "dynamodb:PutItem", {})).toBe(true);
  });
});
