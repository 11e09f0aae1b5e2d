import * as fs from "node:fs";
import * as path from "node:path";
import { STACK_NAMES, STACKS, type StackName } from "@platform/wiring/src/graph";
import { parse as parseYaml } from "yaml";
import { UserError } from "./errors";

/**
 * The folder holding a stack's `Pulumi.<env>.yaml` files: the project folder, or its
 * `stackConfigDir` when Pulumi.yaml sets one (the root bootstrap project keeps them in bootstrap/).
 */
export function stackConfigDir(root: string, stack: StackName): string {
  const projectDir = path.join(root, STACKS[stack].dir);
  const projectFile = path.join(projectDir, "Pulumi.yaml");
  if (fs.existsSync(projectFile)) {
    const project: unknown = parseYaml(fs.readFileSync(projectFile, "utf8"));
    if (typeof project === "object" && project !== null && "stackConfigDir" in project) {
      const dir = (project as { stackConfigDir: unknown }).stackConfigDir;
      if (typeof dir === "string" && dir !== "") return path.join(projectDir, dir);
    }
  }
  // Until the root Pulumi.yaml exists, assume the layout the design names.
  return stack === "bootstrap" ? path.join(root, "bootstrap") : projectDir;
}

/** A stack's environments: one per `Pulumi.<env>.yaml`, sorted. */
export function environmentsOf(root: string, stack: StackName): string[] {
  const dir = stackConfigDir(root, stack);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((file) => /^Pulumi\.([^.]+)\.ya?ml$/.exec(file)?.[1])
    .filter((env): env is string => env !== undefined)
    .sort();
}

/** Every environment any stack has, sorted. */
export function knownEnvironments(root: string): string[] {
  return [...new Set(STACK_NAMES.flatMap((s) => environmentsOf(root, s)))].sort();
}

/** Refuses an environment no stack has, listing the ones that exist. */
export function assertKnownEnvironment(root: string, env: string): void {
  const known = knownEnvironments(root);
  if (known.includes(env)) return;
  const list = known.length > 0 ? known.join(", ") : "none yet";
  throw new UserError(
    `unknown environment "${env}": no stack has a Pulumi.${env}.yaml (environments: ${list}). ` +
      `Pass --env with one of those, or create stacks/<stack>/Pulumi.${env}.yaml.`,
  );
}

/** The path of a stack's config file for an environment, relative to the root (for messages). */
export function configFileFor(root: string, stack: StackName, env: string): string {
  return path.relative(root, path.join(stackConfigDir(root, stack), `Pulumi.${env}.yaml`));
}
