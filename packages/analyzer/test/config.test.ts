import { resolvePackConfig } from "../src/config";
import type { AnalyzerInfo } from "../src/types";

const info: AnalyzerInfo = {
  name: "pack",
  version: "1.0.0",
  supportsConfig: true,
  policies: [
    { name: "a", description: "", enforcementLevel: "advisory", kind: "resource" },
    { name: "b", description: "", enforcementLevel: "mandatory", kind: "stack", configSchema: { properties: { days: { type: "integer", default: 30 }, names: { type: "array" } }, required: [] } },
  ],
};

describe("policy pack config resolution", () => {
  it("keeps each policy's own level when the config says nothing, and fills schema defaults", () => {
    expect(resolvePackConfig(info, {})).toEqual({ a: { enforcementLevel: "advisory", properties: {} }, b: { enforcementLevel: "mandatory", properties: { days: 30 } } });
  });

  it("applies all to every policy and lets a policy's own entry override it", () => {
    const resolved = resolvePackConfig(info, { all: "disabled", b: { enforcementLevel: "advisory", days: 365 } });
    expect(resolved.a.enforcementLevel).toBe("disabled");
    expect(resolved.b).toEqual({ enforcementLevel: "advisory", properties: { days: 365 } });
  });

  it("reports every problem at once with the source and the key", () => {
    expect(() => resolvePackConfig(info, { all: "loud" as never, c: "advisory", a: "sometimes" as never, b: { months: 1 } }, "config/dev.json")).toThrow(
      /Invalid config\/dev\.json:\n {2}- "all" must be one of[\s\S]*"c" is not a policy of pack pack[\s\S]*"a" must be an enforcement level[\s\S]*"b\.months" is not a config property of the policy \(known: days, names\)/,
    );
  });
});
