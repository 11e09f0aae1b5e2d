import * as pulumi from "@pulumi/pulumi";
import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { PlatformError } from "./errors";
import { STACKS, type StackName, type StackSpec } from "./graph";

/**
 * Typed stack config: one zod shape per stack, an example for every key, loaded once.
 *
 * Pulumi hands config to programs as strings (objects and arrays as JSON strings); the loader
 * parses JSON objects/arrays and the `configInt`/`configBool` helpers parse scalars, so schemas
 * describe the values as the user wrote them in `Pulumi.<env>.yaml`.
 */
export interface ConfigSpec<Shape extends z.ZodRawShape> {
  readonly stack: StackName;
  readonly schema: z.ZodObject<Shape>;
  /** A valid value for every key, written as it would appear in Pulumi.<env>.yaml. */
  readonly examples: { readonly [K in keyof Shape]: string };
}

/** Keys every stack accepts: how to name upstream StackReferences. */
const sharedShape = {
  /** Pulumi organization (or DIY backend `organization`) that holds the upstream stacks. */
  upstreamOrg: z.string().min(1).optional(),
  /** How upstream stacks are named; `{org}`, `{project}` and `{env}` are filled in. */
  upstreamStackName: z
    .string()
    .refine((t) => t.includes("{project}") && t.includes("{env}"), { message: "must contain {project} and {env}, e.g. {org}/{project}/{env}" })
    .optional(),
};
const sharedExamples = { upstreamOrg: "acme", upstreamStackName: "{org}/{project}/{env}" };

export type ConfigOf<S extends ConfigSpec<z.ZodRawShape>> = z.output<S["schema"]>;

/** A cross-key rule: runs after every key parsed on its own, and reports with `ctx.addIssue({ path: [key], ... })`. */
export type ConfigRefinement<Shape extends z.ZodRawShape> = (
  config: z.output<z.ZodObject<Shape & typeof sharedShape>>,
  ctx: z.RefinementCtx<z.output<z.ZodObject<Shape & typeof sharedShape>>>,
) => void;

export function defineConfig<Shape extends z.ZodRawShape>(
  stack: StackName,
  shape: Shape,
  examples: { readonly [K in keyof Shape]: string },
  refine?: ConfigRefinement<Shape>,
): ConfigSpec<Shape & typeof sharedShape> {
  const schema = z.strictObject({ ...shape, ...sharedShape });
  return {
    stack,
    schema: refine === undefined ? schema : schema.superRefine(refine),
    examples: { ...examples, ...sharedExamples },
  };
}

function parseScalar(kind: "int" | "bool") {
  return (value: unknown): unknown => {
    if (typeof value !== "string") return value;
    const text = value.trim();
    if (kind === "bool") return text === "true" ? true : text === "false" ? false : value;
    return /^-?\d+$/.test(text) ? Number(text) : value;
  };
}

/** An integer config value; accepts the string form Pulumi passes to programs. */
export function configInt(min: number, max: number) {
  return z.preprocess(parseScalar("int"), z.number().int().min(min).max(max));
}

export function configBool() {
  return z.preprocess(parseScalar("bool"), z.boolean());
}

/** A number (not necessarily whole) in a range, e.g. a sample rate. */
export function configNumber(min: number, max: number) {
  return z.preprocess((v) => (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v), z.number().min(min).max(max));
}

/** Schemas made with configSecret: their keys may be stored encrypted (`secure:`). */
const secretCapable = new WeakSet<z.core.$ZodType>();

/**
 * A key whose value may be stored encrypted (`pulumi config set --secret`). Its typed value is a
 * `pulumi.Output`, secret when the stored value is, so every resource input and stack output
 * derived from it stays secret; other keys refuse a `secure:` value instead of dropping its secretness.
 */
export function configSecret<T extends z.ZodType>(schema: T) {
  const wrapped = schema.transform((value: z.output<T>) => pulumi.output(value));
  secretCapable.add(wrapped);
  return wrapped;
}

export interface RawConfig {
  /** Full keys (`project:key`) to the string values Pulumi passes. */
  readonly values: Readonly<Record<string, string>>;
  /** Full keys whose values were stored encrypted (`secure:`); Pulumi hands them over decrypted. */
  readonly secretKeys?: readonly string[];
  /** The Pulumi stack name: the environment (`dev`, `prod`). */
  readonly env: string;
}

/**
 * allConfig() returns plain strings, secrets decrypted and unmarked; which keys were secret comes
 * from the list the language host passes in PULUMI_CONFIG_SECRET_KEYS, read by the SDK's
 * isConfigSecret (pulumi/pulumi sdk/nodejs/runtime/config.ts; marked @internal, so absent from
 * the .d.ts). pulumi.Config.get uses the same check to warn about secrets read as plain values.
 */
const sdkConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(key: string): boolean };

function currentRawConfig(): RawConfig {
  const values = pulumi.runtime.allConfig();
  return { values, secretKeys: Object.keys(values).filter((key) => sdkConfig.isConfigSecret(key)), env: pulumi.getStack() };
}

function parseStructured(value: string): unknown {
  const text = value.trim();
  if (!text.startsWith("{") && !text.startsWith("[")) return value;
  try {
    return JSON.parse(text);
  } catch {
    return value;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "not set";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Reads this stack's keys from Pulumi config, validates them all, and either returns the typed
 * config or throws one PlatformError that lists every problem with its key and an example.
 */
export function loadConfig<Shape extends z.ZodRawShape>(spec: ConfigSpec<Shape>, raw: RawConfig = currentRawConfig()): z.output<z.ZodObject<Shape>> {
  const stackSpec = STACKS[spec.stack] as StackSpec;
  const { project, dir } = stackSpec;
  const prefix = `${project}:`;
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw.values)) {
    if (key.startsWith(prefix)) input[key.slice(prefix.length)] = parseStructured(value);
  }

  const shape: Readonly<Record<string, z.core.$ZodType>> = spec.schema.shape;
  const secretKeys = new Set((raw.secretKeys ?? []).filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)));
  const plainSecrets = [...secretKeys].filter((key) => shape[key] !== undefined && !secretCapable.has(shape[key]));

  const result = spec.schema.safeParse(input);
  if (result.success && plainSecrets.length === 0) {
    const data = result.data as Record<string, unknown>;
    for (const key of secretKeys) if (data[key] !== undefined) data[key] = pulumi.secret(data[key]);
    return result.data;
  }

  const examples = spec.examples as Record<string, string>;
  const problems: string[] = [];
  for (const key of plainSecrets) {
    const capable = Object.keys(shape).filter((k) => secretCapable.has(shape[k]));
    problems.push(
      `${prefix}${key}: stored encrypted (secure:), but the ${spec.stack} stack reads it as plain config, so its value would reach resource inputs and outputs unencrypted. ` +
        `Store it unencrypted (pulumi config set ${prefix}${key} <value>, without --secret)` +
        (capable.length > 0 ? `; keys of this stack that may be secrets: ${capable.map((k) => `${prefix}${k}`).join(", ")}` : "; no key of this stack may be a secret"),
    );
  }
  for (const issue of result.success ? [] : result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const known = Object.keys(examples).sort();
        const best = closest(key, known);
        const hint = best !== undefined && distance(key, best) <= Math.max(2, Math.floor(key.length / 4)) ? ` Did you mean ${prefix}${best}?` : "";
        problems.push(`${prefix}${key}: not a setting of the ${spec.stack} stack.${hint} Valid keys: ${known.join(", ")}`);
      }
      continue;
    }
    const [top, ...rest] = issue.path.map(String);
    const where = `${prefix}${top ?? ""}${rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join("")}`;
    // A secret's value is never echoed, not even when it is invalid.
    const got = top !== undefined && secretKeys.has(top) ? "a secret value" : describe(top === undefined ? undefined : pathValue(input, issue.path));
    const example = top !== undefined && examples[top] !== undefined ? `\n      e.g. ${prefix}${top}: ${examples[top]}` : "";
    // A key with no value and no default is missing, whatever type the schema expected.
    const missing = issue.code === "invalid_type" && got === "not set";
    problems.push(`${where}: ${missing ? "required, not set" : `${issue.message} (got ${got})`}${example}`);
  }
  const configDir = stackSpec.configDir ?? dir;
  const file = `${configDir === "." ? "" : `${configDir}/`}Pulumi.${raw.env}.yaml`;
  throw new PlatformError(
    `Invalid config for the ${spec.stack} stack in ${file}; nothing was created:\n  - ${problems.join("\n  - ")}\n` +
      `Fix the file, or run: pulumi config set <key> <value> -C ${dir} -s ${raw.env}`,
  );
}

function pathValue(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy), in days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** A CloudWatch Logs retention in days; anything CloudWatch would refuse is a config error. */
export function configLogRetention() {
  return z.preprocess(
    parseScalar("int"),
    z.number().refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
      message: `CloudWatch Logs accepts only these retention days: ${LOG_RETENTION_DAYS.join(", ")}`,
    }),
  );
}
