import { isSecretValue, plain, SecretOverride, type StackRun } from "@platform/offline";
import { oneOf } from "@platform/offline";
import { runEdge } from "./run-edge";

/**
 * A `secure:` config value reaches the program decrypted, with its key listed in
 * PULUMI_CONFIG_SECRET_KEYS (pulumi/pulumi sdk/nodejs/runtime/config.ts, isConfigSecret);
 * pulumi.runtime.allConfig() alone drops that mark. SecretOverride feeds the offline run exactly
 * that: the decrypted value plus the secret key, as setAllConfig(values, secretKeys) does for the CLI.
 */
const SAMPLE_RATE = 0.37;

/** Every place a value occurs outside a secret wrapper, as a path. */
function plainOccurrences(value: unknown, needle: unknown, at = "$"): string[] {
  if (isSecretValue(value)) return [];
  if (value === needle) return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => plainOccurrences(v, needle, `${at}[${i}]`));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => plainOccurrences(v, needle, `${at}.${k}`));
  return [];
}

describe("edge stack: a secret config value stays secret end to end", () => {
  let run: StackRun;
  beforeAll(async () => {
    run = await runEdge("dev", { config: { rumSessionSampleRate: new SecretOverride(String(SAMPLE_RATE)) } });
  });

  it("feeds the app monitor (a resource input) as a secret", () => {
    const monitor = oneOf(run, "aws:rum/appMonitor:AppMonitor");
    const config = monitor.inputs.appMonitorConfiguration as Record<string, unknown>;
    expect(isSecretValue(config) || isSecretValue(config.sessionSampleRate)).toBe(true);
    expect(plain<{ sessionSampleRate: number }>(config).sessionSampleRate).toBe(SAMPLE_RATE);
  });

  it("exports it (a stack output) as a secret", () => {
    expect(isSecretValue(run.outputs.rumSessionSampleRate)).toBe(true);
    expect(plain(run.outputs.rumSessionSampleRate)).toBe(SAMPLE_RATE);
  });

  it("leaves its value in plain text nowhere: no resource input or output, no stack output", () => {
    const leaks = [
      ...run.resources.flatMap((r) => [...plainOccurrences(r.inputs, SAMPLE_RATE, `${r.name}.inputs`), ...plainOccurrences(r.outputs, SAMPLE_RATE, `${r.name}.outputs`)]),
      ...plainOccurrences(run.outputs, SAMPLE_RATE, "outputs"),
    ];
    expect(leaks).toEqual([]);
  });

  it("refuses a secret for a key the stack reads as plain config, naming the key and not the value", async () => {
    const topic = "arn:aws:sns:us-east-1:123456789012:private-oncall";
    const attempt = runEdge("dev", { config: { alarmTopicArn: new SecretOverride(topic) } });
    await expect(attempt).rejects.toThrow(/platform-edge:alarmTopicArn: stored encrypted \(secure:\), but the edge stack reads it as plain config[\s\S]*platform-edge:rumSessionSampleRate/);
    await expect(attempt).rejects.not.toThrow(topic);
  });
});
