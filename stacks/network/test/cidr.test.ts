import fc from "fast-check";
import { MAX_AZS, contains, formatCidr, overlaps, parseCidr, planSubnets, type Ipv4Cidr } from "../src/cidr";

const vpcCidrs = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 16, max: 24 }))
  .map(([addr, prefix]) => formatCidr({ base: addr - (addr % 2 ** (32 - prefix)), prefix }));

const parsed = (text: string): Ipv4Cidr => parseCidr(text) as Ipv4Cidr;

describe("subnet CIDR plan", () => {
  it("never overlaps two subnets and keeps every subnet inside the VPC", () => {
    fc.assert(
      fc.property(vpcCidrs, fc.integer({ min: 1, max: MAX_AZS }), (vpc, azs) => {
        const subnets = planSubnets(vpc, azs).flatMap((p) => [p.app, p.data]).map(parsed);
        for (const [i, a] of subnets.entries()) {
          expect(contains(parsed(vpc), a)).toBe(true);
          for (const b of subnets.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
        }
      }),
    );
  });

  it("keeps existing subnets where they are when the AZ count grows", () => {
    fc.assert(
      fc.property(vpcCidrs, fc.integer({ min: 1, max: MAX_AZS - 1 }), (vpc, azs) => {
        const before = planSubnets(vpc, azs);
        const after = planSubnets(vpc, azs + 1);
        expect(after.slice(0, azs)).toEqual(before);
      }),
    );
  });

  it("carves /20 app and data subnets from a /16", () => {
    expect(planSubnets("10.20.0.0/16", 2)).toEqual([
      { az: 0, app: "10.20.0.0/20", data: "10.20.128.0/20" },
      { az: 1, app: "10.20.16.0/20", data: "10.20.144.0/20" },
    ]);
  });

  it("refuses a VPC too small to hold /28 subnets", () => {
    expect(() => planSubnets("10.0.0.0/25", 1)).toThrow(/too small/);
  });

  it("parses and formats every network CIDR losslessly", () => {
    fc.assert(fc.property(vpcCidrs, (text) => expect(formatCidr(parsed(text))).toBe(text)));
  });

  it.each(["10.0.0/16", "10.0.0.1/16", "256.0.0.0/16", "10.0.0.0/33", "10.0.0.0"])("rejects %s", (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});
