import * as fs from "node:fs";
import * as path from "node:path";
import { startPolicyPack, UNKNOWN, type PackConfig, type PolicyPackClient } from "@platform/analyzer";
import { policies } from "../../src/all";
import { packPolicies } from "../../src/pack";
import { allCases, res } from "../fixtures";
import { PACK_DIR, asSecret, preview, toAnalyzerResource } from "./harness";

/**
 * The pack as the Pulumi CLI runs it: `node .../run-policy-pack <engine> policies`, then the
 * Analyzer gRPC service. Started once for the file (cold start type-checks the pack).
 */
let pack: PolicyPackClient;
beforeAll(async () => {
  pack = await startPolicyPack({ packDir: PACK_DIR });
}, 240_000);
afterAll(async () => {
  await pack?.close();
});

const readConfig = (env: string) => JSON.parse(fs.readFileSync(path.join(PACK_DIR, "config", `${env}.json`), "utf8")) as PackConfig;

describe("started the way the Pulumi CLI starts it", () => {
  it("prints a port and serves every policy with its level, severity, Security Hub control and remediation", async () => {
    expect(pack.startupMs).toBeGreaterThan(0);
    const info = await pack.getAnalyzerInfo();
    expect(info.name).toBe("aws-platform");
    expect(info.supportsConfig).toBe(true);
    expect(info.policies.map((p) => p.name)).toEqual(packPolicies.map((p) => p.name));
    expect(info.policies.map((p) => p.name).slice(1, -1)).toEqual(policies.map((p) => p.name));
    for (const served of info.policies) {
      const local = packPolicies.find((p) => p.name === served.name);
      expect(served.enforcementLevel).toBe(local?.enforcementLevel);
      expect(served.severity).toBe(local?.severity);
      expect(served.framework?.reference).toBe(local?.framework?.reference);
      expect(served.remediationSteps).toBeTruthy();
    }
  });
});

describe.each(allCases.map((c) => [c.policy, c] as const))("%s through analyze/analyzeStack", (name, testCase) => {
  const level = policies.find((p) => p.name === name)?.enforcementLevel;

  it("reports nothing for the compliant fixture", async () => {
    const ds = await preview(pack, testCase.compliant.map((r) => toAnalyzerResource(r)));
    expect(ds.filter((d) => d.policyName === name)).toEqual([]);
  });

  it.each(testCase.violations.map((m) => [m.name, m] as const))("reports %s at its level", async (_m, mutation) => {
    const ds = (await preview(pack, mutation.resources.map((r) => toAnalyzerResource(r)))).filter((d) => d.policyName === name);
    expect(ds.length).toBeGreaterThan(0);
    expect(ds.every((d) => d.enforcementLevel === level && d.urn !== undefined)).toBe(true);
  });

  it("decides on the plaintext when every property arrives as a secret", async () => {
    const violating = testCase.violations[0].resources.map((r) => toAnalyzerResource(r, asSecret));
    const compliant = testCase.compliant.map((r) => toAnalyzerResource(r, asSecret));
    expect((await preview(pack, violating)).some((d) => d.policyName === name)).toBe(true);
    expect((await preview(pack, compliant)).filter((d) => d.policyName === name)).toEqual([]);
  });
});

describe("preview with unknown values", () => {
  const fixtures = allCases.flatMap((c) => [...c.compliant, ...c.violations.flatMap((m) => m.resources), ...(c.passes ?? []).flatMap((m) => m.resources)]);
  const types = [...new Set(fixtures.map((r) => r.type))];
  // Policies decided by what exists in the stack, not by a value: a missing companion resource
  // (flow log, public access block, bucket policy...) or a resource type that is itself the violation.
  const existenceBased = ["default-security-group-no-rules", "vpc-flow-logs", "vpc-endpoint-ecr-api", "vpc-endpoint-ecr-dkr", "s3-bucket-encryption-configured", "s3-bucket-public-access-block", "s3-bucket-tls-only", "ecr-lifecycle-policy", "iam-no-user-policies"];

  it.each(types)("a %s whose every input is unknown gets no mandatory diagnostic from any policy", async (type) => {
    const keys = new Set(fixtures.filter((r) => r.type === type).flatMap((r) => Object.keys(r.props)));
    const resource = res(type, "preview", Object.fromEntries([...keys].map((k) => [k, UNKNOWN])));
    const ds = await preview(pack, [toAnalyzerResource(resource)]);
    expect(ds.filter((d) => d.enforcementLevel === "mandatory" && !existenceBased.includes(d.policyName) && !d.policyName.startsWith("cloudfront-"))).toEqual([]);
  });
});

describe("policy pack config", () => {
  afterAll(async () => {
    await pack.configure({});
  });

  const unprotectedLb = [res("aws:lb/loadBalancer:LoadBalancer", "alb", { internal: true, dropInvalidHeaderFields: true, desyncMitigationMode: "strictest", accessLogs: { enabled: true }, enableDeletionProtection: false })];
  const monthLogs = [res("aws:cloudwatch/logGroup:LogGroup", "lg", { kmsKeyId: "k", retentionInDays: 30 })];

  it("dev.json keeps deletion protection advisory and accepts 30-day logs", async () => {
    await pack.configure(readConfig("dev"), "policies/config/dev.json");
    const ds = await preview(pack, [...unprotectedLb, ...monthLogs].map((r) => toAnalyzerResource(r)));
    expect(ds.find((d) => d.policyName === "lb-deletion-protection")?.enforcementLevel).toBe("advisory");
    expect(ds.filter((d) => d.policyName === "log-group-retention")).toEqual([]);
  });

  it("prod.json makes deletion protection mandatory and requires 365-day logs", async () => {
    await pack.configure(readConfig("prod"), "policies/config/prod.json");
    const ds = await preview(pack, [...unprotectedLb, ...monthLogs].map((r) => toAnalyzerResource(r)));
    expect(ds.find((d) => d.policyName === "lb-deletion-protection")?.enforcementLevel).toBe("mandatory");
    expect(ds.find((d) => d.policyName === "log-group-retention")?.message).toMatch(/30 days, less than the required 365/);
  });

  it("rejects a config naming an unknown policy or property, naming the file and key", async () => {
    await expect(pack.configure({ "no-such-policy": "advisory", "log-group-retention": { minDays: 3 } }, "policies/config/bad.json")).rejects.toThrow(
      /policies\/config\/bad\.json[\s\S]*"no-such-policy" is not a policy[\s\S]*"log-group-retention\.minDays" is not a config property/,
    );
  });

  it("rejects a wrong-typed value against the configSchema the pack itself reports, instead of silently disabling the policy", async () => {
    await expect(pack.configure({ "log-group-retention": { minRetentionDays: "seven" } }, "policies/config/bad.json")).rejects.toThrow(
      /policies\/config\/bad\.json:\n {2}- "log-group-retention\.minRetentionDays" must be integer \(got "seven"\); the policy expects \{[^}]*"type":"integer"/,
    );
  });
});

describe("exemptions in the pack config (policy-exemptions), through analyze/analyzeStack", () => {
  afterAll(async () => {
    await pack.configure({});
  });

  const lb = res("aws:lb/loadBalancer:LoadBalancer", "alb", { internal: true, dropInvalidHeaderFields: true, desyncMitigationMode: "strictest", accessLogs: { enabled: true }, enableDeletionProtection: false });
  const entry = (more: Record<string, unknown>) => ({ policy: "lb-deletion-protection", reason: "blue/green cut-over in progress", owner: "platform-team", expires: "2999-12-31", ...more });
  const withExemptions = (...exemptions: Record<string, unknown>[]): PackConfig => ({ ...readConfig("prod"), "policy-exemptions": { exemptions } });
  const of = <D extends { policyName: string }>(ds: readonly D[], name: string): D[] => ds.filter((d) => d.policyName === name);

  it("an exempted violation is reported as an advisory saying exempted, with reason, owner and expiry; nothing else changes", async () => {
    await pack.configure(withExemptions(entry({ urn: lb.urn })));
    const ds = await preview(pack, [toAnalyzerResource(lb)]);
    const [d, ...more] = of(ds, "lb-deletion-protection");
    expect(more).toEqual([]);
    expect(d.enforcementLevel).toBe("advisory");
    expect(d.message).toContain("exempted (blue/green cut-over in progress; owner platform-team; expires 2999-12-31; exemptions[0]): LoadBalancer \"alb\" has no deletion protection");
    expect(of(ds, "policy-exemption-review")).toEqual([]);
    // Without the exemption the same configuration fails: the exemption is what changed the level.
    await pack.configure(withExemptions());
    expect(of(await preview(pack, [toAnalyzerResource(lb)]), "lb-deletion-protection").map((x) => x.enforcementLevel)).toEqual(["mandatory"]);
  });

  it("names a resource by stack + type + name globs", async () => {
    await pack.configure(withExemptions(entry({ stack: "te?t", type: "aws:lb/*", name: "a*" })));
    expect(of(await preview(pack, [toAnalyzerResource(lb)]), "lb-deletion-protection").map((x) => x.enforcementLevel)).toEqual(["advisory"]);
    await pack.configure(withExemptions(entry({ stack: "prod", type: "aws:lb/*", name: "a*" })));
    expect(of(await preview(pack, [toAnalyzerResource(lb)]), "lb-deletion-protection").map((x) => x.enforcementLevel)).toEqual(["mandatory"]);
  });

  it("exempts a stack policy's finding on its resource", async () => {
    const vpc = res("aws:ec2/vpc:Vpc", "main", { cidrBlock: "10.0.0.0/16" });
    await pack.configure(withExemptions(entry({ policy: "vpc-flow-logs", urn: "urn:pulumi:test::platform::aws:ec2/vpc:Vpc::*" })));
    const ds = of(await preview(pack, [toAnalyzerResource(vpc)]), "vpc-flow-logs");
    expect(ds.length).toBeGreaterThan(0);
    expect(ds.every((d) => d.enforcementLevel === "advisory" && d.message.includes("exempted ("))).toBe(true);
  });

  it("an expired exemption is a mandatory violation naming it, and the finding is mandatory again", async () => {
    await pack.configure(withExemptions(entry({ urn: lb.urn, expires: "2000-01-31" })));
    const ds = await preview(pack, [toAnalyzerResource(lb)]);
    expect(of(ds, "lb-deletion-protection").map((d) => [d.enforcementLevel, /exemptions\[0\] for this finding expired on 2000-01-31/.test(d.message)])).toEqual([["mandatory", true]]);
    const review = of(ds, "policy-exemption-review");
    expect(review.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(review[0].message).toMatch(/exemptions\[0\] \(policy lb-deletion-protection, resource urn:pulumi:test::platform::aws:lb\/loadBalancer:LoadBalancer::alb, owner platform-team\) expired on 2000-01-31/);
  });

  it("an exemption that matches nothing in its stack is reported for removal; one for another stack is not", async () => {
    await pack.configure(withExemptions(entry({ urn: "urn:pulumi:test::platform::*::gone" }), entry({ urn: "urn:pulumi:prod::platform-app::*::alb" })));
    const review = of(await preview(pack, [toAnalyzerResource(lb)]), "policy-exemption-review");
    expect(review.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    expect(review[0].message).toMatch(/exemptions\[0\] .* matches no violation in stack platform\/test.*Fix: remove the entry/);
  });

  it("an entry missing a field is refused before analysis, as the Pulumi CLI refuses it against the schema, naming the entry", async () => {
    // pulumi/pulumi pkg/resource/analyzer/config.go validates each policy's config against its configSchema.
    await expect(pack.configure(withExemptions({ policy: "lb-deletion-protection", urn: lb.urn, owner: "platform-team", expires: "2999-12-31" }))).rejects.toThrow(
      /"policy-exemptions\.exemptions\[0\]\.reason" is required by the policy/,
    );
  });

  it("an entry the schema admits but that is still wrong exempts nothing and is a mandatory violation saying which entry and the fix", async () => {
    await pack.configure(withExemptions(entry({ urn: lb.urn, expires: "2999-02-30" })));
    const ds = await preview(pack, [toAnalyzerResource(lb)]);
    expect(of(ds, "lb-deletion-protection").map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    const messages = of(ds, "policy-exemption-review").map((d) => `${d.enforcementLevel}: ${d.message}`);
    expect(messages).toEqual([expect.stringMatching(/^mandatory: [\s\S]*exemptions\[0\] \(policy "lb-deletion-protection"\): "expires" is "2999-02-30", not a date\. Fix: write YYYY-MM-DD/)]);
  });
});
