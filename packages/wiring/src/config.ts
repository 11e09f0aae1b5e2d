import * as pulumi from "@pulumi/pulumi";
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

export interface RawConfig {
  /** Full keys (`project:key`) to the string values Pulumi passes. */
  readonly values: Readonly<Record<string, string>>;
  /** The Pulumi stack name: the environment (`dev`, `prod`). */
  readonly env: string;
}

function currentRawConfig(): RawConfig {
  return { values: pulumi.runtime.allConfig(), env: pulumi.getStack() };
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

  const result = spec.schema.safeParse(input);
  if (result.success) return result.data;

  const examples = spec.examples as Record<string, string>;
  const problems: string[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push(`${prefix}${key}: not a setting of the ${spec.stack} stack. Valid keys: ${Object.keys(examples).sort().join(", ")}`);
      }
      continue;
    }
    const [top, ...rest] = issue.path.map(String);
    const where = `${prefix}${top ?? ""}${rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join("")}`;
    const got = top === undefined ? undefined : pathValue(input, issue.path);
    const example = top !== undefined && examples[top] !== undefined ? `\n      e.g. ${prefix}${top}: ${examples[top]}` : "";
    problems.push(`${where}: ${issue.message} (got ${describe(got)})${example}`);
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
