import { PolicyConfigError, resolvePackConfig } from "../src/config";
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

describe("validation against each policy's configSchema, as the Pulumi CLI validates before Configure", () => {
  // The real schema of log-group-retention (policies/src/logs.ts).
  const pack: AnalyzerInfo = {
    name: "platform",
    version: "1.0.0",
    supportsConfig: true,
    policies: [
      { name: "log-group-retention", description: "", enforcementLevel: "mandatory", kind: "resource", configSchema: { properties: { minRetentionDays: { type: "integer", minimum: 1, default: 1 } }, required: [] } },
      { name: "needs-list", description: "", enforcementLevel: "advisory", kind: "resource", configSchema: { properties: { names: { type: "array", items: { type: "string" } } }, required: ["names"] } },
    ],
  };
  const problems = (config: Record<string, unknown>): string => {
    try {
      resolvePackConfig(pack, { "needs-list": { names: [] }, ...config } as never, "policies/config/dev.json");
      return "";
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyConfigError);
      return (error as Error).message;
    }
  };

  it("a wrong-typed value is refused with the file, the key, the value and what the policy expects", () => {
    expect(problems({ "log-group-retention": { minRetentionDays: "seven" } })).toBe(
      'Invalid policies/config/dev.json:\n  - "log-group-retention.minRetentionDays" must be integer (got "seven"); the policy expects {"type":"integer","minimum":1,"default":1}',
    );
    expect(problems({ "log-group-retention": { minRetentionDays: 0 } })).toContain('"log-group-retention.minRetentionDays" must be >= 1 (got 0)');
    expect(problems({ "needs-list": { names: ["a", 3] } })).toContain('"needs-list.names[1]" must be string (got 3)');
  });

  it("a required property that is missing is named", () => {
    expect(problems({ "needs-list": "advisory" })).toContain('"needs-list.names" is required by the policy; add it');
  });

  it("valid values and schema defaults pass", () => {
    expect(problems({ "log-group-retention": { minRetentionDays: 7 } })).toBe("");
    expect(problems({})).toBe("");
  });

  it("a misspelled policy name or level is a PolicyConfigError that suggests the right one", () => {
    expect(problems({ "log-group-retenion": "mandatory" })).toContain('"log-group-retenion" is not a policy of pack platform (did you mean "log-group-retention"?); remove it or fix the name');
    expect(problems({ "log-group-retention": "mandatroy" })).toContain('(got "mandatroy") (did you mean "mandatory"?)');
    expect(problems({ "log-group-retention": { enforcementLevel: "advisry" } })).toContain('"log-group-retention.enforcementLevel" must be one of advisory, mandatory, remediate, disabled (got "advisry") (did you mean "advisory"?)');
  });
});
