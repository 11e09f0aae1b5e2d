import { UNKNOWN } from "../../src/lib/values";
import * as t from "../../src/cloudfront/transit";

/** A compliant distribution (camelCase, as the engine sends it); each test mutates one property. */
const dist = () => ({
  defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https", cachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", targetOriginId: "app" },
  orderedCacheBehaviors: [{ pathPattern: "/static/*", viewerProtocolPolicy: "https-only", targetOriginId: "app" }],
  origins: [{ originId: "app", domainName: "internal-alb.eu-west-1.elb.amazonaws.com", customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }],
  originGroups: [{ originId: "g" }],
  viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:1:certificate/x", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
});
const vpcOrigin = () => ({ vpcOriginEndpointConfig: { originProtocolPolicy: "https-only", originSslProtocols: { items: ["TLSv1.2"], quantity: 1 } } });
const all = (p: Record<string, unknown>) =>
  [t.viewerHttpsViolations, t.viewerTlsViolations, t.customCertificateViolations, t.sniViolations, t.originHttpsViolations, t.originTlsViolations, t.defaultRootObjectViolations, t.originAccessControlViolations, t.originFailoverViolations].flatMap((f) => f(p));

describe("CloudFront transit decisions", () => {
  it("pass the compliant distribution", () => expect(all(dist())).toEqual([]));

  it("reject allow-all on an ordered behavior, naming it", () => {
    const p = dist();
    p.orderedCacheBehaviors[0].viewerProtocolPolicy = "allow-all";
    expect(t.viewerHttpsViolations(p)[0]).toContain("orderedCacheBehaviors[0] `/static/*`");
  });

  it("reject allow-all on the default behavior", () => {
    const p = dist();
    p.defaultCacheBehavior.viewerProtocolPolicy = "allow-all";
    expect(t.viewerHttpsViolations(p)[0]).toContain("defaultCacheBehavior");
  });

  it("reject a viewer TLS minimum below TLSv1.2_2021 with a custom certificate", () => {
    const p = dist();
    p.viewerCertificate.minimumProtocolVersion = "TLSv1.2_2019";
    expect(t.viewerTlsViolations(p)).toHaveLength(1);
  });

  it("report the default certificate separately from the TLS minimum", () => {
    const p = { ...dist(), viewerCertificate: { cloudfrontDefaultCertificate: true } };
    expect(t.viewerTlsViolations(p)).toEqual([]);
    expect(t.customCertificateViolations(p)).toHaveLength(1);
  });

  it("reject dedicated-IP SSL", () => {
    const p = dist();
    p.viewerCertificate.sslSupportMethod = "vip";
    expect(t.sniViolations(p)).toHaveLength(1);
  });

  it("reject an http-only custom origin", () => {
    const p = dist();
    p.origins[0].customOriginConfig.originProtocolPolicy = "http-only";
    expect(t.originHttpsViolations(p)[0]).toContain('origin "app"');
  });

  it("reject deprecated origin SSL protocols", () => {
    const p = dist();
    p.origins[0].customOriginConfig.originSslProtocols = ["TLSv1.1", "TLSv1.2"];
    expect(t.originTlsViolations(p)[0]).toContain("TLSv1.1");
  });

  it("require a default root object and origin access control for S3 origins", () => {
    const p = { ...dist(), origins: [{ originId: "site", domainName: "b.s3.us-east-1.amazonaws.com", s3OriginConfig: { originAccessIdentity: "" } }] };
    expect(t.defaultRootObjectViolations(p)).toHaveLength(1);
    expect(t.originAccessControlViolations(p)).toHaveLength(1);
  });

  it("advise an origin group", () => expect(t.originFailoverViolations({ ...dist(), originGroups: [] })).toHaveLength(1));

  it("never report on values unknown during preview", () => {
    const p = { ...dist(), viewerCertificate: UNKNOWN, origins: UNKNOWN, orderedCacheBehaviors: UNKNOWN, originGroups: UNKNOWN };
    expect(all(p)).toEqual([]);
    const q = dist();
    q.defaultCacheBehavior.viewerProtocolPolicy = UNKNOWN;
    q.viewerCertificate.minimumProtocolVersion = UNKNOWN;
    expect(all(q)).toEqual([]);
  });

  it("judge VPC origins: plain HTTP is advisory, deprecated TLS is not allowed", () => {
    expect(t.vpcOriginHttpViolations(vpcOrigin())).toEqual([]);
    const http = vpcOrigin();
    http.vpcOriginEndpointConfig.originProtocolPolicy = "http-only";
    expect(t.vpcOriginHttpViolations(http)).toHaveLength(1);
    const old = vpcOrigin();
    old.vpcOriginEndpointConfig.originSslProtocols.items = ["TLSv1"];
    expect(t.vpcOriginTlsViolations(old)).toHaveLength(1);
  });
});
