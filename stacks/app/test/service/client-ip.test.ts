import fc from "fast-check";
import { parseAddress, parseViewerAddress, resolveClientIp } from "../../service/src/client-ip";

const VIEWER = "203.0.113.7";
const CLOUDFRONT_ENI = "10.0.1.25";

describe("resolveClientIp with X-Forwarded-For", () => {
  it("takes the entry two from the right: the viewer CloudFront appended, before the ALB's hop", () => {
    expect(resolveClientIp({ "x-forwarded-for": `${VIEWER}, ${CLOUDFRONT_ENI}` })).toEqual({ ip: VIEWER, source: "x-forwarded-for" });
  });

  it("ignores a spoofed leftmost entry the viewer sent", () => {
    const headers = { "x-forwarded-for": `1.1.1.1, 127.0.0.1, ${VIEWER}, ${CLOUDFRONT_ENI}` };
    expect(resolveClientIp(headers)?.ip).toBe(VIEWER);
  });

  it("does not fall back to a spoofed entry when the viewer's entry is garbage", () => {
    expect(resolveClientIp({ "x-forwarded-for": `1.1.1.1, not-an-ip, ${CLOUDFRONT_ENI}` })).toBeUndefined();
  });

  it("refuses a header with fewer entries than the platform's two hops", () => {
    expect(resolveClientIp({ "x-forwarded-for": VIEWER })).toBeUndefined();
  });

  it("returns undefined without any address header", () => {
    expect(resolveClientIp({})).toBeUndefined();
  });

  it("joins repeated X-Forwarded-For headers in order before counting hops", () => {
    expect(resolveClientIp({ "x-forwarded-for": ["9.9.9.9", `${VIEWER}, ${CLOUDFRONT_ENI}`] })?.ip).toBe(VIEWER);
  });

  it.each([
    ["IPv4 with port", "203.0.113.7:51234", "203.0.113.7"],
    ["bare IPv6", "2001:DB8::7", "2001:db8::7"],
    ["bracketed IPv6 with port", "[2001:db8::7]:443", "2001:db8::7"],
    ["bracketed IPv6 without port", "[2001:db8::7]", "2001:db8::7"],
  ])("reads the viewer entry written as %s", (_form, entry, ip) => {
    expect(resolveClientIp({ "x-forwarded-for": `${entry}, ${CLOUDFRONT_ENI}:80` })?.ip).toBe(ip);
  });
});

describe("resolveClientIp with CloudFront-Viewer-Address", () => {
  it("prefers CloudFront-Viewer-Address over X-Forwarded-For", () => {
    const headers = { "cloudfront-viewer-address": "198.51.100.10:46532", "x-forwarded-for": `${VIEWER}, ${CLOUDFRONT_ENI}` };
    expect(resolveClientIp(headers)).toEqual({ ip: "198.51.100.10", source: "cloudfront-viewer-address" });
  });

  it("splits an unbracketed IPv6 viewer address at the last colon (the port)", () => {
    expect(resolveClientIp({ "cloudfront-viewer-address": "2001:db8:85a3::8a2e:370:7334:46532" })?.ip).toBe("2001:db8:85a3::8a2e:370:7334");
  });

  it("falls back to X-Forwarded-For when the viewer address is malformed", () => {
    const headers = { "cloudfront-viewer-address": "evil", "x-forwarded-for": `${VIEWER}, ${CLOUDFRONT_ENI}` };
    expect(resolveClientIp(headers)).toEqual({ ip: VIEWER, source: "x-forwarded-for" });
  });
});

describe("address parsing", () => {
  it.each(["", "1.2.3", "256.1.1.1", "1.2.3.4:99999", "[1.2.3.4]:80", "[2001:db8::1", "example.com", "2001:db8::1]:80"])("rejects %j", (text) => {
    expect(parseAddress(text)).toBeUndefined();
  });

  it("rejects a viewer address whose port is out of range", () => {
    expect(parseViewerAddress("[2001:db8::1]:70000")).toBeUndefined();
  });
});

const ipv4 = fc.ipV4();
const ipv6 = fc.ipV6();
const port = fc.integer({ min: 0, max: 65535 });

/** Every way a hop may write an address, paired with the address it denotes. */
const writtenAddress = fc.oneof(
  ipv4.map((ip) => ({ text: ip, ip })),
  fc.tuple(ipv4, port).map(([ip, p]) => ({ text: `${ip}:${p}`, ip })),
  ipv6.map((ip) => ({ text: ip, ip: ip.toLowerCase() })),
  fc.tuple(ipv6, port).map(([ip, p]) => ({ text: `[${ip}]:${p}`, ip: ip.toLowerCase() })),
);

/** Anything a viewer might send as its own X-Forwarded-For entries. */
const spoofedEntries = fc.array(fc.oneof(fc.string().map((s) => s.replace(/,/g, "")), fc.ipV4(), fc.ipV6()), { maxLength: 6 });

describe("resolveClientIp properties", () => {
  it("always returns the viewer CloudFront appended, whatever the viewer prepended", () => {
    fc.assert(
      fc.property(spoofedEntries, writtenAddress, writtenAddress, (spoofed, viewer, proxy) => {
        const xff = [...spoofed, viewer.text, proxy.text].join(", ");
        expect(resolveClientIp({ "x-forwarded-for": xff })).toEqual({ ip: viewer.ip, source: "x-forwarded-for" });
      }),
    );
  });

  it("lets a valid CloudFront-Viewer-Address win over any X-Forwarded-For", () => {
    fc.assert(
      fc.property(fc.oneof(ipv4, ipv6), port, fc.string(), (ip, p, xff) => {
        const result = resolveClientIp({ "cloudfront-viewer-address": `${ip}:${p}`, "x-forwarded-for": xff });
        expect(result).toEqual({ ip: ip.toLowerCase(), source: "cloudfront-viewer-address" });
      }),
    );
  });

  it("never returns an address that is not a valid IP", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (viewerAddress, xff) => {
        const result = resolveClientIp({ "cloudfront-viewer-address": viewerAddress, "x-forwarded-for": xff });
        if (result !== undefined) expect(parseAddress(result.ip)).toBe(result.ip);
      }),
    );
  });
});
