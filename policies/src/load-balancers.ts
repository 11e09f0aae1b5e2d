import { FSBP, PLATFORM, resourcePolicy, stackPolicy, type StackFinding } from "./lib/define";
import { finding, where } from "./lib/messages";
import { IDENTIFYING, type StackResource, type StackView } from "./lib/relations";
import { T } from "./lib/types";
import { asRecord, bool, isUnknown, list, str, type Props } from "./lib/values";

/** Elastic Load Balancing: internal only, HTTPS with TLS 1.2+, header hygiene, CloudFront-only ingress. */

/** ELB security policies that negotiate TLS 1.2 or newer only (AWS "recommended" and FS/TLS-1-2 families). */
export const TLS12_POLICY = /TLS13-1-[23]|TLS-1-2|FS-1-2/;

const isApplication = (props: Props) => props.loadBalancerType === undefined || props.loadBalancerType === "application";

/** Whether every default action of an HTTP listener redirects to HTTPS. */
export function redirectsToHttps(listener: Props): boolean | "unknown" {
  const actions = list(listener.defaultActions);
  if (actions === "unknown") return "unknown";
  if (actions.length === 0) return false;
  let unknown = false;
  for (const a of actions) {
    if (isUnknown(a)) { unknown = true; continue; }
    const action = asRecord(a) ?? {};
    if (isUnknown(action.type) || isUnknown(action.redirect)) { unknown = true; continue; }
    if (action.type !== "redirect") return false;
    const protocol = asRecord(action.redirect)?.protocol;
    if (isUnknown(protocol)) unknown = true;
    else if (protocol !== "HTTPS") return false;
  }
  return unknown ? "unknown" : true;
}

function listenerLoadBalancers(stack: StackView, listener: StackResource): readonly StackResource[] {
  return stack.referenced(listener, "loadBalancerArn", T.loadBalancer, IDENTIFYING.loadBalancer);
}

/** Load balancers that a CloudFront VPC origin points at, with the origin's protocol policy. */
export function vpcOriginTargets(stack: StackView): Map<string, string> {
  const targets = new Map<string, string>();
  for (const origin of stack.ofType(T.cloudfrontVpcOrigin)) {
    const policy = String(asRecord(origin.props.vpcOriginEndpointConfig)?.originProtocolPolicy ?? "");
    for (const lb of stack.ofType(T.loadBalancer)) {
      if (stack.refersTo(origin, "vpcOriginEndpointConfig", lb, IDENTIFYING.loadBalancer, ["arn"])) targets.set(lb.urn, policy);
    }
  }
  return targets;
}

/** Where a security group admits traffic from: CIDR ranges, prefix lists, or other security groups. */
export interface IngressSources {
  readonly cidrs: string[];
  readonly prefixLists: number;
  readonly groups: number;
}

/** Ingress sources of a security group, from inline ingress and both standalone rule resources. */
export function ingressSources(stack: StackView, sg: StackResource): IngressSources {
  const out = { cidrs: [] as string[], prefixLists: 0, groups: 0 };
  const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : isUnknown(v) ? [v] : []);
  const add = (cidrs: unknown[], prefixLists: unknown[], groups: unknown[]) => {
    for (const c of cidrs) out.cidrs.push(isUnknown(c) ? "(unknown CIDR)" : String(c));
    out.prefixLists += prefixLists.length;
    out.groups += groups.length;
  };
  const ingress = list(sg.props.ingress);
  if (ingress !== "unknown") {
    for (const i of ingress) {
      const r = asRecord(i) ?? {};
      add([...arr(r.cidrBlocks), ...arr(r.ipv6CidrBlocks)], arr(r.prefixListIds), [...arr(r.securityGroups), ...(bool(r.self) === true ? [sg.urn] : [])]);
    }
  }
  for (const rule of stack.referencing(sg, T.securityGroupRule, "securityGroupId", IDENTIFYING.securityGroup)) {
    if (rule.props.type !== "ingress") continue;
    const p = rule.props;
    add([...arr(p.cidrBlocks), ...arr(p.ipv6CidrBlocks)], arr(p.prefixListIds), [...(p.sourceSecurityGroupId !== undefined ? [p.sourceSecurityGroupId] : []), ...(bool(p.self) === true ? [sg.urn] : [])]);
  }
  for (const rule of stack.referencing(sg, T.securityGroupIngressRule, "securityGroupId", IDENTIFYING.securityGroup)) {
    const p = rule.props;
    add([p.cidrIpv4, p.cidrIpv6].filter((c) => c !== undefined), p.prefixListId !== undefined ? [p.prefixListId] : [], p.referencedSecurityGroupId !== undefined ? [p.referencedSecurityGroupId] : []);
  }
  return out;
}

/** Security groups of a load balancer that this stack defines. */
const groupsOf = (stack: StackView, lb: StackResource) => stack.referenced(lb, "securityGroups", T.securityGroup, IDENTIFYING.securityGroup);

/**
 * Whether only a CloudFront VPC origin can reach an internal load balancer: a VPC origin of this
 * stack points at it, or (when CloudFront lives in another stack) every security group it has
 * admits nothing but prefix lists (the CloudFront origin-facing list), no CIDR and no other group.
 */
export function reachedOnlyByCloudFront(stack: StackView, lb: StackResource, targets: Map<string, string>): boolean {
  if (bool(lb.props.internal) !== true) return false;
  if (targets.has(lb.urn)) return true;
  const groups = groupsOf(stack, lb);
  if (groups.length === 0) return false;
  return groups.every((sg) => {
    const s = ingressSources(stack, sg);
    return s.cidrs.length === 0 && s.groups === 0 && s.prefixLists > 0;
  });
}

/**
 * Plain-HTTP listeners that do not redirect, split by whether they sit on an internal load
 * balancer that only a CloudFront VPC origin reaches (traffic stays on the AWS backbone).
 */
export function plainHttpListeners(stack: StackView): { listener: StackResource; behindVpcOrigin: boolean }[] {
  const targets = vpcOriginTargets(stack);
  return stack.ofType(T.listener).flatMap((l) => {
    if (l.props.protocol !== "HTTP" || redirectsToHttps(l.props) !== false) return [];
    const lbs = listenerLoadBalancers(stack, l);
    const behindVpcOrigin = lbs.length > 0 && lbs.every((lb) => reachedOnlyByCloudFront(stack, lb, targets));
    return [{ listener: l, behindVpcOrigin }];
  });
}

export function checkOnlyCloudFrontIngress(stack: StackView): StackFinding[] {
  const behind = vpcOriginTargets(stack);
  const distributions = stack.ofType(T.cloudfrontDistribution);
  const findings: StackFinding[] = [];
  for (const lb of stack.ofType(T.loadBalancer)) {
    const isOrigin = behind.has(lb.urn) || distributions.some((d) => (d.propertyDependencies.origins ?? []).includes(lb.urn));
    if (!isOrigin) continue;
    const groups = groupsOf(stack, lb);
    if (groups.length === 0 && list(lb.props.securityGroups) !== "unknown") {
      findings.push({ urn: lb.urn, message: finding(`${where(lb.name, lb.type)} is a CloudFront origin with no security group of this stack`, "attach a security group that admits only the CloudFront origin-facing prefix list") });
    }
    for (const sg of groups) {
      const cidrs = ingressSources(stack, sg).cidrs;
      if (cidrs.length > 0) {
        findings.push({ urn: sg.urn, message: finding(`${where(sg.name, sg.type)} of CloudFront origin ${where(lb.name, lb.type)} admits CIDR ranges ${cidrs.join(", ")}`, "admit only the CloudFront origin-facing managed prefix list (prefixListIds) or the VPC origin security group (referencedSecurityGroupId)") });
      }
    }
  }
  return findings;
}

export const loadBalancerPolicies = [
  resourcePolicy({
    name: "lb-internal",
    description: "Load balancers are internal (internal unset counts as internet-facing); the edge is CloudFront.",
    enforcementLevel: "mandatory",
    severity: "critical",
    framework: { ...PLATFORM, reference: "PLAT.NET.3", title: "Load balancers should not be internet-facing" },
    remediationSteps: "Set internal: true, place the load balancer in private subnets and reach it through a CloudFront VPC origin.",
    prevents: "Bypassing CloudFront, WAF and the edge's TLS policy by calling the origin directly.",
    types: T.loadBalancer,
    check: (r) => {
      const internal = bool(r.props.internal);
      return internal === true || internal === "unknown" ? [] : [finding(`${where(r.name, r.type)} is internet-facing (internal is ${internal === false ? "false" : "not set"})`, "set internal: true")];
    },
  }),
  stackPolicy({
    name: "lb-listener-https",
    description: "Load balancer HTTP listeners only redirect to HTTPS (HTTP to an internal ALB that only a CloudFront VPC origin reaches, by a VPC origin in the stack or security groups admitting only prefix lists, is reported by lb-vpc-origin-plain-http instead).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "ELB.1", title: "Application Load Balancer should be configured to redirect all HTTP requests to HTTPS" },
    remediationSteps: "Serve HTTPS (protocol HTTPS, certificateArn, sslPolicy) and make HTTP listeners redirect { protocol: \"HTTPS\", statusCode: \"HTTP_301\" }.",
    prevents: "Requests and responses crossing a network in clear text.",
    check: (stack) =>
      plainHttpListeners(stack)
        .filter((p) => !p.behindVpcOrigin)
        .map(({ listener }) => ({ urn: listener.urn, message: finding(`${where(listener.name, listener.type)} serves plain HTTP`, "use protocol HTTPS with a TLS 1.2+ sslPolicy, or make the default action a redirect to HTTPS") })),
  }),
  stackPolicy({
    name: "lb-vpc-origin-plain-http",
    description: "Plain-HTTP listeners on an internal ALB that only a CloudFront VPC origin reaches: a VPC origin of the stack targets it, or its security groups admit only prefix lists (the VPC origin lives in another stack). Traffic stays on the AWS network; HTTPS end to end is still preferred.",
    enforcementLevel: "advisory",
    severity: "low",
    framework: { ...FSBP, reference: "ELB.1", title: "Application Load Balancer should be configured to redirect all HTTP requests to HTTPS" },
    remediationSteps: "Give the ALB an ACM certificate and set the VPC origin's originProtocolPolicy to https-only.",
    prevents: "Unencrypted hops inside the VPC going unnoticed.",
    check: (stack) =>
      plainHttpListeners(stack)
        .filter((p) => p.behindVpcOrigin)
        .map(({ listener }) => ({ urn: listener.urn, message: finding(`${where(listener.name, listener.type)} serves plain HTTP to a CloudFront VPC origin`, "serve HTTPS and set originProtocolPolicy https-only") })),
  }),
  resourcePolicy({
    name: "lb-listener-tls-policy",
    description: "HTTPS and TLS listeners use a security policy that allows TLS 1.2 or newer only.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "ELB.17", title: "Application and Network Load Balancers with listeners should use recommended security policies" },
    remediationSteps: "Set sslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or a newer TLS13 / FS-1-2 policy).",
    prevents: "Clients negotiating TLS 1.0/1.1 (the default ELBSecurityPolicy-2016-08 allows them).",
    types: T.listener,
    check: (r) => {
      if (r.props.protocol !== "HTTPS" && r.props.protocol !== "TLS") return [];
      const policy = str(r.props.sslPolicy);
      if (policy === "unknown" || (policy !== undefined && TLS12_POLICY.test(policy))) return [];
      return [finding(`${where(r.name, r.type)} uses ${policy ? `security policy ${policy}` : "the default security policy ELBSecurityPolicy-2016-08"}, which allows TLS below 1.2`, "set sslPolicy: \"ELBSecurityPolicy-TLS13-1-2-2021-06\"")];
    },
  }),
  resourcePolicy({
    name: "alb-drop-invalid-headers",
    description: "Application load balancers drop HTTP headers with invalid field names.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "ELB.4", title: "Application Load Balancer should be configured to drop invalid http headers" },
    remediationSteps: "Set dropInvalidHeaderFields: true.",
    prevents: "Header smuggling between CloudFront, the ALB and the service.",
    types: T.loadBalancer,
    check: (r) => {
      if (!isApplication(r.props)) return [];
      const drop = bool(r.props.dropInvalidHeaderFields);
      return drop === true || drop === "unknown" ? [] : [finding(`${where(r.name, r.type)} forwards invalid header fields`, "set dropInvalidHeaderFields: true")];
    },
  }),
  resourcePolicy<{ requiredMode: string }>({
    name: "alb-desync-mitigation",
    description: "Application load balancers use the configured desync mitigation mode (strictest by default; Security Hub accepts defensive too).",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "ELB.12", title: "Application Load Balancer should be configured with defensive or strictest desync mitigation mode" },
    remediationSteps: "Set desyncMitigationMode: \"strictest\".",
    prevents: "HTTP request smuggling through ambiguous requests.",
    config: {
      schema: { requiredMode: { type: "string", enum: ["defensive", "strictest"], default: "strictest", description: "Weakest accepted mode." } },
      defaults: { requiredMode: "strictest" },
    },
    types: T.loadBalancer,
    check: (r, config) => {
      if (!isApplication(r.props)) return [];
      const mode = str(r.props.desyncMitigationMode) ?? "defensive";
      const accepted = config.requiredMode === "defensive" ? ["defensive", "strictest"] : ["strictest"];
      return mode === "unknown" || accepted.includes(mode) ? [] : [finding(`${where(r.name, r.type)} uses desync mitigation mode ${mode}`, `set desyncMitigationMode: "${config.requiredMode}"`)];
    },
  }),
  resourcePolicy({
    name: "lb-deletion-protection",
    description: "Application, network and gateway load balancers have deletion protection enabled.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "ELB.6", title: "Application, Gateway, and Network Load Balancers should have deletion protection enabled" },
    remediationSteps: "Set enableDeletionProtection: true.",
    prevents: "A refactor deleting the origin and taking the API down.",
    types: T.loadBalancer,
    check: (r) => {
      const on = bool(r.props.enableDeletionProtection);
      return on === true || on === "unknown" ? [] : [finding(`${where(r.name, r.type)} has no deletion protection`, "set enableDeletionProtection: true")];
    },
  }),
  resourcePolicy({
    name: "lb-access-logs",
    description: "Application load balancers write access logs.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "ELB.5", title: "Application and Classic Load Balancers logging should be enabled" },
    remediationSteps: "Set accessLogs: { bucket, enabled: true } with a bucket policy for the ELB log delivery service.",
    prevents: "No request record at the origin for incident response.",
    types: T.loadBalancer,
    check: (r) => {
      if (!isApplication(r.props)) return [];
      // The provider's accessLogs.enabled defaults to false even when a bucket is given.
      const on = isUnknown(r.props.accessLogs) ? "unknown" : bool(asRecord(r.props.accessLogs)?.enabled);
      return on === true || on === "unknown"
        ? []
        : [finding(`${where(r.name, r.type)} writes no access logs`, "set accessLogs { bucket, enabled: true }")];
    },
  }),
  stackPolicy({
    name: "lb-admits-only-cloudfront",
    description: "A load balancer behind CloudFront admits only CloudFront: its security groups allow no CIDR ingress, only the origin-facing prefix list or the VPC origin security group.",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...PLATFORM, reference: "PLAT.EDGE.1", title: "The CloudFront origin load balancer should admit only CloudFront" },
    remediationSteps: "Replace CIDR ingress with prefixListIds [com.amazonaws.global.cloudfront.origin-facing] or referencedSecurityGroupId of the CloudFront VPC origin security group.",
    prevents: "Clients bypassing CloudFront and the WAF by reaching the origin from inside or outside the VPC.",
    check: checkOnlyCloudFrontIngress,
  }),
];
