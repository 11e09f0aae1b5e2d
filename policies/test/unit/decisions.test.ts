import { policies } from "../../src/all";
import { UNKNOWN } from "../../src/lib/values";
import { allCases, type FixtureResource } from "../fixtures";
import { decide, policyNamed } from "../evaluate";

describe.each(allCases.map((c) => [c.policy, c] as const))("%s", (_name, testCase) => {
  const policy = policyNamed(testCase.policy);

  it("accepts the compliant fixture", () => {
    expect(decide(policy, testCase.compliant)).toEqual([]);
  });

  it.each(testCase.violations.map((m) => [m.name, m] as const))("reports %s, naming the resource and the fix", (_m, mutation) => {
    const messages = decide(policy, mutation.resources);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(mutation.resources.some((r) => message.includes(`"${r.name}"`))).toBe(true);
      expect(message).toMatch(/Fix: \S/);
    }
  });

  if (testCase.passes?.length) {
    it.each(testCase.passes.map((m) => [m.name, m] as const))("accepts %s", (_m, mutation) => {
      expect(decide(policy, mutation.resources)).toEqual([]);
    });
  }
});

it("every policy outside CloudFront has a compliant fixture and at least one violating mutation", () => {
  const covered = new Set(allCases.filter((c) => c.violations.length > 0).map((c) => c.policy));
  const missing = policies.filter((p) => !p.name.startsWith("cloudfront-") && !covered.has(p.name)).map((p) => p.name);
  expect(missing).toEqual([]);
});

/** Every path to a value inside a resource's properties (objects and arrays, any depth). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  return [];
}

function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, replacement) : v));
  const record = value as Record<string, unknown>;
  return { ...record, [head as string]: setAt(record[head as string], rest, replacement) };
}

/** Each fixture variant with exactly one value (at any depth) replaced by the preview's unknown. */
function withOneUnknown(resources: readonly FixtureResource[]): { label: string; resources: FixtureResource[] }[] {
  return resources.flatMap((r, index) =>
    paths(r.props).map((path) => ({
      label: `${r.name}.${path.join(".")}`,
      resources: resources.map((x, i) => (i === index ? { ...x, props: setAt(x.props, path, UNKNOWN) as Record<string, unknown> } : x)),
    })),
  );
}

describe("preview safety", () => {
  it.each(allCases.map((c) => [c.policy, c] as const))("%s: no value of the compliant fixture turns into a violation when it is unknown", (_name, testCase) => {
    const policy = policyNamed(testCase.policy);
    const flagged = withOneUnknown(testCase.compliant).filter((variant) => decide(policy, variant.resources).length > 0).map((v) => v.label);
    expect(flagged).toEqual([]);
  });

  it.each(allCases.map((c) => [c.policy, c] as const))("%s: never throws on an unknown anywhere in a violating fixture", (_name, testCase) => {
    const policy = policyNamed(testCase.policy);
    for (const mutation of testCase.violations) {
      for (const variant of withOneUnknown(mutation.resources)) expect(() => decide(policy, variant.resources)).not.toThrow();
    }
  });
});
