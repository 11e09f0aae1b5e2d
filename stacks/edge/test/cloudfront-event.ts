import { runInNewContext } from "node:vm";
import { normalizeQueryCode } from "../src/query-function";

/** CloudFront's viewer-request query string shape: one entry per key, repeated keys as multiValue. */
export type QueryString = Record<string, { value: string; multiValue?: { value: string }[] }>;

/** Parses `a=1&b=&a=2` the way CloudFront hands it to a function (keys and values as sent). */
export function toQueryString(raw: string): QueryString {
  const qs: QueryString = {};
  for (const part of raw.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? "" : part.slice(eq + 1);
    const entry = qs[key];
    if (!entry) qs[key] = { value };
    else entry.multiValue = [...(entry.multiValue ?? [{ value: entry.value }]), { value }];
  }
  return qs;
}

/** The query string CloudFront builds from the object a function returns, in the object's key order. */
export function serialize(qs: QueryString): string {
  return Object.keys(qs)
    .flatMap((k) => (qs[k].multiValue ?? [qs[k]]).map((v) => `${k}=${v.value}`))
    .join("&");
}

export interface ViewerRequestEvent {
  version: "1.0";
  context: { eventType: "viewer-request" };
  viewer: { ip: string };
  request: { method: string; uri: string; querystring: QueryString; headers: Record<string, { value: string }>; cookies: Record<string, { value: string }> };
}

export function viewerRequest(uri: string, rawQuery: string): ViewerRequestEvent {
  return {
    version: "1.0",
    context: { eventType: "viewer-request" },
    viewer: { ip: "198.51.100.7" },
    request: { method: "GET", uri, querystring: toQueryString(rawQuery), headers: { host: { value: "d111.cloudfront.net" } }, cookies: {} },
  };
}

/**
 * The exact code the stack deploys for `keys`, evaluated in a fresh V8 context with nothing but
 * what the code defines (no require, no process), and its `handler` returned.
 */
export function loadHandler(keys: readonly string[]): (event: ViewerRequestEvent) => ViewerRequestEvent["request"] {
  const code = normalizeQueryCode(keys);
  const handler = runInNewContext(`${code}\nhandler;`, Object.create(null), { filename: "normalize-query.js" }) as (
    event: ViewerRequestEvent,
  ) => ViewerRequestEvent["request"];
  // Results come from another realm; a JSON round trip gives plain objects for comparisons.
  return (event) => JSON.parse(JSON.stringify(handler(event))) as ViewerRequestEvent["request"];
}
