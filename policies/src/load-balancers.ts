import { FSBP, PLATFORM, resourcePolicy, stackPolicy, type StackFinding } from "./lib/define";
import { finding, where } from "./lib/messages";
import { IDENTIFYING, type StackResource, type StackView } from "./lib/relations";
import { T } from "./lib/types";
import { asRecord, bool, isUnknown, list, str, type Props } from "./lib/values";

/** Elastic Load Balancing: internal only, HTTPS with TLS 1.2+, header hygiene, CloudFront-only ingress. */

/**
 * ELB.17's fixed sslPolicies parameter: the TLS 1.3 policies AWS recommends, with their FIPS
 * variants (https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-17). Other TLS 1.2-only policies (ELBSecurityPolicy-TLS-1-2-*,
 * FS-1-2-*) fail the control, so they are not accepted unless the pack config lists them.
 */
export const ELB17_SSL_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
];

const isApplication = (props: Props) => props.loadBalancerType === undefined || props.loadBalancerType === "application";

/**
 * A listener's protocol. Omitted, the provider creates an HTTP listener on an Application Load
 * Balancer (aws_lb_listener `protocol`: "For Application Load Balancers ... with a default of
 * HTTP"); on a Network or Gateway Load Balancer an omitted protocol is not HTTP.
 */
export function listenerProtocol(stack: StackView, listener: StackResource): string | "unknown" {
  const given = str(listener.props.protocol);
  if (given !== undefined) return given;
  const lbs = listenerLoadBalancers(stack, listener);
  if (lbs.length > 0) return lbs.some((lb) => isApplication(lb.props)) ? "HTTP" : "none";
  // A load balancer of another stack: its ARN names the type (loadbalancer/app|net|gwy/...).
  const arn = listener.props.loadBalancerArn;
  return typeof arn === "string" && /:loadbalancer\/(net|gwy)\//.test(arn) ? "none" : "HTTP";
}

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
    if (listenerProtocol(stack, l) !== "HTTP" || redirectsToHttps(l.props) !== false) return [];
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
  resourcePolicy<{ sslPolicies: readonly string[] }>({
    name: "lb-listener-tls-policy",
    description: "HTTPS and TLS listeners use one of the security policies Security Hub recommends (ELB.17's sslPolicies list; an omitted sslPolicy is ELBSecurityPolicy-2016-08).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "ELB.17", title: "Application and Network Load Balancers with listeners should use recommended security policies" },
    remediationSteps: "Set sslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or another policy of ELB.17's list).",
    prevents: "Clients negotiating TLS 1.0/1.1 (the default ELBSecurityPolicy-2016-08 allows them).",
    config: {
      schema: { sslPolicies: { type: "array", items: { type: "string" }, default: ELB17_SSL_POLICIES, description: "Accepted listener security policies (Security Hub ELB.17's sslPolicies parameter)." } },
      defaults: { sslPolicies: ELB17_SSL_POLICIES },
    },
    types: T.listener,
    check: (r, config) => {
      const protocol = str(r.props.protocol);
      if (protocol !== "HTTPS" && protocol !== "TLS") return [];
      const policy = str(r.props.sslPolicy);
      if (policy === "unknown" || (policy !== undefined && config.sslPolicies.includes(policy))) return [];
      return [finding(`${where(r.name, r.type)} uses ${policy ? `security policy ${policy}` : "the default security policy ELBSecurityPolicy-2016-08"}, which is not one of the recommended policies`, "set sslPolicy: \"ELBSecurityPolicy-TLS13-1-2-2021-06\"")];
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
    description: "Application load balancers use desync mitigation mode defensive or strictest (an omitted mode is defensive); the pack config can require strictest.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "ELB.12", title: "Application Load Balancer should be configured with defensive or strictest desync mitigation mode" },
    remediationSteps: "Set desyncMitigationMode: \"strictest\".",
    prevents: "HTTP request smuggling through ambiguous requests.",
    config: {
      schema: { requiredMode: { type: "string", enum: ["defensive", "strictest"], default: "defensive", description: "Weakest accepted mode (Security Hub's ELB.12 accepts defensive)." } },
      defaults: { requiredMode: "defensive" },
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
    description: "Application and Classic load balancers write access logs (ALB accessLogs.enabled defaults to false; a Classic load balancer logs when it has an accessLogs block, whose enabled defaults to true).",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "ELB.5", title: "Application and Classic Load Balancers logging should be enabled" },
    remediationSteps: "Set accessLogs: { bucket, enabled: true } with a bucket policy for the ELB log delivery service.",
    prevents: "No request record at the origin for incident response.",
    types: [...T.loadBalancer, ...T.classicLoadBalancer],
    check: (r) => {
      // Provider defaults (website/docs/r/lb.html.markdown, elb.html.markdown): aws_lb access_logs.enabled
      // "Defaults to false, even when bucket is specified"; aws_elb access_logs.enabled "Default is true".
      const classic = T.classicLoadBalancer.includes(r.type as never);
      if (!classic && !isApplication(r.props)) return [];
      const logs = r.props.accessLogs;
      if (isUnknown(logs)) return [];
      const record = asRecord(logs);
      const enabled = bool(record?.enabled);
      const on = classic ? record !== undefined && enabled !== false : enabled === true || enabled === "unknown";
      return on ? [] : [finding(`${where(r.name, r.type)} writes no access logs`, "set accessLogs { bucket, enabled: true }")];
    },
  }),
  resourcePolicy<{ minAvailabilityZones: number }>({
    name: "lb-multi-az",
    description: "Application, Network and Gateway load balancers span at least two availability zones (two subnets or subnetMappings; each subnet is in one zone).",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "ELB.13", title: "Application, Network and Gateway Load Balancers should span multiple Availability Zones" },
    remediationSteps: "Pass subnets (or subnetMappings) in at least two availability zones.",
    prevents: "One availability zone's outage taking the load balancer down.",
    config: {
      schema: { minAvailabilityZones: { type: "integer", minimum: 1, default: 2, description: "Fewest zones (Security Hub's default is 2)." } },
      defaults: { minAvailabilityZones: 2 },
    },
    types: T.loadBalancer,
    check: (r, config) => {
      const subnets = list(r.props.subnets);
      const mappings = list(r.props.subnetMappings);
      if (subnets === "unknown" || mappings === "unknown" || subnets.some(isUnknown)) return [];
      const zones = Math.max(subnets.length, mappings.length);
      return zones >= config.minAvailabilityZones ? [] : [finding(`${where(r.name, r.type)} spans ${zones} availability zone(s), fewer than ${config.minAvailabilityZones}`, `give it subnets in at least ${config.minAvailabilityZones} availability zones`)];
    },
  }),
  resourcePolicy({
    name: "classic-lb-tls-listeners",
    description: "Classic load balancer listeners terminate HTTPS or SSL (lbProtocol https or ssl).",
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { ...FSBP, reference: "ELB.3", title: "Classic Load Balancer listeners should be configured with HTTPS or TLS termination" },
    remediationSteps: "Set listeners[].lbProtocol to \"https\" (or \"ssl\") with an ACM sslCertificateId; better, move to an Application Load Balancer.",
    prevents: "Requests and responses crossing a network in clear text.",
    types: T.classicLoadBalancer,
    check: (r) => {
      const listeners = list(r.props.listeners);
      if (listeners === "unknown") return [];
      const plain = listeners.flatMap((l, i) => {
        const protocol = asRecord(l)?.lbProtocol;
        return isUnknown(l) || isUnknown(protocol) || ["https", "ssl"].includes(String(protocol).toLowerCase()) ? [] : [`listeners[${i}] (${String(protocol)})`];
      });
      return plain.length === 0 ? [] : [finding(`${where(r.name, r.type)} has listeners without TLS termination: ${plain.join(", ")}`, "set lbProtocol \"https\" or \"ssl\" with a certificate")];
    },
  }),
  resourcePolicy({
    name: "classic-lb-connection-draining",
    description: "Classic load balancers drain connections before deregistering instances (connectionDraining defaults to false).",
    enforcementLevel: "advisory",
    severity: "low",
    framework: { ...FSBP, reference: "ELB.7", title: "Classic Load Balancers should have connection draining enabled" },
    remediationSteps: "Set connectionDraining: true.",
    prevents: "In-flight requests cut off when an instance leaves the load balancer.",
    types: T.classicLoadBalancer,
    check: (r) => {
      const on = bool(r.props.connectionDraining);
      return on === true || on === "unknown" ? [] : [finding(`${where(r.name, r.type)} does not drain connections`, "set connectionDraining: true")];
    },
  }),
  resourcePolicy({
    name: "classic-lb-cross-zone",
    description: "Classic load balancers balance across zones (crossZoneLoadBalancing defaults to true; false fails).",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "ELB.9", title: "Classic Load Balancers should have cross-zone load balancing enabled" },
    remediationSteps: "Remove crossZoneLoadBalancing: false (or set it to true).",
    prevents: "Uneven load and a zone's instances overloaded while others idle.",
    types: T.classicLoadBalancer,
    check: (r) => (bool(r.props.crossZoneLoadBalancing) === false ? [finding(`${where(r.name, r.type)} turns cross-zone load balancing off`, "set crossZoneLoadBalancing: true")] : []),
  }),
  resourcePolicy<{ minAvailabilityZones: number }>({
    name: "classic-lb-multi-az",
    description: "Classic load balancers span at least two availability zones (availabilityZones, or subnets: one per zone).",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: { ...FSBP, reference: "ELB.10", title: "Classic Load Balancer should span multiple Availability Zones" },
    remediationSteps: "List at least two availabilityZones or subnets in two zones.",
    prevents: "One availability zone's outage taking the load balancer down.",
    config: {
      schema: { minAvailabilityZones: { type: "integer", minimum: 1, default: 2, description: "Fewest zones (Security Hub's default is 2)." } },
      defaults: { minAvailabilityZones: 2 },
    },
    types: T.classicLoadBalancer,
    check: (r, config) => {
      const zones = list(r.props.availabilityZones);
      const subnets = list(r.props.subnets);
      if (zones === "unknown" || subnets === "unknown" || zones.some(isUnknown) || subnets.some(isUnknown)) return [];
      const count = Math.max(new Set(zones.map(String)).size, subnets.length);
      return count >= config.minAvailabilityZones ? [] : [finding(`${where(r.name, r.type)} spans ${count} availability zone(s), fewer than ${config.minAvailabilityZones}`, `list at least ${config.minAvailabilityZones} availability zones or subnets`)];
    },
  }),
  resourcePolicy({
    name: "classic-lb-desync-mitigation",
    description: "Classic load balancers use desync mitigation mode defensive or strictest (an omitted mode is defensive).",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: { ...FSBP, reference: "ELB.14", title: "Classic Load Balancer should be configured with defensive or strictest desync mitigation mode" },
    remediationSteps: "Set desyncMitigationMode: \"defensive\" or \"strictest\".",
    prevents: "HTTP request smuggling through ambiguous requests.",
    types: T.classicLoadBalancer,
    check: (r) => {
      const mode = str(r.props.desyncMitigationMode) ?? "defensive";
      return mode === "unknown" || mode === "defensive" || mode === "strictest" ? [] : [finding(`${where(r.name, r.type)} uses desync mitigation mode ${mode}`, "set desyncMitigationMode: \"defensive\"")];
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
