/**
 * The two policies that carry exemptions (lib/exemptions.ts): `policy-exemptions` holds the
 * reviewed list in its config and runs first, so every other policy sees it; the review runs last
 * in analyzeStack and reports expired, invalid and unused exemptions of the stack.
 */
import type { ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { exemptionsInForce, takeMatches, useExemptions } from "./lib/exemption-registry";
import { describeExemption, EXEMPTIONS_POLICY, EXEMPTIONS_SCHEMA, exemptionInStack, isExpired, parseExemptions, stackOf, todayUtc } from "./lib/exemptions";

export const EXEMPTION_REVIEW_POLICY = "policy-exemption-review";

const framework = (reference: string, specification: string) => ({ name: "aws-platform", version: "1.0.0", reference, specification });

/** The exemption policies around the pack's policies, whose names an exemption may use. */
export function withExemptions<P extends { readonly name: string }>(policies: readonly P[]): (P | ResourceValidationPolicy | StackValidationPolicy)[] {
  const names = policies.map((p) => p.name);
  const holder: ResourceValidationPolicy = {
    name: EXEMPTIONS_POLICY,
    description: "Reviewed exemptions (config property `exemptions`): an exempted violation is reported as an advisory saying why, by whom and until when.",
    enforcementLevel: "advisory",
    severity: "low",
    framework: framework("EXEMPT-1", "Accepted violations are listed, owned and dated"),
    remediationSteps: "Add, renew or remove entries of `exemptions` under policy-exemptions in policies/config/<env>.json through a reviewed change.",
    configSchema: { properties: { exemptions: EXEMPTIONS_SCHEMA } },
    validateResource: (args) => useExemptions(args.getConfig<{ exemptions?: unknown }>().exemptions, (v) => parseExemptions(v, names)),
  };
  const review: StackValidationPolicy = {
    name: EXEMPTION_REVIEW_POLICY,
    description: "Exemptions stay valid: an expired or invalid exemption is a mandatory violation; one that matches nothing in the stack is reported for removal.",
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: framework("EXEMPT-2", "Expired and unused exemptions are cleaned up"),
    remediationSteps: "Fix the exempted violation or renew the exemption (a new expires date, reviewed); remove entries that match nothing.",
    validateStack: (args, report: ReportViolation) => {
      const first = args.resources[0]?.urn;
      if (first === undefined) return;
      const stack = stackOf(first);
      const hits = takeMatches(first);
      const { exemptions, problems } = exemptionsInForce();
      const today = todayUtc();
      for (const p of problems) report(`invalid exemption in the policy pack config (policy-exemptions): ${p.message}`);
      const resources = args.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name }));
      for (const e of exemptions.filter((x) => exemptionInStack(x, stack, resources))) {
        if (isExpired(e, today)) {
          report(
            `${describeExemption(e)} expired on ${e.expires} (reason: ${e.reason}). Fix: fix the violation and remove the entry, ` +
              "or renew it with a new expires date through a reviewed change to the pack config.",
          );
        } else if (!hits.has(e.index)) {
          // The object form sets this diagnostic's level (see lib/exemption-registry.ts).
          const stale = {
            message: `${review.description}\n${describeExemption(e)} matches no violation in stack ${stack.project}/${stack.stack}: the resource is gone or compliant. Fix: remove the entry.`,
            enforcementLevel: "advisory" as const,
          };
          (report as unknown as (a: typeof stale) => void)(stale);
        }
      }
    },
  };
  return [holder, ...policies, review];
}
