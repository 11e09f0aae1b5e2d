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

/** An ingress rule open to the internet: its label, the open CIDRs, protocol and port range. */
export interface OpenIngressRule {
  readonly label: string;
  readonly open: readonly string[];
  /** Lower-cased protocol ("tcp", "udp", "icmp", "-1" for all), normalised from numbers. */
  readonly protocol: string;
  /** Inclusive port range; undefined when the rule covers all ports (protocol -1). */
  readonly ports?: { readonly from: number | "unknown"; readonly to: number | "unknown" };
}

const PROTOCOL_NUMBERS: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", all: "-1" };

/** Ingress rules open to 0.0.0.0/0 or ::/0, from any of the three ways to write a rule. */
export function openIngressRules(type: string, props: Props): OpenIngressRule[] {
  const rules: { cidrs: unknown[]; from: unknown; to: unknown; protocol: unknown; label: string }[] = [];
  const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  if (T.securityGroup.includes(type as never)) {
    const ingress = list(props.ingress);
    if (ingress !== "unknown") {
      ingress.forEach((i, n) => {
        const r = asRecord(i) ?? {};
        rules.push({ cidrs: [...arr(r.cidrBlocks), ...arr(r.ipv6CidrBlocks)], from: r.fromPort, to: r.toPort, protocol: r.protocol, label: `ingress[${n}]` });
      });
    }
  } else if (T.securityGroupRule.includes(type as never)) {
    if (props.type === "ingress") rules.push({ cidrs: [...arr(props.cidrBlocks), ...arr(props.ipv6CidrBlocks)], from: props.fromPort, to: props.toPort, protocol: props.protocol, label: "rule" });
  } else if (T.securityGroupIngressRule.includes(type as never)) {
    rules.push({ cidrs: [props.cidrIpv4, props.cidrIpv6], from: props.fromPort, to: props.toPort, protocol: props.ipProtocol, label: "rule" });
  }
  return rules.flatMap((r) => {
    const open = r.cidrs.filter((c): c is string => typeof c === "string" && OPEN_CIDRS.includes(c));
    if (open.length === 0) return [];
    const raw = isUnknown(r.protocol) ? "unknown" : String(r.protocol ?? "-1").toLowerCase();
    const protocol = PROTOCOL_NUMBERS[raw] ?? raw;
    const from = num(r.from);
    const to = num(r.to);
    if (protocol === "-1") return [{ label: r.label, open, protocol }];
    return [{ label: r.label, open, protocol, ports: { from: from ?? 0, to: to ?? 65535 } }];
  });
}

const describe = (r: OpenIngressRule) => `${r.label} allows ${r.open.join(" and ")} on ${r.ports ? `${r.protocol} ports ${String(r.ports.from)}-${String(r.ports.to)}` : "all protocols and ports"}`;

/**
 * EC2.18 (vpc-sg-open-only-to-authorized-ports): an open rule passes only when every port it
 * covers is an authorized TCP port (or UDP port, when configured). Unknown ports or protocols
 * could be authorized ones, so they are not violations.
 */
export function unauthorizedOpenIngress(type: string, props: Props, config: IngressConfig): string[] {
  return openIngressRules(type, props).flatMap((r) => {
    if (r.protocol === "unknown") return [];
    if (!r.ports) return [describe(r)];
    const { from, to } = r.ports;
    if (from === "unknown" || to === "unknown") return [];
    const authorized = r.protocol === "tcp" ? config.authorizedPorts : r.protocol === "udp" ? config.authorizedUdpPorts ?? [] : undefined;
    if (authorized === undefined) return [describe(r)];
    const covered = to - from + 1;
    const all = covered > 0 && covered <= authorized.length && Array.from({ length: covered }, (_, i) => from + i).every((p) => authorized.includes(p));
    return all ? [] : [describe(r)];
  });
}

/** EC2.19's high-risk ports (https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19). */
export const HIGH_RISK_PORTS = [20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300];

/** EC2.19: open rules reaching a high-risk port (TCP or UDP, or all protocols). */
export function highRiskOpenIngress(type: string, props: Props): string[] {
  return openIngressRules(type, props).flatMap((r) => {
    if (!r.ports) return [describe(r)];
    if (r.protocol !== "tcp" && r.protocol !== "udp") return [];
    const { from, to } = r.ports;
    if (from === "unknown" || to === "unknown") return [];
    const hit = HIGH_RISK_PORTS.filter((p) => from <= p && p <= to);
    return hit.length === 0 ? [] : [`${describe(r)}, which includes high-risk port(s) ${hit.join(", ")}`];
  });
}

/** Rules that standalone resources add to a security group, by the group's identity. */
const STANDALONE_RULES = [...T.securityGroupRule, ...T.securityGroupIngressRule, ...T.securityGroupEgressRule];

/**
 * EC2.2: a VPC's default security group must have no rules. A VPC whose default group the stack
 * does not manage keeps AWS's rules (inbound from the group itself, all outbound:
 * https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html); rules can also
 * reach the default group through standalone rule resources on its id or the VPC's
 * defaultSecurityGroupId.
 */
export function checkDefaultSecurityGroups(stack: StackView): StackFinding[] {
  const findings: StackFinding[] = [];
  const managed = stack.ofType(T.defaultSecurityGroup);
  for (const sg of managed) {
    const bad = (["ingress", "egress"] as const).filter((k) => {
      const rules = list(sg.props[k]);
      return rules !== "unknown" && rules.length > 0;
    });
    if (bad.length > 0) findings.push({ urn: sg.urn, message: finding(`${where(sg.name, sg.type)} has ${bad.join(" and ")} rules`, "remove all ingress and egress blocks") });
  }
  const vpcs = stack.ofType(T.vpc);
  for (const vpc of vpcs) {
    if (stack.referencing(vpc, T.defaultSecurityGroup, "vpcId", IDENTIFYING.vpc).length > 0) continue;
    findings.push({ urn: vpc.urn, message: finding(`the default security group of ${where(vpc.name, vpc.type)} is not managed, so it keeps AWS's rules (inbound from itself, all outbound)`, "add an aws.ec2.DefaultSecurityGroup { vpcId: vpc.id } with no ingress or egress blocks") });
  }
  for (const rule of stack.ofType(STANDALONE_RULES)) {
    const onManaged = managed.some((sg) => stack.refersTo(rule, "securityGroupId", sg, IDENTIFYING.securityGroup));
    const onVpcDefault = vpcs.some((vpc) => stack.refersTo(rule, "securityGroupId", vpc, ["defaultSecurityGroupId"]));
    if (onManaged || onVpcDefault) findings.push({ urn: rule.urn, message: finding(`${where(rule.name, rule.type)} adds a rule to a VPC default security group`, "delete the rule and give the resources their own security group") });
  }
  return findings;
}

/** Whether a network ACL entry allows inbound internet traffic to port 22 or 3389. */
export function aclAdminIngress(entry: Props): boolean {
  const action = String(entry.ruleAction ?? entry.action ?? "").toLowerCase();
  const cidr = entry.cidrBlock ?? entry.ipv6CidrBlock;
  if (action !== "allow" || typeof cidr !== "string" || !OPEN_CIDRS.includes(cidr)) return false;
  const protocol = String(entry.protocol ?? "");
  if (protocol === "-1" || protocol === "all") return true;
  // nacl-no-unrestricted-ssh-rdp: TCP or UDP to port 22 or 3389.
  if (!["6", "tcp", "17", "udp"].includes(protocol.toLowerCase())) return false;
  const from = num(entry.fromPort);
  const to = num(entry.toPort);
  if (typeof from !== "number" || typeof to !== "number") return false;
  return [22, 3389].some((p) => from <= p && p <= to);
}

export interface IngressConfig {
  /** Authorized TCP ports (Security Hub's authorizedTcpPorts). */
  readonly authorizedPorts: readonly number[];
  readonly authorizedUdpPorts?: readonly number[];
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
    description: "Security group ingress from 0.0.0.0/0 or ::/0 (inline ingress, aws:ec2/securityGroupRule, aws:vpc/securityGroupIngressRule) only to authorized TCP ports (Security Hub's default 80 and 443; UDP none).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EC2.18", title: "Security groups should only allow unrestricted incoming traffic for authorized ports" },
    remediationSteps: "Allow ingress from the CloudFront origin-facing prefix list (prefixListIds) or from a security group (referencedSecurityGroupId), never from 0.0.0.0/0 or ::/0.",
    prevents: "Services reachable from the whole internet.",
    config: {
      schema: {
        authorizedPorts: { type: "array", items: { type: "integer" }, default: [80, 443], description: "TCP ports that may be open to the internet (Security Hub's authorizedTcpPorts, default 80 and 443; this platform's config allows none)." },
        authorizedUdpPorts: { type: "array", items: { type: "integer" }, default: [], description: "UDP ports that may be open to the internet (Security Hub's authorizedUdpPorts, default none)." },
      },
      defaults: { authorizedPorts: [80, 443], authorizedUdpPorts: [] },
    },
    types: [...T.securityGroup, ...T.securityGroupRule, ...T.securityGroupIngressRule],
    check: (r, config) => unauthorizedOpenIngress(r.type, r.props, config).map((m) => finding(`${where(r.name, r.type)} ${m}`, "restrict the source to a prefix list or security group")),
  }),
  resourcePolicy({
    name: "security-group-no-public-high-risk-ports",
    description: `Security group ingress from 0.0.0.0/0 or ::/0 does not reach a high-risk port (${HIGH_RISK_PORTS.join(", ")}), nor all ports.`,
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...FSBP, reference: "EC2.19", title: "Security groups should not allow unrestricted access to ports with high risk" },
    remediationSteps: "Remove the rule or restrict its source; administer hosts through SSM Session Manager.",
    prevents: "Databases, remote shells and admin consoles reachable from the internet.",
    types: [...T.securityGroup, ...T.securityGroupRule, ...T.securityGroupIngressRule],
    check: (r) => highRiskOpenIngress(r.type, r.props).map((m) => finding(`${where(r.name, r.type)} ${m}`, "restrict the source to a prefix list or security group")),
  }),
  stackPolicy({
    name: "default-security-group-no-rules",
    description: "Every VPC's default security group is managed (aws.ec2.DefaultSecurityGroup) with no ingress or egress rules, inline or through standalone rule resources.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "EC2.2", title: "VPC default security groups should not allow inbound or outbound traffic" },
    remediationSteps: "Manage the default security group with aws.ec2.DefaultSecurityGroup { vpcId } and no ingress/egress blocks; add no rule resources to it.",
    prevents: "Resources launched without a security group getting open connectivity.",
    check: checkDefaultSecurityGroups,
  }),
  stackPolicy({
    name: "vpc-flow-logs",
    description: "Every VPC has a flow log that records rejected traffic (trafficType ALL or REJECT; Security Hub's trafficType parameter is REJECT).",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "EC2.6", title: "VPC flow logging should be enabled in all VPCs" },
    remediationSteps: "Add aws.ec2.FlowLog { vpcId: vpc.id, trafficType: \"ALL\" } to CloudWatch Logs or S3.",
    prevents: "No record of network traffic for incident response.",
    check: (stack) =>
      stack.ofType(T.vpc).flatMap((vpc) =>
        stack.referencing(vpc, T.flowLog, "vpcId", IDENTIFYING.vpc).some((f) => f.props.trafficType !== "ACCEPT")
          ? []
          : [{ urn: vpc.urn, message: finding(`${where(vpc.name, vpc.type)} has no flow log recording rejected traffic`, "add an aws.ec2.FlowLog whose vpcId is the VPC's id, with trafficType \"ALL\" (or \"REJECT\")") }],
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
