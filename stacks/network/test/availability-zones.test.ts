import fc from "fast-check";
import { PlatformError } from "@platform/wiring";
import { plain, resourcesOf, runStacks, type StackRun } from "@platform/offline";
import { chooseAvailabilityZones } from "../src/availability-zones";

const zoneLists = fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f"), { maxLength: 6 }).map((letters) => letters.map((l) => `eu-west-1${l}`));

describe("choosing availability zones", () => {
  it("returns the first azCount zones in AWS's order when the region has enough", () => {
    fc.assert(
      fc.property(zoneLists, fc.integer({ min: 1, max: 6 }), (names, azCount) => {
        fc.pre(azCount <= names.length);
        expect(chooseAvailabilityZones({ region: "eu-west-1", names }, azCount, "dev")).toEqual(names.slice(0, azCount));
      }),
    );
  });

  it("refuses more zones than the region has, for every shortfall", () => {
    fc.assert(
      fc.property(zoneLists, fc.integer({ min: 1, max: 6 }), (names, azCount) => {
        fc.pre(azCount > names.length);
        expect(() => chooseAvailabilityZones({ region: "eu-west-1", names }, azCount, "prod")).toThrow(PlatformError);
      }),
    );
  });

  it("names the key, the file, the region's count and the fix", () => {
    const attempt = () => chooseAvailabilityZones({ region: "ap-northeast-3", names: ["ap-northeast-3a", "ap-northeast-3b", "ap-northeast-3c"] }, 4, "prod");
    expect(attempt).toThrow(/^platform-network:azCount in stacks\/network\/Pulumi\.prod\.yaml is 4, but region ap-northeast-3 has only 3 available/);
    expect(attempt).toThrow(/nothing was created/);
    expect(attempt).toThrow(/pulumi config set platform-network:azCount 3 -C stacks\/network -s prod/);
  });
});

describe("the network stack with azCount 6", () => {
  it("places one app and one data subnet in each of six distinct zones of a six-zone region", async () => {
    const runs = await runStacks({ env: "dev", stacks: ["network"], config: { network: { azCount: 6 } } });
    const network = runs.network as StackRun;
    const subnets = resourcesOf(network, "aws:ec2/subnet:Subnet").map((s) => plain<Record<string, unknown>>(s.inputs));
    expect(subnets).toHaveLength(12);
    expect(new Set(subnets.map((s) => s.availabilityZone)).size).toBe(6);
    expect(plain<Record<string, unknown>>(network.outputs).availabilityZones).toEqual(subnets.filter((s) => (s.tags as Record<string, string>).Tier === "app").map((s) => s.availabilityZone));
  });
});
