/**
 * The exemptions in force and which of them matched a finding, shared by the policies of the
 * pack. @pulumi/policy hands each policy only its own config, so the `policy-exemptions` entry
 * is read by that policy (first in the pack, it runs before the others in every analyze call)
 * and kept here; the config is process-wide in @pulumi/policy too (server.js `policyPackConfig`).
 * Matches are kept per stack until the review policy (last in the pack) reports on them.
 */
import type { ReportViolation } from "@pulumi/policy";
import { exemptedMessage, exemptionMatches, isExpired, stackOf, todayUtc, type ExemptableResource, type Exemption, type ExemptionProblem } from "./exemptions";

let source: unknown;
let exemptions: readonly Exemption[] = [];
let problems: readonly ExemptionProblem[] = [];
const matched = new Map<string, Set<number>>();

/** Replaces the exemptions when the config value changed (compared by identity: it is parsed once). */
export function useExemptions(value: unknown, parse: (value: unknown) => { exemptions: Exemption[]; problems: ExemptionProblem[] }): void {
  if (value === source) return;
  source = value;
  ({ exemptions, problems } = parse(value));
}

export function exemptionsInForce(): { readonly exemptions: readonly Exemption[]; readonly problems: readonly ExemptionProblem[] } {
  return { exemptions, problems };
}

const stackKey = (urn: string) => {
  const { stack, project } = stackOf(urn);
  return `${stack}::${project}`;
};

/** The indexes of exemptions that matched a finding in the stack of `urn`, forgotten once read. */
export function takeMatches(urn: string): ReadonlySet<number> {
  const key = stackKey(urn);
  const found = matched.get(key) ?? new Set<number>();
  matched.delete(key);
  return found;
}

/**
 * The object form of a violation, which @pulumi/policy's reportViolation accepts at runtime and
 * uses for the diagnostic's own enforcement level (pulumi/pulumi-policy sdk/nodejs/policy/
 * server.ts makeReportViolationFun, commit bcc582f "Add overload for reportViolation to allow
 * passing an object argument"; the typings keep it commented out as "future support"). The
 * engine fails an update per diagnostic, on that level (pulumi/pulumi pkg/resource/deploy/
 * step_generator.go, AnalyzeStack: `if d.EnforcementLevel == apitype.Mandatory`).
 */
interface ViolationArgs {
  readonly message: string;
  readonly urn?: string;
  readonly enforcementLevel: "advisory" | "mandatory";
}

/**
 * Reports `message` about `resource` for `policy`, through the first exemption that matches: an
 * exemption in force turns it into an advisory saying "exempted" with the reason; an expired
 * one leaves it at the policy's level and says so. `description` prefixes the message as
 * @pulumi/policy does for plain string reports.
 */
export function reportWithExemptions(
  report: ReportViolation,
  policy: string,
  description: string,
  resource: ExemptableResource,
  message: string,
  urn?: string,
  today: string = todayUtc(),
): void {
  const candidates = exemptions.filter((e) => exemptionMatches(e, policy, resource));
  const e = candidates.find((x) => !isExpired(x, today)) ?? candidates[0];
  if (!e) return report(message, urn);
  const key = stackKey(resource.urn);
  const seen = matched.get(key) ?? new Set<number>();
  seen.add(e.index);
  matched.set(key, seen);
  if (isExpired(e, today)) {
    return report(`${message} (exemptions[${e.index}] for this finding expired on ${e.expires}; see the policy-exemption-review violation)`, urn);
  }
  const args: ViolationArgs = { message: `${description}\n${exemptedMessage(e, message)}`, urn: urn ?? resource.urn, enforcementLevel: "advisory" };
  (report as unknown as (a: ViolationArgs) => void)(args);
}
