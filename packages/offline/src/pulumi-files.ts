import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PlatformError, STACKS, type StackName } from "@platform/wiring";

/** Stand-in for `secure:` config values, which only the stack's secrets provider can decrypt. */
export const OFFLINE_SECRET = "[offline secret]";

export interface StackFiles {
  readonly projectDir: string;
  readonly project: string;
  /** Absolute path of the program's entry file (Pulumi.yaml `main`, else index.ts). */
  readonly programPath: string;
  /** Absolute path of Pulumi.<env>.yaml (honouring `stackConfigDir`). */
  readonly configPath: string;
}

function readYaml(file: string): unknown {
  try {
    return parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new PlatformError(`${file} is not valid YAML: ${(err as Error).message}`);
  }
}

export function hasProject(repoRoot: string, stack: StackName): boolean {
  return fs.existsSync(path.resolve(repoRoot, STACKS[stack].dir, "Pulumi.yaml"));
}

export function stackFiles(repoRoot: string, stack: StackName, env: string): StackFiles {
  const projectDir = path.resolve(repoRoot, STACKS[stack].dir);
  const projectFile = path.join(projectDir, "Pulumi.yaml");
  if (!fs.existsSync(projectFile)) {
    throw new PlatformError(`${path.relative(repoRoot, projectFile) || "Pulumi.yaml"} does not exist: the ${stack} stack has no Pulumi project yet.`);
  }
  const project = readYaml(projectFile) as { name?: string; main?: string; stackConfigDir?: string } | null;
  if (project?.name !== STACKS[stack].project) {
    throw new PlatformError(`${projectFile} names the project "${project?.name}", but packages/wiring/src/graph.ts expects "${STACKS[stack].project}". Make them agree.`);
  }
  const main = project.main ?? ".";
  const mainPath = path.resolve(projectDir, main);
  const programPath = fs.existsSync(mainPath) && fs.statSync(mainPath).isDirectory() ? path.join(mainPath, "index.ts") : mainPath;
  const configDir = path.resolve(projectDir, project.stackConfigDir ?? ".");
  return { projectDir, project: project.name, programPath, configPath: path.join(configDir, `Pulumi.${env}.yaml`) };
}

export interface StackConfig {
  /** Full key (`namespace:key`) to the string Pulumi hands the program. */
  readonly values: Record<string, string>;
  readonly secretKeys: string[];
}

/**
 * Reads Pulumi.<env>.yaml the way the Pulumi CLI hands it to a program: keys without a namespace
 * belong to the project, objects and arrays become JSON strings, and `secure:` values (which only
 * the stack's secrets provider can decrypt) become an opaque stand-in marked secret.
 */
export function readStackConfig(files: StackFiles, repoRoot: string): StackConfig {
  const rel = path.relative(repoRoot, files.configPath);
  if (!fs.existsSync(files.configPath)) {
    const dir = path.dirname(files.configPath);
    const envs = fs.readdirSync(dir).map((f) => /^Pulumi\.([^.]+)\.ya?ml$/.exec(f)?.[1]).filter((e): e is string => e !== undefined);
    throw new PlatformError(
      `${rel} does not exist (environments of this stack: ${envs.length > 0 ? envs.sort().join(", ") : "none"}). ` +
        `Pick one of those, or copy one of their files to it and edit the values: pulumi stack init creates the stack, not its config.`,
    );
  }
  const doc = (readYaml(files.configPath) ?? {}) as { config?: Record<string, unknown> };
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(doc.config ?? {})) {
    const key = rawKey.includes(":") ? rawKey : `${files.project}:${rawKey}`;
    if (typeof value === "object" && value !== null && !Array.isArray(value) && "secure" in value) {
      values[key] = OFFLINE_SECRET;
      secretKeys.push(key);
    } else {
      values[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return { values, secretKeys };
}

/** Organization used for StackReference names when a stack's config does not set upstreamOrg. */
export const OFFLINE_ORGANIZATION = "organization";

/**
 * An override standing for a `secure:` value as the CLI hands it to the program: decrypted, with
 * its key in the secret keys (PULUMI_CONFIG_SECRET_KEYS), which the file's stand-in cannot show.
 */
export class SecretOverride {
  constructor(readonly value: unknown) {}
}

/** Applies test or CLI overrides to a stack's config, in the same string form Pulumi uses. */
export function withOverrides(config: StackConfig, project: string, overrides: Record<string, unknown> = {}): StackConfig {
  const values = { ...config.values };
  const secretKeys = new Set(config.secretKeys);
  for (const [rawKey, override] of Object.entries(overrides)) {
    const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
    const value = override instanceof SecretOverride ? override.value : override;
    if (override instanceof SecretOverride) secretKeys.add(key);
    else secretKeys.delete(key);
    if (value === undefined) delete values[key];
    else values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { values, secretKeys: [...secretKeys] };
}

/**
 * Everything a stack run needs but its upstreams' outputs: the program, its config with
 * overrides applied, and the organization its StackReferences are named under.
 */
export function prepareStackRun(repoRoot: string, stack: StackName, env: string, overrides?: Record<string, unknown>) {
  const files = stackFiles(repoRoot, stack, env);
  const config = withOverrides(readStackConfig(files, repoRoot), files.project, overrides);
  if (config.values["aws:region"] === undefined) {
    throw new PlatformError(`${path.relative(repoRoot, files.configPath)} does not set aws:region. Add it under config:, e.g. aws:region: ap-northeast-1`);
  }
  const organization = config.values[`${STACKS[stack].project}:upstreamOrg`] ?? OFFLINE_ORGANIZATION;
  return { stack, env, project: files.project, programPath: files.programPath, config, organization };
}
