import { isIPv4, isIPv6 } from "node:net";

/**
 * Which address is the viewer's, in this platform's topology:
 *
 *   viewer --> CloudFront --(VPC origin)--> internal ALB (xffHeaderProcessingMode: append) --> service
 *
 * 1. `CloudFront-Viewer-Address` (forwarded by the edge stack's origin request policy) is set by
 *    CloudFront from the TCP connection, as `ip:port` (IPv6 unbracketed, port after the last colon).
 * 2. Otherwise X-Forwarded-For: CloudFront appends the viewer's address to whatever the viewer sent,
 *    then the ALB appends the address of its peer (CloudFront's VPC-origin interface). The entry two
 *    from the right is the viewer; everything left of it is whatever the viewer chose to send and
 *    is never trusted. Fewer than two entries means the request did not take the platform's path.
 */
export const TRUSTED_PROXY_HOPS = 2;

export type ClientIpSource = "cloudfront-viewer-address" | "x-forwarded-for";

export interface ClientIp {
  readonly ip: string;
  readonly source: ClientIpSource;
}

export type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : (value as string | undefined);
}

function validPort(port: string): boolean {
  return /^\d{1,5}$/.test(port) && Number(port) <= 65535;
}

function normalise(ip: string): string {
  return isIPv6(ip) ? ip.toLowerCase() : ip;
}

/** One address in any form the hops may write: `v4`, `v4:port`, `v6`, `[v6]`, `[v6]:port`. */
export function parseAddress(text: string): string | undefined {
  const value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (bracketed) {
    const [, ip, port] = bracketed;
    return isIPv6(ip) && (port === undefined || validPort(port)) ? normalise(ip) : undefined;
  }
  if (isIPv4(value) || isIPv6(value)) return normalise(value);
  const v4WithPort = /^([\d.]+):(\d+)$/.exec(value);
  if (v4WithPort && isIPv4(v4WithPort[1]) && validPort(v4WithPort[2])) return v4WithPort[1];
  return undefined;
}

/** `CloudFront-Viewer-Address` always carries a port: split at the last colon first. */
export function parseViewerAddress(text: string): string | undefined {
  const value = text.trim();
  if (value.startsWith("[")) return parseAddress(value);
  const colon = value.lastIndexOf(":");
  if (colon > 0 && validPort(value.slice(colon + 1))) {
    const ip = value.slice(0, colon);
    if (isIPv4(ip) || isIPv6(ip)) return normalise(ip);
  }
  return parseAddress(value);
}

/** The viewer's IP, or undefined when the request carries no address the platform vouches for. */
export function resolveClientIp(headers: Headers): ClientIp | undefined {
  const viewer = header(headers, "cloudfront-viewer-address");
  if (viewer !== undefined) {
    const ip = parseViewerAddress(viewer);
    if (ip !== undefined) return { ip, source: "cloudfront-viewer-address" };
  }
  const forwarded = header(headers, "x-forwarded-for");
  if (forwarded === undefined) return undefined;
  const hops = forwarded.split(",");
  if (hops.length < TRUSTED_PROXY_HOPS) return undefined;
  const ip = parseAddress(hops[hops.length - TRUSTED_PROXY_HOPS]);
  return ip === undefined ? undefined : { ip, source: "x-forwarded-for" };
}
