import Ajv, { type ErrorObject } from "ajv";
import { distance } from "fastest-levenshtein";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzerInfo, EnforcementLevel, PackConfig } from "./types";
import { toProtoLevel } from "./wire";

const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

/**
 * A policy pack config the user must fix (a misspelled policy or level, a value of the wrong
 * type): the message names the file, every wrong key and what is expected, and the command line
 * prints it without a stack trace.
 */
export class PolicyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyConfigError";
  }
}


/** The candidate a misspelled name most likely meant, as a hint. */
function suggestion(name: string, candidates: readonly string[]): string {
  const best = [...candidates].sort((x, y) => distance(name, x) - distance(name, y))[0];
  return best !== undefined && distance(name, best) <= Math.max(2, Math.floor(name.length / 4)) ? ` (did you mean "${best}"?)` : "";
}

// allErrors: report every wrong key at once; strict off: policy schemas may carry keywords
// (description, default) the validator need not know.
const ajv = new Ajv({ allErrors: true, strict: false });

/**
 * Checks a policy's resolved properties (defaults filled in) against its configSchema exactly as
 * the Pulumi CLI does before it configures a pack: the schema as `{ type: "object", properties,
 * required }`, validated with JSON Schema (pulumi/pulumi pkg/resource/analyzer/config.go,
 * validatePolicyPackConfig, validatePolicyConfig and convertSchema, at 4b9e033a). Without this a
 * wrong-typed value reaches the policy, which may then never fire.
 */
function schemaProblems(policyName: string, schema: NonNullable<AnalyzerInfo["policies"][number]["configSchema"]>, properties: Record<string, unknown>): string[] {
  const jsonSchema = { type: "object", ...(Object.keys(schema.properties).length > 0 ? { properties: schema.properties } : {}), ...(schema.required.length > 0 ? { required: schema.required } : {}) };
  const validate = ajv.compile(jsonSchema);
  if (validate(properties)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => {
    const missing = e.keyword === "required" ? String((e.params as { missingProperty?: string }).missingProperty) : undefined;
    const parts = [...e.instancePath.split("/").filter(Boolean), ...(missing === undefined ? [] : [missing])];
    // exemptions/0/reason reads as exemptions[0].reason, the way the file is written.
    const key = parts.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : `${i === 0 ? "" : "."}${part}`)).join("");
    const top = parts[0] ?? "";
    const expected = schema.properties[top] === undefined ? "" : `; the policy expects ${JSON.stringify(schema.properties[top])}`;
    if (missing !== undefined) return `"${policyName}.${key}" is required by the policy; add it${expected}`;
    return `"${policyName}.${key}" ${e.message ?? "is invalid"} (got ${JSON.stringify(valueAt(properties, e.instancePath))})${expected}`;
  });
}

function valueAt(value: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .filter(Boolean)
    .reduce<unknown>((v, part) => (typeof v === "object" && v !== null ? (v as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), value);
}

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
    if (key !== "all" && !names.has(key)) problems.push(`"${key}" is not a policy of pack ${info.name}${suggestion(key, [...names])}; remove it or fix the name`);
  }
  const resolved: Record<string, ResolvedPolicyConfig> = {};
  for (const policy of info.policies) {
    const entry = config[policy.name];
    let level: EnforcementLevel = typeof all === "string" && LEVELS.includes(all) ? (all as EnforcementLevel) : policy.enforcementLevel;
    let given: Record<string, unknown> = {};
    if (typeof entry === "string") {
      if (LEVELS.includes(entry)) level = entry;
      else problems.push(`"${policy.name}" must be an enforcement level (${LEVELS.join(", ")}) or an object (got "${entry}")${suggestion(entry, LEVELS)}`);
    } else if (entry !== undefined) {
      const { enforcementLevel, ...rest } = entry as Record<string, unknown>;
      if (enforcementLevel !== undefined) {
        if (typeof enforcementLevel === "string" && LEVELS.includes(enforcementLevel)) level = enforcementLevel as EnforcementLevel;
        else problems.push(`"${policy.name}.enforcementLevel" must be one of ${LEVELS.join(", ")} (got ${JSON.stringify(enforcementLevel)})${typeof enforcementLevel === "string" ? suggestion(enforcementLevel, LEVELS) : ""}`);
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
    const properties = { ...defaults, ...given };
    if (policy.configSchema !== undefined) problems.push(...schemaProblems(policy.name, policy.configSchema, properties));
    resolved[policy.name] = { enforcementLevel: level, properties };
  }
  if (problems.length > 0) throw new PolicyConfigError(`Invalid ${source}:\n  - ${problems.join("\n  - ")}`);
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
