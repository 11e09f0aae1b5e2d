/**
 * The stack graph, declared once. Everything that orders, names or connects stacks reads it:
 * the upstream reader refuses an edge that is not here, the offline plan and the `platform`
 * command run stacks in `stackOrder()` (destroy in reverse), and `platform graph` draws it.
 */

export const STACK_NAMES = ["bootstrap", "security", "network", "app", "edge"] as const;
export type StackName = (typeof STACK_NAMES)[number];

export interface StackSpec {
  readonly name: StackName;
  /** Folder of the Pulumi project, relative to the repository root. */
  readonly dir: string;
  /** Folder of its Pulumi.<env>.yaml files, when Pulumi.yaml sets `stackConfigDir`. */
  readonly configDir?: string;
  /** The `name:` in that folder's Pulumi.yaml; also the namespace of its config keys. */
  readonly project: string;
  readonly description: string;
  /** Upstream stack -> the output keys this stack reads from it. */
  readonly reads: Readonly<Partial<Record<StackName, readonly string[]>>>;
}

export const STACKS = {
  bootstrap: {
    name: "bootstrap",
    dir: ".",
    configDir: "bootstrap",
    project: "platform-bootstrap",
    description: "State bucket, secrets key, GitHub OIDC provider and CI roles (once per account)",
    reads: {},
  },
  security: {
    name: "security",
    dir: "stacks/security",
    project: "platform-security",
    description: "KMS keys per data class, Security Hub, GuardDuty, Config, CloudTrail, SCPs",
    reads: {},
  },
  network: {
    name: "network",
    dir: "stacks/network",
    project: "platform-network",
    description: "VPC with private and isolated subnets, no public network, VPC endpoints, flow logs",
    reads: { security: ["logsKeyArn"] },
  },
  app: {
    name: "app",
    dir: "stacks/app",
    project: "platform-app",
    description: "ECR, Fargate service behind an internal ALB, Aurora, GDPR data lifecycle",
    reads: {
      network: ["vpcId", "vpcCidr", "appSubnetIds", "dataSubnetIds", "endpointSecurityGroupId"],
      security: ["logsKeyArn", "dataKeyArn", "personalDataKeyArn"],
    },
  },
  edge: {
    name: "edge",
    dir: "stacks/edge",
    project: "platform-edge",
    description: "CloudFront with a VPC origin, cache behaviors, WAF, logging, RUM",
    reads: {
      app: [
        "loadBalancerArn",
        "loadBalancerDnsName",
        "listenerProtocol",
        "listenerPort",
        "originVerifyHeaderName",
        "originVerifySecret",
        "region",
      ],
    },
  },
} as const satisfies { [K in StackName]: StackSpec & { name: K } };

export type Graph = typeof STACKS;

/** Stacks whose outputs `stack` reads, in graph order. */
export function upstreamsOf(stack: StackName): StackName[] {
  const reads = STACKS[stack].reads as Partial<Record<StackName, readonly string[]>>;
  return STACK_NAMES.filter((s) => reads[s] !== undefined);
}

/** Stacks that read `stack`'s outputs directly. */
export function downstreamsOf(stack: StackName): StackName[] {
  return STACK_NAMES.filter((s) => upstreamsOf(s).includes(stack));
}

export function isStackName(value: string): value is StackName {
  return (STACK_NAMES as readonly string[]).includes(value);
}

/**
 * Every stack in dependency order (each after all of its upstreams). Kahn's algorithm with ties
 * broken by declaration order, so the order is stable and bootstrap always runs first.
 */
export function stackOrder(only?: Iterable<StackName>): StackName[] {
  const wanted = new Set(only ?? STACK_NAMES);
  const done = new Set<StackName>();
  const order: StackName[] = [];
  while (done.size < STACK_NAMES.length) {
    const next = STACK_NAMES.find((s) => !done.has(s) && upstreamsOf(s).every((u) => done.has(u)));
    if (next === undefined) {
      const stuck = STACK_NAMES.filter((s) => !done.has(s)).join(", ");
      throw new Error(`The stack graph has a cycle among: ${stuck}`);
    }
    done.add(next);
    if (wanted.has(next)) order.push(next);
  }
  return order;
}

/** `stacks` plus everything they read from, transitively, in graph order. */
export function withUpstreams(stacks: Iterable<StackName>): StackName[] {
  const found = new Set<StackName>();
  const visit = (s: StackName): void => {
    if (found.has(s)) return;
    found.add(s);
    upstreamsOf(s).forEach(visit);
  };
  for (const s of stacks) visit(s);
  return stackOrder(found);
}

/** `stacks` plus everything that reads from them, transitively, in graph order. */
export function withDownstreams(stacks: Iterable<StackName>): StackName[] {
  const found = new Set<StackName>();
  const visit = (s: StackName): void => {
    if (found.has(s)) return;
    found.add(s);
    downstreamsOf(s).forEach(visit);
  };
  for (const s of stacks) visit(s);
  return stackOrder(found);
}
