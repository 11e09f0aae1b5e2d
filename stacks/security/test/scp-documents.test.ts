import fc from "fast-check";
import { PlatformError } from "@platform/wiring";
import { GLOBAL_SERVICE_ACTIONS, platformCiRolesPattern, PROTECTED_ACTIONS, regionGuardrail, renderScp, SCP_MAX_CHARS, securityBaseline } from "../src/scp-documents";

const regions = ["eu-central-1", "us-east-1"];

describe("region guardrail SCP", () => {
  it("denies everything but global services outside the allowed regions", () => {
    const [statement] = regionGuardrail({ allowedRegions: regions }).Statement;
    expect(statement.Effect).toBe("Deny");
    expect(statement.NotAction).toEqual(expect.arrayContaining(["iam:*", "cloudfront:*", "route53:*", "sts:*", "wafv2:*", "organizations:*"]));
    expect(statement.Condition).toEqual({ StringNotEquals: { "aws:RequestedRegion": regions } });
  });

  it("adds configured global actions once and exempts configured principals", () => {
    const [statement] = regionGuardrail({ allowedRegions: regions, extraGlobalActions: ["sso:*", "iam:*"], exemptPrincipalArns: ["arn:aws:iam::*:role/BreakGlass"] }).Statement;
    expect(statement.NotAction?.filter((a) => a === "iam:*")).toHaveLength(1);
    expect(statement.NotAction).toContain("sso:*");
    expect(statement.Condition?.ArnNotLike).toEqual({ "aws:PrincipalARN": ["arn:aws:iam::*:role/BreakGlass"] });
  });

  it("renders as compact JSON well under the SCP size limit with the default global services", () => {
    const content = renderScp("region-guardrail", regionGuardrail({ allowedRegions: regions }), "key");
    expect(JSON.parse(content)).toEqual(regionGuardrail({ allowedRegions: regions }));
    expect(content.length).toBeLessThan(SCP_MAX_CHARS);
    expect(content).not.toMatch(/\s/);
  });

  it("refuses a policy over 5,120 characters, naming the config keys to shorten", () => {
    const extra = Array.from({ length: 300 }, (_, i) => `service${i}:DescribeSomething`);
    const doc = regionGuardrail({ allowedRegions: regions, extraGlobalActions: extra });
    expect(() => renderScp("region-guardrail", doc, "platform-security:organization.extraGlobalActions")).toThrow(PlatformError);
    expect(() => renderScp("region-guardrail", doc, "platform-security:organization.extraGlobalActions")).toThrow(
      /region-guardrail service control policy would be \d+ characters; AWS Organizations accepts at most 5120.*platform-security:organization\.extraGlobalActions/,
    );
  });

  it("either fits the limit or fails with a PlatformError, for any list of regions and extra actions", () => {
    const action = fc.stringMatching(/^[a-z]{2,12}:[A-Z][a-zA-Z]{2,20}$/);
    const region = fc.stringMatching(/^[a-z]{2}-[a-z]{4,9}-\d$/);
    fc.assert(
      fc.property(fc.array(region, { minLength: 1, maxLength: 30 }), fc.array(action, { maxLength: 250 }), (allowed, extra) => {
        const doc = regionGuardrail({ allowedRegions: allowed, extraGlobalActions: extra });
        const size = JSON.stringify(doc).length;
        if (size <= SCP_MAX_CHARS) expect(renderScp("r", doc, "k")).toHaveLength(size);
        else expect(() => renderScp("r", doc, "k")).toThrow(PlatformError);
      }),
    );
  });

  it("keeps the global-service list free of duplicates", () => {
    expect(new Set(GLOBAL_SERVICE_ACTIONS).size).toBe(GLOBAL_SERVICE_ACTIONS.length);
  });
});

describe("security baseline SCP", () => {
  const statements = securityBaseline({ partition: "aws" }).Statement;
  const actions = (sid: string) => statements.find((s) => s.Sid === sid)?.Action;

  it("denies switching off Security Hub, GuardDuty, CloudTrail and Config", () => {
    expect(actions("ProtectSecurityHub")).toContain("securityhub:DisableSecurityHub");
    expect(actions("ProtectGuardDuty")).toEqual(expect.arrayContaining(["guardduty:DeleteDetector", "guardduty:UpdateDetector"]));
    expect(actions("ProtectCloudTrail")).toEqual(expect.arrayContaining(["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"]));
    expect(actions("ProtectConfig")).toEqual(expect.arrayContaining(["config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel"]));
  });

  it("denies changing the account-level S3 public access block and leaving the organization", () => {
    expect(actions("ProtectAccountPublicAccessBlock")).toEqual(["s3:PutAccountPublicAccessBlock"]);
    expect(actions("DenyLeavingOrganization")).toBe("organizations:LeaveOrganization");
    expect(statements.every((s) => s.Effect === "Deny" && s.Resource === "*" && s.Principal === undefined)).toBe(true);
  });

  it("exempts configured principals from the service protections but never from leaving the organization", () => {
    const exempt = securityBaseline({ partition: "aws", exemptPrincipalArns: ["arn:aws:iam::*:role/platform-ci/*"] }).Statement;
    for (const s of exempt.filter((s) => s.Sid !== "DenyLeavingOrganization")) {
      expect(s.Condition).toEqual({ ArnNotLike: { "aws:PrincipalARN": ["arn:aws:iam::*:role/platform-ci/*"] } });
    }
    expect(exempt.find((s) => s.Sid === "DenyLeavingOrganization")?.Condition).toBeUndefined();
    expect(renderScp("security-baseline", securityBaseline({ partition: "aws" }), "k").length).toBeLessThan(SCP_MAX_CHARS);
  });

  it("always exempts the platform CI roles of the organization's partition, so the security stack can update its detector, trail and recorder", () => {
    for (const partition of ["aws", "aws-us-gov", "aws-cn"]) {
      const protections = securityBaseline({ partition }).Statement.filter((s) => s.Sid !== "DenyLeavingOrganization");
      expect(protections.map((s) => s.Sid).sort()).toEqual(Object.keys(PROTECTED_ACTIONS).sort());
      for (const s of protections) expect(s.Condition).toEqual({ ArnNotLike: { "aws:PrincipalARN": [`arn:${partition}:iam::*:role/platform-ci/*`] } });
    }
    expect(securityBaseline({ partition: "aws" }).Statement.find((s) => s.Sid === "ProtectGuardDuty")?.Action).toContain("guardduty:UpdateDetector");
  });

  it("keeps the CI-role exemption first and adds each configured principal once", () => {
    const [first] = securityBaseline({ partition: "aws", exemptPrincipalArns: ["arn:aws:iam::*:role/BreakGlass", "arn:aws:iam::*:role/BreakGlass"] }).Statement;
    expect(first.Condition).toEqual({ ArnNotLike: { "aws:PrincipalARN": [platformCiRolesPattern("aws"), "arn:aws:iam::*:role/BreakGlass"] } });
  });

  it("either fits the SCP limit or fails with a PlatformError naming exemptPrincipalArns, for any list of exemptions", () => {
    const arn = fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,40}$/).map((name) => `arn:aws:iam::*:role/${name}`);
    fc.assert(
      fc.property(fc.array(arn, { maxLength: 60 }), (exempt) => {
        const doc = securityBaseline({ partition: "aws", exemptPrincipalArns: exempt });
        const size = JSON.stringify(doc).length;
        if (size <= SCP_MAX_CHARS) expect(renderScp("security-baseline", doc, "platform-security:organization.exemptPrincipalArns")).toHaveLength(size);
        else expect(() => renderScp("security-baseline", doc, "platform-security:organization.exemptPrincipalArns")).toThrow(/exemptPrincipalArns/);
      }),
    );
  });
});
