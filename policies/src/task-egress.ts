import { PLATFORM, stackPolicy, type StackFinding } from "./lib/define";
import { finding, where } from "./lib/messages";
import { IDENTIFYING, type StackResource, type StackView } from "./lib/relations";
import { T } from "./lib/types";
import { asRecord, isUnknown, list, num, type Props } from "./lib/values";

/**
 * Fargate tasks send to AWS through VPC endpoints, prefix lists and security groups; the one CIDR
 * destination they need is HTTPS into their own VPC, where GuardDuty Runtime Monitoring's own
 * `guardduty-data` endpoint answers the agent sidecar (GuardDuty creates that endpoint and its
 * security group, which admits the VPC CIDR: "How Runtime Monitoring works with Fargate (Amazon ECS
 * only)", https://docs.aws.amazon.com/guardduty/latest/ug/how-runtime-monitoring-works-ecs-fargate.html).
 * Any other CIDR egress (another port, a public range, IPv6, all traffic) is refused.
 */
const EGRESS_RULE = ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"] as const;

/** RFC 1918 ranges: where a VPC's CIDR lies when the VPC is another stack's. */
const PRIVATE_V4 = [
  [10 << 24, 8],
  [(172 << 24) | (16 << 16), 12],
  [(192 << 24) | (168 << 16), 16],
] as const;

function parseV4(cidr: string): { base: number; bits: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  return { base: (((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0), bits };
}

function insidePrivateRange(cidr: string): boolean {
  const parsed = parseV4(cidr);
  if (parsed === undefined) return false;
  return PRIVATE_V4.some(([base, bits]) => {
    const mask = (~0 << (32 - bits)) >>> 0;
    return parsed.bits >= bits && ((parsed.base & mask) >>> 0) === (base >>> 0);
  });
}

interface CidrEgress {
  readonly cidr: unknown;
  readonly protocol: unknown;
  readonly from: unknown;
  readonly to: unknown;
  readonly urn: string;
  readonly label: string;
}

/** CIDR destinations of a security group: inline egress and both standalone rule resources. */
function cidrEgress(stack: StackView, sg: StackResource): CidrEgress[] {
  const out: CidrEgress[] = [];
  const cidrs = (p: Props) => [...(Array.isArray(p.cidrBlocks) ? p.cidrBlocks : []), ...(Array.isArray(p.ipv6CidrBlocks) ? p.ipv6CidrBlocks : [])];
  const inline = list(sg.props.egress);
  if (inline !== "unknown") {
    inline.forEach((e, n) => {
      const r = asRecord(e) ?? {};
      for (const cidr of cidrs(r)) out.push({ cidr, protocol: r.protocol, from: r.fromPort, to: r.toPort, urn: sg.urn, label: `${where(sg.name, sg.type)} egress[${n}]` });
    });
  }
  for (const rule of stack.referencing(sg, T.securityGroupRule, "securityGroupId", IDENTIFYING.securityGroup)) {
    if (rule.props.type !== "egress") continue;
    for (const cidr of cidrs(rule.props)) out.push({ cidr, protocol: rule.props.protocol, from: rule.props.fromPort, to: rule.props.toPort, urn: rule.urn, label: where(rule.name, rule.type) });
  }
  for (const rule of stack.referencing(sg, EGRESS_RULE, "securityGroupId", IDENTIFYING.securityGroup)) {
    for (const cidr of [rule.props.cidrIpv4, rule.props.cidrIpv6].filter((c) => c !== undefined)) {
      out.push({ cidr, protocol: rule.props.ipProtocol, from: rule.props.fromPort, to: rule.props.toPort, urn: rule.urn, label: where(rule.name, rule.type) });
    }
  }
  return out;
}

/** The VPC's own CIDR when the VPC is in this stack; otherwise any RFC 1918 range stands for it. */
function isOwnVpc(stack: StackView, sg: StackResource, cidr: string): boolean {
  const vpcs = stack.referenced(sg, "vpcId", T.vpc, IDENTIFYING.vpc);
  if (vpcs.length > 0) return vpcs.some((vpc) => vpc.props.cidrBlock === cidr || isUnknown(vpc.props.cidrBlock));
  return insidePrivateRange(cidr);
}

export function checkTaskEgress(stack: StackView): StackFinding[] {
  const findings: StackFinding[] = [];
  const seen = new Set<string>();
  for (const service of stack.ofType(T.ecsService)) {
    for (const sg of stack.referenced(service, "networkConfiguration", T.securityGroup, IDENTIFYING.securityGroup)) {
      if (seen.has(sg.urn)) continue;
      seen.add(sg.urn);
      for (const e of cidrEgress(stack, sg)) {
        // Unknown during preview (a CIDR from another stack's output): not decidable, not a violation.
        if ([e.cidr, e.protocol, e.from, e.to].some(isUnknown)) continue;
        const https = (e.protocol === "tcp" || e.protocol === "6") && num(e.from) === 443 && num(e.to) === 443;
        if (https && typeof e.cidr === "string" && isOwnVpc(stack, sg, e.cidr)) continue;
        const ports = e.protocol === "-1" || e.protocol === "all" ? "all traffic" : `${String(e.protocol)} ${String(e.from)}-${String(e.to)}`;
        findings.push({
          urn: e.urn,
          message: finding(
            `${e.label} of ECS service ${where(service.name, service.type)} allows egress to ${String(e.cidr)} (${ports})`,
            "send to AWS through VPC endpoints (referencedSecurityGroupId), the S3 prefix list (prefixListId) or other security groups; the only CIDR egress a task needs is tcp 443 to its own VPC's CIDR, for GuardDuty's guardduty-data endpoint",
          ),
        });
      }
    }
  }
  return findings;
}

export const taskEgressPolicies = [
  stackPolicy({
    name: "ecs-task-egress-scoped",
    description: "An ECS service's security groups send to CIDR ranges only over HTTPS into the task's own VPC (GuardDuty's guardduty-data endpoint); everything else goes to security groups or prefix lists.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...PLATFORM, reference: "PLAT.NET.4", title: "ECS task egress should reach CIDR ranges only over HTTPS inside the VPC" },
    remediationSteps: "Replace CIDR egress with referencedSecurityGroupId (VPC endpoints, the database) or prefixListId (S3); keep at most tcp 443 to the VPC's CIDR for the GuardDuty agent.",
    prevents: "Tasks reaching the internet or other networks directly (data exfiltration path), while the GuardDuty agent can still report.",
    check: checkTaskEgress,
  }),
];
