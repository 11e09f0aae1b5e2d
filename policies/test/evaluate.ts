import { policies } from "../src/all";
import { isStackPolicy, type PlatformPolicy } from "../src/lib/define";
import { buildStackView } from "../src/lib/relations";
import { providerDefaultTags } from "../src/lib/values";
import type { FixtureResource } from "./fixtures";

export function policyNamed(name: string): PlatformPolicy {
  const policy = policies.find((p) => p.name === name);
  if (!policy) throw new Error(`no policy named ${name}`);
  return policy;
}

/** Runs a policy's pure decision function over a fixture, as the CrossGuard glue would. */
export function decide(policy: PlatformPolicy, resources: readonly FixtureResource[]): string[] {
  const withTags = resources.map((r) => ({ ...r, defaultTags: providerDefaultTags(r.provider?.properties) }));
  if (isStackPolicy(policy)) return policy.platform.check(buildStackView(withTags), policy.platform.defaults).map((f) => f.message);
  return withTags
    .filter((r) => policy.platform.types.includes(r.type))
    .flatMap((r) => policy.platform.check({ type: r.type, urn: r.urn, name: r.name, props: r.props, defaultTags: r.defaultTags }, policy.platform.defaults));
}
