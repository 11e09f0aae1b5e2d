import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzerInfo, EnforcementLevel, PackConfig } from "./types";
import { toProtoLevel } from "./wire";

const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface ResolvedPolicyConfig {
  readonly enforcementLevel: EnforcementLevel;
  readonly properties: Record<string, unknown>;
}

/**
 * Resolves a `--policy-pack-config` document against the pack's policies the way the Pulumi CLI
 * does before it calls Configure: "all" sets every policy's level, a policy's own entry overrides
 * it, schema defaults fill missing properties, and an entry naming no policy is an error.
 */
export function resolvePackConfig(info: AnalyzerInfo, config: PackConfig, source = "policy pack config"): Record<string, ResolvedPolicyConfig> {
  const problems: string[] = [];
  const names = new Set(info.policies.map((p) => p.name));
  const all = config.all;
  if (all !== undefined && (typeof all !== "string" || !LEVELS.includes(all))) {
    problems.push(`"all" must be one of ${LEVELS.join(", ")} (got ${JSON.stringify(all)})`);
  }
  for (const key of Object.keys(config)) {
    if (key !== "all" && !names.has(key)) problems.push(`"${key}" is not a policy of pack ${info.name}; remove it or fix the name`);
  }
  const resolved: Record<string, ResolvedPolicyConfig> = {};
  for (const policy of info.policies) {
    const entry = config[policy.name];
    let level: EnforcementLevel = typeof all === "string" && LEVELS.includes(all) ? (all as EnforcementLevel) : policy.enforcementLevel;
    let given: Record<string, unknown> = {};
    if (typeof entry === "string") {
      if (LEVELS.includes(entry)) level = entry;
      else problems.push(`"${policy.name}" must be an enforcement level (${LEVELS.join(", ")}) or an object (got "${entry}")`);
    } else if (entry !== undefined) {
      const { enforcementLevel, ...rest } = entry as Record<string, unknown>;
      if (enforcementLevel !== undefined) {
        if (typeof enforcementLevel === "string" && LEVELS.includes(enforcementLevel)) level = enforcementLevel as EnforcementLevel;
        else problems.push(`"${policy.name}.enforcementLevel" must be one of ${LEVELS.join(", ")}`);
      }
      const schema = policy.configSchema?.properties ?? {};
      for (const key of Object.keys(rest)) {
        if (!(key in schema)) problems.push(`"${policy.name}.${key}" is not a config property of the policy (known: ${Object.keys(schema).join(", ") || "none"})`);
      }
      given = rest;
    }
    const defaults: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      const d = (schema as { default?: unknown }).default;
      if (d !== undefined) defaults[key] = d;
    }
    resolved[policy.name] = { enforcementLevel: level, properties: { ...defaults, ...given } };
  }
  if (problems.length > 0) throw new Error(`Invalid ${source}:\n  - ${problems.join("\n  - ")}`);
  return resolved;
}

export function toConfigureRequest(resolved: Record<string, ResolvedPolicyConfig>): analyzerproto.ConfigureAnalyzerRequest {
  const req = new analyzerproto.ConfigureAnalyzerRequest();
  const map = req.getPolicyconfigMap();
  for (const [name, c] of Object.entries(resolved)) {
    const pc = new analyzerproto.PolicyConfig();
    pc.setEnforcementlevel(toProtoLevel(c.enforcementLevel));
    pc.setProperties(structproto.Struct.fromJavaScript(c.properties as Record<string, structproto.JavaScriptValue>));
    map.set(name, pc);
  }
  return req;
}
