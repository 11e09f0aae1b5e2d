import { z } from "zod";
import * as pulumi from "@pulumi/pulumi";
import { configBool, configInt, configLogRetention, configSecret, defineConfig, loadConfig } from "../src";

const spec = defineConfig(
  "network",
  { cidr: z.string().regex(/^\d+\.\d+\.\d+\.\d+\/\d+$/, "must be a CIDR"), count: configInt(1, 6), flag: configBool(), days: configLogRetention(), routes: z.array(z.object({ path: z.string() })) },
  { cidr: "10.0.0.0/16", count: "2", flag: "true", days: "30", routes: '[{"path": "/api/*"}]' },
);
const raw = (values: Record<string, string>, env = "dev") => ({ env, values: Object.fromEntries(Object.entries(values).map(([k, v]) => [`platform-network:${k}`, v])) });
const valid = { cidr: "10.0.0.0/16", count: "2", flag: "false", days: "30", routes: '[{"path":"/a"}]' };

describe("typed stack config", () => {
  it("parses Pulumi's string values into typed config and ignores other namespaces", () => {
    const config = loadConfig(spec, { env: "dev", values: { ...raw(valid).values, "aws:region": "ap-northeast-1" } });
    expect(config).toEqual({ cidr: "10.0.0.0/16", count: 2, flag: false, days: 30, routes: [{ path: "/a" }] });
  });

  it("reports every problem at once, each with its key and an example", () => {
    const attempt = () => loadConfig(spec, raw({ ...valid, cidr: "x", count: "9", flag: "yes", extra: "1" }));
    expect(attempt).toThrow(/platform-network:cidr: must be a CIDR \(got "x"\)\n\s+e\.g\. platform-network:cidr: 10\.0\.0\.0\/16/);
    expect(attempt).toThrow(/platform-network:count: .*<=6/);
    expect(attempt).toThrow(/platform-network:flag: .*expected boolean/);
    expect(attempt).toThrow(/platform-network:extra: not a setting of the network stack/);
    expect(attempt).toThrow(/stacks\/network\/Pulumi\.dev\.yaml; nothing was created/);
  });

  it("names the nested path of a structured value", () => {
    expect(() => loadConfig(spec, raw({ ...valid, routes: '[{"path": 3}]' }))).toThrow(/platform-network:routes\[0\]\.path: /);
  });

  it("refuses a retention CloudWatch Logs does not offer", () => {
    expect(() => loadConfig(spec, raw({ ...valid, days: "45" }))).toThrow(/platform-network:days: CloudWatch Logs accepts only these retention days/);
  });
});

describe("cross-key rules", () => {
  const ranged = defineConfig(
    "network",
    { min: configInt(0, 10), max: configInt(0, 10) },
    { min: "1", max: "5" },
    (c, ctx) => {
      if (c.min > c.max) ctx.addIssue({ code: "custom", path: ["min"], message: `must not exceed max (${c.max})` });
    },
  );

  it("accept config that satisfies the rule", () => {
    expect(loadConfig(ranged, raw({ min: "2", max: "3" }))).toEqual({ min: 2, max: 3 });
  });

  it("report a broken rule under the key it names, with that key's example", () => {
    expect(() => loadConfig(ranged, raw({ min: "7", max: "3" }))).toThrow(/platform-network:min: must not exceed max \(3\) \(got "7"\)\n\s+e\.g\. platform-network:min: 1/);
  });

  it("run only once every key parsed, so a per-key mistake is reported alone", () => {
    const attempt = () => loadConfig(ranged, raw({ min: "x", max: "3" }));
    expect(attempt).toThrow(/platform-network:min: .*expected number/);
    expect(attempt).not.toThrow(/must not exceed max/);
  });
});

describe("upstream stack names", () => {
  it("default to <org>/<project>/<env> and follow a configured template", () => {
    const { upstreamStackName } = jest.requireActual("../src") as typeof import("../src");
    expect(upstreamStackName("network", "prod", "acme")).toBe("acme/platform-network/prod");
    expect(upstreamStackName("network", "prod", "acme", "{project}.{env}")).toBe("platform-network.prod");
  });

  it("refuses a template that cannot tell stacks or environments apart", () => {
    expect(() => loadConfig(spec, raw({ ...valid, upstreamStackName: "{org}/shared" }))).toThrow(/platform-network:upstreamStackName: must contain \{project\} and \{env\}/);
  });
});

describe("secret config values", () => {
  // pulumi/pulumi sdk/nodejs/runtime/config.ts: allConfig() returns secrets decrypted and unmarked;
  // the keys that were `secure:` come separately (PULUMI_CONFIG_SECRET_KEYS, isConfigSecret).
  const secretSpec = defineConfig("network", { token: configSecret(z.string().min(3)), count: configInt(1, 6) }, { token: "abc", count: "2" });
  const secretRaw = (values: Record<string, string>, secretKeys: string[]) => ({ ...raw(values), secretKeys: secretKeys.map((k) => `platform-network:${k}`) });

  it("keep a secure value of a secret-capable key secret, and a plain one plain", async () => {
    const secret = loadConfig(secretSpec, secretRaw({ token: "s3cret", count: "2" }, ["token"]));
    expect(await pulumi.isSecret(secret.token)).toBe(true);
    expect(await new Promise((resolve) => secret.token.apply(resolve))).toBe("s3cret");
    const open = loadConfig(secretSpec, secretRaw({ token: "visible", count: "2" }, []));
    expect(await pulumi.isSecret(open.token)).toBe(false);
  });

  it("refuse a secure value for a key read as plain config, naming the key and not the value", () => {
    const attempt = () => loadConfig(secretSpec, secretRaw({ token: "abc", count: "5" }, ["count"]));
    expect(attempt).toThrow(/platform-network:count: stored encrypted \(secure:\), but the network stack reads it as plain config.*platform-network:token/);
    expect(attempt).not.toThrow(/got "?5/);
  });

  it("never echo an invalid secret value in the error", () => {
    const attempt = () => loadConfig(secretSpec, secretRaw({ token: "xy", count: "2" }, ["token"]));
    expect(attempt).toThrow(/platform-network:token: .*\(got a secret value\)/);
    expect(attempt).not.toThrow(/"xy"/);
  });
});
