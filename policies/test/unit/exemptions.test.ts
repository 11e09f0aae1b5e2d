import fc from "fast-check";
import { exemptionInStack, exemptionMatches, globMatches, parseExemptions, stackOf } from "../../src/lib/exemptions";

const POLICIES = ["lb-deletion-protection", "vpc-flow-logs"];
const valid = { policy: "lb-deletion-protection", urn: "urn:pulumi:dev::platform-app::*::alb", reason: "cut-over", owner: "platform-team", expires: "2027-03-31" };
const alb = { urn: "urn:pulumi:dev::platform-app::platform:app$aws:lb/loadBalancer:LoadBalancer::alb", type: "aws:lb/loadBalancer:LoadBalancer", name: "alb" };

describe("parseExemptions", () => {
  it("accepts an entry naming the resource by URN glob, or by stack + type + name", () => {
    const byParts = { ...valid, urn: undefined, stack: "dev", type: "aws:lb/*", name: "alb" };
    const { exemptions, problems } = parseExemptions([valid, byParts], POLICIES);
    expect(problems).toEqual([]);
    expect(exemptions.map((e) => [e.index, e.urn ?? `${e.stack} ${e.type} ${e.name}`])).toEqual([
      [0, valid.urn],
      [1, "dev aws:lb/* alb"],
    ]);
  });

  it.each([
    ["an unknown policy", { policy: "no-such-policy" }, '"no-such-policy" is not a policy of this pack. Fix: use a policy name'],
    ["no reason", { reason: undefined }, '"reason" is missing. Fix: say why'],
    ["no owner", { owner: undefined }, '"owner" is missing. Fix: name the team or person'],
    ["an impossible date", { expires: "2027-02-30" }, '"expires" is "2027-02-30", not a date. Fix: write YYYY-MM-DD'],
    ["no resource", { urn: undefined }, "names no resource. Fix: give \"urn\""],
    ["a urn and a name", { name: "alb" }, '"urn" and "stack"/"project"/"type"/"name" are both given'],
    ["an unknown field", { team: "x" }, '"team" is not an exemption field. Fix: remove it'],
  ])("refuses an entry with %s, naming the entry and the fix, and exempts nothing for it", (_what, patch, message) => {
    const entry = Object.fromEntries(Object.entries({ ...valid, ...patch }).filter(([, v]) => v !== undefined));
    const { exemptions, problems } = parseExemptions([valid, entry], POLICIES);
    expect(exemptions.map((e) => e.index)).toEqual([0]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining(message)]);
    expect(problems[0].message).toMatch(/^exemptions\[1\] /);
  });

  it("refuses a value that is not a list", () => {
    expect(parseExemptions({ policy: "x" }, POLICIES).problems[0].message).toMatch(/exemptions must be a list/);
  });
});

describe("matching", () => {
  it("matches by URN glob and by stack + project + type + name globs, for the named policy only", () => {
    const [byUrn, byParts, otherStack] = parseExemptions(
      [valid, { ...valid, urn: undefined, stack: "d?v", project: "platform-*", type: "aws:lb/*", name: "a*" }, { ...valid, urn: undefined, stack: "prod", type: "*", name: "*" }],
      POLICIES,
    ).exemptions;
    expect(exemptionMatches(byUrn, "lb-deletion-protection", alb)).toBe(true);
    expect(exemptionMatches(byUrn, "vpc-flow-logs", alb)).toBe(false);
    expect(exemptionMatches(byParts, "lb-deletion-protection", alb)).toBe(true);
    expect(exemptionMatches(otherStack, "lb-deletion-protection", alb)).toBe(false);
    expect(exemptionInStack(otherStack, stackOf(alb.urn), [alb])).toBe(false);
    expect(exemptionInStack(byUrn, stackOf(alb.urn), [])).toBe(true);
  });

  it("an exemption without a project is about a stack only when it names one of the stack's resources", () => {
    const [noProject] = parseExemptions([{ ...valid, urn: undefined, stack: "dev", type: "aws:lb/*", name: "alb" }], POLICIES).exemptions;
    const network = { stack: "dev", project: "platform-network" };
    const vpc = { urn: "urn:pulumi:dev::platform-network::aws:ec2/vpc:Vpc::vpc", type: "aws:ec2/vpc:Vpc", name: "vpc" };
    expect(exemptionInStack(noProject, network, [vpc])).toBe(false);
    expect(exemptionInStack(noProject, stackOf(alb.urn), [alb])).toBe(true);
  });

  it("a glob without wildcards matches exactly its own text, whatever characters it holds", () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !s.includes("*") && !s.includes("?")), fc.string(), (literal, other) => {
        return globMatches(literal, literal) && globMatches(literal, other) === (literal === other);
      }),
    );
  });

  it("`*` matches any run and `?` exactly one character", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string({ minLength: 1, maxLength: 1 }), (a, b, c) => {
        const safe = (s: string) => s.replace(/[*?]/g, "x");
        return globMatches(`${safe(a)}*`, `${safe(a)}${b}`) && globMatches(`?${safe(a)}`, `${c}${safe(a)}`) && !globMatches(`?${safe(a)}`, safe(a));
      }),
    );
  });
});
