import { policies } from "../../src/all";
import { STRICTER_THAN_SECURITY_HUB } from "../../src/lib/stricter";
import { documentedTables } from "../fixtures/documented";
import { decide, policyNamed } from "../evaluate";

/**
 * Each claimed control decides what its Security Hub page documents: every case of a control's
 * table is a configuration the page (or the provider default it depends on) says passes or fails.
 */
describe.each(documentedTables.map((t) => [`${t.policy} (${t.doc})`, t] as const))("%s", (_title, table) => {
  const policy = policyNamed(table.policy);
  it.each(table.cases.map((c) => [`${c.expect}s: ${c.name} — ${table.doc}`, c] as const))("%s", (_name, c) => {
    const messages = decide(policy, c.resources);
    if (c.expect === "pass") {
      expect(messages).toEqual([]);
    } else {
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) expect(message).toMatch(/Fix: \S/);
    }
  });
});

describe("documented-rule coverage", () => {
  // CloudFront controls other than CloudFront.9 are documented in test/cloudfront.
  const inScope = policies.filter((p) => !p.name.startsWith("cloudfront-") || p.name === "cloudfront-origin-https-only");

  it("every FSBP policy has a table with a passing and a failing case from its control's Security Hub page", () => {
    const missing = inScope
      .filter((p) => p.platform.framework.name === "aws-foundational-security-best-practices")
      .filter((p) => {
        const tables = documentedTables.filter((t) => t.policy === p.name && t.doc.includes("securityhub/latest/userguide/"));
        const expects = new Set(tables.flatMap((t) => t.cases.map((c) => c.expect)));
        return !(expects.has("pass") && expects.has("fail"));
      })
      .map((p) => `${p.name} (${p.platform.framework.reference})`);
    expect(missing).toEqual([]);
  });

  it("a table cites the anchor of the control its policy claims", () => {
    const wrong = documentedTables.flatMap((t) => {
      const f = policyNamed(t.policy).platform.framework;
      if (f.name !== "aws-foundational-security-best-practices" || !t.doc.includes("securityhub/latest/userguide/")) return [];
      return t.doc.endsWith(`#${f.reference.toLowerCase().replace(".", "-")}`) ? [] : [`${t.policy}: ${t.doc} is not ${f.reference}`];
    });
    expect(wrong).toEqual([]);
  });

  it("every policy stricter than Security Hub is a platform rule whose description says why", () => {
    const wrong = Object.keys(STRICTER_THAN_SECURITY_HUB).flatMap((name) => {
      const p = policies.find((x) => x.name === name);
      if (!p) return [`${name} is not a policy`];
      if (p.platform.framework.name !== "aws-platform") return [`${name} claims ${p.platform.framework.reference} but is stricter than it`];
      return /Security Hub|no FSBP control/i.test(p.description) ? [] : [`${name}'s description does not say how it differs from Security Hub`];
    });
    expect(wrong).toEqual([]);
  });
});
