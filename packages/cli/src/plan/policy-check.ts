import * as path from "node:path";
import { startPolicyPack, type AnalyzerResource, type PolicyPackClient } from "@platform/analyzer";
import type { RecordedResource, StackRun } from "@platform/offline";
import type { StackName } from "@platform/wiring";
import { untilDone } from "./cleanup";
import type { PlanViolation } from "./model";
import { checkExemptions, readPackConfigFor } from "./pack-config";

/** Resources the engine does not hand to analyzers: the stack itself and stack references. */
const NOT_ANALYZED = new Set(["pulumi:pulumi:Stack", "pulumi:pulumi:StackReference"]);

/** Starts the pack the way the Pulumi CLI does, configured for the environment. */
export async function startPackForEnv(repoRoot: string, env: string, hooks: { readonly onSpawn?: (pid: number | undefined) => void } = {}): Promise<PolicyPackClient> {
  const { config, source } = readPackConfigFor(repoRoot, env);
  const started = await startPolicyPack({ packDir: path.join(repoRoot, "policies"), config, configSource: source, ...hooks });
  // A plan stopped by a signal (a CI timeout sends SIGTERM to this process only) must not orphan the pack.
  const done = untilDone(() => {
    if (started.pid !== undefined) process.kill(started.pid, "SIGKILL");
  });
  const pack = { ...started, close: () => started.close().finally(done) };
  try {
    checkExemptions(config, source, (await pack.getAnalyzerInfo()).policies.map((p) => p.name));
  } catch (err) {
    await pack.close();
    throw err;
  }
  return pack;
}

/** The provider inputs the engine would configure a stack's default providers with, per package. */
export type DefaultProviderConfig = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * Default provider inputs from a stack's config: every `<package>:<key>` value, keyed by key, as
 * strings. The engine configures a default provider "using any stack configuration values whose
 * keys begin with `aws:`" (pulumi/pulumi docs/architecture/providers/default.md), so `aws:defaultTags`
 * reaches the provider as the JSON text of the object.
 */
export function defaultProviderConfig(configValues: Readonly<Record<string, string>>): DefaultProviderConfig {
  const out: Record<string, Record<string, string>> = {};
  for (const [key, value] of Object.entries(configValues)) {
    const at = key.indexOf(":");
    if (at > 0) (out[key.slice(0, at)] ??= {})[key.slice(at + 1)] = value;
  }
  return out;
}

const packageOf = (type: string): string => type.split(":")[0];

/**
 * The provider the engine hands the analyzer with a resource: the explicit one the program
 * registered, or else the package's default provider (`default`, configured from stack config;
 * named `default` here; the engine adds the version to the name).
 */
function providerOf(run: StackRun, r: RecordedResource, defaults: DefaultProviderConfig): AnalyzerResource["provider"] {
  const explicit = r.provider ? run.resources.find((x) => r.provider?.startsWith(`${x.urn}::`)) : undefined;
  if (explicit) return { urn: explicit.urn, type: explicit.type, name: explicit.name, properties: explicit.inputs };
  if (!r.custom || r.type.startsWith("pulumi:")) return undefined;
  const pkg = packageOf(r.type);
  const properties = defaults[pkg];
  if (properties === undefined) return undefined;
  const type = `pulumi:providers:${pkg}`;
  return { urn: `urn:pulumi:${run.env}::${run.project}::${type}::default`, type, name: "default", properties };
}

function toAnalyzerResource(run: StackRun, r: RecordedResource, defaults: DefaultProviderConfig): AnalyzerResource {
  const provider = providerOf(run, r, defaults);
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    properties: r.inputs,
    parent: r.parent,
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
    ...(provider ? { provider } : {}),
  };
}

/** Security Hub control ids by policy name, from the pack's own metadata (GetAnalyzerInfo). */
async function controlsOf(pack: PolicyPackClient): Promise<Map<string, string>> {
  const info = await pack.getAnalyzerInfo();
  return new Map(
    info.policies.flatMap((p) => (p.framework && p.framework.name === "aws-foundational-security-best-practices" ? [[p.name, p.framework.reference] as const] : [])),
  );
}

/**
 * Evaluates one stack's resources as the engine does during a preview: `analyze` for each
 * resource as it is registered, then `analyzeStack` once with all of them, each with its
 * provider (explicit, or the default one built from `defaults`, the stack's config).
 */
export async function checkStack(pack: PolicyPackClient, stack: StackName, run: StackRun, defaults: DefaultProviderConfig = {}): Promise<PlanViolation[]> {
  const resources = run.resources
    .filter((r) => !NOT_ANALYZED.has(r.type))
    .map((r) => toAnalyzerResource(run, r, defaults));
  const perResource = await Promise.all(resources.map((r) => pack.analyze(r).then((ds) => ds.map((d) => ({ ...d, urn: d.urn ?? r.urn })))));
  const stackWide = await pack.analyzeStack(resources);
  const controls = await controlsOf(pack);
  return [...perResource.flat(), ...stackWide].map((d) => ({
    stack,
    urn: d.urn,
    policyName: d.policyName,
    policyPackName: d.policyPackName,
    enforcementLevel: d.enforcementLevel,
    severity: d.severity,
    ...(controls.has(d.policyName) ? { control: controls.get(d.policyName) } : {}),
    message: d.message,
  }));
}
