/**
 * Subnet CIDR arithmetic for the network stack.
 *
 * The VPC is cut into 16 equal slots (prefix + 4 bits). Slot i holds the app subnet of the i-th
 * availability zone and slot 8 + i its data subnet, so a subnet's CIDR depends only on the VPC
 * CIDR and its AZ index: growing from 2 to 3 AZs adds subnets and never moves existing ones
 * (a moved subnet is a replaced subnet, and everything in it with it).
 */

export const MAX_AZS = 8;
const SLOT_BITS = 4;
/** AWS's smallest subnet is a /28. */
const SMALLEST_SUBNET_PREFIX = 28;
export const LARGEST_VPC_PREFIX_FOR_SUBNETS = SMALLEST_SUBNET_PREFIX - SLOT_BITS;

export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefix: number;
}

export function parseCidr(text: string): Ipv4Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (base % 2 ** (32 - prefix) !== 0) return undefined; // host bits set: 10.0.0.1/16 is not a network
  return { base, prefix };
}

export function formatCidr(cidr: Ipv4Cidr): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(cidr.base / 2 ** shift) % 256);
  return `${octets.join(".")}/${cidr.prefix}`;
}

export function size(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function contains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + size(inner) <= outer.base + size(outer);
}

export function overlaps(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => parseCidr(c) as Ipv4Cidr);

/** RFC 1918: the only ranges a VPC with no public network should use. */
export function isPrivate(cidr: Ipv4Cidr): boolean {
  return PRIVATE_RANGES.some((range) => contains(range, cidr));
}

function slot(vpc: Ipv4Cidr, index: number): Ipv4Cidr {
  const prefix = vpc.prefix + SLOT_BITS;
  return { base: vpc.base + index * 2 ** (32 - prefix), prefix };
}

export interface SubnetPlan {
  readonly az: number;
  readonly app: string;
  readonly data: string;
}

/** The app and data subnet CIDRs of the first `azCount` AZs. */
export function planSubnets(vpcCidr: string, azCount: number): SubnetPlan[] {
  const vpc = parseCidr(vpcCidr);
  if (vpc === undefined) throw new RangeError(`not an IPv4 network CIDR: ${vpcCidr}`);
  if (vpc.prefix > LARGEST_VPC_PREFIX_FOR_SUBNETS) throw new RangeError(`${vpcCidr} is too small for /${vpc.prefix + SLOT_BITS} subnets`);
  if (!Number.isInteger(azCount) || azCount < 1 || azCount > MAX_AZS) throw new RangeError(`azCount must be 1..${MAX_AZS}`);
  return Array.from({ length: azCount }, (_, az) => ({
    az,
    app: formatCidr(slot(vpc, az)),
    data: formatCidr(slot(vpc, MAX_AZS + az)),
  }));
}
