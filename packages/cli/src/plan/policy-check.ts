import * as fs from "node:fs";
import * as path from "node:path";
import { startPolicyPack, type AnalyzerResource, type PackConfig, type PolicyPackClient } from "@platform/analyzer";
import { EXEMPTIONS_POLICY, parseExemptions } from "@platform/policies/src/lib/exemptions";
import type { RecordedResource, StackRun } from "@platform/offline";
import type { StackName } from "@platform/wiring";
import { UserError } from "../errors";
import type { PlanViolation } from "./model";

/** Resources the engine does not hand to analyzers: the stack itself and stack references. */
const NOT_ANALYZED = new Set(["pulumi:pulumi:Stack", "pulumi:pulumi:StackReference"]);

export function packConfigFile(repoRoot: string, env: string): string {
  return path.join(repoRoot, "policies", "config", `${env}.json`);
}

function readPackConfig(file: string): PackConfig {
  if (!fs.existsSync(file)) {
    throw new UserError(`${file} does not exist: the policy pack has no config for this environment. Copy policies/config/dev.json to it, or plan another --env.`);
  }
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as PackConfig;
  } catch (err) {
    throw new UserError(`${file} is not valid JSON: ${(err as Error).message}`);
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

/** Starts the pack the way the Pulumi CLI does, configured for the environment. */
export async function startPackForEnv(repoRoot: string, env: string): Promise<PolicyPackClient> {
  const file = packConfigFile(repoRoot, env);
  const source = path.relative(repoRoot, file);
  const config = readPackConfig(file);
  checkExemptions(config, source);
  const pack = await startPolicyPack({ packDir: path.join(repoRoot, "policies"), config, configSource: source });
  try {
    checkExemptions(config, source, (await pack.getAnalyzerInfo()).policies.map((p) => p.name));
  } catch (err) {
    await pack.close();
    throw err;
  }
  return pack;
}

function toAnalyzerResource(run: StackRun, r: RecordedResource): AnalyzerResource {
  const provider = r.provider ? run.resources.find((x) => r.provider?.startsWith(`${x.urn}::`)) : undefined;
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    properties: r.inputs,
    parent: r.parent,
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
    ...(provider ? { provider: { urn: provider.urn, type: provider.type, name: provider.name, properties: provider.inputs } } : {}),
  };
}

/**
 * Evaluates one stack's resources as the engine does during a preview: `analyze` for each
 * resource as it is registered, then `analyzeStack` once with all of them.
 */
export async function checkStack(pack: PolicyPackClient, stack: StackName, run: StackRun): Promise<PlanViolation[]> {
  const resources = run.resources
    .filter((r) => !NOT_ANALYZED.has(r.type))
    .map((r) => toAnalyzerResource(run, r));
  const perResource = await Promise.all(resources.map((r) => pack.analyze(r).then((ds) => ds.map((d) => ({ ...d, urn: d.urn ?? r.urn })))));
  const stackWide = await pack.analyzeStack(resources);
  return [...perResource.flat(), ...stackWide].map((d) => ({
    stack,
    urn: d.urn,
    policyName: d.policyName,
    policyPackName: d.policyPackName,
    enforcementLevel: d.enforcementLevel,
    severity: d.severity,
    message: d.message,
  }));
}
