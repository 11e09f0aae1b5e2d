import { FSBP, PLATFORM, resourcePolicy } from "./lib/define";
import { finding, where } from "./lib/messages";
import { T } from "./lib/types";
import { asRecord, bool, isUnknown, list } from "./lib/values";

/**
 * @pulumi/awsx components, checked by their inputs: they are remote components, so a preview
 * shows the component before (or, under mocks, instead of) the resources it creates, and their
 * defaults are the unsafe choice (public subnets, NAT gateways, internet-facing load balancers).
 */

/** Subnet types an awsx.ec2.Vpc creates: its subnetSpecs, or Public + Private when absent. */
export function awsxSubnetTypes(props: Readonly<Record<string, unknown>>): readonly string[] | "unknown" {
  const specs = list(props.subnetSpecs);
  if (specs === "unknown") return "unknown";
  if (props.subnetSpecs === undefined || specs.length === 0) return ["Public", "Private"];
  if (specs.some((s) => isUnknown(asRecord(s)?.type))) return "unknown";
  return specs.map((s) => String(asRecord(s)?.type));
}

export const awsxPolicies = [
  resourcePolicy({
    name: "awsx-vpc-no-public-subnets",
    description: "awsx.ec2.Vpc declares no Public subnets (it creates Public and Private subnets when subnetSpecs is not given).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EC2.15", title: "Amazon EC2 subnets should not automatically assign public IP addresses" },
    remediationSteps: "Pass subnetSpecs with only Private and Isolated types, and natGateways: { strategy: \"None\" }.",
    prevents: "Public subnets (auto-assigned public IPs, routes to the internet gateway) created by a default.",
    types: T.awsxVpc,
    check: (r) => {
      const types = awsxSubnetTypes(r.props);
      if (types === "unknown" || !types.includes("Public")) return [];
      const why = r.props.subnetSpecs === undefined ? "creates Public subnets because subnetSpecs is not set" : "declares a Public subnet spec";
      return [finding(`${where(r.name, r.type)} ${why}`, "set subnetSpecs: [{ type: \"Private\" }, { type: \"Isolated\" }]")];
    },
  }),
  resourcePolicy({
    name: "awsx-vpc-no-nat-gateways",
    description: "awsx.ec2.Vpc creates no NAT gateways (its default strategy creates one per availability zone).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...PLATFORM, reference: "PLAT.NET.2", title: "VPCs should not have public NAT gateways" },
    remediationSteps: "Set natGateways: { strategy: \"None\" } and add VPC endpoints for the AWS services the workloads call.",
    prevents: "Public NAT gateways and the public subnets they require.",
    types: T.awsxVpc,
    check: (r) => {
      const nat = asRecord(r.props.natGateways);
      if (isUnknown(r.props.natGateways) || isUnknown(nat?.strategy)) return [];
      if (nat?.strategy === "None") return [];
      // With only Private/Isolated subnets awsx cannot place a NAT gateway and fails the deployment itself.
      return [finding(`${where(r.name, r.type)} creates NAT gateways (strategy ${String(nat?.strategy ?? "unset, which means OnePerAz")})`, "set natGateways: { strategy: \"None\" }")];
    },
  }),
  resourcePolicy({
    name: "awsx-alb-internal",
    description: "awsx.lb.ApplicationLoadBalancer is internal (it is internet-facing unless internal is true).",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...PLATFORM, reference: "PLAT.NET.3", title: "Load balancers should not be internet-facing" },
    remediationSteps: "Set internal: true and subnetIds to private subnets.",
    prevents: "An origin reachable around CloudFront and the WAF.",
    types: T.awsxAlb,
    check: (r) => {
      const internal = bool(r.props.internal);
      return internal === true || internal === "unknown" ? [] : [finding(`${where(r.name, r.type)} is internet-facing`, "set internal: true")];
    },
  }),
  resourcePolicy({
    name: "awsx-fargate-no-public-ip",
    description: "awsx.ecs.FargateService assigns no public IPs (assignPublicIp or networkConfiguration.assignPublicIp) and is given a networkConfiguration (without one awsx uses the default VPC and creates a security group open to 0.0.0.0/0 and ::/0).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "ECS.2", title: "ECS services should not have public IP addresses assigned to them automatically" },
    remediationSteps: "Pass networkConfiguration { subnets: <private subnet ids>, assignPublicIp: false, securityGroups }.",
    prevents: "Tasks with public IPs, or in the default VPC behind a security group open to the internet.",
    types: [...T.awsxFargateService, ...T.awsxEc2Service],
    check: (r) => {
      const network = r.props.networkConfiguration;
      const nested = bool(asRecord(network)?.assignPublicIp);
      const top = bool(r.props.assignPublicIp);
      if (nested === true || top === true) return [finding(`${where(r.name, r.type)} assigns public IPs to its tasks`, "set assignPublicIp: false")];
      if (network === undefined && T.awsxFargateService.includes(r.type as never)) {
        return [finding(`${where(r.name, r.type)} has no networkConfiguration, so awsx runs it in the default VPC behind a security group that admits 0.0.0.0/0 and ::/0 on all ports`, "pass networkConfiguration with private subnets, your security groups and assignPublicIp: false")];
      }
      return [];
    },
  }),
];
