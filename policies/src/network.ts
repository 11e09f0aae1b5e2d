import { FSBP, PLATFORM, resourcePolicy, stackPolicy, type StackFinding } from "./lib/define";
import { finding, where } from "./lib/messages";
import { IDENTIFYING, type StackResource, type StackView } from "./lib/relations";
import { T } from "./lib/types";
import { asRecord, bool, isUnknown, list, num, str, type Props } from "./lib/values";

/** VPC network: no public subnets, no internet routes, no open ingress, flow logs, private endpoints. */

export const OPEN_CIDRS = ["0.0.0.0/0", "::/0"];

/**
 * A route's destination (for messages) and its gatewayId, from an inline route-table entry or an
 * aws:ec2/route. Whether that gateway is an internet gateway is isInternetGateway's decision.
 */
export function routeTarget(route: Props): { destination: string; gateway: unknown } {
  const destination = String(route.cidrBlock ?? route.destinationCidrBlock ?? route.ipv6CidrBlock ?? route.destinationIpv6CidrBlock ?? route.destinationPrefixListId ?? "?");
  return { destination, gateway: route.gatewayId };
}

/**
 * Decides whether a gatewayId is an internet gateway: a known igw- id, the known id of an
 * internet gateway in the stack, or (unknown during preview) a value the engine says came from an
 * internet gateway resource.
 */
function isInternetGateway(gateway: unknown, igwDependency: boolean, igws: readonly StackResource[]): boolean {
  if (typeof gateway !== "string" || gateway === "") return false;
  if (isUnknown(gateway)) return igwDependency;
  return gateway.startsWith("igw-") || igws.some((igw) => igw.props.id === gateway);
}

export function checkInternetRoutes(stack: StackView): StackFinding[] {
  const igws = stack.ofType(T.internetGateway);
  const igwUrns = new Set(igws.map((i) => i.urn));
  const fromIgw = (r: StackResource, property: string) => (r.propertyDependencies[property] ?? []).some((u) => igwUrns.has(u));
  const findings: StackFinding[] = [];
  for (const table of [...stack.ofType(T.routeTable), ...stack.ofType(T.defaultRouteTable)]) {
    const routes = list(table.props.routes);
    if (routes === "unknown") continue;
    for (const route of routes) {
      const { destination, gateway } = routeTarget(asRecord(route) ?? {});
      if (isInternetGateway(gateway, fromIgw(table, "routes"), igws)) {
        findings.push({ urn: table.urn, message: finding(`${where(table.name, table.type)} routes ${destination} to an internet gateway`, "remove the route; private subnets reach AWS services through VPC endpoints and the edge through CloudFront VPC origins") });
      }
    }
  }
  for (const route of stack.ofType(T.route)) {
    const { destination, gateway } = routeTarget(route.props);
    if (isInternetGateway(gateway, fromIgw(route, "gatewayId"), igws)) {
      findings.push({ urn: route.urn, message: finding(`${where(route.name, route.type)} sends ${destination} to an internet gateway`, "delete the route") });
    }
  }
  return findings;
}

/** Ingress entries open to the internet, from any of the three ways to write a rule. */
export function openIngress(type: string, props: Props, authorizedPorts: readonly number[]): string[] {
  const rules: { cidrs: unknown[]; from: unknown; to: unknown; protocol: unknown; label: string }[] = [];
  if (T.securityGroup.includes(type as never)) {
    const ingress = list(props.ingress);
    if (ingress !== "unknown") {
      ingress.forEach((i, n) => {
        const r = asRecord(i) ?? {};
        rules.push({ cidrs: [...(Array.isArray(r.cidrBlocks) ? r.cidrBlocks : []), ...(Array.isArray(r.ipv6CidrBlocks) ? r.ipv6CidrBlocks : [])], from: r.fromPort, to: r.toPort, protocol: r.protocol, label: `ingress[${n}]` });
      });
    }
  } else if (T.securityGroupRule.includes(type as never)) {
    if (props.type === "ingress") {
      rules.push({ cidrs: [...(Array.isArray(props.cidrBlocks) ? props.cidrBlocks : []), ...(Array.isArray(props.ipv6CidrBlocks) ? props.ipv6CidrBlocks : [])], from: props.fromPort, to: props.toPort, protocol: props.protocol, label: "rule" });
    }
  } else if (T.securityGroupIngressRule.includes(type as never)) {
    rules.push({ cidrs: [props.cidrIpv4, props.cidrIpv6], from: props.fromPort, to: props.toPort, protocol: props.ipProtocol, label: "rule" });
  }
  return rules.flatMap((r) => {
    const open = r.cidrs.filter((c): c is string => typeof c === "string" && OPEN_CIDRS.includes(c));
    if (open.length === 0) return [];
    const from = num(r.from);
    const to = num(r.to);
    // An unknown port might be an authorized one: not decidable, so not a violation.
    if ((from === "unknown" || to === "unknown") && authorizedPorts.length > 0) return [];
    const allPorts = r.protocol === "-1" || r.protocol === "all" || from === undefined;
    const single = !allPorts && typeof from === "number" && from === to ? from : undefined;
    if (single !== undefined && authorizedPorts.includes(single)) return [];
    const ports = allPorts ? "all ports" : `ports ${String(r.from)}-${String(r.to)}`;
    return [`${r.label} allows ${open.join(" and ")} on ${ports}`];
  });
}

/** Whether a network ACL entry allows inbound internet traffic to port 22 or 3389. */
export function aclAdminIngress(entry: Props): boolean {
  const action = String(entry.ruleAction ?? entry.action ?? "").toLowerCase();
  const cidr = entry.cidrBlock ?? entry.ipv6CidrBlock;
  if (action !== "allow" || typeof cidr !== "string" || !OPEN_CIDRS.includes(cidr)) return false;
  const protocol = String(entry.protocol ?? "");
  if (protocol === "-1" || protocol === "all") return true;
  if (protocol !== "6" && protocol !== "tcp") return false;
  const from = num(entry.fromPort);
  const to = num(entry.toPort);
  if (typeof from !== "number" || typeof to !== "number") return false;
  return [22, 3389].some((p) => from <= p && p <= to);
}

export interface IngressConfig {
  readonly authorizedPorts: readonly number[];
}

export const networkPolicies = [
  resourcePolicy({
    name: "subnet-no-public-ip-on-launch",
    description: "Subnets do not auto-assign public IPv4 addresses.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EC2.15", title: "Amazon EC2 subnets should not automatically assign public IP addresses" },
    remediationSteps: "Set mapPublicIpOnLaunch: false (the default); the platform has no public subnets.",
    prevents: "Every ENI launched in the subnet getting a public address.",
    types: T.subnet,
    check: (r) => (bool(r.props.mapPublicIpOnLaunch) === true ? [finding(`${where(r.name, r.type)} auto-assigns public IPv4 addresses`, "set mapPublicIpOnLaunch: false")] : []),
  }),
  stackPolicy({
    name: "no-route-to-internet-gateway",
    description: "No route table (inline routes, aws:ec2/route, default route table; IPv4 or IPv6) sends traffic to an internet gateway.",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...PLATFORM, reference: "PLAT.NET.1", title: "Subnets should have no route to an internet gateway (no public subnets)" },
    remediationSteps: "Remove routes whose gatewayId is an internet gateway; keep the gateway attached only for CloudFront VPC origins.",
    prevents: "A subnet becoming public: instances with public IPs reachable from the internet.",
    check: checkInternetRoutes,
  }),
  resourcePolicy({
    name: "nat-gateway-private",
    description: "NAT gateways are private (connectivityType private); public NAT gateways are not allowed.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...PLATFORM, reference: "PLAT.NET.2", title: "VPCs should not have public NAT gateways" },
    remediationSteps: "Use VPC endpoints for AWS services; if a NAT is needed for private connectivity set connectivityType: \"private\".",
    prevents: "Uncontrolled egress to the internet (data exfiltration path) and the public subnet a public NAT needs.",
    types: T.natGateway,
    check: (r) => {
      const c = str(r.props.connectivityType);
      return c === "private" || c === "unknown" ? [] : [finding(`${where(r.name, r.type)} is a public NAT gateway (connectivityType ${c ?? "unset, which means public"})`, "remove it and use VPC endpoints, or set connectivityType: \"private\"")];
    },
  }),
  resourcePolicy<IngressConfig>({
    name: "security-group-no-public-ingress",
    description: "No security group ingress from 0.0.0.0/0 or ::/0 (inline ingress, aws:ec2/securityGroupRule, aws:vpc/securityGroupIngressRule).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EC2.18", title: "Security groups should only allow unrestricted incoming traffic for authorized ports" },
    remediationSteps: "Allow ingress from the CloudFront origin-facing prefix list (prefixListIds) or from a security group (referencedSecurityGroupId), never from 0.0.0.0/0 or ::/0.",
    prevents: "Services reachable from the whole internet.",
    config: {
      schema: { authorizedPorts: { type: "array", items: { type: "integer" }, default: [], description: "Single ports that may be open to the internet (Security Hub's default is 80 and 443; this platform allows none)." } },
      defaults: { authorizedPorts: [] },
    },
    types: [...T.securityGroup, ...T.securityGroupRule, ...T.securityGroupIngressRule],
    check: (r, config) => openIngress(r.type, r.props, config.authorizedPorts).map((m) => finding(`${where(r.name, r.type)} ${m}`, "restrict the source to a prefix list or security group")),
  }),
  resourcePolicy({
    name: "default-security-group-no-rules",
    description: "The VPC default security group has no ingress or egress rules.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EC2.2", title: "VPC default security groups should not allow inbound or outbound traffic" },
    remediationSteps: "Manage the default security group with aws.ec2.DefaultSecurityGroup and no ingress/egress blocks.",
    prevents: "Resources launched without a security group getting open connectivity.",
    types: T.defaultSecurityGroup,
    check: (r) => {
      const bad = (["ingress", "egress"] as const).filter((k) => {
        const rules = list(r.props[k]);
        return rules !== "unknown" && rules.length > 0;
      });
      return bad.length === 0 ? [] : [finding(`${where(r.name, r.type)} has ${bad.join(" and ")} rules`, "remove all ingress and egress blocks")];
    },
  }),
  stackPolicy({
    name: "vpc-flow-logs",
    description: "Every VPC has a flow log.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "EC2.6", title: "VPC flow logging should be enabled in all VPCs" },
    remediationSteps: "Add aws.ec2.FlowLog { vpcId: vpc.id, trafficType: \"ALL\" } to CloudWatch Logs or S3.",
    prevents: "No record of network traffic for incident response.",
    check: (stack) =>
      stack.ofType(T.vpc).flatMap((vpc) =>
        stack.referencing(vpc, T.flowLog, "vpcId", IDENTIFYING.vpc).length > 0
          ? []
          : [{ urn: vpc.urn, message: finding(`${where(vpc.name, vpc.type)} has no flow log`, "add an aws.ec2.FlowLog whose vpcId is the VPC's id") }],
      ),
  }),
  ...(
    [
      ["EC2.55", "ecr.api", "VPCs should be configured with an interface endpoint for ECR API"],
      ["EC2.56", "ecr.dkr", "VPCs should be configured with an interface endpoint for Docker Registry"],
    ] as const
  ).map(([reference, service, title]) =>
    stackPolicy({
      name: `vpc-endpoint-${service.replace(".", "-")}`,
      description: `Every VPC has an interface endpoint for ${service}.`,
      enforcementLevel: "advisory",
      severity: "medium",
      framework: { ...FSBP, reference, title },
      remediationSteps: `Add aws.ec2.VpcEndpoint { vpcId, serviceName: "com.amazonaws.<region>.${service}", vpcEndpointType: "Interface", privateDnsEnabled: true }.`,
      prevents: "Image pulls that need a NAT gateway or public route.",
      check: (stack) =>
        stack.ofType(T.vpc).flatMap((vpc) => {
          const endpoints = stack.referencing(vpc, T.vpcEndpoint, "vpcId", IDENTIFYING.vpc);
          const has = endpoints.some((e) => isUnknown(e.props.serviceName) || (typeof e.props.serviceName === "string" && e.props.serviceName.endsWith(`.${service}`)));
          return has ? [] : [{ urn: vpc.urn, message: finding(`${where(vpc.name, vpc.type)} has no ${service} interface endpoint`, `add a VpcEndpoint for com.amazonaws.<region>.${service}`) }];
        }),
    }),
  ),
  stackPolicy({
    name: "network-acl-no-admin-ingress",
    description: "Network ACLs do not allow inbound traffic from 0.0.0.0/0 or ::/0 to port 22 or 3389.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "EC2.21", title: "Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389" },
    remediationSteps: "Remove the allow entry or narrow its CIDR; administer hosts through SSM Session Manager.",
    prevents: "SSH/RDP reachable from the internet at the subnet boundary.",
    check: (stack) => [
      ...stack.ofType(T.networkAcl).flatMap((acl) => {
        const ingress = list(acl.props.ingress);
        return ingress !== "unknown" && ingress.some((e) => aclAdminIngress(asRecord(e) ?? {}))
          ? [{ urn: acl.urn, message: finding(`${where(acl.name, acl.type)} allows internet ingress to port 22 or 3389`, "remove or narrow the entry") }]
          : [];
      }),
      ...stack.ofType(T.networkAclRule).flatMap((rule) =>
        bool(rule.props.egress) !== true && aclAdminIngress(rule.props)
          ? [{ urn: rule.urn, message: finding(`${where(rule.name, rule.type)} allows internet ingress to port 22 or 3389`, "remove or narrow the rule") }]
          : [],
      ),
    ],
  }),
];
