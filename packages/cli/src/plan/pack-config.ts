import * as fs from "node:fs";
import * as path from "node:path";
import type { PackConfig } from "@platform/analyzer";
import { EXEMPTIONS_POLICY, parseExemptions } from "@platform/policies/src/lib/exemptions";
import { UserError } from "../errors";

/**
 * The policy pack's config for an environment, read and checked before the pack starts. Light
 * on purpose (no gRPC, no SDK): `platform plan` checks it on its main thread before it starts the
 * pack from its worker, so a missing or broken file stops the plan before any stack runs.
 */
export function packConfigFile(repoRoot: string, env: string): string {
  return path.join(repoRoot, "policies", "config", `${env}.json`);
}

function readPackConfig(file: string, source: string): PackConfig {
  if (!fs.existsSync(file)) {
    throw new UserError(`${source} does not exist: the policy pack has no config for this environment. Copy policies/config/dev.json to it, or plan another --env.`);
  }
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as PackConfig;
  } catch (err) {
    throw new UserError(`${source} is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * Stops on invalid exemptions (policies/src/lib/exemptions.ts) with the file, each entry and its
 * fix: the pack would exempt nothing for them, and a plan must not look exempted when it is not.
 * `policies` (the pack's names) is known once the pack has started.
 */
export function checkExemptions(config: PackConfig, file: string, policies?: readonly string[]): void {
  const entry = config[EXEMPTIONS_POLICY];
  const value = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>).exemptions : undefined;
  const { problems } = parseExemptions(value, policies);
  if (problems.length === 0) return;
  throw new UserError(`${file}: invalid exemptions under "${EXEMPTIONS_POLICY}":\n  - ${problems.map((p) => p.message).join("\n  - ")}`);
}

/** The environment's pack config, with its exemptions checked (policy names are checked once the pack has started). */
export function readPackConfigFor(repoRoot: string, env: string): { config: PackConfig; source: string } {
  const file = packConfigFile(repoRoot, env);
  const source = path.relative(repoRoot, file);
  const config = readPackConfig(file, source);
  checkExemptions(config, source);
  return { config, source };
}
